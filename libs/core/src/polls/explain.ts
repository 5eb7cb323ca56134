import { ExplanationFacts } from './tally';

export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Lang = (typeof LANGUAGES)[number];

interface Words {
  outcome: Record<'adopted' | 'rejected' | 'no_quorum' | 'tied' | 'cast_adopted' | 'cast_rejected', string>;
  base: Record<ExplanationFacts['base'], string>;
  /** Consensus counts block where others count against, stand_aside where others count abstain. */
  consensusBase: Record<'cast' | 'cast_with_abstentions', string>;
  forOf: (f: number, B: number, base: string) => string;
  emptyBase: (base: string) => string;
  needMajority: (B: number, n: number) => string;
  needQualified: (cmp: 'at_least' | 'more_than', num: number, den: number, B: number, n: number) => string;
  needUnanimity: (B: number) => string;
  needConsensus: (blocks: number) => string;
  needConsent: (objections: number) => string;
  quorum: (p: number, e: number, q: number) => string;
  noQuorumRule: (p: number, e: number) => string;
  tiedNote: string;
  /** Ballots cast by proxy, and whether the quorum counted them. */
  proxies: (r: number, counted: boolean) => string;
}

const EN: Words = {
  outcome: {
    adopted: 'Adopted',
    rejected: 'Rejected',
    no_quorum: 'No quorum',
    tied: "Tied, awaiting the chair's casting decision",
    cast_adopted: "Adopted by the chair's casting decision",
    cast_rejected: "Rejected by the chair's casting decision",
  },
  base: { cast: 'cast (for + against)', cast_with_abstentions: 'cast (for + against + abstain)', present: 'present', eligible: 'eligible' },
  consensusBase: { cast: 'cast (for + block)', cast_with_abstentions: 'cast (for + block + stand aside)' },
  forOf: (f, B, base) => `${f} for of ${B} ${base}`,
  emptyBase: (base) => `no ballots in the base (0 ${base})`,
  needMajority: (B, n) => `more than half of ${B} = ${n} needed`,
  needQualified: (cmp, num, den, B, n) => `${cmp === 'at_least' ? 'at least' : 'more than'} ${num}/${den} of ${B} = ${n} needed`,
  needUnanimity: (B) => `all ${B} needed`,
  needConsensus: (b) => `at least 1 for and no block needed (${b} block${b === 1 ? '' : 's'})`,
  needConsent: (o) => `at least 1 for and no reasoned objection needed (${o} objection${o === 1 ? '' : 's'})`,
  quorum: (p, e, q) => `Quorum: ${p} of ${e} eligible took part, ${q} needed.`,
  noQuorumRule: (p, e) => `No quorum rule: ${p} of ${e} eligible took part.`,
  tiedNote: 'for and against are equal',
  proxies: (r, counted) => `${r} ballot${r === 1 ? '' : 's'} cast by proxy${counted ? '' : ', not counted towards the quorum'}.`,
};

const RU: Words = {
  outcome: {
    adopted: 'Принято',
    rejected: 'Отклонено',
    no_quorum: 'Нет кворума',
    tied: 'Голоса разделились поровну, решает председатель',
    cast_adopted: 'Принято решающим голосом председателя',
    cast_rejected: 'Отклонено решающим голосом председателя',
  },
  base: {
    cast: 'поданных голосов (за + против)',
    cast_with_abstentions: 'поданных голосов (за + против + воздержались)',
    present: 'присутствующих',
    eligible: 'имеющих право голоса',
  },
  consensusBase: { cast: 'поданных голосов (за + блокирование)', cast_with_abstentions: 'поданных голосов (за + блокирование + в стороне)' },
  forOf: (f, B, base) => `${f} «за» из ${B} ${base}`,
  emptyBase: (base) => `в базе нет голосов (0 ${base})`,
  needMajority: (B, n) => `необходимо более половины от ${B} = ${n}`,
  needQualified: (cmp, num, den, B, n) => `необходимо ${cmp === 'at_least' ? 'не менее' : 'более'} ${num}/${den} от ${B} = ${n}`,
  needUnanimity: (B) => `необходимы все ${B}`,
  needConsensus: (b) => `необходим хотя бы 1 голос «за» и ни одного блокирования (блокирований: ${b})`,
  needConsent: (o) => `необходим хотя бы 1 голос «за» и ни одного мотивированного возражения (возражений: ${o})`,
  quorum: (p, e, q) => `Кворум: участвовали ${p} из ${e} имеющих право голоса, необходимо ${q}.`,
  noQuorumRule: (p, e) => `Кворум не установлен: участвовали ${p} из ${e} имеющих право голоса.`,
  tiedNote: 'голоса «за» и «против» равны',
  proxies: (r, counted) => `Подано по доверенности: ${r}${counted ? '' : ' (не учитываются в кворуме)'}.`,
};

