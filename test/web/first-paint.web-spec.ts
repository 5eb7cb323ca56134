import { createHmac } from 'node:crypto';
import { Browser, Page } from 'playwright-core';
import { Environment } from '@kenes/common';
import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, createCouncil, createGroup, createMember, createProposal, loginAdmin, Session } from '../support/factories';
import { expectAccessible, launchBrowser, openContext } from './support/browser';

type Person = Session & { membershipId: string; password: string };

// A browser, axe and a server on a shared 2-core machine: a step can take seconds.
jest.setTimeout(120_000);

/**
 * A proposal's page for a signed-in reader carries the dossier as HTML (the
 * first paint), written with the API's own reads and rules for the reader
 * the page cookie names; the app takes over once it has rendered its own.
 */
describe("a proposal's first paint", () => {
  let t: TestApp;
  let browser: Browser;
  let admin: Session;
  let author: Person;
  let groupMember: Person;
  let outsider: Person;
  let stranger: Person;
  let proposal: { id: string; title: string };
  const pages: Page[] = [];

  const cookieOf = (s: Session) => `kenes_page=${encodeURIComponent(s.token)}`;
  const shell = (path: string, headers: Record<string, string> = {}) => {
    const req = t.http().get(path);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req.expect(200);
  };
  const firstPaintOf = (html: string) => /<div id="first-paint"[\s\S]*?<\/main><\/div>/.exec(html)?.[0] ?? null;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    admin = await loginAdmin(t);
    const council = await createCouncil(t, admin);
    const group = await createGroup(t, admin, council.id, 'Open data');
    author = await createMember(t, admin, council.id, 'Author');
    groupMember = await createMember(t, admin, council.id, 'Group member');
    outsider = await createMember(t, admin, council.id, 'Outsider');
    const other = await createCouncil(t, admin);
    stranger = await createMember(t, admin, other.id, 'Stranger');
    await addToGroup(t, admin, group.id, author.membershipId);
    await addToGroup(t, admin, group.id, groupMember.membershipId);
    const created = await createProposal(t, author, group.id, { title: 'Budgets <b>& contracts</b> in the open', body: 'Every ministry publishes its budget.\n\nAnd its contracts.' });
    proposal = { id: created.id, title: created.title };
    for (let i = 1; i <= 3; i++) {
      await t.http().post(`${API}/proposals/${proposal.id}/comments`).set(bearer(groupMember)).send({ body: `Comment ${i}: <script>alert(${i})</script>` }).expect(201);
    }
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context().close();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is in the page for a reader the page cookie names, escaped, and kept by no cache', async () => {
    const res = await shell(`/proposals/${proposal.id}`, { Cookie: cookieOf(author) });
    const fp = firstPaintOf(res.text);
    expect(fp).not.toBeNull();
    expect(res.text.indexOf('id="first-paint"')).toBeLessThan(res.text.indexOf('<div id="root"></div>'));
    expect(fp).toContain('<h1>Budgets &lt;b&gt;&amp; contracts&lt;/b&gt; in the open</h1>');
    expect(fp).toContain('Comments <span class="muted">(3 comments)</span>');
    expect(fp).toContain('Comment 1: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(fp).not.toMatch(/<script|<b>/);
    expect(fp).toContain('<li id="version-1">');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers.vary).toMatch(/Cookie/);
  });

  it('is not there without the cookie, with a bad or expired token, or with the bearer header alone', async () => {
    const env = t.app.get(Environment);
    const expired = (() => {
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: author.userId, email: author.email, typ: 'access', exp: Math.floor(Date.now() / 1000) - 60 })}`;
      return `${head}.${createHmac('sha256', env.JWT_SECRET as string).update(head).digest('base64url')}`;
    })();
    const cases: Record<string, string>[] = [{}, { Cookie: 'kenes_page=garbage' }, { Cookie: `kenes_page=${expired}` }, { Authorization: `Bearer ${author.token}` }];
    for (const headers of cases) {
      const res = await shell(`/proposals/${proposal.id}`, headers);
      expect(firstPaintOf(res.text)).toBeNull();
      expect(res.text).toContain('<div id="root"></div>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('shows each reader what the API shows them: nothing to a reader it refuses, no comments to one outside the group', async () => {
    for (const reader of [author, groupMember, outsider, stranger]) {
      const api = await t.http().get(`${API}/proposals/${proposal.id}`).set(bearer(reader));
      const comments = await t.http().get(`${API}/proposals/${proposal.id}/comments`).set(bearer(reader));
      const fp = firstPaintOf((await shell(`/proposals/${proposal.id}`, { Cookie: cookieOf(reader) })).text);
      expect({ reader: reader.email, shown: fp !== null }).toEqual({ reader: reader.email, shown: api.status === 200 });
      if (fp === null) continue;
      expect({ reader: reader.email, comments: fp.includes('Comment 1:') }).toEqual({ reader: reader.email, comments: comments.status === 200 });
      if (comments.status !== 200) expect(fp).toContain('The comments are for the working group and the secretariat.');
    }
    // Someone of another council is refused outright (and learns nothing of the proposal).
    expect(firstPaintOf((await shell(`/proposals/${proposal.id}`, { Cookie: cookieOf(stranger) })).text)).toBeNull();
  });

  it("speaks the page's language: ?lang=, else the app's kept choice, else the browser's", async () => {
    const fp = async (path: string, headers: Record<string, string>) => firstPaintOf((await shell(path, { Cookie: cookieOf(author), ...headers })).text) as string;
    expect(await fp(`/proposals/${proposal.id}?lang=ru`, {})).toMatch(/lang="ru"[\s\S]*Комментарии/);
    expect(await fp(`/proposals/${proposal.id}`, { Cookie: `${cookieOf(author)}; kenes_lang=kk` })).toMatch(/lang="kk"[\s\S]*Пікірлер/);
    expect(await fp(`/proposals/${proposal.id}`, { 'Accept-Language': 'ru-RU,ru;q=0.9' })).toMatch(/lang="ru"/);
    expect(await fp(`/proposals/${proposal.id}?lang=en`, { Cookie: `${cookieOf(author)}; kenes_lang=kk`, 'Accept-Language': 'ru' })).toMatch(/lang="en"[\s\S]*Comments/);
  });

  it('is accessible as it stands, in each language (the app held back, so that it stays)', async () => {
    for (const lang of ['en', 'ru', 'kk'] as const) {
      const context = await browser.newContext({ baseURL: t.url });
      // The app's entry never arrives: the first paint is what the reader has.
      await context.route(/\/assets\/index-[^/]*\.js$/, (route) => route.abort());
      await context.addCookies([{ name: 'kenes_page', value: groupMember.token, url: `${t.url}/proposals/`, httpOnly: true, sameSite: 'Strict' }]);
      const page = await context.newPage();
      pages.push(page);
      await page.goto(`/proposals/${proposal.id}?lang=${lang}`);
      expect(await page.locator('#first-paint').getAttribute('lang')).toBe(lang);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await expectAccessible(page, `first paint (${lang})`);
    }
  });

  it('comes with a sign-in on the login page: the next proposal page loaded carries it', async () => {
    const context = await openContext(browser, t);
    const page = await context.newPage();
    pages.push(page);
    await page.goto('/login');
    await page.getByLabel('Email').fill(groupMember.email);
    await page.getByLabel('Password').fill(groupMember.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const documents: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'document') void r.text().then((text) => documents.push(text));
    });
    await page.goto(`/proposals/${proposal.id}`);
    await page.getByRole('button', { name: 'Comment on the selection' }).waitFor();
    expect(documents.some((d) => d.includes('id="first-paint"') && d.includes('Comment 1:'))).toBe(true);
    expect(await page.locator('#first-paint').count()).toBe(0);
  });

  it('shows without JavaScript, then gives way to the app, which signs out with the cookie cleared', async () => {
    // As the sign-in leaves a browser: the kept tokens and the page cookie.
    const addCookie = async (context: Awaited<ReturnType<typeof openContext>>) =>
      context.addCookies([{ name: 'kenes_page', value: author.token, url: `${t.url}/proposals/`, httpOnly: true, sameSite: 'Strict' }]);

    const still = await browser.newContext({ baseURL: t.url, javaScriptEnabled: false });
    await addCookie(still);
    const plain = await still.newPage();
    pages.push(plain);
    await plain.goto(`/proposals/${proposal.id}`);
    expect(await plain.getByRole('heading', { level: 1 }).textContent()).toBe(proposal.title);
    expect(await plain.getByRole('heading', { level: 2, name: 'Comments (3 comments)' }).isVisible()).toBe(true);

    const context = await openContext(browser, t, { as: author });
    await addCookie(context);
    const page = await context.newPage();
    pages.push(page);
    await page.goto(`/proposals/${proposal.id}`);
    // The app's own page: its controls, and the first paint gone.
    await page.getByRole('button', { name: 'Comment on the selection' }).waitFor();
    await page.locator('#first-paint').waitFor({ state: 'detached' });
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2, name: 'Comments (3 comments)' }).count()).toBe(1);
    await expectAccessible(page, 'proposal after the first paint');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    // The sign-out's request to the server clears it (the page does not wait for that request).
    let kept = true;
    for (let tries = 0; kept && tries < 100; tries++) {
      kept = (await context.cookies(`${t.url}/proposals/`)).some((c) => c.name === 'kenes_page');
      if (kept) await new Promise((r) => setTimeout(r, 100));
    }
    expect(kept).toBe(false);
  });
});
