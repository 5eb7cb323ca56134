import fc from 'fast-check';
import type { LiveFloor } from '@kenes/contracts';
import { firstGroups, formatSeconds, itemTime, runningSeconds, TimeEvent, timeLeft } from './speakingTime';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
let seq = 0;
const ev = (type: string, payload: Record<string, unknown>): TimeEvent => ({ seq: ++seq, type, payload });
const opened = (itemId: string) => ev('agenda.opened', { itemId });
const granted = (membershipId: string, at: number, seconds: number, itemId: string | null = null) => ev('floor.granted', { membershipId, grantedAt: iso(at), endsAt: iso(at + seconds), itemId });
const ended = (membershipId: string, spokenSeconds: number, itemId: string | null = null) => ev('floor.ended', { membershipId, spokenSeconds, itemId, kind: 'contribution' });
const floor = (membershipId: string, at: number, seconds: number, over: Partial<LiveFloor> = {}): LiveFloor => ({ membershipId, kind: 'contribution', grantedAt: iso(at), endsAt: iso(at + seconds), ...over });

const base = { itemId: 'A', minutes: 5, floor: null, currentItemId: 'A', groups: {}, serverNow: T0 };

describe('speaking time on an item', () => {
  it('adds the finished turns per speaker, in the order they first spoke, against the allowance', () => {
    const events = [opened('A'), ended('m1', 60), ended('m2', 30), ended('m1', 15)];
    const t = itemTime({ ...base, events });
    expect(t.bySpeaker).toEqual([
      { membershipId: 'm1', seconds: 75, speaking: false },
      { membershipId: 'm2', seconds: 30, speaking: false },
    ]);
    expect(t).toMatchObject({ allowanceSeconds: 300, spokenSeconds: 105, remainingSeconds: 195 });
  });

  it('counts a turn on the item its event names, else on the item open then', () => {
    const events = [opened('A'), ended('m1', 60), opened('B'), ended('m2', 40), ended('m3', 20, 'A')];
    expect(itemTime({ ...base, events }).bySpeaker.map((s) => s.membershipId)).toEqual(['m1', 'm3']);
    expect(itemTime({ ...base, itemId: 'B', events }).spokenSeconds).toBe(40);
  });

  it('reads events in seq order whatever order they come in', () => {
    const events = [opened('A'), ended('m1', 60), opened('B'), ended('m2', 40)];
    expect(itemTime({ ...base, events: [...events].reverse() })).toEqual(itemTime({ ...base, events }));
  });

  it('adds the turn in progress, from the time granted less the time left', () => {
    const events = [opened('A'), ended('m1', 60), granted('m2', 100, 120, 'A')];
    const t = itemTime({ ...base, events, floor: floor('m2', 100, 120), serverNow: T0 + 145_000 });
    expect(t.bySpeaker).toEqual([
      { membershipId: 'm1', seconds: 60, speaking: false },
      { membershipId: 'm2', seconds: 45, speaking: true },
    ]);
    expect(t.remainingSeconds).toBe(195);
  });

  it('does not count a pause: a paused floor is the time granted less what was left when it paused', () => {
    const events = [opened('A'), granted('m2', 100, 120, 'A')];
    const paused = floor('m2', 100, 120, { endsAt: null, remainingMs: 90_000, pausedAt: iso(130) });
    expect(itemTime({ ...base, events, floor: paused, serverNow: T0 + 999_000 }).spokenSeconds).toBe(30);
    // Resumed 60 s later: the end moved on by the pause.
    const resumed = floor('m2', 100, 120, { endsAt: iso(190 + 90), pausedMs: 60_000 });
    expect(itemTime({ ...base, events, floor: resumed, serverNow: T0 + 200_000 }).spokenSeconds).toBe(40);
  });

  it('stops a turn that ran over at its time granted (the server ends it there)', () => {
    const events = [opened('A'), granted('m2', 0, 60, 'A')];
    expect(itemTime({ ...base, events, floor: floor('m2', 0, 60), serverNow: T0 + 75_000 }).spokenSeconds).toBe(60);
  });

  it('leaves out the floor held on another item, and uses the open item without the grant event', () => {
    const events = [opened('A'), granted('m2', 0, 60, 'B')];
    expect(itemTime({ ...base, events, floor: floor('m2', 0, 60), serverNow: T0 + 30_000 }).spokenSeconds).toBe(0);
    expect(itemTime({ ...base, events: [], floor: floor('m2', 0, 60), serverNow: T0 + 30_000 }).spokenSeconds).toBe(30);
    expect(itemTime({ ...base, events: [], currentItemId: 'B', floor: floor('m2', 0, 60), serverNow: T0 + 30_000 }).spokenSeconds).toBe(0);
  });

  it('shows an overrun allowance as negative time left', () => {
    const t = itemTime({ ...base, minutes: 1, events: [opened('A'), ended('m1', 90)] });
    expect(t.remainingSeconds).toBe(-30);
    expect(formatSeconds(t.remainingSeconds)).toBe('\u22120:30');
  });

  it('sums per working group, largest first and the speakers in no group last', () => {
    const events = [opened('A'), ended('m1', 10), ended('m2', 50), ended('m3', 30), ended('m4', 5)];
    const t = itemTime({ ...base, events, groups: { m1: 'Economic', m2: 'Political', m3: 'Economic' } });
    expect(t.byGroup).toEqual([
      { group: 'Political', seconds: 50 },
      { group: 'Economic', seconds: 40 },
      { group: null, seconds: 5 },
    ]);
  });

  it('keeps its sums whole: speakers and groups add up to the time spoken', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ who: fc.constantFrom('m1', 'm2', 'm3', 'm4'), item: fc.constantFrom('A', 'B', null), s: fc.nat(900) }), { maxLength: 40 }),
        fc.boolean(),
        fc.nat(200),
        (turns, holding, elapsed) => {
          seq = 0;
          const events = [opened('A'), ...turns.map((x) => ended(x.who, x.s, x.item)), granted('m2', 0, 120, 'A')];
          const t = itemTime({ ...base, events, groups: { m1: 'G1', m2: 'G2', m3: 'G1' }, floor: holding ? floor('m2', 0, 120) : null, serverNow: T0 + elapsed * 1000 });
          const bySpeaker = t.bySpeaker.reduce((n, s) => n + s.seconds, 0);
          const byGroup = t.byGroup.reduce((n, g) => n + g.seconds, 0);
          const finished = turns.filter((x) => (x.item ?? 'A') === 'A').reduce((n, x) => n + x.s, 0);
          return bySpeaker === t.spokenSeconds && byGroup === t.spokenSeconds && t.spokenSeconds === finished + (holding ? Math.min(elapsed, 120) : 0) && t.remainingSeconds === 300 - t.spokenSeconds;
        },
      ),
    );
  });

  it('never counts a running turn below zero or beyond its time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3600 }), fc.integer({ min: -100_000, max: 10_000_000 }), (seconds, now) => {
        const r = runningSeconds(floor('m', 0, seconds), seconds * 1000, T0 + now);
        return r >= 0 && r <= seconds;
      }),
    );
  });
});

