import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** SHA-256 (hex) of a receipt: what a secret slot keeps and what the receipt list shows. */
export const receiptHash = (receipt: string) => createHash('sha256').update(receipt).digest('hex');

export const randomReceipt = () => `R${randomBytes(18).toString('base64url')}`;

/**
 * The receipt of a secret cast made with an Idempotency-Key: derived from a
 * server key never stored in the database, so a replay answers the same
 * receipt while the database alone still cannot tie a member to a choice.
 */
export class ReceiptKey {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'kenes', 'kenes.secret-receipts', 32));
  }

  derive(pollId: string, membershipId: string, idempotencyKey: string): string {
    return `R${createHmac('sha256', this.key).update(`${pollId}\n${membershipId}\n${idempotencyKey}`).digest('base64url').slice(0, 24)}`;
  }
}

export const requestHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/**
 * A secret ballot's choice, encrypted (AES-256-GCM, a fresh IV each time)
 * with a key derived from the server's secret and never stored in the
 * database. The database alone then cannot tie a choice to a voter, not even
 * through system columns (a cast writes the participation and the slot in one
 * transaction, so both rows share an xmin): the slot's choice is ciphertext.
 */
export class BallotCipher {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'kenes', 'kenes.secret-ballots', 32));
  }

  encrypt(choice: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(choice, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  decrypt(sealed: string): string {
    const [version, data] = sealed.split('.');
    if (version !== 'v1' || !data) throw new Error('unknown ballot encryption');
    const raw = Buffer.from(data, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
