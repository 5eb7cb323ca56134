import { Injectable, Logger } from '@nestjs/common';
import { AuthUser } from '@kenes/common';
import { WorkingGroupsService } from '@kenes/councils';
import { PollsService } from '@kenes/polls';
import { ConsultationsService } from '@kenes/proposals';
import { ProposalsService } from '@kenes/proposals';
import { SessionAgendaService } from '@kenes/sessions';
import { SessionsService } from '@kenes/sessions';
import { DemoRepository } from './demo.repository';

interface Actor extends AuthUser {
  membershipId: string;
}

const HOUR_MS = 3_600_000;

/** When the demo's sitting of the seeding day starts: two hours on, but within the same UTC day where it can. */
export function laterToday(now: Date): Date {
  const endOfDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 23, 30);
  return new Date(Math.max(Math.min(now.getTime() + 2 * HOUR_MS, endOfDay), now.getTime() + 60_000));
}

/**
 * What the demo accounts find waiting for them on their start page: an open
 * group poll for the members, unanswered consultations for the ministries, a
 * sitting later today for everyone. Through the same services the API uses.
 */
@Injectable()
export class DemoAgenda {
  private readonly logger = new Logger(DemoAgenda.name);

  constructor(
    private readonly demo: DemoRepository,
    private readonly groups: WorkingGroupsService,
    private readonly proposals: ProposalsService,
    private readonly consultations: ConsultationsService,
    private readonly polls: PollsService,
    private readonly sessions: SessionsService,
    private readonly sessionAgenda: SessionAgendaService,
  ) {}

  private async actor(councilId: string, email: string): Promise<Actor> {
    const row = await this.demo.memberByEmail(councilId, email);
    return { id: row.id, email: row.email, isAdmin: false, membershipId: row.membershipId };
  }

  async run(councilId: string): Promise<void> {
    const a = (email: string) => this.actor(councilId, email);
    const [member, coordinator, secretariat, moderator] = await Promise.all(
      ['member@kenes.example', 'coordinator@kenes.example', 'secretariat@kenes.example', 'moderator@kenes.example'].map(a),
    );
    const political = await this.demo.groupByName(councilId, 'Political modernisation');
    const economic = await this.demo.groupByName(councilId, 'Economic modernisation');

    // 1. The political group deliberates a second proposal; the economic group's coordinator sits in on it.
    await this.groups.addMember(secretariat, political.id, { membershipId: coordinator.membershipId, role: 'member' });
    const local = await this.proposals.create(member, political.id, {
      title: 'Direct elections of district akims',
      summary: 'Elect the heads of districts and cities of district significance directly, by secret ballot, from 2027.',
      body: 'District akims are appointed today.\n\nThe council proposes that residents elect them directly for a four-year term, with open registration of candidates.',
      coAuthorMembershipIds: [],
    });
    await this.proposals.requestTransition(member, local.id, { to: 'in_deliberation', reason: 'Ready for the group to decide.' });
    const poll = await this.polls.createGroupPoll(member, political.id, {
      question: 'Recommend direct elections of district akims to the plenary?',
      proposalId: local.id,
      secret: false,
      rule: { method: 'majority', base: 'cast', quorum: { numerator: 1, denominator: 2 } },
    });
    await this.polls.open(member, poll.id);

    // 2. The economic group's proposal, out for consultation with two ministries: one answer due soon, one later.
    const tariffs = await this.proposals.create(coordinator, economic.id, {
      title: 'Public reporting of utility tariffs',
      summary: 'Utilities publish how each tariff is calculated, and tariff increases are heard in public first.',
      body: 'Tariff increases are approved without public hearings.\n\nThe council proposes that every utility publish the calculation of its tariffs and that any increase be heard in public first.',
      coAuthorMembershipIds: [],
    });
    const [justice, economy] = await Promise.all([this.demo.agencyByCode(councilId, 'MOJ'), this.demo.agencyByCode(councilId, 'MNE')]);
    await this.consultations.open(secretariat, tariffs.id, {
      agencyIds: [justice.id],
      aspects: ['legal'],
      question: 'Which laws must change so that tariff hearings become mandatory?',
      dueAt: new Date(Date.now() + 2 * 24 * HOUR_MS).toISOString(),
    });
    await this.consultations.open(secretariat, tariffs.id, {
      agencyIds: [economy.id],
      aspects: ['economic', 'organisational'],
      question: 'What would publishing tariff calculations cost the utilities and the regulator?',
      dueAt: new Date(Date.now() + 10 * 24 * HOUR_MS).toISOString(),
    });

    // 3. A public plenary sitting later today, its agenda started.
    const sitting = await this.sessions.create(moderator, councilId, {
      kind: 'plenary',
      title: 'Third sitting of the National Council of Public Trust',
      scheduledAt: laterToday(new Date()).toISOString(),
      public: true,
    });
    await this.sessionAgenda.addItem(moderator, sitting.id, {
      title: 'Reports of the working groups',
      speakerMembershipIds: [],
      minutes: 20,
    });
    this.logger.log('demo agenda: an open group poll, two consultations awaiting answers, a sitting later today');
  }
}
