import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomFillSync, timingSafeEqual } from 'node:crypto';
import { Choice, CHOICES } from '@kenes/core';

/** SHA-256 (lowercase hex) of a receipt: what a secret choice keeps and what the receipt list shows. */
export const receiptHash = (receipt: string) => createHash('sha256').update(receipt, 'utf8').digest('hex');

/** A named ballot's receipt: random, unbound (a named ballot is proved by the member's own ballot). */
export const randomReceipt = () => `R${randomBytes(18).toString('base64url')}`;

export const requestHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** Every choice is padded to this many bytes before encryption, so every ciphertext has one length. */
const PLAIN_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_V2 = 'v2.';
/** `R2` + base64url(16-byte nonce ‖ 16-byte voter tag). */
const RECEIPT_V2 = /^R2[A-Za-z0-9_-]{43}$/;

/** A stored choice that does not open: its bytes were changed, moved or forged (never a voter's doing). */
export class BallotIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BallotIntegrityError';
  }
}

const derive = (secret: string, info: string) => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'kenes', info, 32));

/**
 * The secret ballot's cryptography, keyed from BALLOT_KEY (never stored in
 * the database, independent of JWT_SECRET). Separate keys, each derived for
 * one purpose, so that none can stand in for another:
 *
 * - choices: AES-256-GCM over a fixed-length plaintext, with the poll and the
 *   slot as associated data (a ciphertext copied to another slot or poll
 *   does not open), under a fresh IV each time;
 * - receipts: a random nonce and a tag that binds it to the voter's
 *   membership, so that only the voter who cast a ballot can use its receipt;
 * - Idempotency-Keys of secret casts: kept only as a keyed hash;
 * - the closed poll's seal: a keyed digest of its choices and receipt hashes.
 */
export class BallotCrypto {
  private readonly choiceKey: Buffer;
  private readonly receiptKey: Buffer;
  private readonly nonceKey: Buffer;
  private readonly idempotencyKey: Buffer;
  private readonly sealKey: Buffer;
  /** Choices sealed before BALLOT_KEY existed (format v1, keyed from JWT_SECRET); read only. */
  private readonly legacyKey: Buffer | null;

  constructor(ballotKey: string, legacyJwtSecret?: string | null) {
    if (!ballotKey || ballotKey.length < 32) throw new Error('BALLOT_KEY must be at least 32 characters');
    this.choiceKey = derive(ballotKey, 'kenes.ballot.choice.v2');
    this.receiptKey = derive(ballotKey, 'kenes.ballot.receipt.v2');
    this.nonceKey = derive(ballotKey, 'kenes.ballot.receipt-nonce.v2');
    this.idempotencyKey = derive(ballotKey, 'kenes.ballot.idempotency.v2');
    this.sealKey = derive(ballotKey, 'kenes.ballot.seal.v2');
    this.legacyKey = legacyJwtSecret ? derive(legacyJwtSecret, 'kenes.secret-ballots') : null;
  }

  /** The choice of one slot of one poll, encrypted; every result has the same length. */
  seal(pollId: string, slotId: string, choice: Choice): string {
    const plain = paddedChoice(choice);
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.choiceKey, iv);
    cipher.setAAD(associatedData(pollId, slotId));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return SEALED_V2 + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** IVs come from a pool filled by one system call per 4,096 (a closing rewrite seals every choice of a poll anew). */
  private ivPool = Buffer.alloc(0);
  private ivAt = 0;

  private nextIv(): Buffer {
    if (this.ivAt + IV_BYTES > this.ivPool.length) {
      this.ivPool = randomFillSync(Buffer.allocUnsafe(IV_BYTES * 4096));
      this.ivAt = 0;
    }
    const iv = this.ivPool.subarray(this.ivAt, this.ivAt + IV_BYTES);
    this.ivAt += IV_BYTES;
    return iv;
  }

  /**
   * Opens a slot's choice; throws BallotIntegrityError when it was altered,
   * moved or forged. A v1 choice (sealed before BALLOT_KEY, bound to nothing)
   * opens only for a poll that had them before the upgrade (`legacy`).
   */
  open(pollId: string, slotId: string, sealed: string, legacy = false): Choice {
    if (!sealed.startsWith(SEALED_V2) && !legacy) throw new BallotIntegrityError(`a choice of poll ${pollId} is not sealed under BALLOT_KEY`);
    const choice = sealed.startsWith(SEALED_V2) ? this.openV2(pollId, slotId, sealed) : this.openLegacy(sealed);
    if (!(CHOICES as readonly string[]).includes(choice)) throw new BallotIntegrityError(`a choice of poll ${pollId} is not a choice`);
    return choice as Choice;
  }

