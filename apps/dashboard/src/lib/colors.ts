/** Chart colours: distinguishable with common colour-vision deficiencies, dark enough on white (Okabe–Ito). */
export const COLORS = [
  '#0b5d7a',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#0072b2',
  '#e69f00',
  '#56b4e9',
  '#999933',
];
