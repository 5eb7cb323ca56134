import { createHash } from 'node:crypto';
import en from '../../../i18n/en.json';
import kk from '../../../i18n/kk.json';
import ru from '../../../i18n/ru.json';
import { choicesOf, METHODS as CORE_METHODS } from '../../../../../../libs/core/src/polls/tally-rule';
import { cappedAtTurn, choicesFor, isCounted, keepReceipt, keptReceipt, mayChange, meaningId, METHODS, myProxy, placeInQueue, PollRule, Proxy, receiptsKey, representedBy, ruleWords, sha256Hex, takesReason } from './logic';

const catalogs = { en, ru, kk } as Record<string, Record<string, string>>;

class MemoryStore {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

describe('member view: choices and their meanings', () => {
  it('offers exactly the choices the server takes for each method', () => {
    expect([...METHODS]).toEqual([...CORE_METHODS]);
    for (const m of METHODS) expect(choicesFor(m)).toEqual(choicesOf(m));
    expect(choicesFor('consensus')).toEqual(['for', 'stand_aside', 'block']);
    expect(choicesFor('majority')).toEqual(['for', 'against', 'abstain']);
  });

  it('gives every choice of every method a meaning in en, ru and kk', () => {
    for (const m of METHODS) {
      for (const c of choicesFor(m)) {
        const id = meaningId(m, c);
        for (const [lang, cat] of Object.entries(catalogs)) expect([lang, id, typeof cat[id]]).toEqual([lang, id, 'string']);
      }
    }
  });

  it('words an against under consent as an objection, and under unanimity as stopping it', () => {
    expect(meaningId('consent', 'against')).toBe('member.meaning.consent.against');
    expect(meaningId('unanimity', 'against')).toBe('member.meaning.unanimity.against');
    expect(meaningId('majority', 'against')).toBe('member.meaning.against');
    expect(meaningId('consensus', 'block')).toBe('member.meaning.block');
  });

  it('asks a reason for against (an objection under consent) and block, not for the others', () => {
    expect(takesReason('against')).toBe(true);
    expect(takesReason('block')).toBe(true);
    expect(takesReason('for')).toBe(false);
    expect(takesReason('abstain')).toBe(false);
    expect(takesReason('stand_aside')).toBe(false);
  });

  it('lets a vote change only on a named poll whose rule allows it (default true)', () => {
    expect(mayChange({ method: 'majority', base: 'cast' }, false)).toBe(true);
    expect(mayChange({ method: 'majority', base: 'cast', allowChange: false }, false)).toBe(false);
    expect(mayChange({ method: 'majority', base: 'cast' }, true)).toBe(false);
    expect(mayChange(null, false)).toBe(true);
  });
});

describe('member view: the rule in words', () => {
  const rules: PollRule[] = [
    { method: 'majority', base: 'cast', tie: 'chair_decides', quorum: { count: 3 } },
    { method: 'qualified', base: 'eligible', threshold: { numerator: 2, denominator: 3 }, comparator: 'more_than', quorum: { numerator: 1, denominator: 2 } },
    { method: 'qualified', base: 'present', threshold: { numerator: 3, denominator: 5 } },
    { method: 'unanimity', base: 'cast_with_abstentions' },
    { method: 'consensus', base: 'cast' },
    { method: 'consent', base: 'cast' },
  ];

  it('names method, base and quorum with message ids every catalog has', () => {
    for (const r of rules) {
      const words = ruleWords(r);
      expect(words.length).toBeGreaterThanOrEqual(3);
      for (const w of words) for (const cat of Object.values(catalogs)) expect(typeof cat[w.id]).toBe('string');
    }
  });

  it('carries the numbers of a qualified majority and of the quorum', () => {
    expect(ruleWords(rules[1])).toEqual([
      { id: 'member.rule.qualified.moreThan', values: { n: 2, d: 3 } },
      { id: 'member.rule.base.eligible' },
      { id: 'member.rule.quorum.share', values: { n: 1, d: 2 } },
    ]);
    expect(ruleWords(rules[0])).toEqual([{ id: 'member.rule.majority' }, { id: 'member.rule.base.cast' }, { id: 'member.rule.quorum.count', values: { count: 3 } }, { id: 'member.rule.tie.chair' }]);
    expect(ruleWords(rules[2])[0]).toEqual({ id: 'member.rule.qualified.atLeast', values: { n: 3, d: 5 } });
    expect(ruleWords(rules[3])[2]).toEqual({ id: 'member.rule.quorum.none' });
  });
});

describe('member view: the speaker’s clock', () => {
  const floor = { grantedAt: '2026-01-01T10:00:00.000Z', endsAt: '2026-01-01T10:02:00.000Z' };
  it('never shows more than the granted turn, and leaves the rest as the server’s endsAt gives it', () => {
    expect(cappedAtTurn(floor, 120_050)).toBe(120_000);
    expect(cappedAtTurn(floor, 119_000)).toBe(119_000);
    expect(cappedAtTurn(floor, -5_000)).toBe(-5_000);
    expect(cappedAtTurn(floor, null)).toBeNull();
    // Paused (no endsAt): the time left the server stopped at.
    expect(cappedAtTurn({ grantedAt: floor.grantedAt, endsAt: null }, 42_000)).toBe(42_000);
    expect(cappedAtTurn(null, 1_000)).toBe(1_000);
  });
});

describe('member view: the queue', () => {
  const q = ['a', 'b', 'c'].map((membershipId) => ({ membershipId, kind: 'contribution' as const, requestedAt: '2026-01-01T00:00:00Z' }));
  it('gives the 1-based place, or null when not queued', () => {
    expect(placeInQueue(q, 'a')).toBe(1);
    expect(placeInQueue(q, 'c')).toBe(3);
    expect(placeInQueue(q, 'z')).toBeNull();
    expect(placeInQueue(q, null)).toBeNull();
    expect(placeInQueue([], 'a')).toBeNull();
  });
});

describe('member view: receipts', () => {
  it('hashes a receipt as lowercase hex SHA-256 of its UTF-8 text, as the receipt list does', async () => {
    for (const r of ['abc', 'r1.Zm9v-bar_baz', 'квитанция-түбіртек']) {
      expect(await sha256Hex(r)).toBe(createHash('sha256').update(r, 'utf8').digest('hex'));
    }
  });

  it('finds a receipt among the listed hashes (either case), and not one that is missing', async () => {
    const hashes = ['x', 'y'].map((r) => createHash('sha256').update(r).digest('hex'));
    expect(await isCounted('y', hashes)).toBe(true);
    expect(await isCounted('y', hashes.map((h) => h.toUpperCase()))).toBe(true);
    expect(await isCounted('z', hashes)).toBe(false);
    expect(await isCounted('y', [])).toBe(false);
  });

  it('keeps one receipt per member and poll, the last one replacing an earlier (a changed vote)', () => {
    const store = new MemoryStore();
    expect(keptReceipt(store, 'm1', 'p1')).toBeNull();
    keepReceipt(store, 'm1', 'p1', { receipt: 'r1', choice: 'for', at: '2026-01-01T00:00:00Z' });
    keepReceipt(store, 'm1', 'p2', { receipt: 'r2', choice: null, at: '2026-01-01T00:00:00Z' });
    keepReceipt(store, 'm1', 'p1', { receipt: 'r3', choice: 'against', at: '2026-01-01T00:01:00Z' });
    expect(keptReceipt(store, 'm1', 'p1')?.receipt).toBe('r3');
    expect(keptReceipt(store, 'm1', 'p2')).toEqual({ receipt: 'r2', choice: null, at: '2026-01-01T00:00:00Z' });
    // Another member on the same device keeps their own, and sees none of these.
    expect(keptReceipt(store, 'm2', 'p1')).toBeNull();
    keepReceipt(store, 'm2', 'p1', { receipt: 'r4', choice: null, at: '2026-01-01T00:02:00Z' });
    expect(keptReceipt(store, 'm1', 'p1')?.receipt).toBe('r3');
    expect(keptReceipt(store, 'm2', 'p1')?.receipt).toBe('r4');
  });

  it('reads damaged storage as empty and survives a store that refuses writes', () => {
    const store = new MemoryStore();
    store.setItem(receiptsKey('m1'), '{not json');
    expect(keptReceipt(store, 'm1', 'p1')).toBeNull();
    store.setItem(receiptsKey('m1'), '[1,2]');
    expect(keptReceipt(store, 'm1', 'p1')).toBeNull();
    const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => keepReceipt(full, 'm1', 'p1', { receipt: 'r', choice: null, at: '' })).not.toThrow();
    expect(keptReceipt(null, 'm1', 'p1')).toBeNull();
  });
});

