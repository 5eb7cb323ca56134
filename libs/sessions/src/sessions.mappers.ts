import { AgendaItemDto, SessionDto, SessionSummaryDto } from './dto/session.dto';
import { AgendaItemEntity } from './entities/agenda-item.entity';
import { SessionEntity } from './entities/session.entity';

export const toAgendaItemDto = (i: AgendaItemEntity): AgendaItemDto => ({
  id: i.id,
  sessionId: i.sessionId,
  position: i.position,
  title: i.title,
  proposalId: i.proposalId ?? null,
  speakerMembershipIds: i.speakerMembershipIds ?? [],
  minutes: i.minutes,
  status: i.status,
  decision: i.resolution ? { resolution: i.resolution, instruction: i.instruction ?? null } : null,
  createdAt: i.createdAt.toISOString(),
});

export const toSessionDto = (s: SessionEntity, items: AgendaItemEntity[], attendance: SessionDto['attendance']): SessionDto => ({
  id: s.id,
  councilId: s.councilId,
  kind: s.kind,
  workingGroupId: s.workingGroupId ?? null,
  title: s.title,
  scheduledAt: s.scheduledAt.toISOString(),
  public: s.public,
  state: s.state,
  lastSeq: s.lastSeq,
  currentItemId: s.currentItemId ?? null,
  agenda: items.map(toAgendaItemDto),
  floor: s.floor ?? null,
  queue: s.queue ?? [],
  attendance,
  startedAt: s.startedAt?.toISOString() ?? null,
  closedAt: s.closedAt?.toISOString() ?? null,
  createdAt: s.createdAt.toISOString(),
});

export const toSessionSummaryDto = (s: SessionEntity): SessionSummaryDto => ({
  id: s.id,
  councilId: s.councilId,
  kind: s.kind,
  workingGroupId: s.workingGroupId ?? null,
  title: s.title,
  scheduledAt: s.scheduledAt.toISOString(),
  public: s.public,
  state: s.state,
  startedAt: s.startedAt?.toISOString() ?? null,
  closedAt: s.closedAt?.toISOString() ?? null,
  createdAt: s.createdAt.toISOString(),
});
