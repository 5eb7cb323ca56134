import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QUEUE_KEEPER_ROLES } from '@kenes/core';
import { rolesOnSql } from '@kenes/councils';

/** At most this many of each kind on the start page (the page links on to the full lists). */
export const AGENDA_LIMIT = 100;

export interface OpenPollRow {
  id: string;
  council_id: string;
  question: string;
  proposal_id: string | null;
  session_id: string | null;
  working_group_id: string | null;
  secret: boolean;
  opened_at: Date | null;
  voted: boolean;
}

export interface DueConsultationRow {
  id: string;
  council_id: string;
  agency_id: string;
  proposal_id: string;
  proposal_title: string;
  question: string;
  due_at: Date;
}

export interface SittingRow {
  id: string;
  council_id: string;
  title: string;
  kind: string;
  scheduled_at: Date;
  state: string;
}

export interface MinorityCandidateRow {
  id: string;
  council_id: string;
  question: string;
  proposal_id: string | null;
  secret: boolean;
  outcome: 'adopted' | 'rejected' | 'no_quorum' | 'tied';
  closed_at: Date;
  window_hours: number;
  my_choice: string | null;
  took_part: boolean;
  opinions: number;
  filed: boolean;
}

export interface ModerationQueueRow {
  council_id: string;
  roles: string[];
  waiting: number;
  oldest_at: Date;
}

export interface AcknowledgementQueueRow {
  poll_id: string;
  council_id: string;
  question: string;
  proposal_id: string | null;
  roles: string[];
  waiting: number;
  oldest_at: Date;
}

/** A membership of the user whose term covers :today (SQL over alias m; $1 user, $2 today). */
const ACTIVE = `m.user_id = $1 AND m.starts_on <= $2::date AND (m.ends_on IS NULL OR m.ends_on >= $2::date)`;

/**
 * What needs a user now, across all their councils (GET /me/agenda): one
 * query per kind, each bounded, none per council or per item.
 */
