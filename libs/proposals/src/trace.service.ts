import { Injectable } from '@nestjs/common';
import { Transaction } from '@kenes/audit';
import { NewTraceEntry, TraceRepository } from './trace.repository';

/**
 * Appends to a proposal's lineage inside the caller's transaction. Higher
 * floors (polls, sessions, implementation) call this; proposals never import
 * them.
 */
@Injectable()
export class TraceService {
  constructor(private readonly repo: TraceRepository) {}

  append(tx: Transaction, entry: NewTraceEntry): Promise<void> {
    return this.repo.insert(tx.em, entry);
  }
}
