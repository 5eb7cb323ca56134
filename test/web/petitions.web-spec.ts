import { Browser, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, createCouncil, createGroup, createMember, loginAdmin, Session } from '../support/factories';
import { issueSigner, makeCa, signDetached, TestCa } from '../support/petition-ca';
import { anchorsFile, enablePetitions, petitionOf } from '../support/petitions';
import { confirmationLinkOf, SmtpSink } from '../support/smtp-sink';
import { expectAccessible, LANGS, launchBrowser, openPage } from './support/browser';

const PHONE = { width: 390, height: 844 };
/** A step loads several pages and runs axe on some: minutes on a loaded 2-core machine. */
const STEP_MS = 180_000;

/**
 * Petitions in the browser (issue 16): an anonymous visitor submits one, the secretariat publishes it from
 * its queue, visitors sign by email (the mail from a real SMTP server this test starts, its link's page and
 * button) and by certificate (a CMS signature made here by a test CA), and the count and bars follow.
 * The steps build on one another and run in order.
 */
describe('petitions in the web app', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let ca: TestCa;
  let browser: Browser;
  let councilId: string;
  let secretariat: Session;
  let petitionId: string;
  const title = `Shade trees on every school yard ${Date.now()}`;

  const status = (page: Page, what: string | RegExp) => page.getByRole('status').filter({ hasText: what }).first().waitFor();
  const progress = (page: Page, name: string) => page.getByRole('progressbar', { name });

  beforeAll(async () => {
    smtp = new SmtpSink();
    const smtpUrl = await smtp.start();
    ca = await makeCa();
    t = await startTestApp({ SMTP_URL: smtpUrl, MAIL_FROM: 'Kenes <petitions@kenes.test>', PETITION_TRUST_ANCHORS: anchorsFile(ca.pem) });
    browser = await launchBrowser();
    const admin = await loginAdmin(t);
    councilId = (await createCouncil(t, admin)).id;
    secretariat = await createMember(t, admin, councilId, 'Secretariat', ['secretariat']);
    const groupId = (await createGroup(t, secretariat, councilId, 'Petitions group')).id;
    await enablePetitions(t, secretariat, councilId, { agendaThreshold: 3, responseThreshold: 2, verification: ['email', 'certificate'], workingGroupId: groupId });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.stop();
  }, STEP_MS);

  it('an anonymous visitor on a phone submits a petition, which waits for the secretariat', async () => {
    const page = await openPage(browser, t, `/councils/${councilId}/petitions`, { viewport: PHONE });
    await page.getByRole('heading', { level: 1, name: 'Petitions' }).waitFor();
    await page.getByText('No petitions here yet.').waitFor();
    expect(page.url()).not.toContain('/login');
    await expectAccessible(page, 'petitions list, phone, empty');
    const form = page.getByRole('region', { name: 'Submit a petition' });
    await form.getByRole('textbox', { name: 'Title' }).fill(title);
    await form.getByRole('textbox', { name: 'Summary' }).fill('A tree for shade in every school yard.');
    await form.getByRole('textbox', { name: 'Full text' }).fill('Children play in the sun all summer.\n\nWe ask for trees.');
    await form.getByRole('textbox', { name: 'Your name' }).fill('Aigerim Nurlanova');
    await form.getByRole('textbox', { name: 'Your email' }).fill('aigerim.author@example.kz');
    await form.getByRole('button', { name: 'Submit the petition' }).click();
    await status(page, 'Your petition was sent to the secretariat');
    expect(await form.getByRole('textbox', { name: 'Title' }).inputValue()).toBe('');
    // Not published yet: the public list still shows nothing, the secretariat's queue holds it.
    expect(await page.getByRole('link', { name: title }).count()).toBe(0);
    const queue = await t.http().get(`${API}/councils/${councilId}/petitions?status=submitted`).set(bearer(secretariat)).expect(200);
    expect(queue.body.items.map((p: { title: string }) => p.title)).toEqual([title]);
    petitionId = queue.body.items[0].id;
    // The page of an unpublished petition shows a not-found state, never its text.
    await page.goto(`/petitions/${petitionId}`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain(title);
    await page.context().close();
  }, STEP_MS);

  it('the secretariat publishes it from the moderation queue', async () => {
    const page = await openPage(browser, t, `/councils/${councilId}/petitions`, { as: secretariat });
    await page.getByRole('link', { name: 'Moderation queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Moderation queue' }).waitFor();
    const item = page.getByRole('article', { name: title });
    await item.waitFor();
    await expectAccessible(page, 'moderation queue');
    // Rejecting needs a reason: pressing Reject without one says so and does nothing.
    await item.getByRole('button', { name: 'Reject' }).click();
    await item.getByRole('alert').filter({ hasText: 'Give a reason' }).waitFor();
    expect((await petitionOf(t, petitionId, secretariat)).status).toBe('submitted');
    await item.getByRole('button', { name: 'Publish' }).click();
    await status(page, `Published: ${title}`);
    await page.getByText('No petitions are waiting.').waitFor();
    expect((await petitionOf(t, petitionId)).status).toBe('open');
    await page.context().close();
  }, STEP_MS);

  it('a visitor signs by email: the mail’s page confirms only with its button, once, and the count goes up', async () => {
    const page = await openPage(browser, t, `/councils/${councilId}/petitions`, { viewport: PHONE });
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('0 signatures').waitFor();
    const agenda = progress(page, "Toward the council's agenda: 0 of 3");
    expect(await agenda.getAttribute('aria-valuenow')).toBe('0');
    expect(await agenda.getAttribute('aria-valuemax')).toBe('3');
    await progress(page, 'Toward a written answer: 0 of 2').waitFor();
    await expectAccessible(page, 'petition page, phone, open');

    const email = page.getByRole('region', { name: 'Sign by email' });
    await email.getByText('Open the link and press the button').waitFor();
    const signByEmail = async (address: string) => {
      await email.getByRole('textbox', { name: 'Your name' }).fill('Bolat Example-Signer');
      await email.getByRole('textbox', { name: 'Region (optional)' }).fill('Almaty');
      await email.getByRole('textbox', { name: 'Email' }).fill(address);
      await email.getByRole('button', { name: 'Sign by email' }).click();
      const done = email.getByRole('status').filter({ hasText: 'Check your mailbox' });
      await done.waitFor();
      return done.innerText();
    };
    const first = await signByEmail('Bolat.Signer@example.org');
    await smtp.nth('bolat.signer@example.org', 1);
    // Asking again before confirming (another case, the same person) answers alike and mails a new link; the newest one counts.
    await page.reload();
    expect(await signByEmail('BOLAT.SIGNER@example.org')).toBe(first);
    const link = confirmationLinkOf(await smtp.nth('bolat.signer@example.org', 2));
    expect(link.path).toBe(`/petitions/${petitionId}/confirm`);

    // Opening the link (as a mail scanner does) confirms nothing.
    const confirmPage = await page.context().newPage();
    await confirmPage.goto(`${link.path}?lang=en#token=${link.token}`);
    await confirmPage.getByRole('heading', { level: 1, name: 'Confirm your signature' }).waitFor();
    await expectAccessible(confirmPage, 'confirmation page, phone');
    expect((await petitionOf(t, petitionId)).signatures).toBe(0);
    await confirmPage.getByRole('button', { name: 'Confirm my signature' }).click();
    await status(confirmPage, 'your signature is confirmed and counted');
    expect((await petitionOf(t, petitionId)).signatures).toBe(1);
    // The same link a second time: used already, said clearly, and counted once.
    await confirmPage.goto(`${link.path}?lang=en#token=${link.token}`);
    await confirmPage.getByRole('button', { name: 'Confirm my signature' }).click();
    await status(confirmPage, 'This link has been used already');
    expect((await petitionOf(t, petitionId)).signatures).toBe(1);

    // Signing once more after confirming: the same answer on screen; the mail (only its owner reads it) has no link.
    await page.reload();
    expect(await signByEmail('bolat.signer@example.org')).toBe(first);
    await smtp.nth('bolat.signer@example.org', 3).then((m) => expect(() => confirmationLinkOf(m)).toThrow());
    await page.reload();
    await page.getByText('1 signature', { exact: true }).waitFor();
    expect(await progress(page, "Toward the council's agenda: 1 of 3").getAttribute('aria-valuenow')).toBe('1');
    await page.getByRole('table', { name: 'Signatures by region' }).getByRole('cell', { name: 'Almaty' }).waitFor();
    await page.context().close();
  }, STEP_MS);

  it('a certificate signature over the shown signing text is accepted (pasted, then from a file); the third reaches the agenda', async () => {
    const page = await openPage(browser, t, `/petitions/${petitionId}`);
    const cert = page.getByRole('region', { name: 'Sign with an electronic digital signature' });
    await cert.getByText('NCALayer').waitFor();
    const shown = cert.locator('pre');
    await shown.filter({ hasText: title }).waitFor();
    const signingText = (await t.http().get(`${API}/petitions/${petitionId}/signing-text`).expect(200)).text;
    expect((await shown.innerText()).trim()).toBe(signingText.trim());

    // A signature over other text is refused and nothing is counted.
    const wrong = await signDetached(await issueSigner(ca, { nationalId: 'IIN900101300999' }), `${signingText} (changed)`);
    await cert.getByRole('textbox', { name: 'Your name' }).fill('Dana Certholder');
    await cert.getByRole('textbox', { name: 'Signature (base64)' }).fill(wrong);
    await cert.getByRole('button', { name: 'Sign with certificate' }).click();
    await cert.getByRole('alert').filter({ hasText: 'The signature was not accepted' }).waitFor();
    expect((await petitionOf(t, petitionId)).signatures).toBe(1);

    const pasted = await signDetached(await issueSigner(ca, { nationalId: 'IIN850512400321' }), signingText);
    await cert.getByRole('textbox', { name: 'Signature (base64)' }).fill(pasted);
    await cert.getByRole('button', { name: 'Sign with certificate' }).click();
    await status(page, 'your signature is verified and counted');
    await page.getByText('2 signatures').waitFor();
    expect(await progress(page, 'Toward a written answer: 2 of 2').getAttribute('aria-valuenow')).toBe('2');

    // From a file of DER bytes, as signing tools write .p7s files.
    const der = Buffer.from(await signDetached(await issueSigner(ca, { nationalId: 'IIN770304500111' }), signingText), 'base64');
    await cert.getByRole('textbox', { name: 'Your name' }).fill('Erlan Filesigner');
    await cert.getByLabel('Signature file').setInputFiles({ name: 'petition.p7s', mimeType: 'application/pkcs7-signature', buffer: der });
    await status(page, 'The signature file is read: petition.p7s');
    expect(await cert.getByRole('textbox', { name: 'Signature (base64)' }).inputValue()).toBe(der.toString('base64'));
    await cert.getByRole('button', { name: 'Sign with certificate' }).click();
    await page.getByText('3 signatures').waitFor();

    // The agenda threshold reached: referred, with its proposal and the date the answer is due.
    await page.getByText('Referred to the council').first().waitFor();
    const answer = page.getByRole('region', { name: "The council's answer" });
    await answer.getByText('The petition reached the council\'s agenda').waitFor();
    const p = await petitionOf(t, petitionId);
    expect(p.status).toBe('referred');
    expect(await answer.getByRole('link', { name: "The council's proposal made from this petition" }).getAttribute('href')).toBe(`/proposals/${p.proposalId}`);
    expect(await page.getByRole('button', { name: 'Sign with certificate' }).count()).toBe(0);
    await expectAccessible(page, 'petition page, referred');
    await page.context().close();
  }, STEP_MS);

  it('the secretariat writes the council’s answer on the petition’s page; visitors read it', async () => {
    const page = await openPage(browser, t, `/petitions/${petitionId}`, { as: secretariat });
    const panel = page.getByRole('region', { name: 'For the secretariat' });
    await panel.getByRole('textbox', { name: 'Written answer of the council' }).fill('The council will plant trees in 40 school yards this autumn.');
    await panel.getByRole('button', { name: 'Publish the answer' }).click();
    await status(page, 'The answer is published.');
    await page.context().close();
    const visitor = await openPage(browser, t, `/petitions/${petitionId}`, { viewport: PHONE });
    await visitor.getByRole('region', { name: "The council's answer" }).getByText('40 school yards').waitFor();
    expect(await visitor.getByRole('region', { name: 'For the secretariat' }).count()).toBe(0);
    await visitor.context().close();
  }, STEP_MS);

  it('every petitions page passes axe in English, Russian and Kazakh, and a visitor gets no moderation queue', async () => {
    const other = (await t.http().post(`${API}/councils/${councilId}/petitions`).send({ title: 'Waiting for review', summary: 'S.', body: 'B.', authorName: 'A. Author', authorEmail: 'a.author@example.kz' }).expect(201)).body;
    const open = (await t.http().post(`${API}/councils/${councilId}/petitions`).send({ title: 'Open for signing', summary: 'S.', body: 'B.', authorName: 'A. Author', authorEmail: 'a.author@example.kz' }).expect(201)).body;
    await t.http().post(`${API}/petitions/${open.id}/moderation`).set(bearer(secretariat)).send({ decision: 'publish' }).expect(200);
    for (const lang of LANGS) {
      for (const viewport of lang === 'en' ? [PHONE, { width: 1280, height: 800 }] : [PHONE]) {
        const page = await openPage(browser, t, `/councils/${councilId}/petitions?lang=${lang}`, { viewport });
        await page.locator('.pet-card').first().waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(await page.locator('h1').count()).toBe(1);
        await expectAccessible(page, `list ${lang} ${viewport.width}`);
        await page.goto(`/petitions/${open.id}?lang=${lang}`);
        await page.getByRole('progressbar').first().waitFor();
        await page.locator('pre').filter({ hasText: 'Open for signing' }).waitFor();
        expect(await page.locator('h1').count()).toBe(1);
        await expectAccessible(page, `open petition ${lang} ${viewport.width}`);
        await page.goto(`/petitions/${petitionId}?lang=${lang}`);
        await page.getByRole('progressbar').first().waitFor();
        await expectAccessible(page, `answered petition ${lang} ${viewport.width}`);
        await page.goto(`/petitions/${open.id}/confirm?lang=${lang}`);
        expect(await page.locator('h1').count()).toBe(1);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        await expectAccessible(page, `confirmation page ${lang} ${viewport.width}`);
        await page.context().close();
      }
      const mod = await openPage(browser, t, `/councils/${councilId}/petitions/moderation?lang=${lang}`, { as: secretariat });
      await mod.getByRole('article', { name: other.title }).waitFor();
      await expectAccessible(mod, `moderation ${lang}`);
      await mod.context().close();
    }
    // The queue is the secretariat's: a visitor is sent to sign in.
    const visitor = await openPage(browser, t, `/councils/${councilId}/petitions/moderation`);
    await visitor.waitForURL(/\/login/);
    await visitor.context().close();
  }, 600_000);
});
