import { Injectable } from '@nestjs/common';
import { AuthUser, decodeCursor, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { AccessService } from './access/access.service';
import { AgenciesRepository } from './agencies.repository';
import { toAgencyDto } from './councils.mappers';
import { AgencyDto, CreateAgencyDto } from './dto/agency.dto';

@Injectable()
export class AgenciesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly agencies: AgenciesRepository,
  ) {}

  async create(user: AuthUser, councilId: string, dto: CreateAgencyDto): Promise<AgencyDto> {
    await this.access.requireCouncil(user, councilId, 'agency.create');
    const agency = await this.uow.run(async (tx) => {
      const a = await this.agencies.insert(tx.em, { councilId, name: dto.name, code: dto.code });
      await tx.audit({ councilId, actorUserId: user.id, action: 'agency.created', objectType: 'agency', objectId: a.id, after: { name: a.name, code: a.code } });
      return a;
    });
    return toAgencyDto(agency);
  }

  async list(user: AuthUser, councilId: string, q: { limit: number; cursor?: string }): Promise<Page<AgencyDto>> {
    await this.access.requireCouncil(user, councilId, 'agency.read');
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.agencies.page(councilId, after, q.limit + 1);
    return toPage(rows, q.limit, (a) => [a.createdAt.toISOString(), a.id], toAgencyDto);
  }
}
