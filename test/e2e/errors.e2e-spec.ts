import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, createUser, loginAdmin, Session } from '../support/factories';

const PROBLEM = /^application\/problem\+json/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const fieldsOf = (res: Response) => ((res.body.errors ?? []) as { field: string }[]).map((e) => e.field);

/** An RFC 9457 problem with the given status, as every error of the API is. */
function expectProblem(res: Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(res.headers['x-request-id']).toEqual(expect.any(String));
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
}

/** The routes of API.md, sections "Identity and councils" and "Audit". */
const CONTRACT_ROUTES: [method: string, path: string][] = [
  ['post', '/api/v1/auth/login'],
  ['post', '/api/v1/auth/refresh'],
  ['get', '/api/v1/auth/me'],
  ['post', '/api/v1/users'],
  ['post', '/api/v1/councils'],
  ['get', '/api/v1/councils'],
  ['get', '/api/v1/councils/{councilId}'],
  ['post', '/api/v1/councils/{councilId}/memberships'],
  ['patch', '/api/v1/memberships/{membershipId}'],
  ['get', '/api/v1/councils/{councilId}/memberships'],
  ['get', '/api/v1/councils/{councilId}/composition'],
  ['post', '/api/v1/councils/{councilId}/agencies'],
  ['get', '/api/v1/councils/{councilId}/agencies'],
  ['post', '/api/v1/councils/{councilId}/working-groups'],
  ['get', '/api/v1/councils/{councilId}/working-groups'],
  ['post', '/api/v1/working-groups/{groupId}/members'],
  ['get', '/api/v1/working-groups/{groupId}'],
  ['get', '/api/v1/councils/{councilId}/audit'],
  ['get', '/api/v1/councils/{councilId}/audit/verify'],
];

