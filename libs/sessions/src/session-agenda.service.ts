import { Injectable } from '@nestjs/common';
import { AuthUser, conflict, invalidField, notFound } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { ProposalsRepository, TraceService, TransitionsService } from '@kenes/proposals';
import { AgendaItemDto, CreateAgendaItemDto } from './dto/session.dto';
import { SessionAccessService } from './session-access.service';
import { toAgendaItemDto } from './sessions.mappers';
import { SessionsRepository } from './sessions.repository';
import { SessionsError } from './sessions.errors';

/** A sitting's agenda: the moderator adds items (the chair's decision on one is a live command, SessionCommandsService.decide). */
@Injectable()
export class SessionAgendaService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessionAccess: SessionAccessService,
    private readonly sessions: SessionsRepository,
    private readonly proposals: ProposalsRepository,
    private readonly transitions: TransitionsService,
    private readonly trace: TraceService,
  ) {}

  /** An item for a recommended or deferred proposal moves it to on_agenda (409 for any other status). */
  async addItem(user: AuthUser, sessionId: string, dto: CreateAgendaItemDto): Promise<AgendaItemDto> {
    const sc = await this.sessionAccess.reach(user, sessionId);
    const known = await this.sessions.membershipsInCouncil(sc.session.councilId, dto.speakerMembershipIds);
    const unknown = dto.speakerMembershipIds.filter((id) => !known.includes(id));
    if (unknown.length) throw invalidField('speakerMembershipIds', `must be memberships of this council (not: ${unknown.join(', ')})`);
    if (dto.proposalId) {
      const p = await this.proposals.findById(dto.proposalId);
      if (!p || p.councilId !== sc.session.councilId) throw invalidField('proposalId', 'must be a proposal of this council');
    }
    this.sessionAccess.require(sc, 'session.run');
    const item = await this.uow.run(async (tx) => {
      const s = await this.sessions.lockById(tx.em, sessionId);
      if (!s) throw notFound('Session');
      if (s.state === 'closed') throw conflict(SessionsError.SessionClosed, 'The session is closed.');
      if (dto.proposalId) {
        const p = await this.proposals.lockById(tx.em, dto.proposalId);
        if (!p || (p.status !== 'recommended' && p.status !== 'deferred')) {
          throw conflict(SessionsError.ProposalNotReadyForAgenda, `Only a recommended or deferred proposal is put on the agenda; this one is ${p?.status}.`, { proposalStatus: p?.status ?? null });
        }
      }
      const i = await this.sessions.insertItem(tx.em, { sessionId, title: dto.title, proposalId: dto.proposalId ?? null, speakerMembershipIds: dto.speakerMembershipIds, minutes: dto.minutes, status: 'pending' });
      await this.sessions.touch(tx.em, sessionId);
      await tx.audit({ councilId: s.councilId, actorUserId: user.id, action: 'agenda_item.created', objectType: 'agenda_item', objectId: i.id, after: { sessionId, title: i.title, proposalId: i.proposalId, minutes: i.minutes } });
      if (dto.proposalId) {
        await this.transitions.automatic(tx, { proposalId: dto.proposalId, cause: 'put_on_agenda', actorUserId: user.id, reason: `on the agenda of "${s.title}"` });
        await this.trace.append(tx, { proposalId: dto.proposalId, kind: 'agenda_item', summary: `On the agenda of "${s.title}" (item ${i.position})`, ref: { type: 'agenda_item', id: i.id }, data: { sessionTitle: s.title, itemPosition: i.position } });
      }
      return i;
    });
    return toAgendaItemDto(item);
  }
}
