import { createHash, randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, councilWithCast, createCouncil, createGroup, createMember, Session } from '../support/factories';
import { confirm, enablePetitions, openPetition, petitionOf, signByEmail } from '../support/petitions';
import { expectProblem } from '../support/problems';
import { confirmationLinkOf, SmtpSink } from '../support/smtp-sink';
import { PetitionsSweep } from '../../libs/petitions/src/petitions.sweep';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;

/** Who may do what with petitions, settings that do not hold, and the states' edges: expiry, tokens, races. */
describe('petitions: authorization, settings and states', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let c: Cast;
  let groupId: string;
  let otherSecretariat: Session;
  let otherCouncilId: string;

  beforeAll(async () => {
    smtp = new SmtpSink();
    t = await startTestApp({ SMTP_URL: await smtp.start() });
    c = await councilWithCast(t);
    groupId = (await createGroup(t, c.cast.secretariat, c.council.id)).id;
    await enablePetitions(t, c.cast.secretariat, c.council.id, { agendaThreshold: 2, workingGroupId: groupId });
    otherCouncilId = (await createCouncil(t, c.admin)).id;
    otherSecretariat = await createMember(t, c.admin, otherCouncilId, 'other secretariat', ['secretariat']);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const submit = (councilId: string) =>
    t.http().post(`${API}/councils/${councilId}/petitions`).send({ title: 'Clean air in Almaty', summary: 'Less smog.', body: 'Gas instead of coal.', authorName: 'Author', authorEmail: 'author@example.kz' });

  describe('council settings', () => {
    const patch = (by: Session | null, petitions: unknown) => {
      const req = t.http().patch(`${API}/councils/${c.council.id}`);
      return (by ? req.set(bearer(by)) : req).send({ petitions });
    };
    const settings = (over: Record<string, unknown> = {}) => ({ enabled: true, agendaThreshold: 2, signatureDays: 30, responseDays: 60, verification: ['email'], workingGroupId: groupId, ...over });

    it('are the secretariat\'s and the admin\'s: 401 anonymous, 403 other roles, 404 outsiders', async () => {
      expectProblem(await patch(null, settings()), 401);
      for (const role of ['member', 'moderator', 'chair', 'observer', 'agency_rep'] as const) expectProblem(await patch(c.cast[role], settings()), 403);
      expectProblem(await patch(c.outsider, settings()), 404);
      expect((await patch(c.admin, settings())).status).toBe(200);
    });

    it('refuse what does not hold: thresholds out of order, a group of another council, unknown methods and fields', async () => {
      expectProblem(await patch(c.cast.secretariat, settings({ responseThreshold: 2 })), 400, ['petitions.responseThreshold']);
      const foreignGroup = (await createGroup(t, otherSecretariat, otherCouncilId)).id;
      expectProblem(await patch(c.cast.secretariat, settings({ workingGroupId: foreignGroup })), 400, ['petitions.workingGroupId']);
      expectProblem(await patch(c.cast.secretariat, settings({ verification: ['fax'] })), 400, ['petitions.verification']);
      expectProblem(await patch(c.cast.secretariat, settings({ agendaThreshold: 0 })), 400, ['petitions.agendaThreshold']);
      expectProblem(await patch(c.cast.secretariat, { ...settings(), extra: 1 }), 400, ['petitions.extra']);
    });

    it('take certificate signatures without trust anchors, which then verify nothing (400 on the signature)', async () => {
      expect((await patch(c.cast.secretariat, settings({ verification: ['email', 'certificate'] }))).status).toBe(200);
      const p = await openPetition(t, c.cast.secretariat, c.council.id);
      const res = await t.http().post(`${API}/petitions/${p.id}/signatures`).send({ method: 'certificate', name: 'A', signature: 'AAAA' });
      expectProblem(res, 400, ['signature']);
      expect(res.body.errors[0].message).toMatch(/PETITION_TRUST_ANCHORS/);
      expect((await patch(c.cast.secretariat, settings())).status).toBe(200);
    });
  });

  it('every petition route is in the OpenAPI document, with its request and response schemas', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };
    const routes: [string, string, string, boolean][] = [
      ['post', '/api/v1/councils/{councilId}/petitions', '201', true],
      ['get', '/api/v1/councils/{councilId}/petitions', '200', false],
      ['get', '/api/v1/petitions/{petitionId}', '200', false],
      ['post', '/api/v1/petitions/{petitionId}/moderation', '200', true],
      ['get', '/api/v1/petitions/{petitionId}/signing-text', '200', false],
      ['post', '/api/v1/petitions/{petitionId}/signatures', '202', true],
      ['post', '/api/v1/petitions/{petitionId}/signatures', '201', true],
      ['post', '/api/v1/signature-confirmations', '200', true],
      ['get', '/api/v1/petitions/{petitionId}/signatures/summary', '200', false],
      ['post', '/api/v1/petitions/{petitionId}/response', '200', true],
      ['patch', '/api/v1/councils/{councilId}', '200', true],
    ];
    for (const [method, path, status, body] of routes) {
      const op = doc.paths[path]?.[method];
      expect({ method, path, described: op !== undefined }).toEqual({ method, path, described: true });
      const content = op.responses[status]?.content ?? {};
      expect({ method, path, status, schema: Object.values(content)[0]?.schema !== undefined }).toEqual({ method, path, status, schema: true });
      if (body) expect(op.requestBody?.content['application/json']?.schema).toBeDefined();
    }
    expect(Object.keys(doc.paths).some((p) => p.includes('/confirm'))).toBe(false);
  });

  it('a council that takes no petitions answers 404 to a submission and to its list', async () => {
    expectProblem(await submit(otherCouncilId), 404);
    expectProblem(await t.http().get(`${API}/councils/${otherCouncilId}/petitions`), 404);
    expectProblem(await submit('not-a-uuid'), 400);
    expectProblem(await t.http().get(`${API}/petitions/not-a-uuid`), 400);
    expectProblem(await t.http().get(`${API}/petitions/00000000-0000-4000-8000-000000000000`), 404);
  });

  it('moderation: 401 anonymous, 404 for whoever cannot see a submitted petition, 403 once it is public, the admin may', async () => {
    const submitted = (await submit(c.council.id)).body;
    const moderate = (by: Session | null, id: string, body: object = { decision: 'publish' }) => {
      const req = t.http().post(`${API}/petitions/${id}/moderation`);
      return (by ? req.set(bearer(by)) : req).send(body);
    };
    expectProblem(await moderate(null, submitted.id), 401);
    for (const who of [c.cast.member, c.cast.chair, c.cast.observer, c.cast.agency_rep, c.outsider, otherSecretariat]) expectProblem(await moderate(who, submitted.id), 404);
    expectProblem(await moderate(c.cast.secretariat, submitted.id, { decision: 'archive' }), 400, ['decision']);
    const rejected = await moderate(c.admin, submitted.id, { decision: 'reject', reason: 'Outside the council\'s remit.' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: "Outside the council's remit." });
    expectProblem(await moderate(c.cast.secretariat, submitted.id), 409);
    // a rejected petition stays the secretariat's
    expectProblem(await t.http().get(`${API}/petitions/${submitted.id}`), 404);
    expect((await petitionOf(t, submitted.id, c.cast.secretariat)).status).toBe('rejected');

    const open = await openPetition(t, c.cast.secretariat, c.council.id);
    for (const who of [c.cast.member, c.cast.chair, c.outsider, otherSecretariat]) {
      expectProblem(await moderate(who, open.id), 403);
      expectProblem(await t.http().post(`${API}/petitions/${open.id}/response`).set(bearer(who)).send({ body: 'An answer.' }), 403);
      expectProblem(await t.http().post(`${API}/petitions/${open.id}/withdrawal`).set(bearer(who)), 403);
    }
    expectProblem(await t.http().post(`${API}/petitions/${submitted.id}/response`).set(bearer(c.cast.secretariat)).send({ body: 'An answer.' }), 409);
  });

  it('the public list shows published petitions only; ?status= filters within what the caller may see', async () => {
    const all = await t.http().get(`${API}/councils/${c.council.id}/petitions?limit=200`);
    expect(all.status).toBe(200);
    expect(all.body.items.every((p: { status: string }) => !['submitted', 'rejected'].includes(p.status))).toBe(true);
    expect((await t.http().get(`${API}/councils/${c.council.id}/petitions?status=rejected`)).body.items).toEqual([]);
    const secretariatView = await t.http().get(`${API}/councils/${c.council.id}/petitions?status=rejected`).set(bearer(c.cast.secretariat));
    expect(secretariatView.body.items.length).toBeGreaterThan(0);
    expectProblem(await t.http().get(`${API}/councils/${c.council.id}/petitions?status=nope`), 400, ['status']);
    expectProblem(await t.http().get(`${API}/councils/${c.council.id}/petitions?limit=201`), 400, ['limit']);
  });

  it('a signing body is checked before anything else; a method the council does not take is a 400', async () => {
    const p = await openPetition(t, c.cast.secretariat, c.council.id);
    expectProblem(await signByEmail(t, p.id, { name: 'A' }), 400, ['email']);
    expectProblem(await signByEmail(t, p.id, { name: 'A', email: 'not-an-address' }), 400, ['email']);
    expectProblem(await signByEmail(t, p.id, { name: 'A', email: 'a@example.org', extra: true }), 400, ['extra']);
    expectProblem(await signByEmail(t, '00000000-0000-4000-8000-000000000000', { name: 'A', email: 'a@example.org' }), 404);
    expectProblem(await t.http().post(`${API}/petitions/${p.id}/signatures`).send({ method: 'certificate', name: 'A', signature: 'AAAA' }), 400, ['method']);
    expectProblem(await confirm(t, 'short'), 400, ['token']);
    expectProblem(await confirm(t, 'A'.repeat(43)), 404);
  });

  it('two confirmations that cross the agenda threshold at once make exactly one proposal', async () => {
    for (let round = 0; round < 3; round++) {
      const p = await openPetition(t, c.cast.secretariat, c.council.id);
      const people = [`race-${round}-a@example.org`, `race-${round}-b@example.org`, `race-${round}-c@example.org`];
      for (const email of people) expect((await signByEmail(t, p.id, { name: 'Racer', email })).status).toBe(202);
      const tokens = await Promise.all(people.map(async (email) => confirmationLinkOf(await smtp.nth(email, 1)).token));
      const answers = await Promise.all(tokens.map((token) => confirm(t, token)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      const after = await petitionOf(t, p.id);
      expect(after).toMatchObject({ status: 'referred', signatures: 3 });
      const proposals: { id: string }[] = await t.db.query(`SELECT id FROM proposals WHERE origin_type = 'petition' AND origin_id = $1`, [p.id]);
      expect(proposals).toEqual([{ id: after.proposalId }]);
    }
  });

  it('many confirmations at once, below the thresholds, count exactly once each', async () => {
    const p = await openPetition(t, c.cast.secretariat, c.council.id);
    await t.db.query(`UPDATE petitions SET agenda_threshold = 100000 WHERE id = $1`, [p.id]);
    const tokens = Array.from({ length: 120 }, () => randomBytes(32).toString('base64url'));
    await t.db.query(
      `INSERT INTO petition_signatures (petition_id, signer_hash, method, status, region, token_hash, expires_at)
       SELECT $1, gen_random_bytes(32), 'email', 'pending', CASE WHEN i % 2 = 0 THEN 'Almaty' ELSE NULL END, h, now() + interval '1 hour'
         FROM unnest($2::bytea[]) WITH ORDINALITY AS x(h, i)`,
      [p.id, tokens.map((x) => createHash('sha256').update(x).digest())],
    );
    const answers = await Promise.all(tokens.map((token) => confirm(t, token)));
    expect(answers.filter((a) => a.status !== 200).map((a) => a.body)).toEqual([]);
    expect((await petitionOf(t, p.id)).signatures).toBe(120);
    expect((await t.http().get(`${API}/petitions/${p.id}/signatures/summary`)).body).toEqual({ validated: 120, byRegion: { Almaty: 60 } });
    const audited = await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE object_id = $1 AND action = 'petition.signature_validated'`, [p.id]);
    expect(audited[0].n).toBe(120);
  });

  it('an expired token confirms nothing (409); the sweep removes it, and closes a petition past its closing time', async () => {
    const p = await openPetition(t, c.cast.secretariat, c.council.id);
    await signByEmail(t, p.id, { name: 'Slow', email: 'slow@example.org' });
    const { token } = confirmationLinkOf(await smtp.nth('slow@example.org', 1));
    await t.db.query(`UPDATE petition_signatures SET expires_at = now() - interval '1 second' WHERE petition_id = $1`, [p.id]);
    const late = await confirm(t, token);
    expectProblem(late, 409);
    expect(late.body.code).toBe('TOKEN_EXPIRED');

    await t.db.query(`UPDATE petitions SET closes_at = now() - interval '1 second' WHERE id = $1`, [p.id]);
    expectProblem(await signByEmail(t, p.id, { name: 'Later', email: 'later@example.org' }), 409);
    const swept = await t.app.get(PetitionsSweep).sweep();
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect((await petitionOf(t, p.id)).status).toBe('expired');
    expect(await t.db.query(`SELECT id FROM petition_signatures WHERE petition_id = $1`, [p.id])).toEqual([]);
    expectProblem(await confirm(t, token), 404);
    const audit = await t.db.query(`SELECT action FROM audit_entries WHERE object_id = $1 AND action = 'petition.expired'`, [p.id]);
    expect(audit).toHaveLength(1);
    // a second sweep (another node) finds nothing more to do
    expect((await t.app.get(PetitionsSweep).sweep()).expired).toBe(0);
  });

  it('withdrawal by the secretariat ends signing', async () => {
    const p = await openPetition(t, c.cast.secretariat, c.council.id);
    const res = await t.http().post(`${API}/petitions/${p.id}/withdrawal`).set(bearer(c.cast.secretariat));
    expect(res.body.status).toBe('withdrawn');
    expectProblem(await signByEmail(t, p.id, { name: 'A', email: 'a@example.org' }), 409);
    expectProblem(await t.http().post(`${API}/petitions/${p.id}/withdrawal`).set(bearer(c.cast.secretariat)), 409);
  });
});
