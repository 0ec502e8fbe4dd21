import type { Content } from '@vigevano/protocol';

type Key = 'cavallerizza' | 'sforzesca' | 'ticino';

/**
 * Info-screen items of the demo city, in Italian and English. `for`: the hubs that show it (none: every hub).
 * Their layouts and panels cover every layout and built-in panel, so `npm start` shows each on the info screen.
 */
export const DEMO_CONTENT: Array<
  Pick<Content, 'kind' | 'title' | 'body' | 'priority' | 'layout' | 'panel'> & { for: Key[] }
> = [
  {
    kind: 'news',
    for: [],
    priority: 80,
    layout: 'fullscreen',
    title: { it: 'Benvenuti negli Hub di Vigevano', en: 'Welcome to the Vigevano hubs' },
    body: {
      it: 'Corsi, laboratori e sportelli gratuiti in tre luoghi della città. Mostra la tua tessera al totem per entrare.',
      en: 'Free courses, workshops and help desks in three places of the city. Show your card to the kiosk to check in.',
    },
  },
  {
    kind: 'opportunity',
    for: ['sforzesca', 'ticino'],
    priority: 60,
    layout: 'zones',
    panel: 'today-other-hubs',
    title: { it: 'Il mio primo CV – Hub Cavallerizza', en: 'My first CV – Hub Cavallerizza' },
    body: {
      it: 'Martedì e giovedì alle 15: scrivi il tuo curriculum e prepara un colloquio con un orientatore.',
      en: 'Tuesdays and Thursdays at 3 pm: write your CV and practise an interview with a careers adviser.',
    },
  },
  {
    kind: 'opportunity',
    for: ['cavallerizza', 'ticino'],
    priority: 55,
    layout: 'zones',
    panel: 'today-here',
    title: { it: 'Smartphone senza paura – Hub Sforzesca', en: 'Smartphones without fear – Hub Sforzesca' },
    body: {
      it: 'Lunedì e giovedì alle 10: SPID, fascicolo sanitario e app del Comune, con calma e in piccoli gruppi.',
      en: 'Mondays and Thursdays at 10 am: digital ID, health records and the city app, calmly and in small groups.',
    },
  },
  {
    kind: 'directions',
    for: [],
    priority: 40,
    layout: 'zones',
    panel: 'how-to-get-there',
    title: { it: 'Dal Ticino al Centro in bici', en: 'From the Ticino to the centre by bike' },
    body: {
      it: 'Hub Riva del Ticino → Piazza Ducale: 12 minuti in bici sulla ciclabile, 25 a piedi, bus linea 1 ogni 30 minuti.',
      en: 'Hub Riva del Ticino → Piazza Ducale: 12 minutes by bike on the cycle path, 25 on foot, bus line 1 every 30 minutes.',
    },
  },
  {
    kind: 'notice',
    for: [],
    priority: 70,
    layout: 'card',
    title: { it: 'Chiusura 8 dicembre', en: 'Closed on 8 December' },
    body: {
      it: "Per la festa dell'Immacolata tutti gli hub restano chiusi. Buone feste!",
      en: 'All hubs are closed for the Immaculate Conception holiday. Happy holidays!',
    },
  },
];
