export { contentLanguage } from './content-language';
export { directionOf } from './direction';
export { ItemView, type ItemViewProps } from './ItemView';
export type { PanelSession, SignagePanelData } from './panels/panel-data';
export type { SignageShape, SignageText } from './text';
