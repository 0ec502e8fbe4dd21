import type { ContentPanel } from '@vigevano/protocol';
import type { SignageText } from '../text';
import { HowToGetThere } from './HowToGetThere';
import type { SignagePanelData } from './panel-data';
import { TodayHere } from './TodayHere';
import { TodayOtherHubs } from './TodayOtherHubs';

/** The built-in panel an item names (absent: 'today-here', as the content schema says). */
export function SidePanel({
  panel,
  data,
  text,
}: {
  panel: ContentPanel | undefined;
  data: SignagePanelData;
  text: SignageText;
}) {
  switch (panel ?? 'today-here') {
    case 'today-other-hubs':
      return <TodayOtherHubs data={data} text={text} />;
    case 'how-to-get-there':
      return <HowToGetThere data={data} text={text} />;
    default:
      return <TodayHere data={data} text={text} />;
  }
}
