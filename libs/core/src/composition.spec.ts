import fc from 'fast-check';
import { CompositionMember, UNSPECIFIED, compositionAt } from './composition';
import { COUNCIL_ROLES } from './permissions';

const day = (n: number): string => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);

function member(
  roles: string[],
  startsOn: string,
  endsOn: string | null,
  attributes: Record<string, string | null | undefined> = {},
): CompositionMember {
  return { roles, startsOn, endsOn, attributes };
}

describe('compositionAt: examples', () => {
  const AT = '2024-06-15';

  it('counts nothing for an empty council, with every dimension present and empty', () => {
    expect(compositionAt([], ['sector', 'region'], AT)).toEqual({ at: AT, total: 0, dimensions: { sector: {}, region: {} } });
  });

  it('echoes the date asked for', () => {
    expect(compositionAt([], [], '2020-02-29').at).toBe('2020-02-29');
  });

  it('counts only memberships that hold the role member', () => {
    const ms = [
      member(['member'], '2024-01-01', null, { sector: 'business' }),
      member(['member', 'chair'], '2024-01-01', null, { sector: 'business' }),
      member(['chair'], '2024-01-01', null, { sector: 'ngo' }),
      member(['moderator'], '2024-01-01', null, { sector: 'ngo' }),
      member(['secretariat'], '2024-01-01', null, { sector: 'ngo' }),
      member(['observer'], '2024-01-01', null, { sector: 'ngo' }),
      member(['agency_rep'], '2024-01-01', null, { sector: 'ngo' }),
      member([], '2024-01-01', null, { sector: 'ngo' }),
      member(['Member'], '2024-01-01', null, { sector: 'ngo' }),
    ];
    expect(compositionAt(ms, ['sector'], AT)).toEqual({ at: AT, total: 2, dimensions: { sector: { business: 2 } } });
  });

  it('counts only terms that cover the date, both ends inclusive', () => {
    const ms = [
      member(['member'], '2024-06-15', '2024-06-15', { s: 'starts-and-ends-today' }),
      member(['member'], '2024-01-01', '2024-06-15', { s: 'ends-today' }),
      member(['member'], '2024-06-15', null, { s: 'starts-today' }),
      member(['member'], '2024-01-01', '2024-06-14', { s: 'ended-yesterday' }),
      member(['member'], '2024-06-16', null, { s: 'starts-tomorrow' }),
      member(['member'], '2020-01-01', null, { s: 'open' }),
    ];
    expect(compositionAt(ms, ['s'], AT)).toEqual({
      at: AT,
      total: 4,
      dimensions: { s: { 'starts-and-ends-today': 1, 'ends-today': 1, 'starts-today': 1, open: 1 } },
    });
  });

  it('gives the composition at a past date, before a rotation', () => {
    const ms = [member(['member'], '2023-01-01', '2023-12-31', { sector: 'ngo' }), member(['member'], '2024-01-01', null, { sector: 'business' })];
    expect(compositionAt(ms, ['sector'], '2023-07-01').dimensions).toEqual({ sector: { ngo: 1 } });
    expect(compositionAt(ms, ['sector'], '2024-07-01').dimensions).toEqual({ sector: { business: 1 } });
  });

  it(`counts a missing, null or empty value under "${UNSPECIFIED}"`, () => {
    const ms = [
      member(['member'], '2024-01-01', null, {}),
      member(['member'], '2024-01-01', null, { sector: null }),
      member(['member'], '2024-01-01', null, { sector: undefined }),
      member(['member'], '2024-01-01', null, { sector: '' }),
      member(['member'], '2024-01-01', null, { sector: 'ngo' }),
    ];
    expect(UNSPECIFIED).toBe('unspecified');
    expect(compositionAt(ms, ['sector'], AT).dimensions).toEqual({ sector: { unspecified: 4, ngo: 1 } });
  });

  it('counts every dimension independently and ignores attributes that are not dimensions', () => {
    const ms = [
      member(['member'], '2024-01-01', null, { sector: 'ngo', region: 'north', shoe: '42' }),
      member(['member'], '2024-01-01', null, { sector: 'ngo', region: 'south' }),
      member(['member'], '2024-01-01', null, { sector: 'business' }),
    ];
    expect(compositionAt(ms, ['sector', 'region'], AT)).toEqual({
      at: AT,
      total: 3,
      dimensions: { sector: { ngo: 2, business: 1 }, region: { north: 1, south: 1, unspecified: 1 } },
    });
  });

  it('keeps values that differ only in case apart', () => {
    const ms = [member(['member'], '2024-01-01', null, { s: 'NGO' }), member(['member'], '2024-01-01', null, { s: 'ngo' })];
    expect(compositionAt(ms, ['s'], AT).dimensions.s).toEqual({ NGO: 1, ngo: 1 });
  });

  // Regression: counts were kept in plain objects, so a value named like an Object.prototype
  // member turned into a string ("function Object() { [native code] }1") or vanished (__proto__).
  it('counts values named like Object.prototype members as ordinary values', () => {
    const ms = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'constructor'].map((v) =>
      member(['member'], '2024-01-01', null, { sector: v }),
    );
    const c = compositionAt(ms, ['sector'], AT);
    expect(c.total).toBe(5);
    expect(JSON.parse(JSON.stringify(c.dimensions))).toEqual(
      JSON.parse('{"sector":{"constructor":2,"toString":1,"__proto__":1,"hasOwnProperty":1}}'),
    );
    expect(Object.values(c.dimensions.sector).every((n) => typeof n === 'number')).toBe(true);
  });

  it('treats a dimension named like an Object.prototype member as an ordinary dimension', () => {
    const ms = [member(['member'], '2024-01-01', null, { constructor: 'x' }), member(['member'], '2024-01-01', null, {})];
    const c = compositionAt(ms, ['constructor', '__proto__'], AT);
    expect(JSON.parse(JSON.stringify(c.dimensions))).toEqual(
      JSON.parse('{"constructor":{"x":1,"unspecified":1},"__proto__":{"unspecified":2}}'),
    );
  });

  it('counts each member once per dimension even when a dimension is listed twice', () => {
    const c = compositionAt([member(['member'], '2024-01-01', null, { s: 'a' })], ['s', 's'], AT);
    expect(c.dimensions).toEqual({ s: { a: 1 } });
  });
});

