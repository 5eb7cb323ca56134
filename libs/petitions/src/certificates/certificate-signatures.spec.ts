import * as pkijs from 'pkijs';
import { issueSigner, makeCa, signDetached } from '../../../../test/support/petition-ca';
import { verifyPetitionSignature } from './certificate-signatures';
import { SignatureRefused } from './signature-verifier';
import { WebCryptoSignatureVerifier } from './webcrypto-verifier';

const anchorOf = (pem: string) => pkijs.Certificate.fromBER(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
const TEXT = 'Kenes petition signature\nPetition: x\n';

describe('certificate signatures', () => {
  let verifier: WebCryptoSignatureVerifier;
  let ca: Awaited<ReturnType<typeof makeCa>>;

  beforeAll(async () => {
    ca = await makeCa();
    verifier = new WebCryptoSignatureVerifier([anchorOf(ca.pem)]);
  });

  it('accepts a signature by a certificate of the trusted CA, naming the subject serialNumber', async () => {
    const signer = await issueSigner(ca, { nationalId: 'IIN900101300123' });
    const sig = await signDetached(signer, TEXT);
    await expect(verifyPetitionSignature([verifier], Buffer.from(TEXT), sig)).resolves.toEqual({ identity: 'IIN900101300123', kind: 'serialNumber' });
  });

  it('falls back to the public key without a serialNumber', async () => {
    const signer = await issueSigner(ca, { nationalId: null });
    const id = await verifyPetitionSignature([verifier], Buffer.from(TEXT), await signDetached(signer, TEXT));
    expect(id.kind).toBe('publicKey');
    expect(id.identity).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses another text, an unknown CA, an expired certificate, and garbage', async () => {
    const signer = await issueSigner(ca);
    await expect(verifyPetitionSignature([verifier], Buffer.from(`${TEXT}more`), await signDetached(signer, TEXT))).rejects.toThrow(/signing text/);
    const stranger = await issueSigner(await makeCa('Unknown CA'));
    await expect(verifyPetitionSignature([verifier], Buffer.from(TEXT), await signDetached(stranger, TEXT))).rejects.toThrow(/certificate paths/);
    const expired = await issueSigner(ca, { notBefore: new Date(Date.now() - 10 * 86400_000), notAfter: new Date(Date.now() - 86400_000) });
    await expect(verifyPetitionSignature([verifier], Buffer.from(TEXT), await signDetached(expired, TEXT))).rejects.toThrow(/not yet valid or expired/);
    await expect(verifyPetitionSignature([verifier], Buffer.from(TEXT), 'bm90IGEgc2lnbmF0dXJl')).rejects.toBeInstanceOf(SignatureRefused);
  });

  it('refuses an algorithm no verifier accepts', async () => {
    const signer = await issueSigner(ca);
    const none = { name: 'none', accepts: () => false, verify: () => Promise.reject(new Error('never')) };
    await expect(verifyPetitionSignature([none], Buffer.from(TEXT), await signDetached(signer, TEXT))).rejects.toThrow(/no configured verifier/);
  });
});
