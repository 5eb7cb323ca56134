import { useEffect, useState } from 'react';
import { LIVE_COMMANDS } from '@kenes/contracts';
import { useT } from '../../../i18n/useT';
import type { LiveSession } from '../../../live/useLiveSession';
import { CommandFeedback } from './CommandFeedback';
import { useCommand } from './useCommand';

const key = (sessionId: string, membershipId: string) => `kenes.checkedIn.${sessionId}.${membershipId}`;

function wasCheckedIn(sessionId: string, membershipId: string | null): boolean {
  try {
    return !!membershipId && localStorage.getItem(key(sessionId, membershipId)) === '1';
  } catch {
    return false;
  }
}

/**
 * `Check in` and the checked-in state. The server keeps a check-in while
 * the member holds a connection (its lease is renewed by the socket), so
 * this browser remembers it for the sitting.
 */
export function CheckInPanel({ sessionId, send, myMembershipId }: { sessionId: string; send: LiveSession['send']; myMembershipId: string | null }) {
  const t = useT();
  const [checkedIn, setCheckedIn] = useState(() => wasCheckedIn(sessionId, myMembershipId));
  useEffect(() => setCheckedIn(wasCheckedIn(sessionId, myMembershipId)), [sessionId, myMembershipId]);
  const checkIn = useCommand(() => send(LIVE_COMMANDS.checkIn, { sessionId }));
  const fire = async () => {
    const ack = await checkIn.fire();
    if (ack?.ok && myMembershipId) {
      setCheckedIn(true);
      try {
        localStorage.setItem(key(sessionId, myMembershipId), '1');
      } catch {
        // the state lasts for this page
      }
    }
  };
  return (
    <section aria-labelledby="m-attendance" className="m-card">
      <h2 id="m-attendance">{t('member.attendance')}</h2>
      {checkedIn ? (
        <p className="m-checked">
          <span aria-hidden="true">✓ </span>
          {t('member.checkedIn')}
        </p>
      ) : (
        <button type="button" className="m-btn m-primary" aria-disabled={checkIn.state.phase === 'busy' || undefined} onClick={() => void fire()}>
          {t('member.checkIn')}
        </button>
      )}
      <CommandFeedback state={checkIn.state} done={t('member.checkedInNow')} />
    </section>
  );
}
