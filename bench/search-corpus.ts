/**
 * Realistic proposal text for the search benchmark: sentences assembled from
 * the vocabulary of council proposals in Russian, Kazakh and English, with a
 * seeded generator so every run loads the same corpus.
 */
const RU = {
  subjects: ['Предлагается', 'Рабочая группа рекомендует', 'Необходимо', 'Совет считает целесообразным', 'Следует'],
  verbs: ['отменить', 'пересмотреть', 'упростить', 'расширить', 'закрепить в законе', 'передать акиматам', 'усилить контроль за', 'ввести мораторий на'],
  objects: [
    'смертную казнь', 'порядок регистрации политических партий', 'налоговую нагрузку на малый бизнес', 'выборы акимов сёл',
    'государственные закупки', 'доступ к публичной информации', 'пенсионные накопления', 'квоты на иностранную рабочую силу',
    'порядок проведения мирных собраний', 'субсидии сельскому хозяйству', 'программу обновления учебников', 'ипотечное кредитование',
    'тарифы на коммунальные услуги', 'права лиц с инвалидностью', 'цифровизацию государственных услуг', 'местное самоуправление',
  ],
  tails: [
    'в течение двух лет', 'с учётом мнения гражданского общества', 'по итогам общественного обсуждения', 'в рамках второго пакета реформ',
    'после консультаций с министерством юстиции', 'с поэтапным переходом', 'на основе международного опыта', 'в интересах граждан',
  ],
};
const KK = {
  subjects: ['Ұсынылады', 'Жұмыс тобы ұсынады', 'Қажет', 'Кеңес орынды деп санайды'],
  verbs: ['жою', 'қайта қарау', 'жеңілдету', 'кеңейту', 'заңда бекіту', 'бақылауды күшейту'],
  objects: [
    'өлім жазасын', 'саяси партияларды тіркеу тәртібін', 'шағын бизнеске салық жүктемесін', 'ауыл әкімдерін сайлауды',
    'мемлекеттік сатып алуды', 'мемлекеттік тілді дамытуды', 'білім беру бағдарламасын', 'жергілікті өзін-өзі басқаруды',
    'зейнетақы жинақтарын', 'ауыл шаруашылығына субсидияларды',
  ],
  tails: ['екі жыл ішінде', 'азаматтық қоғамның пікірін ескере отырып', 'қоғамдық талқылау қорытындысы бойынша', 'халықаралық тәжірибе негізінде'],
};
const EN = {
  subjects: ['It is proposed to', 'The working group recommends to', 'The council should', 'We propose to'],
  verbs: ['abolish', 'review', 'simplify', 'extend', 'enshrine in law', 'devolve to local government', 'strengthen oversight of'],
  objects: [
    'the death penalty', 'party registration rules', 'the tax burden on small businesses', 'direct elections of rural mayors',
    'public procurement', 'access to public information', 'pension savings', 'peaceful assembly procedures',
    'agricultural subsidies', 'textbook renewal', 'mortgage lending', 'utility tariffs', 'the rights of persons with disabilities',
  ],
  tails: ['within two years', 'after public consultation', 'as part of the second reform package', 'following international practice', 'in stages'],
};

/** mulberry32: a small seeded PRNG, so the corpus is the same every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Lang = typeof RU;
const pick = <T>(r: () => number, xs: T[]) => xs[Math.floor(r() * xs.length)];
const sentence = (r: () => number, l: Lang) => `${pick(r, l.subjects)} ${pick(r, l.verbs)} ${pick(r, l.objects)} ${pick(r, l.tails)}.`;

export interface CorpusProposal {
  title: string;
  summary: string;
  body: string;
}

/** One proposal: mostly Russian, a share Kazakh or English, some bilingual. */
export function proposalText(r: () => number): CorpusProposal {
  const x = r();
  const lang = x < 0.6 ? RU : x < 0.8 ? KK : EN;
  const title = `${pick(r, lang.verbs)} ${pick(r, lang.objects)}`.replace(/^./, (c) => c.toUpperCase());
  const summary = [sentence(r, lang), sentence(r, lang)].join(' ');
  const paragraphs: string[] = [];
  const n = 3 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const l = r() < 0.15 ? pick(r, [RU, KK, EN]) : lang;
    paragraphs.push([sentence(r, l), sentence(r, l), sentence(r, l)].join(' '));
  }
  return { title, summary, body: paragraphs.join('\n\n') };
}

/** The searches measured: Russian inflections, Kazakh words, English stems; with and without filters. */
export const SEARCHES: { q: string; status?: string; group?: boolean }[] = [
  { q: 'смертная казнь' },
  { q: 'налоговая нагрузка', status: 'in_deliberation' },
  { q: 'местного самоуправления', group: true },
  { q: 'политических партий' },
  { q: 'государственных закупок', status: 'draft' },
  { q: 'ипотечное кредитование', group: true },
  { q: 'өлім жазасын' },
  { q: 'мемлекеттік тілді', status: 'in_deliberation' },
  { q: 'зейнетақы', group: true },
  { q: 'death penalty' },
  { q: 'small businesses tax', status: 'in_consultation' },
  { q: 'rural mayors elections', group: true },
  { q: '"public procurement"' },
  { q: 'субсидии -ипотечное' },
];
