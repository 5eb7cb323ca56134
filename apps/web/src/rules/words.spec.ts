import fc from 'fast-check';
import { forNeeded as coreForNeeded, quorumNeeded as coreQuorumNeeded, resolveRule, TallyRule } from '../../../../libs/core/src/polls';
import { BASES, METHODS } from './rule';
import { forNeeded, ruleInWords, RuleLike, WORD_IDS } from './words';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

const catalogs = { en, ru, kk } as Record<string, Record<string, string>>;
const locales: Record<string, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' };

/**
 * An ICU message with its values, for the forms these catalogs use: `{name}`
 * and `{name, plural, =N {…} category {… # …}}` (the app formats them with
 * react-intl; the ESM-only formatter does not load under jest's CommonJS).
 */
function say(lang: string, id: string, values: Record<string, number> = {}): string {
  const message = catalogs[lang][id];
  const rules = new Intl.PluralRules(locales[lang]);
  let out = '';
  for (let i = 0; i < message.length; ) {
    const plural = /^\{(\w+), plural, /.exec(message.slice(i));
    if (plural) {
      const n = values[plural[1]];
      let j = i + plural[0].length;
      const forms: Record<string, string> = {};
      while (message[j] !== '}') {
        const key = /^\s*(=?\w+) \{/.exec(message.slice(j))!;
        j += key[0].length;
        let depth = 1;
        let body = '';
        while (depth > 0) {
          const ch = message[j++];
          depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
          if (depth > 0) body += ch;
        }
        forms[key[1]] = body;
        while (message[j] === ' ') j++;
      }
      out += (forms[`=${n}`] ?? forms[rules.select(n)] ?? forms.other).replace(/#/g, String(n));
      i = j + 1;
      continue;
    }
    const simple = /^\{(\w+)\}/.exec(message.slice(i));
    if (simple) {
      out += String(values[simple[1]]);
      i += simple[0].length;
      continue;
    }
    out += message[i++];
  }
  return out;
}
const words = (rule: RuleLike, baseSize: number | null, o: { eligible?: number | null; forCount?: number | null; secret?: boolean; lang?: string } = {}) =>
  ruleInWords(rule, { secret: o.secret ?? false, eligible: o.eligible ?? null, baseSize, forCount: o.forCount ?? null }).map((s) => say(o.lang ?? 'en', s.id, s.values));

const arbRule: fc.Arbitrary<TallyRule> = fc
  .record({
    method: fc.constantFrom(...METHODS),
    base: fc.constantFrom(...BASES),
    n: fc.integer({ min: 1, max: 200 }),
    extra: fc.integer({ min: 0, max: 200 }),
    comparator: fc.constantFrom('at_least' as const, 'more_than' as const),
    quorum: fc.option(fc.oneof(fc.record({ count: fc.integer({ min: 1, max: 500 }) }), fc.integer({ min: 1, max: 50 }).chain((d) => fc.integer({ min: 1, max: d }).map((n) => ({ numerator: n, denominator: d }))))),
    tie: fc.constantFrom('fails' as const, 'chair_decides' as const),
  })
  .map(({ method, base, n, extra, comparator, quorum, tie }) => ({
    method,
    base,
    ...(method === 'qualified' ? { threshold: { numerator: n, denominator: n + extra }, comparator } : {}),
    ...(method === 'majority' ? { tie } : {}),
    ...(quorum ? { quorum } : {}),
  }));

describe('the rule in words', () => {
  it('states the study’s example: 36 of 60 present is a majority, 36 of 100 members is not', () => {
    const present = words({ method: 'majority', base: 'present' }, 60, { forCount: 36 });
    expect(present).toContain('With 60 members present, 31 votes for are needed.');
    expect(present).toContain('36 votes for of 60 would adopt it (31 needed).');
    const members = words({ method: 'majority', base: 'eligible' }, 100, { forCount: 36 });
    expect(members).toContain('With 100 eligible voters, 51 votes for are needed.');
    expect(members).toContain('36 votes for of 100 would not adopt it (51 needed).');
    expect(members).toContain('The base is every eligible voter, whether they vote or not: an abstention or a missing vote counts against adoption.');
    // SPEC.md's example: 36 for, 24 against, 40 abstain.
    expect(words({ method: 'majority', base: 'cast' }, 60, { forCount: 36 })).toContain('If 60 members vote for or against, 31 votes for are needed.');
    expect(words({ method: 'majority', base: 'cast_with_abstentions' }, 100, { forCount: 36 })).toContain('36 votes for of 100 would not adopt it (51 needed).');
  });

  it('says it in Russian and Kazakh with the right plural forms', () => {
    expect(words({ method: 'majority', base: 'present' }, 60, { lang: 'ru' })).toContain('Если присутствуют 60 членов, нужен 31 голос «за».');
    expect(words({ method: 'majority', base: 'eligible' }, 100, { lang: 'ru' })).toContain('Если право голоса имеют 100 членов, нужен 51 голос «за».');
    expect(words({ method: 'majority', base: 'eligible' }, 3, { lang: 'ru' })).toContain('Если право голоса имеют 3 члена, нужны 2 голоса «за».');
    expect(words({ method: 'unanimity', base: 'present' }, 21, { lang: 'ru' })).toContain('Если присутствует 21 член, нужен 21 голос «за».');
    expect(words({ method: 'unanimity', base: 'present' }, 25, { lang: 'ru' })).toContain('Если присутствуют 25 членов, нужно 25 голосов «за».');
    expect(words({ method: 'majority', base: 'present' }, 60, { lang: 'kk' })).toContain('60 мүше қатысып отырса, 31 жақтаған дауыс қажет.');
  });

  it('states the qualified threshold and the comparison', () => {
    const w = words({ method: 'qualified', base: 'cast', threshold: { numerator: 2, denominator: 3 }, comparator: 'at_least' }, 60);
    expect(w[0]).toBe('Qualified majority: adopted when at least 2/3 of the base votes for.');
    expect(w).toContain('If 60 members vote for or against, 40 votes for are needed.');
    expect(words({ method: 'qualified', base: 'cast', threshold: { numerator: 2, denominator: 3 }, comparator: 'more_than' }, 60)).toContain('If 60 members vote for or against, 41 votes for are needed.');
  });

  it('gives consensus and consent their stop and a base that does not decide', () => {
    const c = words({ method: 'consensus', base: 'eligible' }, 10);
    expect(c[0]).toMatch(/no block; a single block stops it/);
    expect(c).toContain('The base (all eligible voters) is reported but does not decide.');
    expect(c.some((s) => /needed/.test(s))).toBe(false);
    expect(words({ method: 'consent', base: 'cast' }, 10)[0]).toMatch(/no reasoned objection/);
  });

  it('states the quorum as a number of the eligible when they are known, the tie and the change', () => {
    const w = words({ method: 'majority', base: 'cast', quorum: { numerator: 2, denominator: 3 }, tie: 'chair_decides', allowChange: true }, null, { eligible: 80 });
    expect(w).toContain('Quorum: 2/3 of the eligible voters must take part: 54 of 80, or there is no decision (no quorum).');
    expect(w).toContain("A tie (as many for as against) is decided by the chair's casting decision.");
    expect(w).toContain('A vote may be changed until the poll closes.');
    expect(words({ method: 'majority', base: 'cast', allowChange: true }, null, { secret: true })).toContain('A vote is final once cast.');
    expect(words({ method: 'majority', base: 'cast', quorum: { count: 1 } }, null)).toContain('Quorum: at least 1 voter must take part, or there is no decision (no quorum).');
    expect(words({ method: 'majority', base: 'cast' }, 0)).toContain('An empty base (nobody counted) rejects the proposal.');
  });

  it('states exactly the core’s number of votes for, for any rule and base size', () => {
    fc.assert(
      fc.property(arbRule, fc.integer({ min: 1, max: 100_000 }), (rule, B) => {
        const needed = ruleInWords(rule, { secret: false, eligible: null, baseSize: B }).find((s) => s.topic === 'needed');
        const core = coreForNeeded(resolveRule(rule, false), B);
        expect(forNeeded(rule, B)).toBe(core);
        if (rule.method === 'consensus' || rule.method === 'consent') expect(needed).toBeUndefined();
        else {
          expect(needed?.values).toEqual({ size: B, needed: core });
          // and the words carry that number, in every language
          for (const lang of ['en', 'ru', 'kk']) expect(say(lang, needed!.id, needed!.values)).toContain(String(core));
        }
      }),
    );
  });

  it('says “enough” exactly when the votes for reach the core’s number', () => {
    fc.assert(
      fc.property(arbRule, fc.integer({ min: 1, max: 1000 }), fc.nat(1000), (rule, B, f) => {
        const forCount = f % (B + 1);
        const example = ruleInWords(rule, { secret: false, eligible: null, baseSize: B, forCount }).find((s) => s.topic === 'example');
        if (rule.method === 'consensus' || rule.method === 'consent') return example === undefined;
        return example?.id === (forCount >= coreForNeeded(resolveRule(rule, false), B) ? 'rules.words.enough' : 'rules.words.notEnough');
      }),
    );
  });

  it('states the core’s quorum for any share of any number of eligible voters', () => {
    fc.assert(
      fc.property(arbRule, fc.integer({ min: 0, max: 10_000 }), (rule, E) => {
        const q = ruleInWords(rule, { secret: false, eligible: E, baseSize: null }).find((s) => s.topic === 'quorum')!;
        const core = coreQuorumNeeded(resolveRule(rule, false).quorum, E);
        if (core === null) return q.id === 'rules.words.quorum.none';
        return q.id === 'rules.words.quorum.count' ? q.values?.count === core : q.values?.needed === core && q.values?.eligible === E;
      }),
    );
  });

  it('uses only ids of its catalogs', () => {
    for (const id of WORD_IDS) for (const lang of Object.keys(catalogs)) expect({ id, lang, has: id in catalogs[lang] }).toEqual({ id, lang, has: true });
  });
});
