import fc from 'fast-check';
import { explain } from '../polls/explain';
import { resolveRule } from '../polls/tally-rule';
import { tally } from '../polls/tally';
import {
  castRefusal,
  DEFAULT_PROXY_SETTINGS,
  fixProxies,
  mergeProxySettings,
  ProxyLink,
  proxyRefusal,
  ProxyScope,
  ProxySettings,
  representedNow,
  scopesOverlap,
} from './proxy-rules';

const on = (over: Partial<ProxySettings> = {}): ProxySettings => ({ ...DEFAULT_PROXY_SETTINGS, enabled: true, ...over });
const S: ProxyScope = { kind: 'session', sessionId: 's1' };
const P: ProxyScope = { kind: 'poll', pollId: 'p1', sessionId: 's1' };
const link = (id: string, delegator: string, delegate: string, scope: ProxyScope = S, createdAt = `2026-01-01T00:00:0${id.length % 10}Z`): ProxyLink => ({ id, delegator, delegate, scope, createdAt });

describe('proxyRefusal (giving a proxy)', () => {
  it('refuses everything while proxy voting is off (the default)', () => {
    expect(DEFAULT_PROXY_SETTINGS).toEqual({ enabled: false, maxPerDelegate: 1, delegatorMayVote: false, countTowardQuorum: false, onSecretPolls: false });
    expect(proxyRefusal({ delegator: 'a', delegate: 'b', scope: S }, [], DEFAULT_PROXY_SETTINGS)).toBe('PROXY_VOTING_OFF');
  });

  it('refuses a proxy to oneself, a second one, chains either way and a full delegate', () => {
    const s = on();
    expect(proxyRefusal({ delegator: 'a', delegate: 'a', scope: S }, [], s)).toBe('PROXY_TO_SELF');
    expect(proxyRefusal({ delegator: 'a', delegate: 'c', scope: S }, [link('1', 'a', 'b')], s)).toBe('PROXY_ALREADY_GIVEN');
    expect(proxyRefusal({ delegator: 'b', delegate: 'c', scope: S }, [link('1', 'a', 'b')], s)).toBe('DELEGATOR_HOLDS_PROXY');
    expect(proxyRefusal({ delegator: 'c', delegate: 'a', scope: S }, [link('1', 'a', 'b')], s)).toBe('DELEGATE_HAS_GIVEN');
    expect(proxyRefusal({ delegator: 'c', delegate: 'b', scope: S }, [link('1', 'a', 'b')], s)).toBe('DELEGATE_FULL');
    expect(proxyRefusal({ delegator: 'c', delegate: 'b', scope: S }, [link('1', 'a', 'b')], on({ maxPerDelegate: 2 }))).toBeNull();
  });

  it('counts a sitting and its polls together, other sittings and polls apart', () => {
    const s = on();
    expect(proxyRefusal({ delegator: 'c', delegate: 'b', scope: P }, [link('1', 'a', 'b', S)], s)).toBe('DELEGATE_FULL');
    expect(proxyRefusal({ delegator: 'a', delegate: 'c', scope: P }, [link('1', 'a', 'b', S)], s)).toBe('PROXY_ALREADY_GIVEN');
    expect(proxyRefusal({ delegator: 'c', delegate: 'b', scope: { kind: 'session', sessionId: 's2' } }, [link('1', 'a', 'b', S)], s)).toBeNull();
    expect(proxyRefusal({ delegator: 'c', delegate: 'b', scope: { kind: 'poll', pollId: 'p2', sessionId: null } }, [link('1', 'a', 'b', P)], s)).toBeNull();
    expect(scopesOverlap(P, { kind: 'poll', pollId: 'p2', sessionId: 's1' })).toBe(false);
    expect(scopesOverlap({ kind: 'poll', pollId: 'p2', sessionId: null }, S)).toBe(false);
  });

  it('merges a partial change of the settings', () => {
    expect(mergeProxySettings(null, { enabled: true })).toEqual(on());
    expect(mergeProxySettings(on({ maxPerDelegate: 3 }), { onSecretPolls: true })).toEqual(on({ maxPerDelegate: 3, onSecretPolls: true }));
  });
});

