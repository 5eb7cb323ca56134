import type { LiveFloor } from '@kenes/contracts';
import { useT } from '../../../i18n/useT';
import { formatClock, remainingMs, ServerClock } from '../../../live/clock';
import { useServerNow } from '../../../live/useServerNow';
import { cappedAtTurn } from './logic';

/** Re-renders every second while there is a running clock to show. */
interface Props {
  floor: LiveFloor | null;
  paused: boolean;
  clock: ServerClock;
  names: Record<string, string>;
  myMembershipId: string | null;
}

/**
 * Who has the floor and the time left, from the server's `endsAt` and the
 * server's clock (stopped while the sitting is paused); "your turn" is said
 * politely when the floor is given to this member.
 */
export function SpeakerPanel({ floor, paused, clock, names, myMembershipId }: Props) {
  const t = useT();
  const running = !!floor && !!floor.endsAt && !paused;
  const now = useServerNow(clock, running, 1000, floor?.endsAt);
  const left = cappedAtTurn(floor, remainingMs(floor, now));
  const mine = !!floor && floor.membershipId === myMembershipId;
  return (
    <section aria-labelledby="m-speaker" className="m-card">
      <h2 id="m-speaker">{t('projector.speaker')}</h2>
      {floor ? (
        <>
          <p className="m-speaker-name">
            {names[floor.membershipId] ?? t('projector.unknownSpeaker')}
            {mine && <> ({t('member.you')})</>} · {t(`floor.kind.${floor.kind}`)}
          </p>
          {left !== null && (
            <p className="m-clock">
              {left < 0 ? t('projector.overtime') : t('projector.timeLeft')}: <span className="m-time">{formatClock(left)}</span>
              {(paused || !floor.endsAt) && <> · {t('projector.clockPaused')}</>}
            </p>
          )}
        </>
      ) : (
        <p>{t('projector.noSpeaker')}</p>
      )}
      <p role="status" className="m-turn">
        {mine ? t('member.yourTurn') : ''}
      </p>
    </section>
  );
}
