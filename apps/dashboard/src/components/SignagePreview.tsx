import { type Content, contentAdminRoutes } from '@vigevano/protocol';
import { ItemView, type SignagePanelData, type SignageShape, type SignageText } from '@vigevano/signage';
import { useEffect, useRef, useState } from 'react';
import { apiUrl } from '../api';

/** The kiosks' screens in CSS px, as the kiosk lays them out (apps/kiosk/src/ui/kiosk-shape.ts). */
const SCREENS: Record<SignageShape, { width: number; height: number; label: string }> = {
  portrait: { width: 1080, height: 1920, label: 'Totem verticale (1080×1920)' },
  landscape: { width: 1920, height: 1080, label: 'Schermo orizzontale (1920×1080)' },
};

const timeFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The kiosk's Italian words (resources/translations/it.json), for the preview. */
function italianText(kind: string): SignageText {
  return {
    kind,
    todayHere: "Oggi all'hub",
    todayOtherHubs: 'Oggi nelle altre sedi',
    howToGetThere: 'Come arrivare alle altre sedi',
    noSessions: 'Sul totem: le attività di oggi della sede.',
    closedToday: 'Chiuso oggi',
    freePlaces: (places) => `Posti liberi: ${places}`,
    full: 'Completo',
    walking: (minutes) => `A piedi: ${minutes} min`,
    cycling: (minutes) => `In bicicletta: ${minutes} min`,
    approximate: 'tempi stimati, indicativi',
    noDirectory: 'Sul totem: le altre sedi, i tempi a piedi e in bicicletta, le note sui mezzi pubblici.',
    ticker: 'Altre notizie',
    time: (ms) => timeFormat.format(ms),
  };
}

const NO_PANEL_DATA: SignagePanelData = { hubId: '', here: [], directory: null, now: 0 };

/**
 * The item as an idle kiosk's info screen shows it, drawn by the kiosk's own components (packages/signage) at the
 * chosen kiosk shape's real size, then scaled down to fit the column: what a coordinator sees is the kiosk's
 * layout, not an imitation of it. Panels show what they will hold instead of one hub's data.
 */
export function SignagePreview({
  item,
  kindLabel,
  others,
}: {
  item: Content;
  kindLabel: string;
  /** the items the zones layout's ticker lists */
  others: Content[];
}) {
  const [shape, setShape] = useState<SignageShape>('portrait');
  const screen = SCREENS[shape];
  const frame = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(360);
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 360));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const scale = width / screen.width;
  return (
    <figure className="signage-preview" aria-label="Anteprima sullo schermo del totem">
      <fieldset className="row">
        <legend>Forma dello schermo</legend>
        {(Object.keys(SCREENS) as SignageShape[]).map((s) => (
          <label key={s}>
            <input type="radio" name="preview-shape" checked={shape === s} onChange={() => setShape(s)} />{' '}
            {SCREENS[s].label}
          </label>
        ))}
      </fieldset>
      <div ref={frame} className="signage-frame" style={{ blockSize: screen.height * scale }}>
        <div
          className="signage-screen"
          style={{ inlineSize: screen.width, blockSize: screen.height, transform: `scale(${scale})` }}
        >
          <ItemView
            item={item}
            shape={shape}
            language="it"
            mediaUrl={(fileId) => apiUrl(contentAdminRoutes.image, { params: { imageId: fileId } })}
            legacyImage
            text={italianText(kindLabel)}
            panels={NO_PANEL_DATA}
            others={others}
          />
        </div>
      </div>
      <figcaption>Come sul totem, nell'impaginazione scelta</figcaption>
    </figure>
  );
}
