import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, createUser, loginAdmin, Session } from '../support/factories';

const ACCESS_TTL = 600;

/** The Set-Cookie line for the page cookie in a response, or undefined. */
const pageCookie = (headers: Record<string, unknown>): string | undefined => ([] as string[]).concat((headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('kenes_page='));
const valueOf = (cookie: string) => decodeURIComponent(cookie.slice('kenes_page='.length).split(';')[0]);

/** Signing in and renewing set the page cookie (the access token, for proposal pages only); signing out clears it and ends the sign-in. */
describe('the page cookie and signing out', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestApp({ JWT_ACCESS_TTL: String(ACCESS_TTL) });
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('is set on login with the access token, HttpOnly, SameSite=Strict, for /proposals/ only, as long as the token lives', async () => {
    const u = await createUser(t, admin);
    const res = await t.http().post(`${API}/auth/login`).send({ email: u.email, password: u.password }).expect(200);
    const cookie = pageCookie(res.headers);
    expect(cookie).toBeDefined();
    expect(valueOf(cookie as string)).toBe(res.body.accessToken);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\/proposals\/(;|$)/);
    expect(cookie).toMatch(new RegExp(`; Max-Age=${ACCESS_TTL}(;|$)`));
    // Over plain HTTP (no proxy saying otherwise) it cannot be Secure.
    expect(cookie).not.toMatch(/; Secure/i);
  });

  it('is not set by a refused login', async () => {
    const u = await createUser(t, admin);
    const res = await t.http().post(`${API}/auth/login`).send({ email: u.email, password: 'wrong' }).expect(401);
    expect(pageCookie(res.headers)).toBeUndefined();
  });

  it('is renewed with the access token on refresh, and not set by a refused refresh', async () => {
    const u = await createUser(t, admin);
    const res = await t.http().post(`${API}/auth/refresh`).send({ refreshToken: u.refreshToken }).expect(200);
    expect(valueOf(pageCookie(res.headers) as string)).toBe(res.body.accessToken);
    const again = await t.http().post(`${API}/auth/refresh`).send({ refreshToken: u.refreshToken }).expect(401);
    expect(pageCookie(again.headers)).toBeUndefined();
  });

  it('is never taken by the API in place of the bearer token', async () => {
    const u = await createUser(t, admin);
    await t.http().get(`${API}/auth/me`).set('Cookie', `kenes_page=${u.token}`).expect(401);
    await t.http().get(`${API}/auth/me`).set(bearer(u)).expect(200);
  });

  it('is cleared by signing out, which also ends the sign-in of the refresh token given (and only that one)', async () => {
    const u = await createUser(t, admin);
    const other = await t.http().post(`${API}/auth/login`).send({ email: u.email, password: u.password }).expect(200);
    const renewed = await t.http().post(`${API}/auth/refresh`).send({ refreshToken: u.refreshToken }).expect(200);
    const out = await t.http().post(`${API}/auth/logout`).send({ refreshToken: renewed.body.refreshToken }).expect(204);
    const cleared = pageCookie(out.headers) as string;
    expect(cleared).toMatch(/^kenes_page=;/);
    expect(cleared).toMatch(/; Path=\/proposals\/(;|$)/);
    expect(cleared).toMatch(/; Expires=Thu, 01 Jan 1970/);
    // That sign-in is over: its refresh token is refused…
    await t.http().post(`${API}/auth/refresh`).send({ refreshToken: renewed.body.refreshToken }).expect(401);
    // …and the user's other sign-in goes on.
    await t.http().post(`${API}/auth/refresh`).send({ refreshToken: other.body.refreshToken }).expect(200);
    const audit = (await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'auth.logout' AND actor_user_id = $1`, [u.userId])) as { n: number }[];
    expect(audit[0].n).toBe(1);
  });

  it('audits a sign-out with a refresh token that was already used as the reuse it is, and revokes that sign-in all the same', async () => {
    const u = await createUser(t, admin);
    const renewed = await t.http().post(`${API}/auth/refresh`).send({ refreshToken: u.refreshToken }).expect(200);
    await t.http().post(`${API}/auth/logout`).send({ refreshToken: u.refreshToken }).expect(204);
    const actions = (await t.db.query(`SELECT action FROM audit_entries WHERE actor_user_id = $1 AND action IN ('auth.logout', 'auth.refresh_reused')`, [u.userId])) as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(['auth.refresh_reused']);
    await t.http().post(`${API}/auth/refresh`).send({ refreshToken: renewed.body.refreshToken }).expect(401);
  });

  it('answers 204 without a body, or with a refresh token that is unknown or spent, and clears the cookie all the same', async () => {
    for (const body of [undefined, {}, { refreshToken: 'not-a-token' }, { refreshToken: '00000000-0000-4000-8000-000000000000.secret' }]) {
      const req = t.http().post(`${API}/auth/logout`);
      const res = await (body === undefined ? req : req.send(body)).expect(204);
      expect(pageCookie(res.headers)).toMatch(/^kenes_page=;/);
    }
  });

  it('answers 400 naming the field for a refresh token that is not a string, and for unknown fields', async () => {
    const wrong = await t.http().post(`${API}/auth/logout`).send({ refreshToken: 42 }).expect(400);
    expect(JSON.stringify(wrong.body)).toContain('refreshToken');
    const unknown = await t.http().post(`${API}/auth/logout`).send({ everywhere: true }).expect(400);
    expect(JSON.stringify(unknown.body)).toContain('everywhere');
  });
});