describe('fixProxies (what holds when a poll opens)', () => {
  const voters = new Set(['a', 'b', 'c', 'd', 'e']);
  const none = new Set<string>();

  it('suspends a sitting proxy whose delegator is present, not a poll proxy', () => {
    const f = fixProxies({ proxies: [link('1', 'a', 'b', S), link('2', 'c', 'd', P)], voters, present: new Set(['a', 'c']), settings: on(), secret: false });
    expect(f.suspended.map((p) => p.id)).toEqual(['1']);
    expect(f.inForce.map((p) => p.id)).toEqual(['2']);
  });

  it('drops every proxy on a secret poll unless onSecretPolls, and all when off', () => {
    const ps = [link('1', 'a', 'b')];
    expect(fixProxies({ proxies: ps, voters, present: none, settings: on(), secret: true }).dropped).toEqual([{ proxy: ps[0], reason: 'secret' }]);
    expect(fixProxies({ proxies: ps, voters, present: none, settings: on({ onSecretPolls: true }), secret: true }).inForce).toEqual(ps);
    expect(fixProxies({ proxies: ps, voters, present: none, settings: DEFAULT_PROXY_SETTINGS, secret: false }).dropped[0].reason).toBe('off');
  });

  it('keeps the poll proxy over the sitting one, and the older of a chain', () => {
    const f = fixProxies({ proxies: [link('1', 'a', 'b', S, '2026-01-01T00:00:00Z'), link('2', 'a', 'c', P, '2026-01-02T00:00:00Z')], voters, present: none, settings: on(), secret: false });
    expect(f.inForce.map((p) => p.id)).toEqual(['2']);
    expect(f.dropped).toEqual([{ proxy: expect.objectContaining({ id: '1' }), reason: 'duplicate' }]);
    const chain = fixProxies({ proxies: [link('1', 'a', 'b', S, '2026-01-01T00:00:00Z'), link('2', 'b', 'c', S, '2026-01-02T00:00:00Z')], voters, present: none, settings: on(), secret: false });
    expect(chain.inForce.map((p) => p.id)).toEqual(['1']);
    expect(chain.dropped[0].reason).toBe('chain');
  });

  it('drops proxies of members who are not voters of the poll', () => {
    expect(fixProxies({ proxies: [link('1', 'a', 'z')], voters, present: none, settings: on(), secret: false }).dropped[0].reason).toBe('not_voter');
  });

  const member = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
  const scope = fc.constantFrom<ProxyScope>(S, P);
  const links = fc.array(fc.record({ id: fc.uuid(), delegator: member, delegate: member, scope, createdAt: fc.integer({ min: 0, max: 1e6 }).map((n) => new Date(n * 1000).toISOString()) }), { maxLength: 20 });
  const settings = fc.record({ enabled: fc.boolean(), maxPerDelegate: fc.integer({ min: 1, max: 4 }), delegatorMayVote: fc.boolean(), countTowardQuorum: fc.boolean(), onSecretPolls: fc.boolean() });
  const subset = fc.subarray(['a', 'b', 'c', 'd', 'e', 'f']).map((xs) => new Set(xs));

  it('never chains, never cycles, never gives a delegator twice, never exceeds the cap, whatever was stored', () => {
    fc.assert(
      fc.property(links, settings, subset, subset, fc.boolean(), (proxies, s, vs, present, secret) => {
        const f = fixProxies({ proxies, voters: vs, present, settings: s, secret });
        const delegators = f.inForce.map((p) => p.delegator);
        const delegates = new Set(f.inForce.map((p) => p.delegate));
        expect(new Set(delegators).size).toBe(delegators.length);
        for (const d of delegators) expect(delegates.has(d)).toBe(false);
        for (const p of f.inForce) {
          expect(p.delegator).not.toBe(p.delegate);
          expect(vs.has(p.delegator) && vs.has(p.delegate)).toBe(true);
          if (p.scope.kind === 'session') expect(present.has(p.delegator)).toBe(false);
        }
        for (const d of delegates) expect(f.inForce.filter((p) => p.delegate === d).length).toBeLessThanOrEqual(s.maxPerDelegate);
        if (!s.enabled || (secret && !s.onSecretPolls)) expect(f.inForce).toEqual([]);
        // Every proxy lands in exactly one of the three lists.
        expect(f.inForce.length + f.suspended.length + f.dropped.length).toBe(proxies.length);
      }),
    );
  });

  it('does not depend on the order the proxies are read in', () => {
    fc.assert(
      fc.property(links, settings, subset, fc.boolean(), (proxies, s, present, secret) => {
        const voters = new Set(['a', 'b', 'c', 'd', 'e', 'f']);
        const ids = (xs: ProxyLink[]) => xs.map((p) => p.id).sort();
        const one = fixProxies({ proxies, voters, present, settings: s, secret });
        const two = fixProxies({ proxies: [...proxies].reverse(), voters, present, settings: s, secret });
        expect(ids(two.inForce)).toEqual(ids(one.inForce));
        expect(ids(two.suspended)).toEqual(ids(one.suspended));
      }),
    );
  });

  it('keeps every proxy that proxyRefusal let through, one by one, when nobody is present', () => {
    fc.assert(
      fc.property(links, settings, (candidates, s) => {
        const accepted: ProxyLink[] = [];
        for (const c of candidates) if (proxyRefusal(c, accepted, s) === null) accepted.push(c);
        const f = fixProxies({ proxies: accepted, voters: new Set(['a', 'b', 'c', 'd', 'e', 'f']), present: new Set(), settings: s, secret: false });
        expect(f.inForce.length).toBe(accepted.length);
      }),
    );
  });

  it('counts as represented only delegators who are absent and whose delegate is present', () => {
    const proxies = [link('1', 'a', 'b'), link('2', 'c', 'd')];
    const voters = new Set(['a', 'b', 'c', 'd']);
    expect(representedNow({ proxies, voters, present: new Set(['b']), settings: on() })).toBe(1);
    expect(representedNow({ proxies, voters, present: new Set(['b', 'a']), settings: on() })).toBe(0);
    expect(representedNow({ proxies, voters, present: new Set(['b', 'd']), settings: on() })).toBe(2);
    expect(representedNow({ proxies, voters, present: new Set(), settings: on() })).toBe(0);
    fc.assert(
      fc.property(links, settings, subset, (ps, s, present) => {
        const all = new Set(['a', 'b', 'c', 'd', 'e', 'f']);
        const n = representedNow({ proxies: ps, voters: all, present, settings: s });
        // Never more than the absent, never more than the present delegates could hold.
        expect(n).toBeLessThanOrEqual(all.size - present.size);
        expect(n).toBeLessThanOrEqual(present.size * s.maxPerDelegate);
      }),
    );
  });
});

