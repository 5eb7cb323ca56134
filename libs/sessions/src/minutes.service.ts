import { Injectable } from '@nestjs/common';
import { buildMinutes, explain, ExplanationFacts, Lang, Minutes, minutesMarkdown } from '@kenes/core';
import { AuthUser } from '@kenes/common';
import { MinorityService } from '@kenes/polls';
import { PollsRepository } from '@kenes/polls';
import { ProxiesRepository } from '@kenes/polls';
import { SessionAccessService } from './session-access.service';
import { SessionEventsService } from './session-events.service';
import { SessionsRepository } from './sessions.repository';

/** Minutes generated from the session's event log, in Markdown or JSON, in en/ru/kk. */
@Injectable()
export class MinutesService {
  constructor(
    private readonly access: SessionAccessService,
    private readonly sessions: SessionsRepository,
    private readonly events: SessionEventsService,
    private readonly pollsRepo: PollsRepository,
    private readonly minority: MinorityService,
    private readonly proxies: ProxiesRepository,
  ) {}

  async minutes(user: AuthUser | null, sessionId: string, lang: Lang): Promise<Minutes> {
    const { session } = await this.access.reach(user, sessionId);
    const [items, events, people, polls, proxies] = await Promise.all([
      this.sessions.items(sessionId),
      this.events.after(sessionId, 0, 1_000_000),
      this.sessions.people(session.councilId),
      this.sessions.sessionPolls(sessionId),
      this.proxies.ofSessionAndItsPolls(sessionId),
    ]);
    // Minority opinions travel with the proposal (SPEC.md): those of the sitting's own polls, and those filed on
    // earlier polls (a working group's) about the proposals on its agenda.
    const proposalIds = items.map((i) => i.proposalId).filter((id): id is string => id !== null);
    const related = await this.sessions.pollIdsOfProposals(proposalIds);
    const pollIds = [...new Set([...polls.map((p) => p.id), ...related.map((r) => r.id)])];
    const opinions = [];
    for (const p of pollIds.map((id) => ({ id }))) {
      const poll = await this.pollsRepo.findById(p.id);
      if (!poll) continue;
      for (const o of await this.minority.views(poll)) {
        opinions.push({ pollId: p.id, authorName: o.authorName, position: o.position, body: o.body, signatures: o.signatures.length });
      }
    }
    return buildMinutes({
      session: {
        id: session.id,
        title: session.title,
        kind: session.kind,
        scheduledAt: session.scheduledAt.toISOString(),
        startedAt: session.startedAt?.toISOString() ?? null,
        closedAt: session.closedAt?.toISOString() ?? null,
      },
      items: items.map((i) => ({ id: i.id, position: i.position, title: i.title, proposalId: i.proposalId, minutes: i.minutes })),
      events,
      names: people.names,
      groups: people.groups,
      polls: polls.map((p) => ({
        pollId: p.id,
        question: p.question,
        secret: p.secret,
        outcome: p.tally?.outcome ?? null,
        explanation: p.tally ? explain(p.tally.facts as ExplanationFacts, lang) : null,
      })),
      opinions,
      proxies: proxies.map((x) => ({ delegatorName: people.names[x.delegator] ?? x.delegator, delegateName: people.names[x.delegate] ?? x.delegate, pollQuestion: x.pollQuestion, status: x.status })),
    });
  }

  async markdown(user: AuthUser | null, sessionId: string, lang: Lang): Promise<string> {
    return minutesMarkdown(await this.minutes(user, sessionId, lang), lang);
  }
}
