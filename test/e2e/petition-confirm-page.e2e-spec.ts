import { startTestApp, TestApp } from '../support/test-app';
import { createCouncil, createGroup, createMember, loginAdmin, Session } from '../support/factories';
import { confirm, enablePetitions, openPetition, petitionOf, signByEmail } from '../support/petitions';
import { confirmationLinkOf, SmtpSink } from '../support/smtp-sink';

const HOSTILE_TITLE = 'Parks </title><script>alert(1)</script>';
const HOSTILE_SUMMARY = '"><img src=x onerror=alert(2)></blockquote><script>alert(3)</script>';

/**
 * The server-rendered page of a confirmation mail, as an attacker would try it: a petition whose text is
 * markup, the token sent in the query instead of the fragment, HEAD and repeated GETs (mail scanners).
 */
describe('signature confirmation page: nothing confirms on GET; petition text stays text; a strict policy', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let secretariat: Session;
  let councilId: string;

  beforeAll(async () => {
    smtp = new SmtpSink();
    const smtpUrl = await smtp.start();
    t = await startTestApp({ SMTP_URL: smtpUrl, MAIL_FROM: 'Kenes <petitions@kenes.test>', PUBLIC_URL: 'https://kenes.test' });
    const admin = await loginAdmin(t);
    councilId = (await createCouncil(t, admin)).id;
    secretariat = await createMember(t, admin, councilId, 'Secretariat', ['secretariat']);
    const groupId = (await createGroup(t, secretariat, councilId, 'Petitions group')).id;
    await enablePetitions(t, secretariat, councilId, { agendaThreshold: 10, responseThreshold: 5, verification: ['email'], workingGroupId: groupId });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('confirms nothing on GET or HEAD, even with the token in the query; the POST does, once', async () => {
    const p = await openPetition(t, secretariat, councilId, { title: HOSTILE_TITLE, summary: HOSTILE_SUMMARY });
    expect((await signByEmail(t, p.id, { name: 'Dana Signer', email: 'dana.signer@example.org' })).status).toBe(202);
    const link = confirmationLinkOf(await smtp.nth('dana.signer@example.org', 1));
    for (const path of [link.path, `${link.path}?token=${link.token}`, `${link.path}?lang=ru&token=${link.token}`]) {
      const page = await t.http().get(path);
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.text).not.toContain(link.token);
      await t.http().head(path);
    }
    expect((await petitionOf(t, p.id)).signatures).toBe(0);
    expect((await confirm(t, link.token)).status).toBe(200);
    expect((await petitionOf(t, p.id)).signatures).toBe(1);
  });

  it('shows the petition text escaped, with one script (its own) admitted by hash and nothing else inline', async () => {
    const p = await openPetition(t, secretariat, councilId, { title: HOSTILE_TITLE, summary: HOSTILE_SUMMARY });
    const page = await t.http().get(`/petitions/${p.id}/confirm`).expect(200);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<img');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text.match(/<script>/g)).toHaveLength(1);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp.match(/script-src [^;]*/)?.[0].match(/'sha256-/g)).toHaveLength(1);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'self'");
  });

  it('answers a petition not yet published, or none, with a not-found page that runs no script', async () => {
    const submitted = await t.http().post(`/api/v1/councils/${councilId}/petitions`).send({ title: HOSTILE_TITLE, summary: HOSTILE_SUMMARY, body: 'b', authorName: 'A', authorEmail: 'a.author@example.kz' });
    expect(submitted.status).toBe(201);
    for (const id of [submitted.body.id, '00000000-0000-4000-8000-000000000000']) {
      const page = await t.http().get(`/petitions/${id}/confirm`);
      expect(page.status).toBe(404);
      expect(page.text).not.toContain('Parks');
      expect(page.text).not.toContain('<script');
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
    }
  });
});
