import { Injectable } from '@nestjs/common';
import { closesAtOf, nextPetitionStatus, PETITION_STATUSES, PetitionStatus, PUBLISHED_STATUSES, signingTextOf, takesResponse } from '@kenes/core';
import { AuthUser, conflict, decodeCursor, invalidField, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { CouncilEntity } from '@kenes/councils';
import { CreatePetitionDto, ModerationDto, PetitionDto, PetitionResponseDto, SignatureSummaryDto } from './dto/petition.dto';
import { PetitionEntity } from './entities/petition.entity';
import { PetitionAccessService } from './petition-access.service';
import { toPetitionDto } from './petitions.mappers';
import { PetitionsRepository } from './petitions.repository';
import { PetitionRateLimiter } from './rate-limiter.service';
import { PetitionsError } from './petitions.errors';

/** Submitting, reading, moderating and answering petitions (signing is SignaturesService's). */
@Injectable()
export class PetitionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: PetitionsRepository,
    private readonly access: PetitionAccessService,
    private readonly limiter: PetitionRateLimiter,
  ) {}

  /** Anyone submits to a council that takes petitions; the secretariat publishes or rejects it. */
  async submit(user: AuthUser | undefined, councilId: string, dto: CreatePetitionDto, clientAddress: string): Promise<PetitionDto> {
    const council = await this.access.councilTakingPetitions(councilId);
    await this.limiter.hit([{ scope: 'submit', key: clientAddress }]);
    const settings = council.petitions as NonNullable<CouncilEntity['petitions']>;
    const petition = await this.uow.run(async (tx) => {
      const p = await this.repo.insert(tx.em, {
        councilId,
        title: dto.title,
        summary: dto.summary,
        body: dto.body,
        authorName: dto.authorName,
        authorEmail: dto.authorEmail.trim(),
        status: 'submitted',
        agendaThreshold: settings.agendaThreshold,
        responseThreshold: settings.responseThreshold,
        signatureDays: settings.signatureDays,
        responseDays: settings.responseDays,
      });
      // The author's name is public; the address is the secretariat's and stays out of the record.
      await tx.audit({ councilId, actorUserId: user?.id ?? null, action: 'petition.submitted', objectType: 'petition', objectId: p.id, after: { title: p.title, authorName: p.authorName, status: p.status } });
      return p;
    });
    return toPetitionDto(petition, settings);
  }

  /** Published petitions, newest first; the secretariat sees submitted and rejected ones too. */
  async list(user: AuthUser | undefined, councilId: string, q: { status?: PetitionStatus; limit: number; cursor?: string }): Promise<Page<PetitionDto>> {
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const council = await this.access.councilTakingPetitionsEver(councilId);
    const visible = (await this.access.moderates(user, councilId)) ? PETITION_STATUSES : PUBLISHED_STATUSES;
    const statuses = q.status ? visible.filter((s) => s === q.status) : visible;
    const rows = statuses.length ? await this.repo.page(councilId, statuses, after, q.limit + 1) : [];
    return toPage(rows, q.limit, (p) => [p.createdAt.toISOString(), p.id], (p) => toPetitionDto(p, council.petitions));
  }

  async get(user: AuthUser | undefined, petitionId: string): Promise<PetitionDto> {
    const pc = await this.access.reach(user, petitionId);
    return toPetitionDto(pc.petition, pc.council.petitions);
  }

  async signingText(user: AuthUser | undefined, petitionId: string): Promise<string> {
    const pc = await this.access.reach(user, petitionId);
    return signingTextOf(pc.petition);
  }

  /** Counts only: never a name, an address or a hash. */
  async summary(user: AuthUser | undefined, petitionId: string): Promise<SignatureSummaryDto> {
    const pc = await this.access.reach(user, petitionId);
    return { validated: pc.petition.signatures, byRegion: pc.petition.byRegion ?? {} };
  }

  /** `submitted` → `open` (signatures for signatureDays from now) or `rejected` with its reason. */
  async moderate(user: AuthUser, petitionId: string, dto: ModerationDto): Promise<PetitionDto> {
    if (dto.decision === 'reject' && !dto.reason?.trim()) throw invalidField('reason', 'is required to reject a petition');
    const pc = await this.access.requireModerator(user, petitionId);
    const settings = pc.council.petitions;
    const saved = await this.uow.run(async (tx) => {
      const p = (await this.repo.lockById(tx.em, petitionId)) as PetitionEntity;
      const to = nextPetitionStatus(p.status, dto.decision);
      if (!to) throw conflict(PetitionsError.PetitionNotSubmitted, `A petition in status ${p.status} has been moderated already.`, { petitionStatus: p.status });
      const now = new Date();
      const changes: Partial<PetitionEntity> =
        to === 'open'
          ? {
              status: to,
              publishedAt: now,
              // The council's settings when it is published are the ones it runs under.
              agendaThreshold: settings?.agendaThreshold ?? p.agendaThreshold,
              responseThreshold: settings ? settings.responseThreshold : p.responseThreshold,
              signatureDays: settings?.signatureDays ?? p.signatureDays,
              responseDays: settings?.responseDays ?? p.responseDays,
              closesAt: closesAtOf(now, settings?.signatureDays ?? p.signatureDays),
            }
          : { status: to, rejectionReason: (dto.reason as string).trim() };
      const updated = await this.repo.update(tx.em, petitionId, changes);
      await tx.audit({
        councilId: p.councilId,
        actorUserId: user.id,
        action: to === 'open' ? 'petition.published' : 'petition.rejected',
        objectType: 'petition',
        objectId: p.id,
        before: { status: p.status },
        after: { status: to, closesAt: updated.closesAt?.toISOString() ?? null, agendaThreshold: updated.agendaThreshold, reason: updated.rejectionReason },
      });
      return updated;
    });
    return toPetitionDto(saved, settings);
  }

  /** The council's written answer, added or replaced, once the petition is published. */
  async respond(user: AuthUser, petitionId: string, dto: PetitionResponseDto): Promise<PetitionDto> {
    const pc = await this.access.requireModerator(user, petitionId);
    const saved = await this.uow.run(async (tx) => {
      const p = (await this.repo.lockById(tx.em, petitionId)) as PetitionEntity;
      if (!takesResponse(p.status)) throw conflict(PetitionsError.PetitionNotPublished, `A petition in status ${p.status} is not answered.`, { petitionStatus: p.status });
      const updated = await this.repo.update(tx.em, petitionId, { response: dto.body, respondedAt: new Date() });
      await tx.audit({ councilId: p.councilId, actorUserId: user.id, action: 'petition.responded', objectType: 'petition', objectId: p.id, before: { responseLength: p.response?.length ?? null }, after: { responseLength: dto.body.length } });
      return updated;
    });
    return toPetitionDto(saved, pc.council.petitions);
  }

  /** `open` → `withdrawn`, at its author's request through the secretariat. */
  async withdraw(user: AuthUser, petitionId: string): Promise<PetitionDto> {
    const pc = await this.access.requireModerator(user, petitionId);
    const saved = await this.uow.run(async (tx) => {
      const p = (await this.repo.lockById(tx.em, petitionId)) as PetitionEntity;
      const to = nextPetitionStatus(p.status, 'withdraw');
      if (!to) throw conflict(PetitionsError.PetitionNotOpen, `A petition in status ${p.status} cannot be withdrawn.`, { petitionStatus: p.status });
      const updated = await this.repo.update(tx.em, petitionId, { status: to });
      await tx.audit({ councilId: p.councilId, actorUserId: user.id, action: 'petition.withdrawn', objectType: 'petition', objectId: p.id, before: { status: p.status }, after: { status: to, signatures: p.signatures } });
      return updated;
    });
    return toPetitionDto(saved, pc.council.petitions);
  }
}
