import { Injectable, Logger } from '@nestjs/common';
import { CouncilRole } from '@kenes/core';
import { UnitOfWork } from '@kenes/audit';
import { AgenciesRepository } from '@kenes/councils';
import { CouncilsRepository } from '@kenes/councils';
import { MembershipsRepository } from '@kenes/councils';
import { WorkingGroupsRepository } from '@kenes/councils';
import { PasswordService } from '@kenes/identity';
import { UsersRepository } from '@kenes/identity';
import { UserEntity } from '@kenes/identity';
import { EntityManager } from 'typeorm';
import { DemoAgenda } from './demo-agenda.service';
import { DemoCycle } from './demo-cycle.service';
import { DemoPetitions } from './demo-petitions.service';
import { DemoRotation } from './demo-rotation.service';
import { DemoRepository } from './demo.repository';
import { DEMO_AGENCIES, DEMO_COUNCIL, DEMO_GROUPS, DEMO_MEMBERS, DEMO_PASSWORD, DEMO_STAFF } from './demo-council.data';

const TERM_START = '2025-01-01';

/** Loads the demo council once (idempotent: a second run finds it and does nothing). */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordService,
    private readonly councils: CouncilsRepository,
    private readonly agencies: AgenciesRepository,
    private readonly memberships: MembershipsRepository,
    private readonly groups: WorkingGroupsRepository,
    private readonly cycle: DemoCycle,
    private readonly demoPetitions: DemoPetitions,
    private readonly rotation: DemoRotation,
    private readonly agenda: DemoAgenda,
    private readonly demo: DemoRepository,
  ) {}

  async seed(): Promise<{ created: boolean; councilId: string }> {
    const existing = await this.councils.findBySlug(DEMO_COUNCIL.slug);
    if (existing) return { created: false, councilId: existing.id };
    // One hash for every demo account: their password is published in the README anyway.
    const passwordHash = await this.passwords.hash(DEMO_PASSWORD);
    const result = await this.uow.run(async (tx) => {
      const again = await this.demo.lockSeed(tx.em, DEMO_COUNCIL.slug);
      if (again) return { created: false, councilId: again };
      const audit = (councilId: string | null, action: string, objectType: string, objectId: string, after: unknown) =>
        tx.audit({ councilId, actorUserId: null, action, objectType, objectId, after, details: { source: 'demo seed' } });

      const user = async (email: string, fullName: string): Promise<UserEntity> => {
        const found = await this.users.findByEmail(email, tx.em);
        if (found) return found;
        const u = await this.users.insert(tx.em, { email, fullName, passwordHash, isAdmin: false });
        await audit(null, 'user.created', 'user', u.id, { email, fullName });
        return u;
      };
      const seat = async (em: EntityManager, councilId: string, userId: string, roles: CouncilRole[], attributes: Record<string, string>, agencyId: string | null = null) => {
        const m = await this.memberships.insert(em, { councilId, userId, roles, attributes, agencyId, startsOn: TERM_START, endsOn: null });
        await audit(councilId, 'membership.created', 'membership', m.id, { userId, roles, agencyId, attributes, startsOn: TERM_START, endsOn: null });
        return m;
      };

      const council = await this.councils.insert(tx.em, DEMO_COUNCIL);
      await audit(council.id, 'council.created', 'council', council.id, DEMO_COUNCIL);
      const agencyIds = new Map<string, string>();
      for (const a of DEMO_AGENCIES) {
        const agency = await this.agencies.insert(tx.em, { councilId: council.id, ...a });
        agencyIds.set(a.code, agency.id);
        await audit(council.id, 'agency.created', 'agency', agency.id, a);
      }
      const groupIds = new Map<string, string>();
      for (const g of DEMO_GROUPS) {
        const group = await this.groups.insert(tx.em, { councilId: council.id, name: g.name, mandate: g.mandate });
        groupIds.set(g.key, group.id);
        await audit(council.id, 'working_group.created', 'working_group', group.id, { name: g.name, mandate: g.mandate });
      }
      for (const s of DEMO_STAFF) {
        const u = await user(s.email, s.fullName);
        const agencyId = 'agency' in s && s.agency ? (agencyIds.get(s.agency) ?? null) : null;
        await seat(tx.em, council.id, u.id, [...s.roles], {}, agencyId);
      }
      for (const p of DEMO_MEMBERS) {
        const u = await user(p.email, p.fullName);
        const m = await seat(tx.em, council.id, u.id, ['member'], p.attributes);
        const groupId = groupIds.get(p.group) as string;
        const role = p.coordinator ? 'coordinator' : 'member';
        await this.groups.insertMember(tx.em, { workingGroupId: groupId, membershipId: m.id, role });
        await audit(council.id, 'working_group.member_added', 'working_group', groupId, { membershipId: m.id, role });
      }
      return { created: true, councilId: council.id };
    });
    if (result.created) {
      this.logger.log(`demo council loaded: ${DEMO_COUNCIL.name} (${DEMO_MEMBERS.length} members)`);
      try {
        await this.cycle.run(result.councilId);
      } catch (err) {
        this.logger.warn(`the demo worked example stopped: ${err instanceof Error ? err.message : String(err)}`);
      }
      try {
        await this.demoPetitions.run(result.councilId);
      } catch (err) {
        this.logger.warn(`the demo petitions stopped: ${err instanceof Error ? err.message : String(err)}`);
      }
      try {
        await this.agenda.run(result.councilId);
      } catch (err) {
        this.logger.warn(`the demo agenda stopped: ${err instanceof Error ? err.message : String(err)}`);
      }
      try {
        await this.rotation.run(result.councilId, passwordHash);
      } catch (err) {
        this.logger.warn(`the demo rotation stopped: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return result;
  }
}