describe('errors, docs and the edges of the HTTP surface', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    // a small body limit, so that an oversized body is cheap to send
    t = await startTestApp({ BODY_LIMIT: '1kb', CORS_ORIGINS: 'https://hall.kenes.example' });
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  describe('problems', () => {
    // Outside /api a GET answers the web app (API.md, Web app); the API's unknown routes and a missing asset stay problems.
    it.each(['/api/v1/no-such-route', '/api/no-such-route', '/api/v2/auth/me', '/assets/no-such-file.js'])('answers 404 problem+json for the unknown route %s', async (path) => {
      expectProblem(await t.http().get(path).set(bearer(admin)), 404);
    });

    it('answers 404 problem+json for a method the web app does not take outside /api', async () => {
      expectProblem(await t.http().post('/no-such-route').set(bearer(admin)).send({}), 404);
    });

    it('answers 404 for a known path with an unknown method', async () => {
      expectProblem(await t.http().delete(`${API}/users`).set(bearer(admin)), 404);
    });

    it('answers 400 with errors for malformed JSON', async () => {
      const res = await t.http().post(`${API}/users`).set(bearer(admin)).set('Content-Type', 'application/json').send('{"email": "x@kenes.test",');
      expectProblem(res, 400);
      expect(fieldsOf(res)).toEqual(['body']);
    });

    it('answers 400 with errors for a body over BODY_LIMIT', async () => {
      const res = await t
        .http()
        .post(`${API}/users`)
        .set(bearer(admin))
        .send({ email: 'big@kenes.test', password: 'long-enough', fullName: 'x'.repeat(5 * 1024) });
      expectProblem(res, 400);
      expect(fieldsOf(res)).toEqual(['body']);
      expect(await t.db.query(`SELECT 1 FROM users WHERE email = 'big@kenes.test'`)).toEqual([]);
    });

    it('answers 400 on the public login route too, for malformed or oversized bodies', async () => {
      const malformed = await t.http().post(`${API}/auth/login`).set('Content-Type', 'application/json').send('{nope');
      expectProblem(malformed, 400);
      expect(fieldsOf(malformed)).toEqual(['body']);
      const big = await t.http().post(`${API}/auth/login`).send({ email: 'a@kenes.test', password: 'p'.repeat(5 * 1024) });
      expectProblem(big, 400);
    });

    it.each([
      ['an array', [{ email: 'a@kenes.test' }]],
      ['an empty array', []],
    ])('answers 400 naming the body for %s where an object is expected', async (_case, body) => {
      const res = await t.http().post(`${API}/users`).set(bearer(admin)).send(body);
      expectProblem(res, 400);
      expect(fieldsOf(res)).toEqual(['body']);
      const login = await t.http().post(`${API}/auth/login`).send(body);
      expectProblem(login, 400);
      expect(fieldsOf(login)).toEqual(['body']);
    });

    it('answers 400 naming each field for a body that is not valid, with one problem for all', async () => {
      const res = await t.http().post(`${API}/councils`).set(bearer(admin)).send({ name: '', slug: 'Not A Slug', minorityOpinionWindowHours: -1, colour: 'red' });
      expectProblem(res, 400);
      expect(fieldsOf(res)).toEqual(expect.arrayContaining(['name', 'slug', 'balanceDimensions', 'minorityOpinionWindowHours', 'colour']));
      for (const e of res.body.errors) expect(typeof e.message).toBe('string');
    });

    it('answers 400 naming the param for a path id that is not a UUID', async () => {
      const res = await t.http().get(`${API}/councils/not-a-uuid`).set(bearer(admin));
      expectProblem(res, 400);
      expect(fieldsOf(res)).toEqual(['councilId']);
      const audit = await t.http().get(`${API}/councils/12345/audit`).set(bearer(admin));
      expectProblem(audit, 400);
      expect(fieldsOf(audit)).toEqual(['councilId']);
    });

    it('answers 404 (not 400) for a well-formed UUID that names nothing', async () => {
      expectProblem(await t.http().get(`${API}/councils/00000000-0000-4000-8000-000000000000`).set(bearer(admin)), 404);
    });

    it.each([
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
      ['limit=-5', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=2.5', 'limit'],
      ['cursor=garbage', 'cursor'],
      ['cursor=' + Buffer.from('{"a":1}').toString('base64url'), 'cursor'],
      ['unknownParam=1', 'unknownParam'],
    ])('answers 400 naming the parameter for ?%s', async (query, field) => {
      for (const path of [`${API}/councils`, `${API}/users`]) {
        const res = await t.http().get(`${path}?${query}`).set(bearer(admin));
        expectProblem(res, 400);
        expect(fieldsOf(res)).toContain(field);
      }
    });

    it('accepts ?limit=200 and ?limit=1 and pages with {items, nextCursor}', async () => {
      const max = await t.http().get(`${API}/councils?limit=200`).set(bearer(admin)).expect(200);
      expect(Object.keys(max.body).sort()).toEqual(['items', 'nextCursor']);
      await createUser(t, admin);
      const one = await t.http().get(`${API}/users?limit=1`).set(bearer(admin)).expect(200);
      expect(one.body.items).toHaveLength(1);
      expect(typeof one.body.nextCursor).toBe('string');
      const next = await t.http().get(`${API}/users`).query({ limit: 1, cursor: one.body.nextCursor }).set(bearer(admin)).expect(200);
      expect(next.body.items[0].id).not.toBe(one.body.items[0].id);
    });
  });

  describe('order of checks', () => {
    it('answers 401 before 400: no token and a malformed body on a protected route', async () => {
      expectProblem(await t.http().post(`${API}/users`).set('Content-Type', 'application/json').send('{"email":'), 401);
      expectProblem(await t.http().post(`${API}/users`).send({ email: 'not-an-email', extra: true }), 401);
      expectProblem(await t.http().post(`${API}/councils`).send([1, 2, 3]), 401);
      expectProblem(await t.http().post(`${API}/users`).send({ fullName: 'x'.repeat(5 * 1024) }), 401);
      expectProblem(await t.http().get(`${API}/councils/not-a-uuid`), 401);
      expectProblem(await t.http().get(`${API}/councils?limit=999`).set(bearer('garbage')), 401);
    });

    it('answers 400 before 403: a non-admin with a malformed body', async () => {
      const u = await createUser(t, admin);
      expectProblem(await t.http().post(`${API}/users`).set(bearer(u)).set('Content-Type', 'application/json').send('{"email":'), 400);
      expectProblem(await t.http().post(`${API}/users`).set(bearer(u)).send({ email: 'nope' }), 400);
      expectProblem(await t.http().post(`${API}/users`).set(bearer(u)).send({ email: `x-${u.userId}@kenes.test`, password: 'long-enough', fullName: 'X' }), 403);
    });
  });

  describe('health and docs', () => {
    it('GET /health answers 200 {status: ok, db: up} at the root', async () => {
      const res = await t.http().get('/health').expect(200);
      expect(res.body).toEqual({ status: 'ok', db: 'up' });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expectProblem(await t.http().get(`${API}/health`), 404);
    });

    it('GET /docs serves an HTML page', async () => {
      const res = await t.http().get('/docs').redirects(2).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toMatch(/<html/i);
    });

    describe('GET /docs-json', () => {
      let doc: {
        openapi: string;
        paths: Record<string, Record<string, { responses?: Record<string, unknown>; security?: unknown[]; requestBody?: { content?: Record<string, { schema?: unknown }> } }>>;
        components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme?: string }> };
        security?: unknown[];
      };
      beforeAll(async () => {
        const res = await t.http().get('/docs-json').expect(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        doc = res.body;
      });

      it('is an OpenAPI 3 document whose paths carry /api/v1, /health aside', () => {
        expect(doc.openapi).toMatch(/^3\./);
        const paths = Object.keys(doc.paths);
        expect(paths.length).toBeGreaterThan(0);
        expect(paths.filter((p) => !p.startsWith('/api/v1/'))).toEqual(['/health']);
      });

      it.each(CONTRACT_ROUTES)('describes %s %s with its request and response schemas', (method, path) => {
        const op = doc.paths[path]?.[method];
        expect(op).toBeDefined();
        const success = Object.entries(op.responses ?? {}).filter(([s]) => s.startsWith('2'));
        expect(success).toHaveLength(1);
        const [status, response] = success[0] as [string, { content?: Record<string, { schema?: unknown }> }];
        expect(status).toBe(method === 'post' && !/login|refresh/.test(path) ? '201' : '200');
        expect(response.content?.['application/json']?.schema).toBeDefined();
        if (method === 'post' || method === 'patch') expect(op.requestBody?.content?.['application/json']?.schema).toBeDefined();
      });

      it('declares bearer security, and uses it on protected operations but not on login', () => {
        const schemes = Object.values(doc.components.securitySchemes ?? {});
        expect(schemes).toContainEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
        const name = Object.keys(doc.components.securitySchemes).find((k) => doc.components.securitySchemes[k].scheme === 'bearer') as string;
        expect(doc.paths['/api/v1/users'].post.security).toContainEqual({ [name]: [] });
        expect(doc.paths['/api/v1/auth/me'].get.security).toContainEqual({ [name]: [] });
        expect(doc.paths['/api/v1/auth/login'].post.security ?? []).toEqual([]);
      });

      it('declares the Problem schema and refers to it for errors', () => {
        expect(doc.components.schemas.Problem).toMatchObject({ type: 'object', properties: expect.objectContaining({ type: expect.anything(), status: expect.anything() }) });
        const err = doc.paths['/api/v1/users'].post.responses?.['400'] as { content: Record<string, { schema: { $ref: string } }> };
        expect(err.content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
      });
    });
  });

  describe('headers', () => {
    it('gives every response an X-Request-Id, and echoes the one given', async () => {
      for (const res of [
        await t.http().get('/health'),
        await t.http().get('/docs-json'),
        await t.http().get(`${API}/auth/me`).set(bearer(admin)),
        await t.http().get(`${API}/auth/me`),
        await t.http().get('/no-such-route'),
        await t.http().post(`${API}/auth/login`).set('Content-Type', 'application/json').send('{'),
      ]) {
        expect(res.headers['x-request-id']).toMatch(UUID);
      }
      const given = 'client-trace.42:abc';
      const ok = await t.http().get(`${API}/auth/me`).set(bearer(admin)).set('X-Request-Id', given).expect(200);
      expect(ok.headers['x-request-id']).toBe(given);
      const failed = await t.http().get(`${API}/auth/me`).set('X-Request-Id', given).expect(401);
      expect(failed.headers['x-request-id']).toBe(given);
      expect(failed.body.requestId).toBe(given);
      const malformed = await t.http().post(`${API}/auth/login`).set('X-Request-Id', given).set('Content-Type', 'application/json').send('{');
      expect(malformed.headers['x-request-id']).toBe(given);
      expect(malformed.body.requestId).toBe(given);
    });

    it('replaces an X-Request-Id that is not a sane token', async () => {
      const res = await t.http().get('/health').set('X-Request-Id', 'has spaces and <html>');
      expect(res.headers['x-request-id']).toMatch(UUID);
    });

    it('sets the helmet headers and hides the framework', async () => {
      for (const res of [await t.http().get('/health'), await t.http().get(`${API}/auth/me`)]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('lets a browser of a configured origin (CORS_ORIGINS) read errors cross-origin, malformed bodies included', async () => {
      const origin = 'https://hall.kenes.example';
      for (const res of [
        await t.http().get(`${API}/auth/me`).set('Origin', origin),
        await t.http().post(`${API}/auth/login`).set('Origin', origin).set('Content-Type', 'application/json').send('{'),
      ]) {
        expect(res.headers['access-control-allow-origin']).toBe(origin);
        expect(res.headers['access-control-expose-headers']).toMatch(/X-Request-Id/);
        expect(res.headers['access-control-expose-headers']).toMatch(/Retry-After/);
      }
    });
  });
});