const KK: Words = {
  outcome: {
    adopted: 'Қабылданды',
    rejected: 'Қабылданбады',
    no_quorum: 'Кворум жоқ',
    tied: 'Дауыстар тең бөлінді, төраға шешеді',
    cast_adopted: 'Төрағаның шешуші дауысымен қабылданды',
    cast_rejected: 'Төрағаның шешуші дауысымен қабылданбады',
  },
  base: {
    cast: 'берілген дауыс (жақтап + қарсы)',
    cast_with_abstentions: 'берілген дауыс (жақтап + қарсы + қалыс)',
    present: 'қатысушы',
    eligible: 'дауыс беру құқығы бар адам',
  },
  consensusBase: { cast: 'берілген дауыс (жақтап + бұғаттау)', cast_with_abstentions: 'берілген дауыс (жақтап + бұғаттау + шетте қалу)' },
  forOf: (f, B, base) => `${B} ${base} ішінен ${f} жақтап`,
  emptyBase: (base) => `базада дауыс жоқ (0 ${base})`,
  needMajority: (B, n) => `${B} санының жартысынан көбі = ${n} қажет`,
  needQualified: (cmp, num, den, B, n) => `${B} санының ${cmp === 'at_least' ? 'кемінде' : 'астам'} ${num}/${den} бөлігі = ${n} қажет`,
  needUnanimity: (B) => `барлық ${B} дауыс қажет`,
  needConsensus: (b) => `кемінде 1 жақтап дауыс және бірде-бір бұғаттау болмауы қажет (бұғаттау: ${b})`,
  needConsent: (o) => `кемінде 1 жақтап дауыс және бірде-бір дәлелді қарсылық болмауы қажет (қарсылық: ${o})`,
  quorum: (p, e, q) => `Кворум: дауыс беру құқығы бар ${e} адамнан қатысқаны ${p}, ${q} қажет.`,
  noQuorumRule: (p, e) => `Кворум белгіленбеген: дауыс беру құқығы бар ${e} адамнан қатысқаны ${p}.`,
  tiedNote: '«жақтап» және «қарсы» дауыстар тең',
  proxies: (r, counted) => `Сенімхат бойынша берілген дауыс: ${r}${counted ? '' : ' (кворумға есептелмейді)'}.`,
};

const WORDS: Record<Lang, Words> = { en: EN, ru: RU, kk: KK };

/**
 * The plain explanation of a tally, naming its numbers as digits, e.g.
 * "Adopted: 41 for of 60 cast (for + against); at least 2/3 of 60 = 40
 * needed. Quorum: 67 of 80 eligible took part, 54 needed."
 */
export function explain(f: ExplanationFacts, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  const head =
    f.castingDecision === 'adopted' ? w.outcome.cast_adopted : f.castingDecision === 'rejected' ? w.outcome.cast_rejected : w.outcome[f.outcome];
  const base = f.method === 'consensus' && (f.base === 'cast' || f.base === 'cast_with_abstentions') ? w.consensusBase[f.base] : w.base[f.base];
  let need: string;
  switch (f.method) {
    case 'majority':
      need = w.needMajority(f.baseSize, f.forNeeded);
      break;
    case 'qualified':
      need = w.needQualified(f.comparator ?? 'at_least', f.threshold?.numerator ?? 1, f.threshold?.denominator ?? 1, f.baseSize, f.forNeeded);
      break;
    case 'unanimity':
      need = w.needUnanimity(f.baseSize);
      break;
    case 'consensus':
      need = w.needConsensus(f.blocks);
      break;
    case 'consent':
      need = w.needConsent(f.objections);
      break;
  }
  const body = `${f.baseSize === 0 && f.outcome !== 'no_quorum' ? w.emptyBase(base) : w.forOf(f.forCount, f.baseSize, base)}; ${need}`;
  const tie = f.outcome === 'tied' || f.castingDecision ? ` (${w.tiedNote})` : '';
  const took = f.quorumNeeded === null ? f.participation : (f.quorumParticipation ?? f.participation);
  const quorum = f.quorumNeeded === null ? w.noQuorumRule(took, f.eligible) : w.quorum(took, f.eligible, f.quorumNeeded);
  const proxies = f.represented ? ` ${w.proxies(f.represented, (f.representedCounted ?? false) || f.quorumNeeded === null)}` : '';
  return `${head}: ${body}${tie}. ${quorum}${proxies}`;
}

/** The language of `?lang=`, else the first supported one in Accept-Language, else English. */
export function pickLanguage(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query && (LANGUAGES as readonly string[]).includes(query)) return query as Lang;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.split('-')[0], q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.lang && !Number.isNaN(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  const hit = wanted.find((x) => (LANGUAGES as readonly string[]).includes(x.lang));
  return (hit?.lang as Lang | undefined) ?? 'en';
}
