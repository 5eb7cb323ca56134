import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Environment } from '@kenes/common';

/**
 * The keyed hashes that stand for signers. The key is derived from
 * BALLOT_KEY (never in the database) for this one purpose, so a copy of the
 * database tells neither who signed nor, by trying addresses, whether a given
 * person did.
 */
export class SignerKeys {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'kenes', 'petition-signers', 32));
  }

  /** The signer's hash: of a normalised email address, or of a certificate's identity. */
  signer(kind: 'email' | 'certificate', identity: string): Buffer {
    return createHmac('sha256', this.key).update(`${kind}:${identity}`, 'utf8').digest();
  }

  /** The key a rate limit counts under for one signer (not reversible to the address either). */
  rateKey(identity: string): string {
    return createHmac('sha256', this.key).update(`rate:${identity}`, 'utf8').digest('base64url');
  }
}

/** A confirmation token: 256 random bits, sent by mail, kept only as its SHA-256. */
export const newConfirmationToken = (): string => randomBytes(32).toString('base64url');

export const tokenHashOf = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export const SignerKeysProvider = {
  provide: SignerKeys,
  inject: [Environment],
  useFactory: (env: Environment) => {
    if (!env.BALLOT_KEY) throw new Error('BALLOT_KEY is not set (it is generated under KENES_HOME outside production)');
    return new SignerKeys(env.BALLOT_KEY);
  },
};
