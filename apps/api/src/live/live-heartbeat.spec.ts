import { HeartbeatSchedule } from './live-heartbeat';

describe('HeartbeatSchedule', () => {
  it('beats a room at once, again whenever its seq moved, and after quietMs of quiet only', () => {
    const s = new HeartbeatSchedule(30_000);
    expect(s.due('a', 0, 0)).toBe(true); // a new room
    expect(s.due('a', 0, 5_000)).toBe(false); // nothing new
    expect(s.due('a', 3, 10_000)).toBe(true); // the log moved (a broadcast may have been lost)
    expect(s.due('a', 3, 15_000)).toBe(false);
    expect(s.due('a', 3, 39_999)).toBe(false);
    expect(s.due('a', 3, 40_000)).toBe(true); // quiet for quietMs: keeps clocks fresh
    expect(s.due('a', 3, 45_000)).toBe(false);
  });

  it('keeps rooms apart, and starts a room that went and came back afresh', () => {
    const s = new HeartbeatSchedule(30_000);
    expect(s.due('a', 1, 0)).toBe(true);
    expect(s.due('b', 1, 0)).toBe(true);
    expect(s.due('b', 1, 1)).toBe(false);
    s.keepOnly(['a']);
    expect(s.due('a', 1, 2)).toBe(false);
    expect(s.due('b', 1, 2)).toBe(true);
  });
});
