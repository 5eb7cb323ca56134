import { Injectable } from '@nestjs/common';
import { ChainVerifier } from '@kenes/core';
import { decodeCursor, invalidField, Page, toPage } from '@kenes/common';
import { AuditRepository, chainOf } from './audit.repository';
import { AuditSequencer } from './audit-sequencer';
import { AuditEntryDto, AuditVerificationDto } from './dto/audit.dto';

const VERIFY_PAGE = 5000;

/** Reading and verifying a chain; both first seal what has committed, so nothing is missing. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly sequencer: AuditSequencer,
  ) {}

  async list(councilId: string | null, q: { after?: string; limit: number; cursor?: string }): Promise<Page<AuditEntryDto>> {
    const chain = chainOf(councilId);
    await this.sequencer.sealChain(chain, true);
    let after = 0;
    const cursor = decodeCursor(q.cursor, 1);
    if (cursor) {
      after = Number(cursor[0]);
      if (!Number.isSafeInteger(after) || after < 0) throw invalidField('cursor', 'is not a valid cursor');
    } else if (q.after !== undefined) {
      if (/^\d+$/.test(q.after)) after = Number(q.after);
      else {
        const pos = await this.repo.chainSeqOf(chain, q.after.toLowerCase());
        if (pos === null) throw invalidField('after', 'is not an entry of this council');
        after = pos;
      }
    }
    const rows = await this.repo.sealedPage(chain, after, q.limit + 1);
    return toPage(rows, q.limit, (r) => [r.chainSeq], (r) => ({
      id: r.id,
      seq: r.chainSeq,
      councilId: r.councilId,
      actorUserId: r.actorUserId,
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      summary: r.summary as Record<string, unknown>,
      createdAt: r.createdAt,
      prevHash: r.prevHash,
      hash: r.hash,
    }));
  }

  /** `firstBrokenAt` is null for an intact chain (a field without a value is null, never omitted). */
  async verify(councilId: string | null): Promise<AuditVerificationDto> {
    const chain = chainOf(councilId);
    await this.sequencer.sealChain(chain, true);
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const rows = await this.repo.sealedPage(chain, after, VERIFY_PAGE);
      for (const r of rows) verifier.add(r);
      if (rows.length < VERIFY_PAGE) break;
      after = rows[rows.length - 1].chainSeq;
    }
    const { ok, entries, firstBrokenAt } = verifier.result();
    return { ok, entries, firstBrokenAt: firstBrokenAt ?? null };
  }
}
