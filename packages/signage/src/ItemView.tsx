import type { Content, ContentLayout, Language } from '@vigevano/protocol';
import { contentLanguage } from './content-language';
import { directionOf } from './direction';
import styles from './ItemView.module.css';
import { MediaView } from './MediaView';
import { mediaFor } from './media';
import type { SignagePanelData } from './panels/panel-data';
import { SidePanel } from './panels/SidePanel';
import { Ticker } from './Ticker';
import type { SignageShape, SignageText } from './text';

export interface ItemViewProps {
  item: Content;
  /** the screen's shape: the layout's arrangement and the media rendition follow it */
  shape: SignageShape;
  /** overrides the item's own layout (the dashboard's preview of another one); default: item.layout ?? 'card' */
  layout?: ContentLayout;
  /** the visitor's language; the item shows in contentLanguage's fallback of it */
  language: Language;
  /** where a media file's bytes are fetched (kiosk: its hub service's /media/<id>; dashboard: the server's) */
  mediaUrl: (fileId: string) => string;
  /** show a version 0 `image` too (only the dashboard has those bytes) */
  legacyImage?: boolean;
  text: SignageText;
  /** the built-in panels' data (the zones layout's side panel) */
  panels: SignagePanelData;
  /** the other items, whose titles the zones layout's ticker lists */
  others: Content[];
}

/**
 * One info-screen item in its layout, filling the box it is given (the kiosk's screen, or the dashboard's scaled
 * preview frame): 'card' (words on a card, the picture beside or above), 'fullscreen' (the picture fills the box,
 * the title on a band across it) or 'zones' (the item in the main zone, a built-in panel beside or below it, the
 * ticker at the bottom). Titles and text are React text children, never HTML; each carries its own `lang` and
 * `dir`, so an Italian fallback reads left to right inside a mirrored Arabic screen. Props only: no calls.
 */
export function ItemView(props: ItemViewProps) {
  const { item, shape, language, text } = props;
  const layout = props.layout ?? item.layout ?? 'card';
  const shown = contentLanguage(item.title, item.body, language);
  const media = mediaFor(item, shape, props.legacyImage ?? false);
  const words = (
    <div className={styles.words} lang={shown} dir={directionOf(shown)}>
      <p className={styles.kind}>{text.kind}</p>
      <h2 className={styles.title}>{item.title[shown]}</h2>
      <p className={styles.body}>{item.body[shown]}</p>
    </div>
  );
  const picture = media ? (
    <div className={styles.media}>
      <MediaView media={media} mediaUrl={props.mediaUrl} className={styles.mediaFile} />
    </div>
  ) : null;
  return (
    <article
      className={styles.item}
      data-signage-item={item.id}
      data-layout={layout}
      data-shape={shape}
      data-media={media ? media.kind : 'none'}
    >
      {layout === 'zones' ? (
        <div className={styles.zones}>
          <div className={styles.main}>
            {picture}
            {words}
          </div>
          <div className={styles.side}>
            <SidePanel panel={item.panel} data={props.panels} text={text} />
          </div>
          <Ticker items={props.others} language={language} text={text} />
        </div>
      ) : layout === 'fullscreen' ? (
        <div className={styles.fullscreen}>
          {picture}
          <div className={styles.band}>{words}</div>
        </div>
      ) : (
        <div className={styles.card}>
          {picture}
          {words}
        </div>
      )}
    </article>
  );
}
