import type { LiveFloor } from '@kenes/contracts';
import { formatClock, remainingMs, ServerClock } from '../../live/clock';
import { useT } from '../../i18n/useT';
import { useServerNow } from '../../live/useServerNow';

/**
 * The speaker's time left, from the server's `endsAt` on the server's clock.
 * Over time it reads with a minus sign and the words "Over time" (not colour
 * alone); while the sitting is paused the clock stands still.
 */
export function Countdown({ floor, clock, paused }: { floor: LiveFloor; clock: ServerClock; paused: boolean }) {
  const t = useT();
  const stopped = paused || floor.endsAt === null;
  const now = useServerNow(clock, !stopped, 250);
  const ms = remainingMs(floor, now) ?? 0;
  const over = ms < 0;
  return (
    <div className={`countdown${over ? ' over' : ''}`}>
      <span className="label">{stopped ? t('projector.clockPaused') : over ? t('projector.overtime') : t('projector.timeLeft')}</span>
      <span className="clock" data-testid="countdown">
        {formatClock(ms)}
      </span>
    </div>
  );
}
