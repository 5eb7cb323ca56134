import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, createCouncil, createGroup, createMember, loginAdmin, Session } from '../support/factories';
import { LiveClients, ok } from '../support/live';
import { issueSigner, makeCa, signDetached, TestCa } from '../support/petition-ca';
import { anchorsFile, confirm, enablePetitions, petitionOf, PetitionBody, signByEmail } from '../support/petitions';
import { expectProblem } from '../support/problems';
import { confirmationLinkOf, SmtpSink } from '../support/smtp-sink';

type Member = Session & { membershipId: string };

const SIGNERS = {
  alice: { name: 'Alice Signer-Example', email: 'Alice.Signer@Example.org' },
  bob: { name: 'Bob Aliasman', email: 'Bob.Aliasman+petitions@GMail.com' },
  bobAgain: { name: 'Bob Aliasman', email: 'bobaliasman@googlemail.com' },
  carol: { name: 'Carol Lastsigner', email: 'carol.lastsigner@example.net' },
};
const NATIONAL_ID = 'IIN850512400321';

/**
 * A petition from submission to the chair's answer (API.md, "Petitions"): email signatures through a real
 * SMTP server this test starts, a certificate signature by a test CA, the agenda threshold creating the
 * proposal, the chair's decision answering it. The steps build on one another and run in order.
 */
