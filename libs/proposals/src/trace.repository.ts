import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TraceDataByKind, TraceEntryEntity, TraceKind } from './entities/trace-entry.entity';

/** A line of the trace: its kind, its English summary, what it refers to, and its facts as data for that kind. */
export type NewTraceEntry = {
  [K in TraceKind]: { proposalId: string; kind: K; summary: string; ref: { type: string; id: string }; data: TraceDataByKind[K] };
}[TraceKind];

@Injectable()
export class TraceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, e: NewTraceEntry): Promise<void> {
    await em.insert(TraceEntryEntity, { proposalId: e.proposalId, kind: e.kind, summary: e.summary, refType: e.ref.type, refId: e.ref.id, data: e.data });
  }

  /** Entries in time order; `only` limits consultation lines to those agencies' and version lines to those versions. */
  page(proposalId: string, after: [string, number] | null, limit: number, only: { agencyIds: string[]; versions: number[] } | null = null): Promise<TraceEntryEntity[]> {
    const qb = this.dataSource.getRepository(TraceEntryEntity).createQueryBuilder('t').where('t.proposal_id = :proposalId', { proposalId });
    if (after) qb.andWhere('(t.at, t.seq) > (:at::timestamptz, :seq::bigint)', { at: after[0], seq: after[1] });
    if (only) {
      qb.andWhere(
        `(t.ref_type NOT IN ('consultation', 'consultation_comment', 'proposal_version')
          OR (t.ref_type = 'consultation' AND t.ref_id IN (SELECT c.id FROM consultations c WHERE c.proposal_id = :proposalId AND c.agency_id = ANY(:agencyIds::uuid[])))
          OR (t.ref_type = 'consultation_comment' AND t.ref_id IN (SELECT cc.id FROM consultation_comments cc JOIN consultations c ON c.id = cc.consultation_id
                                                                   WHERE c.proposal_id = :proposalId AND c.agency_id = ANY(:agencyIds::uuid[])))
          OR (t.ref_type = 'proposal_version' AND t.ref_id IN (SELECT v.id FROM proposal_versions v WHERE v.proposal_id = :proposalId AND v.version = ANY(:versions::int[]))))`,
        { agencyIds: only.agencyIds, versions: only.versions },
      );
    }
    return qb.orderBy('t.at', 'ASC').addOrderBy('t.seq', 'ASC').limit(limit).getMany();
  }
}
