/**
 * Email addresses as signers' identities: one mailbox, one identity, however
 * its address is spelled. Lower case throughout; for Gmail (and
 * googlemail.com, the same mailboxes) dots in the local part do not matter;
 * `+tags` are dropped for the providers that deliver `name+tag@` to `name@`.
 */

/** Providers whose mailboxes receive `local+anything@`: the tag does not make another person. */
const SUBADDRESSING = new Set([
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'fastmail.com',
  'proton.me',
  'protonmail.com',
  'yandex.ru',
  'yandex.kz',
  'ya.ru',
  'mail.ru',
]);

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/** A syntactically plausible address: one `@`, a non-empty local part, a dotted domain, no spaces. */
const ADDRESS = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

export interface NormalisedEmail {
  /** The mailbox's identity: what one person's signature is unique on. */
  identity: string;
  /** The mail domain, lower case, without a trailing dot (rate limits and the disposable list key on it). */
  domain: string;
}

/** The identity of an address, or null when it is not an address. */
export function normaliseEmail(raw: string): NormalisedEmail | null {
  const address = raw.trim().toLowerCase();
  if (!ADDRESS.test(address)) return null;
  const at = address.lastIndexOf('@');
  let local = address.slice(0, at);
  let domain = address.slice(at + 1).replace(/\.+$/, '');
  if (!domain.includes('.') || domain.startsWith('.') || domain.includes('..')) return null;
  if (GMAIL.has(domain)) {
    domain = 'gmail.com';
    local = local.replace(/\./g, '');
  }
  if (SUBADDRESSING.has(domain)) {
    const plus = local.indexOf('+');
    if (plus >= 0) local = local.slice(0, plus);
  }
  if (local === '') return null;
  return { identity: `${local}@${domain}`, domain };
}

/**
 * Whether a domain, or a domain it belongs to, is on the list of disposable
 * mail services (`x.mailinator.com` is as disposable as `mailinator.com`).
 */
export function isDisposableDomain(domain: string, disposable: ReadonlySet<string>): boolean {
  const labels = domain.toLowerCase().replace(/\.+$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    if (disposable.has(labels.slice(i).join('.'))) return true;
  }
  return false;
}
