import { createHash } from 'node:crypto';

/** The prevHash of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every depth, so equal content hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/** What an audit entry's hash covers (everything but the hash itself). */
export interface AuditContent {
  id: string;
  chainSeq: number;
  councilId: string | null;
  actorUserId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: Json;
  createdAt: string;
  prevHash: string;
}

export interface SealedAuditEntry extends AuditContent {
  hash: string;
}

export function auditHash(content: AuditContent): string {
  const covered = {
    id: content.id,
    chainSeq: content.chainSeq,
    councilId: content.councilId,
    actorUserId: content.actorUserId,
    action: content.action,
    objectType: content.objectType,
    objectId: content.objectId,
    summary: content.summary,
    createdAt: content.createdAt,
    prevHash: content.prevHash,
  };
  return createHash('sha256').update(canonicalJson(covered)).digest('hex');
}

/** Seals entries in the given order onto a chain whose head is `head` (null for an empty chain). */
export function sealEntries(
  head: { chainSeq: number; hash: string } | null,
  entries: readonly Omit<AuditContent, 'chainSeq' | 'prevHash'>[],
): SealedAuditEntry[] {
  let prevHash = head?.hash ?? GENESIS_HASH;
  let seq = head?.chainSeq ?? 0;
  return entries.map((e) => {
    seq += 1;
    const content: AuditContent = { ...e, chainSeq: seq, prevHash };
    const hash = auditHash(content);
    prevHash = hash;
    return { ...content, hash };
  });
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  firstBrokenAt?: string;
}

/**
 * Recomputes a chain fed in chain order, and names the first entry that does
 * not verify: its own hash is wrong, it does not point at its predecessor's
 * stored hash, or a position is missing before it (an entry was deleted).
 * Fed page by page, so a long chain never has to sit in memory at once.
 */
export class ChainVerifier {
  private expectedPrev = GENESIS_HASH;
  private expectedSeq = 1;
  private count = 0;
  private firstBrokenAt: string | undefined;

  add(e: SealedAuditEntry): void {
    this.count += 1;
    if (this.firstBrokenAt === undefined) {
      const broken = e.chainSeq !== this.expectedSeq || e.prevHash !== this.expectedPrev || auditHash(e) !== e.hash;
      if (broken) this.firstBrokenAt = e.id;
    }
    this.expectedPrev = e.hash;
    this.expectedSeq = e.chainSeq + 1;
  }

  result(): ChainVerification {
    return this.firstBrokenAt === undefined
      ? { ok: true, entries: this.count }
      : { ok: false, entries: this.count, firstBrokenAt: this.firstBrokenAt };
  }
}

export function verifyChain(entries: Iterable<SealedAuditEntry>): ChainVerification {
  const v = new ChainVerifier();
  for (const e of entries) v.add(e);
  return v.result();
}

/**
 * The exact text an audit checkpoint's Ed25519 signature covers (UTF-8):
 * `kenes-checkpoint:v1:<councilId>:<entryId>:<hash>:<at>`, where councilId is
 * `platform` for the platform's own chain and `at` the ISO-8601 instant as
 * published.
 */
export function checkpointText(c: { councilId: string | null; entryId: string; hash: string; at: string }): string {
  return `kenes-checkpoint:v1:${c.councilId ?? 'platform'}:${c.entryId}:${c.hash}:${c.at}`;
}
