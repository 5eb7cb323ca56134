import type { LiveSession } from '../../../live/useLiveSession';
import type { LiveView } from '../../../live/reducer';
import { ConnectionStatus } from '../ConnectionStatus';
import { AgendaPanel } from './AgendaPanel';
import { AttendancePanel } from './AttendancePanel';
import { DecisionPanel } from './DecisionPanel';
import { FloorPanel } from './FloorPanel';
import { PollsPanel } from './PollsPanel';
import { StatePanel } from './StatePanel';
import { TimePanel } from './TimePanel';
import { ConsoleIntl, useCT } from './i18n';
import { CouncilPerson, useFloorEvents, useGroups, usePeople } from './useConsoleData';
import './console.css';

/**
 * The moderator's and the chair's console at /sessions/:id: the whole
 * sitting on one page (after OpenSlides' autopilot). The sitting's state,
 * the agenda, attendance and quorum, the floor and its queue, time spoken
 * against the item's allowance, the polls; and for the chair the decision
 * on the open item and a tied poll's casting decision.
 */
/** Who runs the sitting: the chair also decides. */
export type ConsoleRole = 'chair' | 'moderator';

type Props = { live: LiveSession; view: LiveView; sessionId: string; role: ConsoleRole };

export function Console(props: Props) {
  return (
    <ConsoleIntl>
      <ConsoleBody {...props} />
    </ConsoleIntl>
  );
}

function ConsoleBody({ live, view, sessionId, role }: Props) {
  const t = useCT();
  const s = view.snapshot;
  const people = usePeople(s.councilId);
  const groups = useGroups(s.councilId);
  const events = useFloorEvents(sessionId, view.lastSeq);
  const item = s.agenda.find((i) => i.id === s.currentItemId) ?? null;
  const known = new Map((people.data ?? []).map((p) => [p.membershipId, p.name]));
  const name = (id: string) => view.names[id] ?? known.get(id) ?? t('projector.unknownSpeaker');
  // The open item's speakers first, then every member with a vote, then the rest.
  const speakers = new Set(item?.speakerMembershipIds ?? []);
  const rank = (p: CouncilPerson) => (speakers.has(p.membershipId) ? 0 : p.voter ? 1 : 2);
  const grantable = [...(people.data ?? [])].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  const paused = s.state === 'paused';
  return (
    <div className="console">
      <header className="c-head">
        <div>
          <h1>{s.title}</h1>
          <p className="c-muted">
            {t(role === 'chair' ? 'console.role.chair' : 'console.role.moderator')}
            {item && (
              <>
                {' · '}
                {t('console.currentItem', { position: item.position, title: item.title })}
              </>
            )}
          </p>
        </div>
        <ConnectionStatus state={live.connection} />
      </header>
      <div className="c-grid">
        <div className="c-col">
          <StatePanel live={live} sessionId={sessionId} state={s.state} />
          <AttendancePanel attendance={s.attendance} />
          <AgendaPanel live={live} sessionId={sessionId} councilId={s.councilId} agenda={s.agenda} currentItemId={s.currentItemId} people={grantable} />
          {role === 'chair' && <DecisionPanel item={item} />}
        </div>
        <div className="c-col">
          <FloorPanel live={live} sessionId={sessionId} floor={s.floor} queue={s.queue} paused={paused} name={name} people={grantable} />
          <TimePanel item={item} events={events} floor={s.floor} paused={paused} clock={live.clock} groups={groups.data ?? {}} name={name} />
        </div>
        <div className="c-col">
          <PollsPanel live={live} sessionId={sessionId} polls={view.polls} item={item} chair={role === 'chair'} />
        </div>
      </div>
    </div>
  );
}