// ---- properties ------------------------------------------------------------------------

const DIMENSIONS = ['sector', 'stance', 'region'];
const VALUE = fc.constantFrom<string | null | undefined>('a', 'b', 'c', 'ngo', '', null, undefined, 'constructor', '__proto__');
type Gen = { roles: string[]; start: number; end: number | null; attributes: Record<string, string | null | undefined> };

const genMember: fc.Arbitrary<Gen> = fc.record({
  roles: fc.shuffledSubarray([...COUNCIL_ROLES]),
  start: fc.integer({ min: 0, max: 40 }),
  len: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  attributes: fc.dictionary(fc.constantFrom(...DIMENSIONS, 'other'), VALUE),
}).map(({ roles, start, len, attributes }) => ({ roles, start, end: len === null ? null : start + len, attributes }));

const toMember = (g: Gen): CompositionMember => member(g.roles, day(g.start), g.end === null ? null : day(g.end), g.attributes);
/** Oracle in integer days. */
const counted = (g: Gen, at: number) => g.roles.includes('member') && g.start <= at && (g.end === null || at <= g.end);
const normalised = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? UNSPECIFIED : v);
const own = (o: Record<string, number>, k: string) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

const AT_DAY = fc.integer({ min: -2, max: 65 });
const DIMS = fc.subarray(DIMENSIONS);

describe('compositionAt: properties', () => {
  it('total is the number of members whose term covers the date', () => {
    fc.assert(
      fc.property(fc.array(genMember, { maxLength: 30 }), DIMS, AT_DAY, (gs, dims, at) => {
        const c = compositionAt(gs.map(toMember), dims, day(at));
        expect(c.total).toBe(gs.filter((g) => counted(g, at)).length);
        expect(c.at).toBe(day(at));
      }),
    );
  });

  it('for every dimension, the counts sum to the total, and each count matches the members', () => {
    fc.assert(
      fc.property(fc.array(genMember, { maxLength: 30 }), DIMS, AT_DAY, (gs, dims, at) => {
        const c = compositionAt(gs.map(toMember), dims, day(at));
        expect(Object.keys(c.dimensions).sort()).toEqual([...dims].sort());
        const inside = gs.filter((g) => counted(g, at));
        for (const d of dims) {
          const byValue = c.dimensions[d];
          const values = Object.keys(byValue);
          expect(values.reduce((s, v) => s + own(byValue, v)!, 0)).toBe(c.total);
          const wantValues = new Set(inside.map((g) => normalised(Object.prototype.hasOwnProperty.call(g.attributes, d) ? g.attributes[d] : undefined)));
          expect(new Set(values)).toEqual(wantValues);
          for (const v of wantValues) {
            const n = inside.filter((g) => normalised(Object.prototype.hasOwnProperty.call(g.attributes, d) ? g.attributes[d] : undefined) === v).length;
            expect(own(byValue, v)).toBe(n);
          }
        }
      }),
    );
  });

  it('the order of members does not change the result', () => {
    const shuffled = fc
      .array(genMember, { maxLength: 20 })
      .chain((gs) => fc.tuple(fc.constant(gs), fc.shuffledSubarray(gs, { minLength: gs.length, maxLength: gs.length })));
    fc.assert(
      fc.property(shuffled, DIMS, AT_DAY, ([gs, perm], dims, at) => {
        const a = compositionAt(gs.map(toMember), dims, day(at));
        const b = compositionAt(perm.map(toMember), dims, day(at));
        expect(JSON.parse(JSON.stringify(b))).toEqual(JSON.parse(JSON.stringify(a)));
        expect(b.total).toBe(a.total);
      }),
    );
  });

  it('members without the role member never change the result', () => {
    fc.assert(
      fc.property(fc.array(genMember, { maxLength: 15 }), fc.array(genMember, { maxLength: 15 }), DIMS, AT_DAY, (gs, extra, dims, at) => {
        const others = extra.map((g) => ({ ...g, roles: g.roles.filter((r) => r !== 'member') }));
        const a = compositionAt(gs.map(toMember), dims, day(at));
        const b = compositionAt([...gs, ...others].map(toMember), dims, day(at));
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
    );
  });
});