describe('castRefusal', () => {
  const base = { caster: 'b', delegateInForce: null, callerHasGivenProxy: false, delegatorMayVote: false };
  it('lets a delegate cast for the member whose proxy holds, nobody else', () => {
    expect(castRefusal({ ...base, onBehalfOf: 'a', delegateInForce: 'b' })).toBeNull();
    expect(castRefusal({ ...base, onBehalfOf: 'a', delegateInForce: 'c' })).toBe('NO_PROXY');
    expect(castRefusal({ ...base, onBehalfOf: 'a' })).toBe('NO_PROXY');
    expect(castRefusal({ ...base, onBehalfOf: 'b', delegateInForce: 'b' })).toBe('NO_PROXY');
  });
  it('refuses a delegator’s own cast while the proxy holds, unless delegatorMayVote', () => {
    expect(castRefusal({ ...base, onBehalfOf: null, callerHasGivenProxy: true })).toBe('DELEGATOR_HAS_PROXY');
    expect(castRefusal({ ...base, onBehalfOf: null, callerHasGivenProxy: true, delegatorMayVote: true })).toBeNull();
    expect(castRefusal({ ...base, onBehalfOf: null })).toBeNull();
  });
});

describe('tallies with proxy ballots', () => {
  const rule = resolveRule({ method: 'majority', base: 'cast', quorum: { count: 4 } }, false);
  const counts = { for: 3, against: 1, abstain: 0, block: 0, stand_aside: 0 };

  it('counts represented ballots towards the quorum only with countTowardQuorum', () => {
    const without = tally({ rule, eligible: 6, present: null, counts, represented: 2, countTowardQuorum: false });
    expect(without).toMatchObject({ participation: 4, represented: 2, outcome: 'no_quorum', quorumReached: false });
    expect(explain(without.facts, 'en')).toBe('No quorum: 3 for of 4 cast (for + against); more than half of 4 = 3 needed. Quorum: 2 of 6 eligible took part, 4 needed. 2 ballots cast by proxy, not counted towards the quorum.');
    const withProxies = tally({ rule, eligible: 6, present: null, counts, represented: 2, countTowardQuorum: true });
    expect(withProxies).toMatchObject({ outcome: 'adopted', quorumReached: true });
    expect(explain(withProxies.facts, 'en')).toBe('Adopted: 3 for of 4 cast (for + against); more than half of 4 = 3 needed. Quorum: 4 of 6 eligible took part, 4 needed. 2 ballots cast by proxy.');
    expect(explain(withProxies.facts, 'ru')).toContain('по доверенности: 2');
    expect(explain(withProxies.facts, 'kk')).toContain('Сенімхат бойынша берілген дауыс: 2');
  });

  it('changes nothing without proxy ballots', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.boolean(), (f, a, counted) => {
        const c = { ...counts, for: f, against: a };
        const plain = tally({ rule, eligible: 10, present: null, counts: c });
        const zero = tally({ rule, eligible: 10, present: null, counts: c, represented: 0, countTowardQuorum: counted });
        expect(zero).toEqual(plain);
        expect(explain(zero.facts)).toBe(explain(plain.facts));
      }),
    );
  });
});
