import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, createUser, login, loginAdmin, Session } from '../support/factories';

const PROBLEM = /^application\/problem\+json/;
const unique = () => randomBytes(5).toString('hex');
const newUser = (extra: Record<string, unknown> = {}) => ({
  email: `new-${unique()}@kenes.test`,
  password: `pw-${unique()}-${unique()}`,
  fullName: `New User ${unique()}`,
  ...extra,
});
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, number>;

describe('users', () => {
  let t: TestApp;
  let admin: Session;
  const create = (by: Session | null, body: unknown) => {
    const req = t.http().post(`${API}/users`);
    return (by ? req.set(bearer(by)) : req).send(body as object);
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  describe('POST /users', () => {
    it('lets the admin create a user: 201 with the user and never a password or hash', async () => {
      const body = newUser();
      const res = await create(admin, body).expect(201);
      expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'email', 'fullName', 'id', 'isAdmin']);
      expect(res.body).toMatchObject({ email: body.email, fullName: body.fullName, isAdmin: false });
      expect(res.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(body.password);
      expect(text).not.toMatch(/password|hash|argon2/i);
      const [{ password_hash: hash }] = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [res.body.id]);
      expect(hash).toMatch(/^\$argon2id\$/);
      expect(text).not.toContain(hash);
      // the new account works with the password it was given
      const s = await login(t, body.email, body.password);
      expect(s.userId).toBe(res.body.id);
    });

    it('stores the email in lower case, and the account logs in with either case', async () => {
      const body = newUser({ email: `Mixed.Case-${unique()}@Kenes.TEST` });
      const res = await create(admin, body).expect(201);
      expect(res.body.email).toBe(body.email.toLowerCase());
      const [{ email }] = await t.db.query('SELECT email FROM users WHERE id = $1', [res.body.id]);
      expect(email).toBe(body.email.toLowerCase());
      await login(t, body.email.toLowerCase(), body.password);
      await login(t, body.email, body.password);
    });

    it('answers 409 for an email that exists in another case, and keeps the first account', async () => {
      const body = newUser();
      const first = await create(admin, body).expect(201);
      const res = await create(admin, newUser({ email: body.email.toUpperCase() })).expect(409);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 409, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
      const rows = await t.db.query('SELECT id FROM users WHERE email = $1', [body.email]);
      expect(rows).toEqual([{ id: first.body.id }]);
      await login(t, body.email, body.password);
    });

    it('answers one 201 and then 409s for concurrent creations of one email', async () => {
      const email = `race-${unique()}@kenes.test`;
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) => create(admin, newUser({ email: i % 2 ? email.toUpperCase() : email }))));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.headers['content-type']).toMatch(PROBLEM);
    });

    it('answers 403 to a user who is not the admin, and creates nothing', async () => {
      const u = await createUser(t, admin);
      const body = newUser();
      const res = await create(u, body).expect(403);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.status).toBe(403);
      expect(await t.db.query('SELECT 1 FROM users WHERE email = $1', [body.email])).toEqual([]);
    });

    it('answers 401 without a token, and creates nothing', async () => {
      const body = newUser();
      const res = await create(null, body).expect(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(await t.db.query('SELECT 1 FROM users WHERE email = $1', [body.email])).toEqual([]);
    });

    it.each([
      ['an invalid email', { email: 'not-an-email' }, ['email']],
      ['a short password', { password: 'short' }, ['password']],
      ['an unknown field', { isAdmin: true }, ['isAdmin']],
      ['a missing full name', { fullName: undefined }, ['fullName']],
      ['an empty full name', { fullName: '' }, ['fullName']],
      ['a blank full name', { fullName: '   ' }, ['fullName']],
      ['a non-string password', { password: 12345678 }, ['password']],
      ['several problems at once', { email: 'x', password: '1', role: 'admin' }, ['email', 'password', 'role']],
    ])('answers 400 with errors naming the fields for %s', async (_case, patch, fields) => {
      const body = newUser(patch);
      const res = await create(admin, body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.status).toBe(400);
      expect(res.body.errors.every((e: { field: unknown; message: unknown }) => typeof e.field === 'string' && typeof e.message === 'string')).toBe(true);
      expect(new Set(fieldsOf(res.body))).toEqual(new Set(fields));
      if (String(body.password).length >= 8) expect(JSON.stringify(res.body)).not.toContain(String(body.password));
      const rows = await t.db.query('SELECT 1 FROM users WHERE email = lower($1)', [String(body.email)]);
      expect(rows).toEqual([]);
    });
  });

  describe('audit', () => {
    it('writes a platform audit entry for a new user, without its password or hash', async () => {
      const body = newUser();
      const res = await create(admin, body).expect(201);
      const rows: { action: string; summary: unknown; council_id: string | null; chain: string; actor_user_id: string | null }[] = await t.db.query(
        'SELECT action, summary, council_id, chain, actor_user_id FROM audit_entries WHERE object_id = $1',
        [res.body.id],
      );
      const created = rows.filter((r) => r.action === 'user.created');
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({ council_id: null, chain: 'platform', actor_user_id: admin.userId });
      const summary = JSON.stringify(created[0].summary);
      expect(summary).toContain(body.email);
      const [{ password_hash: hash }] = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [res.body.id]);
      for (const r of rows) {
        const text = JSON.stringify(r.summary);
        expect(text).not.toContain(body.password);
        expect(text).not.toContain(hash);
        expect(text).not.toMatch(/argon2|password/i);
      }
    });

    it('writes no entry for a refused creation', async () => {
      const u = await createUser(t, admin);
      const body = newUser();
      await create(u, body).expect(403);
      const rows = await t.db.query(`SELECT 1 FROM audit_entries WHERE action = 'user.created' AND summary::text LIKE $1`, [`%${body.email}%`]);
      expect(rows).toEqual([]);
    });
  });

  describe('GET /users', () => {
    it('lists users for the admin as {items, nextCursor} without hashes, and pages through them', async () => {
      await Promise.all([createUser(t, admin), createUser(t, admin), createUser(t, admin)]);
      const seen = new Set<string>();
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: Response = await t
          .http()
          .get(`${API}/users`)
          .query(cursor ? { limit: 2, cursor } : { limit: 2 })
          .set(bearer(admin))
          .expect(200);
        expect(Object.keys(res.body).sort()).toEqual(['items', 'nextCursor']);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        expect(JSON.stringify(res.body)).not.toMatch(/password|hash|argon2/i);
        for (const u of res.body.items) {
          expect(seen.has(u.id)).toBe(false);
          seen.add(u.id);
        }
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM users');
      expect(seen.size).toBe(n);
      expect(n).toBeGreaterThanOrEqual(4);
    });

    it('answers 403 to a user who is not the admin and 401 without a token', async () => {
      const u = await createUser(t, admin);
      await t.http().get(`${API}/users`).set(bearer(u)).expect(403);
      await t.http().get(`${API}/users`).expect(401);
    });
  });

  it('issues access tokens that live the default JWT_ACCESS_TTL of 900 seconds', () => {
    const claims = payloadOf(admin.token);
    expect(claims.exp - claims.iat).toBe(900);
  });
});
