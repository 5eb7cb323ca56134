import { expiresAt, freshFor, renewMargin, singleFlight } from './tokens';

const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

describe('tokens', () => {
  it('reads a token’s expiry, and calls an unreadable one run out', () => {
    expect(expiresAt(jwt({ exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
    expect(expiresAt('garbage')).toBe(0);
    expect(freshFor(jwt({ exp: 100 }), 60_000, 30_000)).toBe(true);
    expect(freshFor(jwt({ exp: 100 }), 60_000, 50_000)).toBe(false);
  });

  it('renews a minute ahead, or a third of a shorter lifetime ahead', () => {
    expect(renewMargin(jwt({ iat: 0, exp: 900 }))).toBe(60_000);
    expect(renewMargin(jwt({ iat: 0, exp: 6 }))).toBe(2_000);
    expect(renewMargin('garbage')).toBe(60_000);
    expect(freshFor(jwt({ iat: 0, exp: 6 }), undefined, 3_000)).toBe(true);
    expect(freshFor(jwt({ iat: 0, exp: 6 }), undefined, 4_500)).toBe(false);
  });

  it('refreshes once for concurrent callers (a refresh token used twice revokes its family), and again later', async () => {
    let calls = 0;
    let release: (v: string) => void = () => undefined;
    const refresh = singleFlight(() => {
      calls++;
      return new Promise<string>((r) => (release = r));
    });
    const all = Promise.all([refresh(), refresh(), refresh()]);
    release('a');
    expect(await all).toEqual(['a', 'a', 'a']);
    expect(calls).toBe(1);
    const later = refresh();
    release('b');
    expect(await later).toBe('b');
    expect(calls).toBe(2);
  });

  it('lets a failed refresh be tried again', async () => {
    let calls = 0;
    const refresh = singleFlight(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return 'ok';
    });
    await expect(refresh()).rejects.toThrow('offline');
    await expect(refresh()).resolves.toBe('ok');
  });
});
