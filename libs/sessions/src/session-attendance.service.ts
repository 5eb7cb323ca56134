import { Injectable } from '@nestjs/common';
import { dateOf, quorumMet } from '@kenes/core';
import { Transaction } from '@kenes/audit';
import { CouncilsRepository } from '@kenes/councils';
import { ProxiesService } from '@kenes/polls';
import { SessionEntity } from './entities/session.entity';
import { SessionsRepository } from './sessions.repository';

export interface Attendance {
  present: number;
  represented: number;
  voters: number;
  quorumMet: boolean | null;
}

/** Who is in the hall: what a sitting's snapshot shows and what the live commands announce as attendance.changed. */
@Injectable()
export class SessionAttendanceService {
  constructor(
    private readonly councils: CouncilsRepository,
    private readonly sessions: SessionsRepository,
    private readonly proxies: ProxiesService,
  ) {}

  /**
   * Present voters, members represented by a present delegate (Proxy voting),
   * the body's voters, and whether the plenary quorum is met (represented
   * members count towards it only with the council's countTowardQuorum).
   */
  async of(s: SessionEntity, tx?: Transaction): Promise<Attendance> {
    const today = dateOf(new Date());
    const council = await this.councils.findById(s.councilId);
    const [present, voters, proxies] = await Promise.all([
      this.sessions.presentVoters(s, today, tx?.em),
      this.sessions.voters(s, today, tx?.em),
      this.proxies.representedInSession(s, tx?.em, council?.proxyVoting ?? null),
    ]);
    const counted = present + (proxies.countTowardQuorum ? proxies.represented : 0);
    const rule = s.kind === 'plenary' ? (council?.plenaryQuorum ?? null) : null;
    return { present, represented: proxies.represented, voters, quorumMet: quorumMet(rule, voters, counted) };
  }
}