@Injectable()
export class AgendaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Open polls the user is an eligible voter of (fixed when each opened), with whether a ballot of theirs is in. */
  openPolls(userId: string): Promise<OpenPollRow[]> {
    return this.dataSource.query(
      `SELECT p.id, p.council_id, p.question, p.proposal_id, p.session_id, p.working_group_id, p.secret, p.opened_at,
              (EXISTS (SELECT 1 FROM ballots b WHERE b.poll_id = p.id AND b.membership_id = v.membership_id)
               OR EXISTS (SELECT 1 FROM secret_participations s WHERE s.poll_id = p.id AND s.membership_id = v.membership_id)) AS voted
         FROM polls p
         JOIN poll_voters v ON v.poll_id = p.id
         JOIN memberships m ON m.id = v.membership_id
        WHERE m.user_id = $1 AND p.status = 'open'
        ORDER BY p.opened_at ASC NULLS LAST, p.id
        LIMIT ${AGENDA_LIMIT}`,
      [userId],
    );
  }

  /** Unanswered consultations of the agencies the user represents today, soonest due first, with the title of the cited version. */
  dueConsultations(userId: string, today: string): Promise<DueConsultationRow[]> {
    return this.dataSource.query(
      `SELECT c.id, c.council_id, c.agency_id, c.proposal_id, pv.title AS proposal_title, c.question, c.due_at
         FROM consultations c
         JOIN proposal_versions pv ON pv.proposal_id = c.proposal_id AND pv.version = c.version
        WHERE c.answered_at IS NULL
          AND EXISTS (SELECT 1 FROM memberships m
                       WHERE ${ACTIVE} AND m.council_id = c.council_id AND m.agency_id = c.agency_id
                         AND 'agency_rep' = ANY (${rolesOnSql('m', '$2::date')}))
        ORDER BY c.due_at ASC, c.id
        LIMIT ${AGENDA_LIMIT}`,
      [userId, today],
    );
  }

  /**
   * Sittings scheduled in [from, to) that are not closed, and any running now,
   * of the councils the user belongs to today; an observer only the public ones.
   */
  sittings(userId: string, today: string, from: Date, to: Date): Promise<SittingRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.council_id, s.title, s.kind, s.scheduled_at, s.state
         FROM sessions s
        WHERE s.state <> 'closed'
          AND ((s.scheduled_at >= $3 AND s.scheduled_at < $4) OR s.state IN ('live', 'paused'))
          AND EXISTS (SELECT 1 FROM memberships m
                       WHERE ${ACTIVE} AND m.council_id = s.council_id
                         AND (s.public OR NOT (${rolesOnSql('m', '$2::date')} <@ ARRAY['observer']::text[])))
        ORDER BY s.scheduled_at ASC, s.id
        LIMIT ${AGENDA_LIMIT}`,
      [userId, today, from, to],
    );
  }

  /**
   * Closed polls with a decided outcome whose window for minority opinions is
   * still open and where the user was an eligible voter: their named ballot
   * (cast by them or their proxy), whether they took part, the opinions so far.
   * The core decides who may join (mayJoinMinority).
   */
  minorityCandidates(userId: string): Promise<MinorityCandidateRow[]> {
    return this.dataSource.query(
      `SELECT p.id, p.council_id, p.question, p.proposal_id, p.secret, p.tally->>'outcome' AS outcome, p.closed_at,
              co.minority_opinion_window_hours AS window_hours,
              b.choice AS my_choice,
              (b.poll_id IS NOT NULL OR EXISTS (SELECT 1 FROM secret_participations s WHERE s.poll_id = p.id AND s.membership_id = v.membership_id)) AS took_part,
              (SELECT count(*)::int FROM minority_opinions o WHERE o.poll_id = p.id) AS opinions,
              EXISTS (SELECT 1 FROM minority_opinions o WHERE o.poll_id = p.id AND o.author_membership_id = v.membership_id) AS filed
         FROM polls p
         JOIN councils co ON co.id = p.council_id
         JOIN poll_voters v ON v.poll_id = p.id
         JOIN memberships m ON m.id = v.membership_id
         LEFT JOIN ballots b ON b.poll_id = p.id AND b.membership_id = v.membership_id AND NOT p.secret
        WHERE m.user_id = $1 AND p.status = 'closed'
          AND p.tally->>'outcome' IN ('adopted', 'rejected')
          AND p.closed_at + make_interval(hours => co.minority_opinion_window_hours) > now()
        ORDER BY p.closed_at DESC, p.id
        LIMIT ${AGENDA_LIMIT}`,
      [userId],
    );
  }

  /** Per council where the user keeps the queues today: the petitions submitted and not yet moderated. */
  moderationQueues(userId: string, today: string): Promise<ModerationQueueRow[]> {
    return this.dataSource.query(
      `SELECT p.council_id, ${rolesOnSql('m', '$2::date')} AS roles, count(*)::int AS waiting, min(p.created_at) AS oldest_at
         FROM petitions p
         JOIN memberships m ON m.council_id = p.council_id AND ${ACTIVE}
        WHERE p.status = 'submitted' AND ${rolesOnSql('m', '$2::date')} && $3::text[]
        GROUP BY p.council_id, m.id
        ORDER BY oldest_at ASC, p.council_id
        LIMIT ${AGENDA_LIMIT}`,
      [userId, today, QUEUE_KEEPER_ROLES],
    );
  }

  /** Per poll, in councils where the user keeps the queues today: the minority opinions not yet acknowledged. */
  acknowledgementQueues(userId: string, today: string): Promise<AcknowledgementQueueRow[]> {
    return this.dataSource.query(
      `SELECT p.id AS poll_id, p.council_id, p.question, p.proposal_id, ${rolesOnSql('m', '$2::date')} AS roles,
              count(*)::int AS waiting, min(o.created_at) AS oldest_at
         FROM minority_opinions o
         JOIN polls p ON p.id = o.poll_id
         JOIN memberships m ON m.council_id = p.council_id AND ${ACTIVE}
        WHERE o.acknowledged_at IS NULL AND ${rolesOnSql('m', '$2::date')} && $3::text[]
        GROUP BY p.id, m.id
        ORDER BY oldest_at ASC, p.id
        LIMIT ${AGENDA_LIMIT}`,
      [userId, today, QUEUE_KEEPER_ROLES],
    );
  }
}