describe('member view: catalogs', () => {
  it('has every member.* message in ru and kk, with the Russian plural forms and Kazakh letters', () => {
    const ids = Object.keys(en).filter((k) => k.startsWith('member.'));
    expect(ids.length).toBeGreaterThan(50);
    for (const id of ids) {
      expect([id, typeof (ru as Record<string, string>)[id]]).toEqual([id, 'string']);
      expect([id, typeof (kk as Record<string, string>)[id]]).toEqual([id, 'string']);
    }
    expect(ru['member.queueCount']).toMatch(/one \{.*\} few \{.*\} many \{.*\} other \{/);
    expect(kk['member.queueCount']).toMatch(/one \{.*\} other \{/);
    expect(Object.entries(kk).filter(([k]) => k.startsWith('member.')).map(([, v]) => v).join(' ')).toMatch(/[әғқңөұүһі]/);
  });
});

describe('proxies', () => {
  const p = (id: string, from: string, to: string, status: Proxy['status'], createdAt: string): Proxy => ({
    id,
    createdAt,
    delegatorMembershipId: from,
    delegateMembershipId: to,
    sessionId: 's',
    pollId: null,
    status,
  });

  it('finds the member’s own proxy: the last one not revoked, else the last revoked one, else none', () => {
    const revoked = p('1', 'a', 'b', 'revoked', '2026-12-06T10:00:00Z');
    const again = p('2', 'a', 'c', 'active', '2026-12-06T10:05:00Z');
    const others = p('3', 'c', 'a', 'active', '2026-12-06T10:01:00Z');
    expect(myProxy([again, revoked, others], 'a')).toBe(again);
    expect(myProxy([revoked, others], 'a')).toBe(revoked);
    expect(myProxy([others], 'a')).toBeNull();
    expect(myProxy([], 'a')).toBeNull();
  });

  it('lists the members a delegate votes for: only proxies in force, held by that delegate', () => {
    const list = [p('1', 'a', 'd', 'active', 'x'), p('2', 'b', 'd', 'suspended', 'x'), p('3', 'c', 'd', 'revoked', 'x'), p('4', 'e', 'f', 'active', 'x'), p('5', 'g', 'd', 'active', 'x')];
    expect(representedBy(list, 'd')).toEqual(['a', 'g']);
    expect(representedBy(list, 'a')).toEqual([]);
  });
});
