import { signatureFromBytes } from './signature-file';

describe('a signature file', () => {
  const der = Uint8Array.from([0x30, 0x82, 0x01, 0x00, 0xff, 0x00, 0x80, 0x7f]);
  const b64 = Buffer.from(der).toString('base64');

  it('of DER bytes becomes their base64', () => {
    expect(signatureFromBytes(der)).toBe(b64);
  });

  it('of base64 text stays that text, without line breaks', () => {
    expect(signatureFromBytes(new TextEncoder().encode(`${b64.slice(0, 4)}\r\n${b64.slice(4)}\n`))).toBe(b64);
  });

  it('in PEM armour loses the armour', () => {
    expect(signatureFromBytes(new TextEncoder().encode(`-----BEGIN CMS-----\n${b64}\n-----END CMS-----\n`))).toBe(b64);
  });
});
