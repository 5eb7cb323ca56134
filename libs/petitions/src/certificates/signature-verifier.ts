import * as pkijs from 'pkijs';

/** Who signed, as far as the petition is concerned: a national id, or else the public key. */
export interface SignerIdentity {
  identity: string;
  kind: 'serialNumber' | 'publicKey';
}

/** A CMS signature, parsed once: what every verifier gets. */
export interface ParsedSignature {
  der: Buffer;
  signedData: pkijs.SignedData;
  /** The OID of the (only) signer's signature algorithm: what a verifier chooses by. */
  signatureAlgorithm: string;
}

/** Why a signature is refused (a 400 on `signature`). */
export class SignatureRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureRefused';
  }
}

/**
 * Verifies CMS (PKCS#7) detached signatures over a petition's signing text.
 * Several may be configured (PETITION_SIGNATURE_VERIFIERS); the first that
 * accepts the signer's algorithm verifies. The built-in one covers what
 * WebCrypto verifies (RSA, ECDSA); Kazakhstan's GOST keys need another, for
 * instance one that asks an NCANode service: implement this interface and
 * add it to the list (see the README, "Petitions").
 */
export interface PetitionSignatureVerifier {
  readonly name: string;
  accepts(signature: ParsedSignature): boolean;
  /** The signer's identity once the signature, the certificate's validity now and its chain to a trust anchor hold; else throws SignatureRefused. */
  verify(content: Buffer, signature: ParsedSignature): Promise<SignerIdentity>;
}

export const PETITION_SIGNATURE_VERIFIERS = Symbol('PETITION_SIGNATURE_VERIFIERS');
