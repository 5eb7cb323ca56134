import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Batcher } from '@kenes/common';
import { Choice } from '@kenes/core';
import { DataSource } from 'typeorm';
import { receiptHash } from './ballot-crypto';
import { CAST_CONTEXT_STATEMENT, namedCastStatement, SECRET_CAST_STATEMENT } from './cast-statements';

/**
 * Ballots: the cast path (the hot path of a hall voting at once, each cast
 * one prepared statement with its audit entry, concurrent casts batched) and
 * what one voter's ballot answers afterwards (a replayed Idempotency-Key,
 * the choice a voter or a receipt proves). The published results are
 * TalliesRepository's.
 */
@Injectable()
export class BallotsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A named prepared statement on the pool TypeORM manages: PostgreSQL parses
   * and plans it once per connection. Used by the cast path, which a hall
   * runs hundreds of times a second.
   */
  private async prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master: { query: (q: { name: string; text: string; values: unknown[] }) => Promise<{ rows: T[] }> } }).master;
    return (await pool.query({ name, text, values })).rows;
  }

  /**
   * Everything a cast decides on, in one round trip: the poll, the roles of
   * the caller's memberships active on `today` in its council, and the
   * caller's voter membership if eligible (null when the poll does not
   * exist). The hot path of a hall voting at once, so concurrent casts share
   * one query; other routes go through AccessService.
   */
  castContext(pollId: string, userId: string, today: string, onBehalfOf: string | null = null): Promise<CastContext | null> {
    return this.contexts.submit({ pollId, userId, today, onBehalfOf });
  }

  private readonly contexts = new Batcher<ContextQuery, CastContext | null>({
    ...CAST_BATCHING,
    run: (qs) => this.castContexts(qs),
  });

  private async castContexts(qs: readonly ContextQuery[]): Promise<(CastContext | null)[]> {
    const rows: (CastContext & { ord: string })[] = await this.prepared(
      'kenes_cast_context_v3',
      CAST_CONTEXT_STATEMENT,
      [qs.map((q) => q.pollId), qs.map((q) => q.userId), qs.map((q) => q.today), qs.map((q) => q.onBehalfOf)],
    );
    const out: (CastContext | null)[] = qs.map(() => null);
    for (const { ord, ...c } of rows) out[Number(ord) - 1] = c;
    return out;
  }

  /**
   * A named ballot and its audit entry, only while the poll is open: FOR
   * SHARE on the poll row makes closing wait for casts in flight. Returns null
   * when the poll is not open, or when `replace` is false and a ballot exists.
   *
   * Casts arriving together share one statement (see `castBatch`), so a hall
   * voting at once costs a round trip and a commit per batch, not per ballot.
   */
  castNamed(b: NamedCast): Promise<{ receipt: string; inserted: boolean } | null> {
    return (b.replace ? this.replacingCasts : this.onceCasts).submit(b);
  }

  private readonly onceCasts = new Batcher<NamedCast, CastResult | null>({
    ...CAST_BATCHING,
    keyOf: voterKey,
    run: (casts) => this.castBatch(casts, false),
  });

  private readonly replacingCasts = new Batcher<NamedCast, CastResult | null>({
    ...CAST_BATCHING,
    keyOf: voterKey,
    run: (casts) => this.castBatch(casts, true),
  });

  /**
   * Named ballots and their audit entries in one statement (atomic without a
   * transaction round trip). The batcher never puts one voter twice in a
   * batch; rows go in key order, so concurrent batches lock alike. The
   * statement, with its proxy checks, is namedCastStatement.
   */
  private async castBatch(casts: readonly NamedCast[], replace: boolean): Promise<(CastResult | null)[]> {
    const rows: { ord: string; receipt: string; inserted: boolean }[] = await this.prepared(
      replace ? 'kenes_cast_named_replace_v3' : 'kenes_cast_named_once_v3',
      namedCastStatement(replace),
      [
        casts.map((c) => c.pollId),
        casts.map((c) => c.membershipId),
        casts.map((c) => c.choice),
        casts.map((c) => c.reason),
        casts.map((c) => c.receipt),
        casts.map((c) => c.idempotencyKey),
        casts.map((c) => c.requestHash),
        casts.map((c) => c.councilId),
        casts.map((c) => c.actorUserId),
        casts.map((c) => receiptHash(c.receipt)),
        casts.map((c) => c.castBy ?? null),
        casts.map((c) => c.delegatorMayVote ?? true),
      ],
    );
    const out: (CastResult | null)[] = casts.map(() => null);
    for (const r of rows) out[Number(r.ord) - 1] = { receipt: r.receipt, inserted: r.inserted };
    return out;
  }

  /**
   * A secret ballot in one statement (atomic without a transaction round
   * trip), only while the poll is open (FOR SHARE: closing waits for it):
   * the fact of voting goes to secret_participations (one per voter, by its
   * key), the sealed choice and the receipt's hash into a slot of their own
   * with no reference back, and an audit entry that names the voter and
   * never the choice or the receipt. The three rows share this statement's
   * transaction id while the poll is open; closing rewrites the slots.
   */
  async castSecret(c: SecretCast): Promise<'cast' | 'closed' | 'voted'> {
    const [row] = await this.prepared<{ open: boolean; participated: boolean }>(
      'kenes_cast_secret_v3',
      SECRET_CAST_STATEMENT,
      [c.pollId, c.membershipId, c.idempotencyHash, c.sealedChoice, c.receiptHash, c.councilId, c.actorUserId, c.slotId, c.castBy ?? null, c.delegatorMayVote ?? true],
    );
    if (!row.open) return 'closed';
    return row.participated ? 'cast' : 'voted';
  }

  /** Whether the poll is open now (a cast that wrote nothing asks why). */
  async isOpen(pollId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM polls WHERE id = $1 AND status = 'open'`, [pollId]);
    return rows.length > 0;
  }

  /** What a voter's named cast with this Idempotency-Key was answered (null if no ballot was cast with it). */
  async keyAnswer(pollId: string, membershipId: string, key: string): Promise<{ requestHash: string; receipt: string } | null> {
    const rows: { requestHash: string; receipt: string }[] = await this.dataSource.query(
      'SELECT request_hash AS "requestHash", receipt FROM ballot_keys WHERE poll_id = $1 AND membership_id = $2 AND idempotency_key = $3',
      [pollId, membershipId, key],
    );
    return rows[0] ?? null;
  }

  /** The keyed hash of the Idempotency-Key the voter's secret ballot was cast with (null: none, or no ballot). */
  async participationKeyHash(pollId: string, membershipId: string): Promise<string | null> {
    const rows: { h: string | null }[] = await this.dataSource.query(
      'SELECT idempotency_hash AS h FROM secret_participations WHERE poll_id = $1 AND membership_id = $2',
      [pollId, membershipId],
    );
    return rows[0]?.h ?? null;
  }

  /** The sealed choice a secret receipt proves, if the receipt belongs to this poll. */
  async secretChoiceOf(pollId: string, receiptHash: string): Promise<SealedChoice | null> {
    const rows: SealedChoice[] = await this.dataSource.query(
      'SELECT id, choice AS sealed, receipt_hash AS "receiptHash" FROM secret_slots WHERE poll_id = $1 AND receipt_hash = $2',
      [pollId, receiptHash],
    );
    return rows[0] ?? null;
  }

  async hasParticipated(pollId: string, membershipId: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM secret_participations WHERE poll_id = $1 AND membership_id = $2', [pollId, membershipId]);
    return rows.length > 0;
  }

  async namedChoiceOf(pollId: string, membershipId: string): Promise<Choice | null> {
    const rows: { choice: Choice }[] = await this.dataSource.query('SELECT choice FROM ballots WHERE poll_id = $1 AND membership_id = $2', [pollId, membershipId]);
    return rows[0]?.choice ?? null;
  }
}

/**
 * Up to 64 casts share a statement, and up to 4 such statements run at once
 * (connections the rest of the API keeps the use of).
 */
const CAST_BATCHING = { maxBatch: 64, maxInFlight: 2 };

const voterKey = (c: NamedCast) => `${c.pollId}/${c.membershipId}`;

export interface NamedCast {
  pollId: string;
  /** The member whose ballot it is (the delegator, for a ballot cast by proxy). */
  membershipId: string;
  /** The delegate casting by proxy (null or absent: the member themselves). */
  castBy?: string | null;
  /** Whether the member may cast while a proxy of theirs holds (the poll's fixed delegatorMayVote); default true. */
  delegatorMayVote?: boolean;
  choice: Choice;
  reason: string | null;
  receipt: string;
  idempotencyKey: string | null;
  requestHash: string | null;
  replace: boolean;
  councilId: string;
  actorUserId: string;
}

export interface SecretCast {
  pollId: string;
  /** The member whose ballot it is (the delegator, for a ballot cast by proxy). */
  membershipId: string;
  /** The delegate casting by proxy (null or absent: the voter themselves). */
  castBy?: string | null;
  /** As NamedCast's; default true. */
  delegatorMayVote?: boolean;
  /** BallotCrypto.idempotencyHash of the cast's Idempotency-Key, never the key. */
  idempotencyHash: string | null;
  /** The slot's id, chosen by the app: the encryption binds the choice to it. */
  slotId: string;
  /** The choice as BallotCrypto sealed it: only the app can open it. */
  sealedChoice: string;
  receiptHash: string;
  councilId: string;
  actorUserId: string;
}

/** A secret poll's choice as stored: its slot, the ciphertext, and the receipt's hash. */
export interface SealedChoice {
  id: string;
  sealed: string;
  receiptHash: string;
}

export interface CastResult {
  receipt: string;
  inserted: boolean;
}

export interface CastContext {
  id: string;
  councilId: string;
  status: 'draft' | 'open' | 'closed';
  secret: boolean;
  rule: import('@kenes/core').ResolvedRule;
  sessionId: string | null;
  workingGroupId: string | null;
  legacyBallotCipher: boolean;
  roles: string[];
  inCouncil: boolean;
  voterMembershipId: string | null;
  /** The council's proxy settings as fixed when the poll opened (null: no proxies for it). */
  proxySettings: import('@kenes/core').ProxySettings | null;
  /** The delegate in force for the member the caller casts for (null: none, or no onBehalfOf). */
  delegateInForce: string | null;
  /** Whether a proxy the caller gave holds for this poll. */
  ownProxyInForce: boolean;
}

interface ContextQuery {
  pollId: string;
  userId: string;
  today: string;
  onBehalfOf: string | null;
}
