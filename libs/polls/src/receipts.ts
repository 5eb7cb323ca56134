import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

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
