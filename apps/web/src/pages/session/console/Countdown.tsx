import type { LiveFloor } from '@kenes/contracts';
import { formatClock, ServerClock } from '../../../live/clock';
import { useServerNow } from '../../../live/useServerNow';
import { useCT } from './i18n';
import { timeLeft } from './speakingTime';

/**
 * The speaker's time left on the console: from the server's endsAt on the
 * server's clock, stopped while the sitting is paused; over time it reads
 * with a minus sign and the words "Over time" (not colour alone).
 */
export function Countdown({ floor, clock, paused }: { floor: LiveFloor; clock: ServerClock; paused: boolean }) {
  const t = useCT();
  const stopped = paused || floor.endsAt === null;
  const now = useServerNow(clock, !stopped, 250, floor.endsAt);
  const ms = timeLeft(floor, now) ?? 0;
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
