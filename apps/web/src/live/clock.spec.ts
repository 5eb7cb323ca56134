import { formatClock, remainingMs, ServerClock } from './clock';

const floor = (over: object = {}) => ({ membershipId: 'm', kind: 'contribution' as const, grantedAt: '2026-01-01T00:00:00.000Z', endsAt: '2026-01-01T00:02:00.000Z', ...over });

describe('floor clock', () => {
  it('counts down to the server end and past it', () => {
    const end = Date.parse('2026-01-01T00:02:00.000Z');
    expect(remainingMs(floor(), end - 65_000)).toBe(65_000);
    expect(remainingMs(floor(), end + 5_000)).toBe(-5_000);
    expect(remainingMs(null, end)).toBeNull();
  });

  it('stands still while paused', () => {
    expect(remainingMs(floor({ endsAt: null, remainingMs: 30_000 }), 0)).toBe(30_000);
    expect(remainingMs(floor({ endsAt: null, remainingMs: 30_000 }), 999_999_999)).toBe(30_000);
  });

  it('writes time left as m:ss and overrun with a minus sign', () => {
    expect(formatClock(65_000)).toBe('1:05');
    expect(formatClock(64_600)).toBe('1:05');
    expect(formatClock(64_400)).toBe('1:04');
    expect(formatClock(90_007)).toBe('1:30');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(-500)).toBe('0:00');
    expect(formatClock(-65_000)).toBe('\u22121:05');
  });

  it('takes the server clock from live events (delivery only adds delay)', () => {
    const c = new ServerClock();
    expect(c.now(1000)).toBe(1000);
    c.observe(new Date(5_000).toISOString(), 2_000); // server ahead by at least 3 s
    c.observe(new Date(5_500).toISOString(), 4_000); // a slow delivery says less: ignored
    expect(c.now(10_000)).toBe(13_000);
  });
});
