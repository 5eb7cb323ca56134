import type { LivePoll } from '@kenes/contracts';
import { useT } from '../../../i18n/useT';
import { pollOnShow } from '../../../live/reducer';
import type { LiveSession } from '../../../live/useLiveSession';
import { CheckInPanel } from './CheckInPanel';
import { FloorPanel } from './FloorPanel';
import { MyReceipts } from './MyReceipts';
import { PollResult } from './PollResult';
import { ProxyPanel } from './ProxyPanel';
import { SpeakerPanel } from './SpeakerPanel';
import { VotePanel } from './VotePanel';
import './member.css';

/**
 * "A vote has opened", said assertively. The region is always in the page
 * (a region inserted with its text is not reliably announced), and it is
 * not sticky: nothing covers the element that has focus.
 */
function PollBanner({ poll }: { poll: LivePoll | null }) {
  const t = useT();
  return (
    <div role="alert" className={poll ? 'm-banner' : 'm-banner-empty'}>
      {poll && (
        <>
          <strong>{t('member.pollOpened')}</strong> {poll.question}{' '}
          <a
            href="#vote"
            onClick={(e) => {
              e.preventDefault();
              document.getElementById('m-vote')?.focus();
            }}
          >
            {t('member.goToVote')}
          </a>
        </>
      )}
    </div>
  );
}

/**
 * /sessions/:id for a member of the council (phone-first): the speaker and
 * the time left, check-in, the floor, the vote with its receipt, and the
 * receipts this browser keeps. The summary above it carries the h1, the
 * current item and attendance.
 */
export default function MemberView({ live, membershipId }: { live: LiveSession; membershipId: string }) {
  const t = useT();
  const view = live.view;
  if (!view) return null;
  const s = view.snapshot;
  const shown = pollOnShow(view);
  const open = shown?.status === 'open' ? shown : null;
  const sessionId = s.id;
  return (
    <div className="member">
      <PollBanner poll={open} />
      {/* An open vote comes first: on a phone it is what the member came for. */}
      {open && <VotePanel key={open.id} poll={open} send={live.send} membershipId={membershipId} councilId={s.councilId} />}
      <SpeakerPanel floor={s.floor} paused={s.state === 'paused'} clock={live.clock} names={view.names} myMembershipId={membershipId} />
      {shown && shown.status === 'closed' && <PollResult poll={shown} />}
      {s.state === 'closed' ? (
        <p className="m-card">{t('member.closed')}</p>
      ) : (
        <>
          <CheckInPanel sessionId={sessionId} send={live.send} myMembershipId={membershipId} />
          <FloorPanel sessionId={sessionId} send={live.send} queue={s.queue} names={view.names} myMembershipId={membershipId} />
          <ProxyPanel councilId={s.councilId} sessionId={sessionId} membershipId={membershipId} represented={s.attendance.represented} />
        </>
      )}
      <MyReceipts polls={view.polls} membershipId={membershipId} />
    </div>
  );
}
