import type { Language, TargetGroup } from '@vigevano/protocol';

// The demo city: three hubs in reused buildings of Vigevano, with the strategy's target groups. Names and
// districts are Vigevano's; the exact addresses and programmes are illustrative, not real bookings.

export interface DemoHub {
  key: 'cavallerizza' | 'sforzesca' | 'ticino';
  name: string;
  address: string;
  area: string;
  targetGroups: TargetGroup[];
  focus: { assistance: string; promotion: string };
  position: { lat: number; lon: number };
  usesCheckout: boolean;
  activities: Array<{
    kind: 'lesson' | 'workshop' | 'desk';
    activity: string;
    title: string;
    targetGroup: TargetGroup;
    /** local start time and length in minutes */
    start: string;
    minutes: number;
    /** weekdays, 1 = Monday */
    days: number[];
    capacity: number;
    facilitator: string;
  }>;
}

export const DEMO_HUBS: DemoHub[] = [
  {
    key: 'cavallerizza',
    name: 'Hub Cavallerizza',
    address: 'Via Rocca Vecchia 3, 27029 Vigevano (PV)',
    area: 'Centro',
    targetGroups: ['young_neet', 'migrant_background'],
    focus: {
      assistance: 'Orientamento al lavoro e sportello documenti',
      promotion: 'Laboratori digitali e corsi di italiano per il lavoro',
    },
    position: { lat: 45.3176, lon: 8.8586 },
    usesCheckout: true,
    activities: [
      {
        kind: 'lesson',
        activity: 'Italiano per il lavoro',
        title: 'Italiano per il lavoro – livello A2',
        targetGroup: 'migrant_background',
        start: '09:30',
        minutes: 120,
        days: [1, 3, 5],
        capacity: 18,
        facilitator: 'Chiara Bellini',
      },
      {
        kind: 'workshop',
        activity: 'Laboratorio CV e colloqui',
        title: 'Il mio primo CV',
        targetGroup: 'young_neet',
        start: '15:00',
        minutes: 90,
        days: [2, 4],
        capacity: 12,
        facilitator: 'Davide Ferrari',
      },
      {
        kind: 'desk',
        activity: 'Sportello orientamento',
        title: 'Sportello orientamento al lavoro',
        targetGroup: 'everyone',
        start: '10:00',
        minutes: 180,
        days: [2, 6],
        capacity: 0,
        facilitator: 'Sara Colombo',
      },
    ],
  },
  {
    key: 'sforzesca',
    name: 'Hub Sforzesca',
    address: 'Frazione Sforzesca 12, 27029 Vigevano (PV)',
    area: 'Sforzesca',
    targetGroups: ['elderly', 'fragile_housing_families'],
    focus: {
      assistance: 'Sportello casa, bollette e servizi sociali',
      promotion: 'Competenze digitali per la terza età e orto condiviso',
    },
    position: { lat: 45.2958, lon: 8.884 },
    usesCheckout: false,
    activities: [
      {
        kind: 'lesson',
        activity: 'Smartphone senza paura',
        title: 'Smartphone senza paura: SPID e app del Comune',
        targetGroup: 'elderly',
        start: '10:00',
        minutes: 90,
        days: [1, 4],
        capacity: 15,
        facilitator: 'Giorgio Riva',
      },
      {
        kind: 'desk',
        activity: 'Sportello casa',
        title: 'Sportello casa e bollette',
        targetGroup: 'fragile_housing_families',
        start: '14:30',
        minutes: 150,
        days: [2, 5],
        capacity: 0,
        facilitator: 'Anna Galli',
      },
      {
        kind: 'workshop',
        activity: 'Orto condiviso',
        title: "Orto condiviso: preparare l'inverno",
        targetGroup: 'elderly',
        start: '09:00',
        minutes: 120,
        days: [3, 6],
        capacity: 20,
        facilitator: 'Luigi Moretti',
      },
    ],
  },
  {
    key: 'ticino',
    name: 'Hub Riva del Ticino',
    address: 'Via Valletta Fogliano 8, 27029 Vigevano (PV)',
    area: 'Ticino',
    targetGroups: ['fragile_housing_families', 'people_with_disabilities', 'everyone'],
    focus: {
      assistance: 'Doposcuola e sportello servizi digitali accessibili',
      promotion: 'Mobilità sostenibile tra Ticino e Centro, laboratori per famiglie',
    },
    position: { lat: 45.327, lon: 8.889 },
    usesCheckout: false,
    activities: [
      {
        kind: 'workshop',
        activity: 'Compiti insieme',
        title: 'Compiti insieme (scuola primaria e media)',
        targetGroup: 'fragile_housing_families',
        start: '16:00',
        minutes: 120,
        days: [1, 2, 3, 4],
        capacity: 16,
        facilitator: 'Marta Fontana',
      },
      {
        kind: 'workshop',
        activity: 'Bici in sicurezza',
        title: 'Bici in sicurezza: dal Ticino al Centro',
        targetGroup: 'everyone',
        start: '10:00',
        minutes: 120,
        days: [6],
        capacity: 14,
        facilitator: 'Paolo Rinaldi',
      },
      {
        kind: 'desk',
        activity: 'Sportello servizi digitali',
        title: 'Sportello servizi digitali accessibili',
        targetGroup: 'people_with_disabilities',
        start: '09:30',
        minutes: 150,
        days: [5],
        capacity: 0,
        facilitator: 'Elisa Conti',
      },
    ],
  },
];

