import { consultationUrgency, keepsCouncilQueues, mayJoinMinority, minorityWindowEnd, queuesToKeep } from './agenda';

const now = new Date('2026-03-10T12:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

describe('consultationUrgency', () => {
  it('is overdue at and after the due time, due soon within 72 hours, open before', () => {
    expect(consultationUrgency(hours(-1), now)).toBe('overdue');
    expect(consultationUrgency(now, now)).toBe('overdue');
    expect(consultationUrgency(hours(1), now)).toBe('due_soon');
    expect(consultationUrgency(hours(72), now)).toBe('due_soon');
    expect(consultationUrgency(hours(73), now)).toBe('open');
    expect(consultationUrgency(hours(5), now, 4)).toBe('open');
  });
});

describe('minority opinions on the agenda', () => {
  const end = minorityWindowEnd(hours(-10), 48);
  const base = { outcome: 'adopted' as const, windowEnd: end, secret: false, tookPart: true, choice: 'against' as const, filed: false, opinions: 0 };

  it('ends the window windowHours after closing', () => {
    expect(end.toISOString()).toBe(hours(38).toISOString());
  });

  it('lets a named voter in the minority join while the window is open', () => {
    expect(mayJoinMinority(base, now)).toBe(true);
    expect(mayJoinMinority({ ...base, choice: 'for' }, now)).toBe(false);
    expect(mayJoinMinority({ ...base, outcome: 'rejected', choice: 'for' }, now)).toBe(true);
    expect(mayJoinMinority({ ...base, outcome: 'rejected', choice: 'abstain' }, now)).toBe(false);
  });

  it('refuses after the window, without quorum, on an undecided tie, and to those who did not vote', () => {
    expect(mayJoinMinority(base, hours(39))).toBe(false);
    expect(mayJoinMinority({ ...base, outcome: 'no_quorum' }, now)).toBe(false);
    expect(mayJoinMinority({ ...base, outcome: 'tied' }, now)).toBe(false);
    expect(mayJoinMinority({ ...base, tookPart: false, choice: null }, now)).toBe(false);
  });

  it('leaves a voter who filed only the co-signing of another opinion', () => {
    expect(mayJoinMinority({ ...base, filed: true, opinions: 1 }, now)).toBe(false);
    expect(mayJoinMinority({ ...base, filed: true, opinions: 2 }, now)).toBe(true);
    expect(mayJoinMinority({ ...base, filed: false, opinions: 1 }, now)).toBe(true);
  });

  it('cannot tell on a secret poll (null) but still applies the window', () => {
    expect(mayJoinMinority({ ...base, secret: true, choice: null }, now)).toBeNull();
    expect(mayJoinMinority({ ...base, secret: true, choice: null }, hours(40))).toBe(false);
  });
});

describe("the secretariat's queues on the agenda", () => {
  const at = (h: number) => hours(-h);
  it('are kept by the secretariat only', () => {
    expect(keepsCouncilQueues(['secretariat'])).toBe(true);
    expect(keepsCouncilQueues(['member', 'secretariat'])).toBe(true);
    for (const roles of [['member'], ['chair'], ['moderator'], ['observer'], ['agency_rep'], []]) expect(keepsCouncilQueues(roles)).toBe(false);
  });

  it('list only non-empty queues of councils the user keeps, the longest-waiting first', () => {
    const rows = [
      { councilId: 'a', roles: ['secretariat'], waiting: 2, oldestAt: at(1) },
      { councilId: 'b', roles: ['member'], waiting: 5, oldestAt: at(9) },
      { councilId: 'c', roles: ['secretariat'], waiting: 0, oldestAt: at(20) },
      { councilId: 'd', roles: ['secretariat', 'member'], waiting: 1, oldestAt: at(3) },
    ];
    expect(queuesToKeep(rows).map((r) => r.councilId)).toEqual(['d', 'a']);
    expect(queuesToKeep([])).toEqual([]);
  });
});