  private openV2(pollId: string, slotId: string, sealed: string): string {
    const raw = Buffer.from(sealed.slice(SEALED_V2.length), 'base64url');
    if (raw.length !== IV_BYTES + TAG_BYTES + PLAIN_BYTES) throw new BallotIntegrityError(`a choice of poll ${pollId} has the wrong length`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.choiceKey, raw.subarray(0, IV_BYTES));
      decipher.setAAD(associatedData(pollId, slotId));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      const end = plain.indexOf(0);
      return plain.subarray(0, end === -1 ? plain.length : end).toString('utf8');
    } catch {
      throw new BallotIntegrityError(`a choice of poll ${pollId} does not open under BALLOT_KEY (altered, moved, or sealed under another key)`);
    }
  }

  private openLegacy(sealed: string): string {
    const [version, data] = sealed.split('.');
    if (version !== 'v1' || !data) throw new BallotIntegrityError('unknown ballot encryption');
    if (!this.legacyKey) throw new BallotIntegrityError('a choice sealed before BALLOT_KEY needs the JWT_SECRET it was sealed under');
    try {
      const raw = Buffer.from(data, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.legacyKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new BallotIntegrityError('a choice sealed before BALLOT_KEY does not open (JWT_SECRET changed since?)');
    }
  }

  /**
   * A secret ballot's receipt, bound to its voter: a nonce (random, or derived
   * from the cast's Idempotency-Key so that a retry answers the same receipt)
   * and a tag over the poll, the voter's membership and the nonce.
   */
  newReceipt(pollId: string, membershipId: string, idempotencyKey: string | null): string {
    const nonce =
      idempotencyKey === null
        ? randomBytes(16)
        : createHmac('sha256', this.nonceKey).update(`${pollId}\n${membershipId}\n${idempotencyKey}`).digest().subarray(0, 16);
    return `R2${Buffer.concat([nonce, this.tag(pollId, membershipId, nonce)]).toString('base64url')}`;
  }

  /**
   * Whether `receipt` was issued to this voter on this poll: true or false
   * for a bound receipt, `unbound` for one issued before receipts were bound
   * (its poll's choices are legacy ones).
   */
  receiptBelongsTo(pollId: string, membershipId: string, receipt: string): boolean | 'unbound' {
    if (!RECEIPT_V2.test(receipt)) return 'unbound';
    const raw = Buffer.from(receipt.slice(2), 'base64url');
    return timingSafeEqual(raw.subarray(16), this.tag(pollId, membershipId, raw.subarray(0, 16)));
  }

  private tag(pollId: string, membershipId: string, nonce: Buffer): Buffer {
    return createHmac('sha256', this.receiptKey).update(`${pollId}\n${membershipId}\n`).update(nonce).digest().subarray(0, 16);
  }

  /** What a secret participation keeps of the cast's Idempotency-Key: a keyed hash, never the key. */
  idempotencyHash(pollId: string, membershipId: string, key: string): string {
    return createHmac('sha256', this.idempotencyKey).update(`${pollId}\n${membershipId}\n${key}`).digest('hex');
  }

  /**
   * The seal of a closed secret poll: a keyed digest of its choices with their
   * receipt hashes, in receipt-hash order. It goes into the poll.closed audit
   * entry; whoever holds BALLOT_KEY can recompute it to show that no choice
   * changed since. Keyed, so that the public receipt list and counts do not
   * let anyone test which receipt carries which choice.
   */
  sealDigest(pollId: string, ballots: readonly { receiptHash: string; choice: Choice }[]): string {
    const lines = ballots.map((b) => `${b.receiptHash}:${b.choice}\n`).sort();
    return createHmac('sha256', this.sealKey).update(`kenes-poll-seal:v2:${pollId}\n${lines.join('')}`).digest('hex');
  }
}

const PADDED = new Map<string, Buffer>();

/** A choice as the fixed-length plaintext that is encrypted (UTF-8, zero-padded to PLAIN_BYTES). */
function paddedChoice(choice: string): Buffer {
  let plain = PADDED.get(choice);
  if (!plain) {
    if (!(CHOICES as readonly string[]).includes(choice)) throw new RangeError(`not a choice: ${choice}`);
    plain = Buffer.alloc(PLAIN_BYTES);
    plain.write(choice, 'utf8');
    PADDED.set(choice, plain);
  }
  return plain;
}

function associatedData(pollId: string, slotId: string): Buffer {
  return Buffer.from(`kenes-ballot:v2:${pollId}:${slotId}`, 'utf8');
}
