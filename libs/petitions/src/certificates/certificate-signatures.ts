import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ParsedSignature, PetitionSignatureVerifier, SignatureRefused, SignerIdentity } from './signature-verifier';

const SIGNED_DATA = '1.2.840.113549.1.7.2';
/** A CMS signature larger than this is not a petition signature. */
export const MAX_SIGNATURE_BYTES = 64 * 1024;

/** Parses base64 DER of a CMS ContentInfo holding SignedData with exactly one signer; SignatureRefused otherwise. */
export function parseSignature(base64: string): ParsedSignature {
  const der = Buffer.from(base64, 'base64');
  if (der.length === 0 || der.length > MAX_SIGNATURE_BYTES) throw new SignatureRefused('is not a CMS signature');
  const ab = der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer;
  const asn = asn1js.fromBER(ab);
  if (asn.offset === -1) throw new SignatureRefused('is not DER');
  let signedData: pkijs.SignedData;
  try {
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== SIGNED_DATA) throw new SignatureRefused('is not CMS SignedData');
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch (err) {
    if (err instanceof SignatureRefused) throw err;
    throw new SignatureRefused('is not a CMS signature');
  }
  if (signedData.signerInfos.length !== 1) throw new SignatureRefused('must carry exactly one signer');
  return { der, signedData, signatureAlgorithm: signedData.signerInfos[0].signatureAlgorithm.algorithmId };
}

/**
 * Verifies a detached signature over `content` with the first configured
 * verifier that accepts its algorithm. An attached content must be the same bytes.
 */
export async function verifyPetitionSignature(verifiers: readonly PetitionSignatureVerifier[], content: Buffer, base64: string): Promise<SignerIdentity> {
  if (verifiers.length === 0) throw new SignatureRefused('cannot be verified: this server trusts no certification authority (PETITION_TRUST_ANCHORS)');
  const parsed = parseSignature(base64);
  const attached = parsed.signedData.encapContentInfo.eContent;
  if (attached && !Buffer.from(attached.getValue()).equals(content)) throw new SignatureRefused('covers another text than this petition\'s signing text');
  const verifier = verifiers.find((v) => v.accepts(parsed));
  if (!verifier) throw new SignatureRefused(`uses an algorithm no configured verifier handles (${parsed.signatureAlgorithm})`);
  return verifier.verify(content, parsed);
}