/** Opening hours of every demo hub: weekdays 9–19, Saturday morning. */
export const DEMO_OPENING_HOURS = [1, 2, 3, 4, 5]
  .map((day) => ({ day, open: '09:00', close: '19:00' }))
  .concat([{ day: 6, open: '09:00', close: '13:00' }]);

/** Sixty visitors' aliases with the language they like to be greeted in (cards carry alias and language). */
export const DEMO_VISITORS: Array<[string, Language]> = [
  ['Maria', 'it'],
  ['Giulia', 'it'],
  ['Luca', 'it'],
  ['Francesca', 'it'],
  ['Marco', 'it'],
  ['Chiara', 'it'],
  ['Paolo', 'it'],
  ['Elena', 'it'],
  ['Giorgio', 'it'],
  ['Rosa', 'it'],
  ['Alessio', 'it'],
  ['Teresa', 'it'],
  ['Franco', 'it'],
  ['Lucia', 'it'],
  ['Matteo', 'it'],
  ['Angela', 'it'],
  ['Nicolò', 'it'],
  ['Bruna', 'it'],
  ['Ahmed', 'ar'],
  ['Fatima', 'ar'],
  ['Youssef', 'ar'],
  ['Amina', 'ar'],
  ['Samira', 'ar'],
  ['Omar', 'ar'],
  ['Olena', 'uk'],
  ['Mykola', 'uk'],
  ['Iryna', 'uk'],
  ['Oksana', 'uk'],
  ['Andrei', 'ro'],
  ['Ioana', 'ro'],
  ['Mihai', 'ro'],
  ['Elena R.', 'ro'],
  ['Florin', 'ro'],
  ['Elira', 'sq'],
  ['Dritan', 'sq'],
  ['Arben', 'sq'],
  ['Blerina', 'sq'],
  ['Wei', 'zh'],
  ['Li Na', 'zh'],
  ['Chen', 'zh'],
  ['Lucía', 'es'],
  ['Mateo', 'es'],
  ['Valentina', 'es'],
  ['Carlos', 'es'],
  ['Amadou', 'fr'],
  ['Aïcha', 'fr'],
  ['Moussa', 'fr'],
  ['Fatou', 'fr'],
  ['Grace', 'en'],
  ['Samuel', 'en'],
  ['Joy', 'en'],
  ['Daniel', 'en'],
  ['Sofia', 'it'],
  ['Riccardo', 'it'],
  ['Ilaria', 'it'],
  ['Walter', 'it'],
  ['Gabriella', 'it'],
  ['Kevin', 'it'],
  ['Noemi', 'it'],
  ['Ernesto', 'it'],
];

export const DEMO_USERS = [
  { role: 'admin', email: 'admin@vigevano.demo', name: 'Amministrazione demo' },
  { role: 'coordinator', email: 'coordinamento@vigevano.demo', name: 'Laura Bianchi' },
  {
    role: 'hub_lead',
    email: 'cavallerizza@vigevano.demo',
    name: 'Sara Colombo',
    hub: 'cavallerizza',
  },
  { role: 'viewer', email: 'osservatorio@vigevano.demo', name: 'Osservatorio comunale' },
] as const;