describe('the time left shown', () => {
  it('counts down from endsAt but never shows more than the turn granted', () => {
    const f = floor('m', 0, 120);
    expect(timeLeft(f, T0 - 800)).toBe(120_000);
    expect(timeLeft(f, T0 + 30_000)).toBe(90_000);
    expect(timeLeft(f, T0 + 125_000)).toBe(-5_000);
    expect(timeLeft(floor('m', 0, 120, { endsAt: null, remainingMs: 42_000 }), T0 + 999_000)).toBe(42_000);
    expect(timeLeft(null, T0)).toBeNull();
  });
});

describe('each membership’s working group', () => {
  it('is the group it joined first', () => {
    const groups = firstGroups([
      { name: 'Social', members: [{ membershipId: 'm1', createdAt: '2026-02-01T00:00:00Z' }, { membershipId: 'm2', createdAt: '2026-01-05T00:00:00Z' }] },
      { name: 'Economic', members: [{ membershipId: 'm1', createdAt: '2026-01-01T00:00:00Z' }] },
    ]);
    expect(groups).toEqual({ m1: 'Economic', m2: 'Social' });
  });
});

describe('m:ss', () => {
  it('writes whole seconds', () => {
    expect(formatSeconds(0)).toBe('0:00');
    expect(formatSeconds(605)).toBe('10:05');
    expect(formatSeconds(-5)).toBe('\u22120:05');
  });
});
