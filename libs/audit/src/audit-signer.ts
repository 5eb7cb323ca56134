import { createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { Environment } from '@kenes/common';

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows it. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Signs audit checkpoints with AUDIT_SIGNING_KEY, an Ed25519 seed kept outside
 * the database (node:crypto, no dependency). Its public key is published, so
 * anyone can check a checkpoint they kept.
 */
export class AuditSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  /** base64 of the raw 32-byte public key. */
  readonly publicKeyBase64: string;

  constructor(seedHex: string) {
    if (!/^[0-9a-fA-F]{64}$/.test(seedHex)) throw new Error('AUDIT_SIGNING_KEY must be 64 hexadecimal digits');
    this.privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seedHex, 'hex')]), format: 'der', type: 'pkcs8' });
    this.publicKey = createPublicKey(this.privateKey);
    this.publicKeyBase64 = (this.publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('base64');
  }

  /** base64 Ed25519 signature over the UTF-8 text. */
  sign(text: string): string {
    return sign(null, Buffer.from(text, 'utf8'), this.privateKey).toString('base64');
  }

  verify(text: string, signatureBase64: string): boolean {
    const signature = Buffer.from(signatureBase64, 'base64');
    if (signature.length !== 64 || signature.toString('base64') !== signatureBase64) return false;
    return verify(null, Buffer.from(text, 'utf8'), this.publicKey, signature);
  }
}

export const AuditSignerProvider = {
  provide: AuditSigner,
  inject: [Environment],
  useFactory: (env: Environment) => {
    if (!env.AUDIT_SIGNING_KEY) throw new Error('AUDIT_SIGNING_KEY is not set (it is generated under KENES_HOME outside production)');
    return new AuditSigner(env.AUDIT_SIGNING_KEY);
  },
};
