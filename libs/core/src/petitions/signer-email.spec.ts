import fc from 'fast-check';
import { isDisposableDomain, normaliseEmail } from './signer-email';

const id = (s: string) => normaliseEmail(s)?.identity ?? null;

describe('normaliseEmail', () => {
  it('lower-cases and trims', () => {
    expect(normaliseEmail('  Aigerim.Nurlanova@Example.KZ ')).toEqual({ identity: 'aigerim.nurlanova@example.kz', domain: 'example.kz' });
  });

  it('removes Gmail dots and tags, and treats googlemail.com as gmail.com', () => {
    expect(id('A.Igerim+petitions@gmail.com')).toBe('aigerim@gmail.com');
    expect(id('aigerim@googlemail.com')).toBe('aigerim@gmail.com');
    expect(id('a.i.g.e.r.i.m@GMAIL.COM')).toBe('aigerim@gmail.com');
  });

  it('drops tags where the provider delivers them to the same mailbox, keeps dots there', () => {
    expect(id('first.last+x@outlook.com')).toBe('first.last@outlook.com');
    expect(id('first.last+x@example.org')).toBe('first.last+x@example.org');
  });

  it('refuses what is not an address', () => {
    for (const s of ['', 'no-at-sign', 'a@b', '@example.org', 'a b@example.org', 'a@@example.org', '+tag@gmail.com', 'a@example..org']) expect(normaliseEmail(s)).toBeNull();
  });

  it('is idempotent and case-insensitive', () => {
    const local = fc.stringMatching(/^[a-zA-Z0-9._+-]{1,20}$/);
    const domain = fc.constantFrom('gmail.com', 'googlemail.com', 'Outlook.com', 'example.kz', 'mail.ru', 'gov.kz');
    fc.assert(
      fc.property(local, domain, (l, d) => {
        const n = normaliseEmail(`${l}@${d}`);
        if (!n) return;
        expect(normaliseEmail(n.identity)).toEqual(n);
        expect(normaliseEmail(`${l.toUpperCase()}@${d.toUpperCase()}`)).toEqual(n);
      }),
    );
  });

  it('gives a Gmail mailbox one identity whatever dots or tag are added', () => {
    const name = fc.stringMatching(/^[a-z0-9]{2,12}$/);
    fc.assert(
      fc.property(name, fc.array(fc.nat(), { maxLength: 4 }), fc.option(fc.stringMatching(/^[a-z0-9.]{0,8}$/), { nil: undefined }), (n, dots, tag) => {
        let spelled = n;
        for (const p of dots) {
          const at = 1 + (p % (spelled.length - 1 || 1));
          if (spelled[at - 1] !== '.' && spelled[at] !== '.') spelled = `${spelled.slice(0, at)}.${spelled.slice(at)}`;
        }
        const address = `${spelled}${tag !== undefined ? `+${tag}` : ''}@gmail.com`;
        expect(id(address)).toBe(`${n}@gmail.com`);
      }),
    );
  });
});

describe('isDisposableDomain', () => {
  const list = new Set(['mailinator.com', 'yopmail.com']);

  it('finds a listed domain and its subdomains, nothing else', () => {
    expect(isDisposableDomain('mailinator.com', list)).toBe(true);
    expect(isDisposableDomain('x.Mailinator.com', list)).toBe(true);
    expect(isDisposableDomain('notmailinator.com', list)).toBe(false);
    expect(isDisposableDomain('gmail.com', list)).toBe(false);
    expect(isDisposableDomain('com', list)).toBe(false);
  });
});
