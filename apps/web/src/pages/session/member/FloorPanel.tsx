import { useId, useState } from 'react';
import { LIVE_COMMANDS, LIVE_FLOOR_KINDS } from '@kenes/contracts';
import type { LiveFloorKind, LiveQueueEntry } from '@kenes/contracts';
import { useT } from '../../../i18n/useT';
import type { LiveSession } from '../../../live/useLiveSession';
import { placeInQueue } from './logic';
import { CommandFeedback } from './CommandFeedback';
import { useCommand } from './useCommand';

interface Props {
  sessionId: string;
  send: LiveSession['send'];
  queue: LiveQueueEntry[];
  names: Record<string, string>;
  myMembershipId: string | null;
}

/** Request the floor (with its kind), the queue with names and my place in it, withdraw. */
export function FloorPanel({ sessionId, send, queue, names, myMembershipId }: Props) {
  const t = useT();
  const kindId = useId();
  const [kind, setKind] = useState<LiveFloorKind>('contribution');
  const request = useCommand(() => send(LIVE_COMMANDS.floorRequest, { sessionId, kind }));
  const withdraw = useCommand(() => send(LIVE_COMMANDS.floorWithdraw, { sessionId }));
  const place = placeInQueue(queue, myMembershipId);
  // The last command's feedback is the one shown.
  const [last, setLast] = useState<'request' | 'withdraw' | null>(null);
  const shown = last === 'withdraw' ? withdraw : request;
  const busy = request.state.phase === 'busy' || withdraw.state.phase === 'busy';

  return (
    <section aria-labelledby="m-floor" className="m-card">
      <h2 id="m-floor">{t('member.floor')}</h2>
      {place === null ? (
        <div className="m-row">
          <label htmlFor={kindId}>{t('member.kind')}</label>
          <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as LiveFloorKind)}>
            {LIVE_FLOOR_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`floor.kind.${k}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="m-btn m-primary"
            aria-disabled={busy || undefined}
            onClick={() => {
              if (busy) return;
              setLast('request');
              void request.fire();
            }}
          >
            {t('member.requestFloor')}
          </button>
        </div>
      ) : (
        <div className="m-row">
          <p className="m-place">{t('member.place', { place })}</p>
          <button
            type="button"
            className="m-btn"
            aria-disabled={busy || undefined}
            onClick={() => {
              if (busy) return;
              setLast('withdraw');
              void withdraw.fire();
            }}
          >
            {t('member.withdraw')}
          </button>
        </div>
      )}
      <CommandFeedback state={shown.state} done={last === 'withdraw' ? t('member.withdrawn') : t('member.requested')} />
      <h3 className="m-sub">{t('member.queue')}</h3>
      <p>{t('member.queueCount', { count: queue.length })}</p>
      {queue.length > 0 && (
        <ol className="m-queue">
          {queue.map((q) => (
            <li key={q.membershipId} aria-current={q.membershipId === myMembershipId ? 'true' : undefined}>
              {names[q.membershipId] ?? t('projector.unknownSpeaker')}
              {q.membershipId === myMembershipId && <strong> ({t('member.you')})</strong>} · {t(`floor.kind.${q.kind}`)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
