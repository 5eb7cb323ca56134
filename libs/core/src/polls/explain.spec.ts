import fc from 'fast-check';
import { explain, Lang, LANGUAGES, pickLanguage } from './explain';
import { Base, BASES, Counts, Fraction, Method, METHODS, Quorum, ResolvedRule, tally, TallyInput } from './index';

/*
 * SPEC.md, "Tally rules": the stored explanation, e.g. "Adopted: 41 for of 60 cast (for + against);
 * at least 2/3 of 60 = 40 needed. Quorum: 67 of 80 eligible took part, 54 needed.", in English,
 * Russian and Kazakh (?lang=en|ru|kk, default from Accept-Language); API.md: it gives its numbers
 * as digits.
 */
const counts = (c: Partial<Counts>): Counts => ({ for: 0, against: 0, abstain: 0, block: 0, stand_aside: 0, ...c });
const rule = (r: Partial<ResolvedRule> & Pick<ResolvedRule, 'method' | 'base'>): ResolvedRule => ({
  threshold: null, comparator: null, quorum: null, tie: r.method === 'majority' ? 'fails' : null, allowChange: true, ...r,
});
const facts = (i: TallyInput) => tally(i).facts;

/** The number as a whole run of digits in the text (so 4 is not found inside 40). */
const hasNumber = (text: string, n: number) => new RegExp(`(^|[^0-9])${n}([^0-9]|$)`).test(text);
const LATIN = /[a-z]/i;
const BAD = /undefined|NaN|null|\[object|Infinity/;

describe('explain: the SPEC example', () => {
  const f = facts({
    rule: rule({ method: 'qualified', base: 'cast', threshold: { numerator: 2, denominator: 3 }, comparator: 'at_least', quorum: { numerator: 2, denominator: 3 } }),
    eligible: 80,
    present: null,
    counts: counts({ for: 41, against: 19, abstain: 7 }),
  });

  it('renders word for word in English (also the default language)', () => {
    const text = 'Adopted: 41 for of 60 cast (for + against); at least 2/3 of 60 = 40 needed. Quorum: 67 of 80 eligible took part, 54 needed.';
    expect(explain(f, 'en')).toBe(text);
    expect(explain(f)).toBe(text);
  });

  it.each<Lang>(['ru', 'kk'])('in %s gives the same numbers as digits, in words that are not English', (lang) => {
    const text = explain(f, lang);
    for (const n of [41, 60, 40, 67, 80, 54]) expect(hasNumber(text, n)).toBe(true);
    expect(text).toContain('2/3');
    expect(text).not.toMatch(LATIN);
    expect(text).not.toBe(explain(f, 'en'));
  });

  it('more_than reads differently from at_least', () => {
    const g = { ...f, comparator: 'more_than' as const, forNeeded: 41 };
    for (const lang of LANGUAGES) expect(explain(g, lang)).not.toBe(explain(f, lang));
    expect(explain(g, 'en')).toContain('more than 2/3 of 60 = 41 needed');
  });
});

describe('explain: every outcome, in every language', () => {
  const chair = rule({ method: 'majority', base: 'cast', tie: 'chair_decides', quorum: { count: 10 } });
  const cases: Array<[string, TallyInput, RegExp]> = [
    ['adopted', { rule: chair, eligible: 30, present: null, counts: counts({ for: 12, against: 3 }) }, /^Adopted: /],
    ['rejected', { rule: chair, eligible: 30, present: null, counts: counts({ for: 3, against: 12 }) }, /^Rejected: /],
    ['no_quorum', { rule: chair, eligible: 30, present: null, counts: counts({ for: 3, against: 2 }) }, /^No quorum: /],
    ['tied', { rule: chair, eligible: 30, present: null, counts: counts({ for: 6, against: 6 }) }, /^Tied\b.*casting decision/],
    ['adopted by casting decision', { rule: chair, eligible: 30, present: null, counts: counts({ for: 6, against: 6 }), castingDecision: 'adopted' }, /^Adopted by the chair's casting decision: /],
    ['rejected by casting decision', { rule: chair, eligible: 30, present: null, counts: counts({ for: 6, against: 6 }), castingDecision: 'rejected' }, /^Rejected by the chair's casting decision: /],
  ];

  it.each(cases)('%s: English head', (_name, input, head) => {
    expect(explain(facts(input), 'en')).toMatch(head);
  });

  it.each(LANGUAGES)('%s: the six results read six different ways, each with its numbers as digits', (lang) => {
    const texts = cases.map(([, input]) => explain(facts(input), lang));
    expect(new Set(texts.map((t) => t.split(':')[0])).size).toBe(6);
    cases.forEach(([, input], i) => {
      const t = tally(input);
      for (const n of [t.baseSize, t.forNeeded, t.participation, t.eligible, t.quorumNeeded as number, t.counts.for]) expect(hasNumber(texts[i], n)).toBe(true);
      expect(texts[i]).not.toMatch(BAD);
      if (lang !== 'en') expect(texts[i]).not.toMatch(LATIN);
    });
  });

  it.each(LANGUAGES)('%s: a tie and a casting decision say that for and against were equal; a plain result does not', (lang) => {
    const [adopted, , , tied, byCasting] = cases.map(([, input]) => explain(facts(input), lang));
    const note = lang === 'en' ? 'for and against are equal' : null;
    const tail = (s: string) => s.slice(s.indexOf(':') + 1);
    expect(tail(tied)).not.toBe(tail(adopted));
    expect(tail(byCasting)).toBe(tail(tied));
    if (note) expect([tied.includes(note), byCasting.includes(note), adopted.includes(note)]).toEqual([true, true, false]);
  });

  it('names each method and base differently in each language', () => {
    for (const lang of LANGUAGES) {
      const byBase = BASES.map((base) => explain(facts({ rule: rule({ method: 'majority', base }), eligible: 9, present: 9, counts: counts({ for: 5, against: 2, abstain: 1 }) }), lang));
      expect(new Set(byBase.map((s) => s.replace(/[0-9]+/g, '#'))).size).toBe(BASES.length);
      const byMethod = METHODS.map((method) => {
        const r = rule({ method, base: 'cast', threshold: method === 'qualified' ? { numerator: 1, denominator: 2 } : null, comparator: method === 'qualified' ? 'at_least' : null });
        return explain(facts({ rule: r, eligible: 9, present: null, counts: counts({ for: 5 }) }), lang);
      });
      expect(new Set(byMethod).size).toBe(METHODS.length);
    }
  });

  it('without a quorum rule, says so and still gives participation and eligible', () => {
    const t = explain(facts({ rule: rule({ method: 'majority', base: 'cast' }), eligible: 17, present: null, counts: counts({ for: 4, against: 1, abstain: 2 }) }), 'en');
    expect(t).toBe('Adopted: 4 for of 5 cast (for + against); more than half of 5 = 3 needed. No quorum rule: 7 of 17 eligible took part.');
  });

  it('an empty base is explained as such, with what would have been needed', () => {
    const t = tally({ rule: rule({ method: 'majority', base: 'cast' }), eligible: 6, present: null, counts: counts({ abstain: 3 }) });
    const text = explain(t.facts, 'en');
    expect(text).toMatch(/^Rejected: /);
    expect(text).toContain('no ballots in the base');
    expect(hasNumber(text, t.forNeeded)).toBe(true);
  });
});

describe('explain: property over random tallies', () => {
  const fraction: fc.Arbitrary<Fraction> = fc
    .tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }))
    .map(([a, b]) => (a <= b ? { numerator: a, denominator: b } : { numerator: b, denominator: a }));
  const quorum: fc.Arbitrary<Quorum | null> = fc.option(fc.oneof(fc.integer({ min: 1, max: 50 }).map((count) => ({ count })), fraction), { nil: null });
  const n = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 100_000 }));
  const input: fc.Arbitrary<TallyInput> = fc
    .record({
      method: fc.constantFrom<Method>(...METHODS),
      base: fc.constantFrom<Base>(...BASES),
      threshold: fraction,
      comparator: fc.constantFrom('at_least' as const, 'more_than' as const),
      tie: fc.constantFrom('fails' as const, 'chair_decides' as const),
      quorum,
      c: fc.tuple(n, n, n, fc.boolean()),
      extra: n,
      present: fc.option(n, { nil: null }),
      castingDecision: fc.constantFrom(null, 'adopted' as const, 'rejected' as const),
    })
    .map(({ method, base, threshold, comparator, tie, quorum, c: [f, o, a, tie0], extra, present, castingDecision }) => {
      const opp = tie0 ? f : o;
      const cs = method === 'consensus' ? counts({ for: f, block: opp, stand_aside: a }) : counts({ for: f, against: opp, abstain: a });
      const eligible = f + opp + a + extra;
      const r = rule({
        method, base, quorum,
        threshold: method === 'qualified' ? threshold : null,
        comparator: method === 'qualified' ? comparator : null,
        tie: method === 'majority' ? tie : null,
      });
      return { rule: r, eligible, present: present === null ? null : Math.min(present, eligible), counts: cs, castingDecision };
    });

  it('baseSize, forNeeded, participation, eligible and quorumNeeded appear as digits in en, ru and kk; never undefined or NaN', () => {
    fc.assert(
      fc.property(input, (i) => {
        const t = tally(i);
        for (const lang of LANGUAGES) {
          const text = explain(t.facts, lang);
          for (const k of [t.baseSize, t.forNeeded, t.participation, t.eligible]) expect(hasNumber(text, k)).toBe(true);
          if (t.quorumNeeded !== null) expect(hasNumber(text, t.quorumNeeded)).toBe(true);
          if (t.facts.threshold) expect(text).toContain(`${t.facts.threshold.numerator}/${t.facts.threshold.denominator}`);
          expect(text).not.toMatch(BAD);
          if (lang !== 'en') expect(text).not.toMatch(LATIN);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('pickLanguage', () => {
  it('?lang wins over Accept-Language', () => {
    expect(pickLanguage('kk', 'ru-RU,ru;q=0.9')).toBe('kk');
    expect(pickLanguage('en', 'kk')).toBe('en');
    expect(pickLanguage('ru', undefined)).toBe('ru');
  });

  it('an unsupported or empty ?lang falls back to Accept-Language', () => {
    expect(pickLanguage('de', 'kk')).toBe('kk');
    expect(pickLanguage('', 'ru')).toBe('ru');
    expect(pickLanguage(undefined, 'kk')).toBe('kk');
  });

  it.each<[string | undefined, Lang]>([
    ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    ['kk', 'kk'],
    ['kk-KZ', 'kk'],
    ['KK-kz, ru;q=0.5', 'kk'],
    ['de,fr', 'en'],
    ['de, fr;q=0.9, ru;q=0.1', 'ru'],
    ['en;q=0.5, ru;q=0.8', 'ru'],
    ['ru;q=0.4, kk;q=0.4', 'ru'],
    ['ru;q=0, kk', 'kk'],
    ['ru;q=0', 'en'],
    ['ru;q=0.0, kk;q=0.000', 'en'],
    ['*', 'en'],
    ['ru;q=abc, kk;q=0.2', 'kk'],
    ['', 'en'],
    [undefined, 'en'],
    [';;;,,,', 'en'],
    ['q=0.9', 'en'],
    ['ru;q=abc', 'en'],
    ['\u0000\u00ff garbage;;q=;=,', 'en'],
    [',,ru,,', 'ru'],
  ])('Accept-Language %p → %s', (header, expected) => {
    expect(pickLanguage(undefined, header)).toBe(expected);
  });

  it('property: never throws and always gives a supported language, ?lang first', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.option(fc.string(), { nil: undefined }), (q, header) => {
        const got = pickLanguage(q, header);
        expect(LANGUAGES).toContain(got);
        if (q === 'en' || q === 'ru' || q === 'kk') expect(got).toBe(q);
      }),
    );
  });

  it('property: the supported tag with the highest q > 0 wins (first on equal q), else en', () => {
    const tag = fc.constantFrom('en', 'ru', 'kk', 'de', 'fr', 'en-GB', 'ru-RU', 'kk-KZ', 'tr');
    const entry = fc.record({ tag, q: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const header = entries.map((e) => (e.q === null ? e.tag : `${e.tag};q=${e.q / 1000}`)).join(', ');
        let best: { lang: Lang; q: number } | null = null;
        for (const e of entries) {
          const lang = e.tag.split('-')[0];
          const q = e.q === null ? 1 : e.q / 1000;
          if (q > 0 && (lang === 'en' || lang === 'ru' || lang === 'kk') && (best === null || q > best.q)) best = { lang, q };
        }
        expect(pickLanguage(undefined, header)).toBe(best ? best.lang : 'en');
      }),
    );
  });
});
