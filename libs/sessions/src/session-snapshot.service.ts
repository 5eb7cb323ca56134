import { Injectable } from '@nestjs/common';
import { buildMinutes, spokenSeconds as spokenSecondsOf } from '@kenes/core';
import { Transaction } from '@kenes/audit';
import { SessionDto } from './dto/session.dto';
import { SessionEntity } from './entities/session.entity';
import { SessionAttendanceService } from './session-attendance.service';
import { SessionPollsService } from './session-polls.service';
import { toSessionDto } from './sessions.mappers';
import { SessionsRepository } from './sessions.repository';

/**
 * A sitting's snapshot (GET /sessions/:id, the `session.join` ack): its
 * agenda, attendance, speaking time, the names the hall sees and its polls.
 * Assembly only: the caller has checked access.
 */
@Injectable()
export class SessionSnapshotService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly attendance: SessionAttendanceService,
    private readonly polls: SessionPollsService,
  ) {}

  async snapshotOf(s: SessionEntity, tx?: Transaction): Promise<SessionDto> {
    const [items, attendance, spoken] = await Promise.all([this.sessions.items(s.id, tx?.em), this.attendance.of(s, tx), this.sessions.floorEndings(s.id, tx?.em)]);
    // Names and groups only once someone has spoken: every join (thousands of watchers) takes a snapshot.
    const anyoneSpoke = s.floor !== null || spoken.some((e) => e.type === 'floor.ended');
    const people = anyoneSpoke ? await this.sessions.people(s.councilId) : { names: {}, groups: {} };
    // Speaking time per item, per speaker and per working group against the allowance, live: the
    // finished turns from the log (the same reading as the minutes) plus the turn in progress.
    const minutes = buildMinutes({
      session: { id: s.id, title: s.title, kind: s.kind, scheduledAt: s.scheduledAt.toISOString(), startedAt: null, closedAt: null },
      items: items.map((i) => ({ id: i.id, position: i.position, title: i.title, proposalId: i.proposalId, minutes: i.minutes })),
      events: spoken,
      names: people.names,
      groups: people.groups,
      polls: [],
      opinions: [],
    });
    const speakingTime = items.map((i, k) => {
      const m = minutes.items[k];
      const bySpeaker: Record<string, number> = {};
      for (const sp of m.speakers) bySpeaker[sp.membershipId] = (bySpeaker[sp.membershipId] ?? 0) + sp.seconds;
      const byGroup = { ...m.secondsByGroup };
      let spokenSeconds = m.spokenSeconds;
      if (s.floor && s.currentItemId === i.id) {
        const running = spokenSecondsOf(s.floor, new Date());
        spokenSeconds += running;
        bySpeaker[s.floor.membershipId] = (bySpeaker[s.floor.membershipId] ?? 0) + running;
        const group = people.groups[s.floor.membershipId] ?? '—';
        byGroup[group] = (byGroup[group] ?? 0) + running;
      }
      return { itemId: i.id, allowanceSeconds: i.minutes * 60, spokenSeconds, remainingSeconds: Math.max(0, i.minutes * 60 - spokenSeconds), bySpeaker, byGroup };
    });
    // Who the hall sees named: the floor, the queue and the agenda's speakers; and the sitting's polls.
    const concerned = [s.floor?.membershipId, ...(s.queue ?? []).map((q) => q.membershipId), ...items.flatMap((i) => i.speakerMembershipIds ?? [])].filter((x): x is string => !!x);
    const [names, polls] = await Promise.all([this.sessions.namesOf([...new Set(concerned)], tx?.em), this.polls.ofSnapshot(s.id, 'en', tx?.em)]);
    return { ...toSessionDto(s, items, attendance), names, polls, speakingTime };
  }
}
