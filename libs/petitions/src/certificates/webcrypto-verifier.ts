import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as pkijs from 'pkijs';
import { ParsedSignature, PetitionSignatureVerifier, SignatureRefused, SignerIdentity } from './signature-verifier';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] }));

/** Signature algorithms WebCrypto verifies: RSA PKCS#1 v1.5, RSA-PSS, ECDSA. */
const WEBCRYPTO_SIGNATURES = new Set([
  '1.2.840.113549.1.1.1', // rsaEncryption (the digest is the signer's digestAlgorithm)
  '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12', // sha384WithRSAEncryption
  '1.2.840.113549.1.1.13', // sha512WithRSAEncryption
  '1.2.840.113549.1.1.10', // RSASSA-PSS
  '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3', // ecdsa-with-SHA384
  '1.2.840.10045.4.3.4', // ecdsa-with-SHA512
  '1.2.840.10045.2.1', // id-ecPublicKey
]);

const SERIAL_NUMBER = '2.5.4.5';
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

const toArrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** The CA certificates of a PEM file (PETITION_TRUST_ANCHORS). */
export function readTrustAnchors(path: string): pkijs.Certificate[] {
  const pem = readFileSync(path, 'utf8');
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) throw new Error(`PETITION_TRUST_ANCHORS: ${path} holds no PEM certificate`);
  return blocks.map((block) => pkijs.Certificate.fromBER(toArrayBuffer(new X509Certificate(block).raw)));
}

/**
 * The built-in verifier (pkijs over WebCrypto): the signature over the exact
 * signing text, the signer's certificate valid now, and a chain from it to
 * one of the trust anchors, each certificate of it valid now.
 */
export class WebCryptoSignatureVerifier implements PetitionSignatureVerifier {
  readonly name = 'webcrypto';

  constructor(private readonly anchors: pkijs.Certificate[]) {}

  accepts(signature: ParsedSignature): boolean {
    return WEBCRYPTO_SIGNATURES.has(signature.signatureAlgorithm);
  }

  async verify(content: Buffer, signature: ParsedSignature): Promise<SignerIdentity> {
    const sd = signature.signedData;
    const now = new Date();
    let result: pkijs.SignedDataVerifyResult;
    try {
      result = await sd.verify({ signer: 0, data: toArrayBuffer(content), trustedCerts: this.anchors, checkDate: now, checkChain: true, extendedMode: true });
    } catch (err) {
      throw new SignatureRefused(`does not verify: ${describe(err)}`);
    }
    if (!result.signatureVerified) throw new SignatureRefused('does not verify over the signing text');
    const cert = result.signerCertificate;
    if (!cert) throw new SignatureRefused("carries no signer's certificate");
    if (cert.notBefore.value > now || cert.notAfter.value < now) throw new SignatureRefused("the signer's certificate is not valid now");
    if (!result.signerCertificateVerified) throw new SignatureRefused("the signer's certificate does not chain to a trusted authority");
    return identityOf(cert);
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}

/** The subject's serialNumber (a national id) when it has one, else a hash of its public key. */
export function identityOf(cert: pkijs.Certificate): SignerIdentity {
  const serial = cert.subject.typesAndValues.find((tv) => tv.type === SERIAL_NUMBER);
  const value = serial?.value.valueBlock.value;
  if (typeof value === 'string' && value.trim() !== '') return { identity: value.trim().toUpperCase(), kind: 'serialNumber' };
  const spki = Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false));
  return { identity: createHash('sha256').update(spki).digest('hex'), kind: 'publicKey' };
}
