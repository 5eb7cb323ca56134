/**
 * The demo council, modelled on the National Council of Public Trust: four
 * working groups, members balanced by sector and stance, and the ministries
 * it consults. Every name is fictional.
 */
export const DEMO_PASSWORD = 'kenes-demo-2026';
export const DEMO_SLUG = 'ncpt-demo';

export const DEMO_COUNCIL = {
  name: 'National Council of Public Trust (demo)',
  slug: DEMO_SLUG,
  balanceDimensions: ['sector', 'stance', 'region'],
  minorityOpinionWindowHours: 72,
  plenaryQuorum: { numerator: 1, denominator: 2 },
};

export const DEMO_AGENCIES = [
  { code: 'MOJ', name: 'Ministry of Justice' },
  { code: 'MNE', name: 'Ministry of National Economy' },
  { code: 'MISD', name: 'Ministry of Information and Social Development' },
  { code: 'MLSP', name: 'Ministry of Labour and Social Protection of the Population' },
  { code: 'MES', name: 'Ministry of Education and Science' },
  { code: 'MCS', name: 'Ministry of Culture and Sports' },
];

export const DEMO_GROUPS = [
  { key: 'political', name: 'Political modernisation', mandate: 'Elections, parties, local self-government, civil rights and the justice system.' },
  { key: 'economic', name: 'Economic modernisation', mandate: 'Competition, entrepreneurship, public finance, the agricultural sector and regional development.' },
  { key: 'social', name: 'Social modernisation', mandate: 'Education, healthcare, labour, social protection and the quality of public services.' },
  { key: 'cultural', name: 'Cultural and spiritual questions', mandate: 'Language, culture, historical memory, media and interethnic accord.' },
] as const;

const FIRST = ['Aigerim', 'Bauyrzhan', 'Dana', 'Yerlan', 'Gulnara', 'Marat', 'Saule', 'Timur', 'Aliya', 'Nurlan',
  'Zhanar', 'Askar', 'Madina', 'Daulet', 'Kamila', 'Serik', 'Assel', 'Ruslan', 'Dinara', 'Arman'];
const LAST = ['Temirbekova', 'Sarsenov', 'Ospanova', 'Kairatov', 'Zhumabayeva', 'Akhmetov', 'Bekturova', 'Nurpeisov',
  'Abenova', 'Tulegenov', 'Mukanova', 'Yesimov', 'Karimova', 'Shaikenov', 'Ibrayeva', 'Dzhaksybekov', 'Rakhimova',
  'Baimukhanov', 'Seitkali', 'Omarova'];

const SECTORS = ['economics', 'law', 'sociology', 'media', 'agriculture', 'education', 'business', 'civil society'];
const STANCES = ['tolerant', 'moderate national-patriotic', 'national-patriotic', 'liberal'];
const REGIONS = ['Astana', 'Almaty', 'Shymkent', 'Karaganda', 'Aktobe', 'Pavlodar', 'Turkistan', 'Atyrau'];

export interface DemoPerson {
  email: string;
  fullName: string;
  group: (typeof DEMO_GROUPS)[number]['key'];
  coordinator: boolean;
  attributes: { sector: string; stance: string; region: string };
}

/** 40 members, ten per group, the first of each group its coordinator. */
export const DEMO_MEMBERS: DemoPerson[] = Array.from({ length: 40 }, (_, i) => {
  const fullName = `${FIRST[i % FIRST.length]} ${LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]}`;
  const group = DEMO_GROUPS[i % 4].key;
  return {
    email: i === 0 ? 'member@kenes.example' : i === 1 ? 'coordinator@kenes.example' : `member${String(i + 1).padStart(2, '0')}@kenes.example`,
    fullName,
    group,
    coordinator: i < 4,
    attributes: { sector: SECTORS[(i * 3) % SECTORS.length], stance: STANCES[(i * 5 + 1) % STANCES.length], region: REGIONS[i % REGIONS.length] },
  };
});

/** The accounts a newcomer logs in with (README lists them). */
export const DEMO_STAFF = [
  { email: 'secretariat@kenes.example', fullName: 'Saltanat Yerzhanova', roles: ['secretariat'] as const },
  { email: 'chair@kenes.example', fullName: 'Kanat Mukhamedzhanov', roles: ['chair'] as const },
  { email: 'moderator@kenes.example', fullName: 'Erbol Taskaraev', roles: ['moderator'] as const },
  { email: 'observer@kenes.example', fullName: 'Public Observer', roles: ['observer'] as const },
  { email: 'justice@kenes.example', fullName: 'Zhanna Amanova', roles: ['agency_rep'] as const, agency: 'MOJ' },
  { email: 'economy@kenes.example', fullName: 'Berik Sultanov', roles: ['agency_rep'] as const, agency: 'MNE' },
];

/**
 * The demo council's balance targets: stances kept between 8 and 12 of 40;
 * sectors between 4 and 6, except that the council wants more civil society
 * (at least 6) and less business (at most 4) than it has: a rotation is due.
 */
export const DEMO_TARGETS = [
  ...STANCES.map((value) => ({ dimension: 'stance', value, min: 8, max: 12 })),
  ...SECTORS.map((value) => ({
    dimension: 'sector',
    value,
    min: value === 'civil society' ? 6 : 4,
    max: value === 'business' ? 4 : 6,
  })),
];

/** Twelve people in the pool of candidates (password as the other demo accounts). */
export const DEMO_CANDIDATES = Array.from({ length: 12 }, (_, i) => ({
  email: `candidate${String(i + 1).padStart(2, '0')}@kenes.example`,
  fullName: `${FIRST[(i * 3 + 5) % FIRST.length]} ${LAST[(i * 11 + 3) % LAST.length]}`,
  attributes: {
    sector: i < 5 ? 'civil society' : SECTORS[(i * 5) % SECTORS.length],
    stance: STANCES[i % STANCES.length],
    region: REGIONS[(i * 3) % REGIONS.length],
  },
}));

/** The worked rotation: proposed for the first day of next month, drawn by a published seed. */
export const DEMO_ROTATION = { leave: { min: 0, max: 4 }, seed: 'ncpt-demo-rotation-2026' };
