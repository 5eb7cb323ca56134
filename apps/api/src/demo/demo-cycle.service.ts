import { Injectable, Logger } from '@nestjs/common';
import { AuthUser } from '@kenes/common';
import { ImplementationService } from '@kenes/implementation';
import { BallotsService } from '@kenes/polls';
import { MinorityService } from '@kenes/polls';
import { PollsService } from '@kenes/polls';
import { ConsultationsService } from '@kenes/proposals';
import { ProposalsService } from '@kenes/proposals';
import { SessionCommandsService } from '@kenes/sessions';
import { SessionAgendaService } from '@kenes/sessions';
import { SessionsService } from '@kenes/sessions';
import { DemoRepository } from './demo.repository';

interface Actor extends AuthUser {
  membershipId: string;
}

/**
 * The demo council's worked example: one proposal carried through every step
 * of the cycle by the demo accounts, through the same services the API uses,
 * so that a newcomer finds the whole lineage (trace, minutes, audit) at once.
 * Modelled on the study's example: the abolition of the death penalty.
 */
@Injectable()
export class DemoCycle {
  private readonly logger = new Logger(DemoCycle.name);

  constructor(
    private readonly demo: DemoRepository,
    private readonly proposals: ProposalsService,
    private readonly consultations: ConsultationsService,
    private readonly polls: PollsService,
    private readonly minority: MinorityService,
    private readonly sessions: SessionsService,
    private readonly sessionAgenda: SessionAgendaService,
    private readonly commands: SessionCommandsService,
    private readonly implementation: ImplementationService,
    private readonly ballots: BallotsService,
  ) {}

  private async actor(councilId: string, email: string): Promise<Actor> {
    const row = await this.demo.memberByEmail(councilId, email);
    return { id: row.id, email: row.email, isAdmin: false, membershipId: row.membershipId };
  }

  async run(councilId: string): Promise<string> {
    const a = (email: string) => this.actor(councilId, email);
    const [author, secretariat, chair, moderator, justice] = await Promise.all(
      ['member@kenes.example', 'secretariat@kenes.example', 'chair@kenes.example', 'moderator@kenes.example', 'justice@kenes.example'].map(a),
    );
    const group = await this.demo.groupByName(councilId, 'Political modernisation');
    const members = await Promise.all((await this.demo.emailsOfGroup(group.id)).map(a));
    const coAuthor = members.find((m) => m.id !== author.id) as Actor;
    const justiceAgency = await this.demo.agencyByCode(councilId, 'MOJ');

    // 1. Drafting, with a co-author's revision.
    const body = 'Kazakhstan has kept a moratorium on executions since 2003.\n\nThe council proposes to abolish the death penalty in law.';
    const proposal = await this.proposals.create(author, group.id, {
      title: 'Abolition of the death penalty',
      summary: 'Replace the death penalty with life imprisonment and ratify the Second Optional Protocol to the ICCPR.',
      body,
      coAuthorMembershipIds: [coAuthor.membershipId],
    });
    await this.proposals.update(coAuthor, proposal.id, 1, {
      title: proposal.title,
      summary: proposal.summary,
      body: `${body}\n\nA transition period lets pending cases be commuted to life imprisonment.`,
    });
    // 2. The Ministry of Justice is consulted on the legal aspects.
    const { items } = await this.consultations.open(secretariat, proposal.id, {
      agencyIds: [justiceAgency.id],
      aspects: ['legal', 'organisational'],
      question: 'Which laws change, and how are pending death sentences handled?',
      dueAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    });
    await this.consultations.comment(justice, items[0].id, {
      aspect: 'legal',
      position: 'supports_with_conditions',
      body: 'The Criminal Code and the Criminal Procedure Code change; the Constitution needs an amendment for full abolition.',
    });
    await this.consultations.respond(justice, items[0].id, { position: 'supports_with_conditions', body: 'Supported, provided the constitutional amendment follows.' });
    // 3. The working group deliberates and decides; one member stays in the minority and says why.
    await this.proposals.requestTransition(author, proposal.id, { to: 'in_deliberation', reason: 'The ministry has answered.' });
    const poll = await this.polls.createGroupPoll(author, group.id, {
      question: 'Recommend the abolition of the death penalty to the plenary?',
      proposalId: proposal.id,
      secret: false,
      rule: { method: 'majority', base: 'cast', quorum: { numerator: 1, denominator: 2 } },
    });
    await this.polls.open(author, poll.id);
    const dissenter = members[members.length - 1];
    for (const m of members) {
      const choice = m.id === dissenter.id ? 'against' : m.id === members[members.length - 2]?.id ? 'abstain' : 'for';
      await this.ballots.cast(m, poll.id, { choice }, null);
    }
    await this.polls.close(author, poll.id);
    const opinion = await this.minority.file(dissenter, poll.id, 'Abolition should first be put to the people in a referendum.', undefined);
    await this.minority.acknowledge(secretariat, opinion.id, 'Recorded; it travels with the proposal to the plenary.');
    // 4. The plenary sitting: on the agenda, debated, supported by the chair.
    const session = await this.sessions.create(moderator, councilId, {
      kind: 'plenary',
      title: 'Second sitting of the National Council of Public Trust',
      scheduledAt: new Date().toISOString(),
      public: true,
    });
    const item = await this.sessionAgenda.addItem(moderator, session.id, {
      title: 'The abolition of the death penalty',
      proposalId: proposal.id,
      speakerMembershipIds: [author.membershipId],
      minutes: 15,
    });
    await this.commands.changeState(moderator, session.id, 'start');
    await this.commands.openItem(moderator, session.id, item.id);
    for (const m of members.slice(0, 6)) await this.commands.checkIn(m, session.id);
    await this.commands.grantFloor(moderator, session.id, author.membershipId, 420);
    await this.commands.endFloor(moderator, session.id);
    await this.commands.decide(chair, item.id, 'supported', 'The Government is to prepare the bill and the ratification of the protocol.');
    await this.commands.changeState(moderator, session.id, 'close');
    // 5. The secretariat's plan, followed with the ministry until the law is in force.
    const pkg = await this.implementation.createPackage(secretariat, councilId, { title: 'First reform package', announcedOn: new Date().toISOString().slice(0, 10) });
    const plan = await this.implementation.createPlan(secretariat, councilId, { title: 'Plan of the second sitting', sessionId: session.id });
    const law = await this.implementation.addItem(secretariat, plan.id, {
      proposalId: proposal.id,
      title: 'Law on amendments to the Criminal Code abolishing the death penalty',
      responsibleAgencyId: justiceAgency.id,
      deliverable: 'draft_law',
      dueOn: new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10),
      reformPackageId: pkg.id,
    });
    const stages = [
      ['drafting', 'The ministry drafts the bill.'],
      ['submitted', 'Submitted to the lower house.'],
      ['first_reading', 'Passed in first reading, with reservations.'],
      ['adopted', 'Passed without reservations by both houses.'],
      ['signed', 'Signed by the President.'],
      ['in_force', 'In force.'],
    ] as const;
    for (const [stage, note] of stages) {
      await this.implementation.update(justice, law.id, { stage, note, legalActRef: stage === 'signed' || stage === 'in_force' ? 'Law No. 1-VIII (demo)' : undefined });
    }
    this.logger.log(`demo worked example: "${proposal.title}" carried from draft to implemented`);
    return proposal.id;
  }
}
