/**
 * A signature file as the API takes it (base64 of the DER): signing tools
 * write either the DER bytes (.p7s, .cms) or base64 text, sometimes inside
 * PEM armour. Text stays as it is (without the armour); bytes are encoded.
 */
export function signatureFromBytes(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const unarmoured = text.replace(/-----(BEGIN|END)[^-]*-----/g, '').replace(/\s+/g, '');
  if (unarmoured.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(unarmoured)) return unarmoured;
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function signatureFromFile(file: Blob): Promise<string> {
  return signatureFromBytes(new Uint8Array(await file.arrayBuffer()));
}
