import fc from 'fast-check';
import { FloorHolder, grantFloor, pauseFloor, resumeFloor, spokenSeconds } from './floor';

const at = (ms: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, 0) + ms);

describe('the floor clock across pauses', () => {
  const granted = (seconds: number): FloorHolder => grantFloor([], 'm1', at(0), seconds).holder;

  it('stops on pause with what was left, and resumes with it', () => {
    const paused = pauseFloor(granted(120), at(30_000));
    expect(paused).toMatchObject({ endsAt: null, remainingMs: 90_000, pausedAt: at(30_000).toISOString() });
    const resumed = resumeFloor(paused, at(600_000));
    expect(resumed).toMatchObject({ endsAt: at(690_000).toISOString(), remainingMs: null, pausedAt: null, pausedMs: 570_000 });
  });

  it('never counts paused time as spoken, and never more than the allowance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.array(fc.tuple(fc.nat(100_000), fc.nat(100_000)), { maxLength: 5 }), fc.nat(700_000), (seconds, pauses, tail) => {
        let h = granted(seconds);
        let now = 0;
        let pausedTotal = 0;
        let left = seconds * 1000;
        for (const [run, pause] of pauses) {
          now += run;
          left = Math.max(0, left - run);
          h = pauseFloor(h, at(now));
          now += pause;
          pausedTotal += pause;
          h = resumeFloor(h, at(now));
        }
        // What was left at the last resume is what remains: the clock never ran while paused.
        expect(new Date(h.endsAt as string).getTime()).toBe(at(now + left).getTime());
        now += tail;
        const spoken = spokenSeconds(h, at(now));
        expect(spoken).toBeLessThanOrEqual(seconds);
        expect(spoken).toBeLessThanOrEqual(Math.round((now - pausedTotal) / 1000) + 1);
      }),
    );
  });

  it('counts a floor ended while paused up to the pause', () => {
    expect(spokenSeconds(pauseFloor(granted(120), at(30_000)), at(900_000))).toBe(30);
  });

  it('leaves a paused floor paused, and a running floor running', () => {
    const paused = pauseFloor(granted(60), at(10_000));
    expect(pauseFloor(paused, at(20_000))).toBe(paused);
    const running = granted(60);
    expect(resumeFloor(running, at(5_000))).toBe(running);
  });
});
