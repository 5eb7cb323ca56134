import { Injectable } from '@nestjs/common';
import { dateOf, mergeProxySettings, PetitionSettings, petitionSettingsProblems } from '@kenes/core';
import { AuthUser, conflict, decodeCursor, Environment, forbidden, invalid, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { AccessService } from './access/access.service';
import { CouncilsRepository } from './councils.repository';
import { PetitionSettingsDto } from './dto/petition-settings.dto';
import { WorkingGroupsRepository } from './working-groups.repository';
import { toCouncilDto } from './councils.mappers';
import { CouncilEntity } from './entities/council.entity';
import { CouncilDto, CreateCouncilDto, UpdateCouncilDto } from './dto/council.dto';
import { CouncilsError } from './councils.errors';

@Injectable()
export class CouncilsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly councils: CouncilsRepository,
    private readonly groups: WorkingGroupsRepository,
    private readonly env: Environment,
  ) {}

  async create(user: AuthUser, dto: CreateCouncilDto): Promise<CouncilDto> {
    if (!user.isAdmin) throw forbidden('Only a platform administrator creates councils.');
    if (await this.councils.findBySlug(dto.slug)) throw conflict(CouncilsError.CouncilSlugTaken, `The slug "${dto.slug}" is taken.`);
    const council = await this.uow.run(async (tx) => {
      const c = await this.councils.insert(tx.em, {
        name: dto.name,
        slug: dto.slug,
        balanceDimensions: dto.balanceDimensions,
        minorityOpinionWindowHours: dto.minorityOpinionWindowHours,
        plenaryQuorum: dto.plenaryQuorum ?? null,
        publishOpenData: dto.publishOpenData ?? false,
      });
      await tx.audit({
        councilId: c.id,
        actorUserId: user.id,
        action: 'council.created',
        objectType: 'council',
        objectId: c.id,
        after: { name: c.name, slug: c.slug, balanceDimensions: c.balanceDimensions, minorityOpinionWindowHours: c.minorityOpinionWindowHours, plenaryQuorum: c.plenaryQuorum },
      });
      return c;
    });
    return toCouncilDto(council);
  }

  async list(user: AuthUser, q: { limit: number; cursor?: string }): Promise<Page<CouncilDto>> {
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.councils.page({ userId: user.isAdmin ? null : user.id, today: dateOf(new Date()), after, limit: q.limit + 1 });
    return toPage(rows, q.limit, (c) => [c.createdAt.toISOString(), c.id], toCouncilDto);
  }

  /** Renames the council, sets its minority-opinion window, plenary quorum, open-data feed, proxy voting or how it takes petitions (secretariat, admin). */
  async update(user: AuthUser, councilId: string, dto: UpdateCouncilDto): Promise<CouncilDto> {
    const ctx = await this.access.requireCouncil(user, councilId, 'council.update');
    const petitions = dto.petitions ? await this.petitionSettings(councilId, dto.petitions) : undefined;
    const saved = await this.uow.run(async (tx) => {
      // Locked: two changes of different proxy settings both land (each merges into what the other wrote).
      const current = (await this.councils.lockById(tx.em, councilId)) ?? ctx.council;
      const settings = (x: CouncilEntity) => ({
        name: x.name,
        minorityOpinionWindowHours: x.minorityOpinionWindowHours,
        plenaryQuorum: x.plenaryQuorum,
        publishOpenData: x.publishOpenData,
        proxyVoting: mergeProxySettings(x.proxyVoting, {}),
        petitions: x.petitions,
      });
      const before = settings(current);
      const proxyVoting = dto.proxyVoting ? mergeProxySettings(current.proxyVoting, dto.proxyVoting) : undefined;
      const c = await this.councils.update(tx.em, councilId, {
        name: dto.name,
        minorityOpinionWindowHours: dto.minorityOpinionWindowHours,
        plenaryQuorum: dto.plenaryQuorum,
        publishOpenData: dto.publishOpenData,
        proxyVoting,
        petitions,
      });
      await tx.audit({ councilId, actorUserId: user.id, action: 'council.updated', objectType: 'council', objectId: councilId, before, after: settings(c) });
      return c;
    });
    return toCouncilDto(saved);
  }

  /**
   * Petition settings that hold together: a group of this council, thresholds in order, and no email signatures
   * on a production server that cannot mail. (Certificate signatures without PETITION_TRUST_ANCHORS are accepted
   * here and refused at signing: nothing would verify.)
   */
  private async petitionSettings(councilId: string, dto: PetitionSettingsDto): Promise<PetitionSettings> {
    const settings: PetitionSettings = {
      enabled: dto.enabled,
      agendaThreshold: dto.agendaThreshold,
      responseThreshold: dto.responseThreshold ?? null,
      signatureDays: dto.signatureDays,
      responseDays: dto.responseDays,
      verification: dto.verification,
      workingGroupId: dto.workingGroupId.toLowerCase(),
    };
    const problems = petitionSettingsProblems(settings);
    const group = await this.groups.findById(settings.workingGroupId);
    if (!group || group.councilId !== councilId) problems.push({ field: 'petitions.workingGroupId', message: 'must be a working group of this council' });
    if (settings.enabled && settings.verification.includes('email') && this.env.NODE_ENV === 'production' && !this.env.SMTP_URL) {
      problems.push({ field: 'petitions.verification', message: 'email signatures need SMTP_URL to be configured in production' });
    }
    if (problems.length) throw invalid(problems);
    return settings;
  }

  async get(user: AuthUser, councilId: string): Promise<CouncilDto> {
    const ctx = await this.access.requireCouncil(user, councilId, 'council.read');
    return toCouncilDto(ctx.council);
  }
}