describe('petitions: from submission to the chair\'s answer', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let ca: TestCa;
  let live: LiveClients;
  let admin: Session;
  let councilId: string;
  let groupId: string;
  let secretariat: Member, chair: Member, moderator: Member, member: Member;
  let petition: PetitionBody;
  const publicBodies: unknown[] = [];

  beforeAll(async () => {
    smtp = new SmtpSink();
    const smtpUrl = await smtp.start();
    ca = await makeCa();
    t = await startTestApp({ SMTP_URL: smtpUrl, MAIL_FROM: 'Kenes <petitions@kenes.test>', PUBLIC_URL: 'https://kenes.test', PETITION_TRUST_ANCHORS: anchorsFile(ca.pem) });
    live = new LiveClients(t);
  });
  afterAll(async () => {
    live.closeAll();
    await t.close();
    await smtp.stop();
  });

  /** An anonymous request; its body is kept to check at the end that no signer shows in any. */
  async function anon(method: 'get' | 'post', path: string, body?: object) {
    const req = t.http()[method](`${API}${path}`);
    const res = body === undefined ? await req : await req.send(body);
    publicBodies.push(res.body, res.text);
    return res;
  }

  it('1. the secretariat sets the council up for petitions', async () => {
    admin = await loginAdmin(t);
    councilId = (await createCouncil(t, admin)).id;
    secretariat = await createMember(t, admin, councilId, 'Secretariat', ['secretariat']);
    chair = await createMember(t, admin, councilId, 'Chair', ['chair']);
    moderator = await createMember(t, admin, councilId, 'Moderator', ['moderator']);
    member = await createMember(t, admin, councilId, 'Member', ['member']);
    groupId = (await createGroup(t, secretariat, councilId, 'Petitions group')).id;
    await addToGroup(t, secretariat, groupId, member.membershipId, 'coordinator');
    const council = await enablePetitions(t, secretariat, councilId, { agendaThreshold: 4, responseThreshold: 2, verification: ['email', 'certificate'], workingGroupId: groupId });
    expect(council.petitions).toEqual({ enabled: true, agendaThreshold: 4, responseThreshold: 2, signatureDays: 30, responseDays: 60, verification: ['email', 'certificate'], workingGroupId: groupId });
  });

  it('2. anyone submits; only the secretariat sees it until it is published', async () => {
    const res = await anon('post', `/councils/${councilId}/petitions`, { title: 'Benches in every park', summary: 'Ten benches in every city park.', body: 'The city places ten benches in each park.', authorName: 'Aigerim Nurlanova', authorEmail: 'aigerim.author@example.kz' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', authorName: 'Aigerim Nurlanova', signatures: 0, agendaThreshold: 4, responseThreshold: 2, closesAt: null, proposalId: null, responseDueOn: null, response: null });
    expect(JSON.stringify(res.body)).not.toContain('aigerim.author@example.kz');
    petition = res.body;
    expectProblem(await anon('get', `/petitions/${petition.id}`), 404);
    expectProblem(await t.http().get(`${API}/petitions/${petition.id}`).set(bearer(member)), 404);
    expect((await anon('get', `/councils/${councilId}/petitions`)).body.items).toEqual([]);
    const queue = await t.http().get(`${API}/councils/${councilId}/petitions?status=submitted`).set(bearer(secretariat));
    expect(queue.body.items.map((p: PetitionBody) => p.id)).toEqual([petition.id]);
    // signing a petition nobody may see yet is a 404, not a 409
    expectProblem(await signByEmail(t, petition.id, { name: 'X', email: 'x@example.org' }), 404);
  });

  it('3. the secretariat publishes it: open, closing signatureDays later', async () => {
    expectProblem(await t.http().post(`${API}/petitions/${petition.id}/moderation`).set(bearer(secretariat)).send({ decision: 'reject' }), 400, ['reason']);
    const before = Date.now();
    const res = await t.http().post(`${API}/petitions/${petition.id}/moderation`).set(bearer(secretariat)).send({ decision: 'publish' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('open');
    const closes = Date.parse(res.body.closesAt);
    expect(closes).toBeGreaterThanOrEqual(before + 30 * 86400_000 - 1000);
    expect(closes).toBeLessThanOrEqual(Date.now() + 30 * 86400_000 + 1000);
    expectProblem(await t.http().post(`${API}/petitions/${petition.id}/moderation`).set(bearer(secretariat)).send({ decision: 'publish' }), 409);
    expect((await anon('get', `/councils/${councilId}/petitions`)).body.items.map((p: PetitionBody) => p.id)).toEqual([petition.id]);
  });

  it('4. an email signature: the mailed link opens a page that confirms nothing until its button POSTs the token', async () => {
    const res = await anon('post', `/petitions/${petition.id}/signatures`, { method: 'email', ...SIGNERS.alice, region: 'Almaty' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'pending' });
    const mail = await smtp.nth('alice.signer@example.org', 1);
    const link = confirmationLinkOf(mail);
    expect(link.url).toBe(`https://kenes.test/petitions/${petition.id}/confirm`);

    // A mail scanner follows the link: a page, and nothing counted.
    for (let i = 0; i < 3; i++) {
      const page = await t.http().get(link.path);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('Benches in every park');
      expect(page.text).toContain('Confirm my signature');
      expect(page.text).not.toContain(link.token);
    }
    expect((await petitionOf(t, petition.id)).signatures).toBe(0);

    expect((await anon('post', '/signature-confirmations', { token: link.token })).body).toEqual({ status: 'validated' });
    expect((await petitionOf(t, petition.id)).signatures).toBe(1);
    // a token works once
    const again = await confirm(t, link.token);
    expectProblem(again, 409);
    expect(again.body.code).toBe('TOKEN_USED');
    expect((await petitionOf(t, petition.id)).signatures).toBe(1);
  });

  it('5. the same person under an alias counts once and is answered exactly as a first signer', async () => {
    const first = await anon('post', `/petitions/${petition.id}/signatures`, { method: 'email', ...SIGNERS.bob, region: 'Astana' });
    const link = confirmationLinkOf(await smtp.nth('bob.aliasman+petitions@gmail.com', 1));
    expect((await confirm(t, link.token)).status).toBe(200);
    const after = await petitionOf(t, petition.id);
    expect(after.signatures).toBe(2);
    // the response threshold: an answer falls due, the petition stays open
    expect(after.status).toBe('open');
    expect(after.responseDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const second = await anon('post', `/petitions/${petition.id}/signatures`, { method: 'email', ...SIGNERS.bobAgain, region: 'Astana' });
    const thirdSpelling = await anon('post', `/petitions/${petition.id}/signatures`, { method: 'email', name: 'B', email: 'BOB.ALIASMAN@gmail.com' });
    for (const r of [second, thirdSpelling]) {
      expect(r.status).toBe(first.status);
      expect(r.body).toEqual(first.body);
      expect(r.headers['content-type']).toBe(first.headers['content-type']);
    }
    // the mailbox's owner is told they signed already; the mail carries no link
    const notice = await smtp.nth('bobaliasman@googlemail.com', 1);
    expect(notice.subject).toMatch(/already signed/);
    expect(() => confirmationLinkOf(notice)).toThrow();
    expect((await petitionOf(t, petition.id)).signatures).toBe(2);
  });

  it('6. a disposable mail domain is refused', async () => {
    const res = await anon('post', `/petitions/${petition.id}/signatures`, { method: 'email', name: 'Throwaway', email: 'someone@mailinator.com' });
    expectProblem(res, 400, ['email']);
    expectProblem(await anon('post', `/petitions/${petition.id}/signatures`, { method: 'email', name: 'Sub', email: 'someone@x.mailinator.com' }), 400, ['email']);
  });

  it('7. certificate signatures: one by the trusted CA counts; an unknown CA, an expired certificate, other text do not', async () => {
    const text = await anon('get', `/petitions/${petition.id}/signing-text`);
    expect(text.status).toBe(200);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.text).toContain(petition.id);
    const signer = await issueSigner(ca, { nationalId: NATIONAL_ID, name: 'Daniyar Certholder' });

    const stranger = await issueSigner(await makeCa('Unknown CA'), { nationalId: '990101300000' });
    const expired = await issueSigner(ca, { nationalId: '990101300001', notBefore: new Date(Date.now() - 20 * 86400_000), notAfter: new Date(Date.now() - 86400_000) });
    for (const signature of [await signDetached(stranger, text.text), await signDetached(expired, text.text), await signDetached(signer, `${text.text}\nand more`)]) {
      expectProblem(await anon('post', `/petitions/${petition.id}/signatures`, { method: 'certificate', name: 'Daniyar', signature }), 400, ['signature']);
    }
    expect((await petitionOf(t, petition.id)).signatures).toBe(2);

    const good = await signDetached(signer, text.text);
    const res = await anon('post', `/petitions/${petition.id}/signatures`, { method: 'certificate', name: 'Daniyar Certholder', region: 'Almaty', signature: good });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ status: 'validated' });
    // the same person again (even with a new signature): answered alike, counted once
    const again = await anon('post', `/petitions/${petition.id}/signatures`, { method: 'certificate', name: 'Daniyar', signature: await signDetached(signer, text.text) });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(res.body);
    expect((await petitionOf(t, petition.id)).signatures).toBe(3);
    expect((await anon('get', `/petitions/${petition.id}/signatures/summary`)).body).toEqual({ validated: 3, byRegion: { Almaty: 2, Astana: 1 } });
  });

  it('8. the signature that reaches the agenda threshold refers the petition: a recommended proposal whose trace starts with it', async () => {
    // Carol reads Kazakh: the mail and the page it links to are in Kazakh.
    const signed = await t.http().post(`${API}/petitions/${petition.id}/signatures`).set('Accept-Language', 'kk-KZ,kk;q=0.9,ru;q=0.8').send({ method: 'email', ...SIGNERS.carol });
    expect(signed.status).toBe(202);
    const mail = await smtp.nth(SIGNERS.carol.email, 1);
    expect(mail.subject).toBe('Қолыңызды растаңыз: Benches in every park');
    expect(mail.text).toContain('?lang=kk#token=');
    const link = confirmationLinkOf(mail);
    const page = await t.http().get(`${link.path}?lang=kk`);
    expect(page.text).toContain('<html lang="kk">');
    expect(page.text).toContain('Қолымды растау');
    expect((await confirm(t, link.token)).status).toBe(200);

    const referred = await petitionOf(t, petition.id);
    expect(referred).toMatchObject({ status: 'referred', signatures: 4 });
    const due = new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10);
    expect(referred.responseDueOn).toBe(due);
    const proposal = await t.http().get(`${API}/proposals/${referred.proposalId}`).set(bearer(secretariat));
    expect(proposal.body).toMatchObject({ status: 'recommended', workingGroupId: groupId, title: 'Benches in every park', origin: { type: 'petition', id: petition.id }, authors: [] });
    const trace = await t.http().get(`${API}/proposals/${referred.proposalId}/trace`).set(bearer(secretariat));
    expect(trace.body.items[0]).toMatchObject({ kind: 'created', ref: { type: 'petition', id: petition.id } });
    expect(trace.body.items[0].summary).toContain('4 validated signatures');

    // no more signing once referred
    expectProblem(await anon('post', `/petitions/${petition.id}/signatures`, { method: 'email', name: 'Late', email: 'late@example.org' }), 409);
    petition = referred;
  });

  it("9. the chair's decision on its agenda item answers the petition; the secretariat adds the written answer", async () => {
    const session = await t.http().post(`${API}/councils/${councilId}/sessions`).set(bearer(moderator)).send({ kind: 'plenary', title: 'Sitting on petitions', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), public: true });
    expect(session.status).toBe(201);
    const item = await t.http().post(`${API}/sessions/${session.body.id}/agenda-items`).set(bearer(moderator)).send({ title: 'Benches', proposalId: petition.proposalId, speakerMembershipIds: [], minutes: 10 });
    expect(item.status).toBe(201);
    const mod = await live.connect(moderator);
    await ok(mod, 'session.join', { sessionId: session.body.id });
    await ok(mod, 'session.start', { sessionId: session.body.id });
    await ok(mod, 'agenda.open', { sessionId: session.body.id, itemId: item.body.id });
    const decision = await t.http().post(`${API}/agenda-items/${item.body.id}/decision`).set(bearer(chair)).send({ resolution: 'supported', instruction: 'The city places the benches by spring.' });
    expect(decision.status).toBe(200);

    const answered = await petitionOf(t, petition.id);
    expect(answered).toMatchObject({ status: 'answered', resolution: 'supported', proposalId: petition.proposalId });

    expectProblem(await t.http().post(`${API}/petitions/${petition.id}/response`).send({ body: 'x' }), 401);
    expectProblem(await t.http().post(`${API}/petitions/${petition.id}/response`).set(bearer(member)).send({ body: 'x' }), 403);
    expectProblem(await t.http().post(`${API}/petitions/${petition.id}/response`).set(bearer(secretariat)).send({}), 400, ['body']);
    const res = await t.http().post(`${API}/petitions/${petition.id}/response`).set(bearer(secretariat)).send({ body: 'The council supported the petition; benches by spring.' });
    expect(res.status).toBe(200);
    expect((await anon('get', `/petitions/${petition.id}`)).body).toMatchObject({ status: 'answered', response: 'The council supported the petition; benches by spring.', resolution: 'supported' });
  });

  it('10. no signer\'s name or address is in any public response, event or audit entry, nor in the signatures table', async () => {
    const secrets = [
      ...Object.values(SIGNERS).flatMap((s) => [s.name, s.email, s.email.toLowerCase()]),
      'alice.signer@example.org', 'bobaliasman@gmail.com', 'Daniyar', NATIONAL_ID, 'aigerim.author@example.kz',
    ];
    const lists = await anon('get', `/councils/${councilId}/petitions`);
    const publicText = JSON.stringify([publicBodies, lists.body]);
    const audit: { rows: unknown }[] = await t.db.query(`SELECT action, summary FROM audit_entries WHERE council_id = $1`, [councilId]);
    const events: unknown[] = await t.db.query(`SELECT * FROM session_events`);
    const signatures: unknown[] = await t.db.query(`SELECT * FROM petition_signatures`);
    const auditText = JSON.stringify(audit);
    expect(auditText).toContain('petition.signature_validated');
    for (const secret of secrets) {
      for (const [where, text] of [['public', publicText], ['audit', auditText], ['events', JSON.stringify(events)], ['signatures', JSON.stringify(signatures)]] as const) {
        expect({ where, secret, found: text.toLowerCase().includes(secret.toLowerCase()) }).toEqual({ where, secret, found: false });
      }
    }
    // the audit keeps the keyed hash of each signer: four distinct ones for four people
    const hashes = (audit as unknown as { action: string; summary: { after: { signer: string } } }[]).filter((a) => a.action === 'petition.signature_validated').map((a) => a.summary.after.signer);
    expect(new Set(hashes).size).toBe(4);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{64}$/);
  });
});
