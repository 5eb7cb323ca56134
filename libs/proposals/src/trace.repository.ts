import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TraceEntryEntity, TraceKind } from './entities/trace-entry.entity';

export interface NewTraceEntry {
  proposalId: string;
  kind: TraceKind;
  summary: string;
  ref: { type: string; id: string };
}

@Injectable()
export class TraceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, e: NewTraceEntry): Promise<void> {
    await em.insert(TraceEntryEntity, { proposalId: e.proposalId, kind: e.kind, summary: e.summary, refType: e.ref.type, refId: e.ref.id });
  }

  page(proposalId: string, after: [string, number] | null, limit: number): Promise<TraceEntryEntity[]> {
    const qb = this.dataSource.getRepository(TraceEntryEntity).createQueryBuilder('t').where('t.proposal_id = :proposalId', { proposalId });
    if (after) qb.andWhere('(t.at, t.seq) > (:at::timestamptz, :seq::bigint)', { at: after[0], seq: after[1] });
    return qb.orderBy('t.at', 'ASC').addOrderBy('t.seq', 'ASC').limit(limit).getMany();
  }
}
