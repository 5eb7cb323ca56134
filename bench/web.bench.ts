import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Browser, chromium, Page } from 'playwright-core';
import { io, Socket } from 'socket.io-client';
import { Benchmark, metric, percentile } from './harness';
import { api, scratchDatabase, startServer } from './support';

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return Math.floor(v);
};

/** Members who vote, once each per poll. */
const MEMBERS = int('BENCH_WEB_MEMBERS', 30);
const POLLS = int('BENCH_WEB_POLLS', 3);
/** The JavaScript budget of a page, gzipped (the issue's). */
const JS_BUDGET_KB = 150;
/** KENES_TALLY_INTERVAL_MS, given to the server: ballots are cast further apart so each has its own tally.updated. */
const INTERVAL_MS = 250;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RULE = { method: 'majority', base: 'cast' };

interface Weight {
  jsKb: number;
  cssKb: number;
}

/** The JavaScript and CSS a page loads until `ready` shows, each gzipped at level 9, in KB. */
async function weigh(browser: Browser, url: string, ready: (page: Page) => Promise<unknown>, init?: (page: Page) => Promise<void>): Promise<Weight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await init?.(page);
  const sizes: Promise<{ type: string; bytes: number }>[] = [];
  page.on('response', (r) => {
    const type = r.request().resourceType();
    if (type === 'script' || type === 'stylesheet') sizes.push(r.body().then((b) => ({ type, bytes: gzipSync(b, { level: 9 }).length })));
  });
  await page.goto(url);
  await ready(page);
  const all = await Promise.all(sizes);
  await context.close();
  const kb = (type: string) => all.filter((s) => s.type === type).reduce((a, s) => a + s.bytes, 0) / 1024;
  return { jsKb: kb('script'), cssKb: kb('stylesheet') };
}

/**
 * npm run bench:web — what the web app's pages weigh (JavaScript and CSS,
 * gzipped) and how long a ballot takes to reach the projector in Chromium,
 * against a bare socket.io client of the same server receiving the same
 * tally.updated in the same run.
 */
export const webBenchmark: Benchmark = {
  name: 'web',
  description: 'page weight and ballot → projector latency in Chromium, against a bare socket.io client',
  async run() {
    const db = await scratchDatabase('web');
    const admin = { email: 'bench-admin@kenes.test', password: `pw-${randomBytes(8).toString('hex')}` };
    const server = await startServer({
      DATABASE_URL: db.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      KENES_TALLY_INTERVAL_MS: String(INTERVAL_MS),
    });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const sockets: Socket[] = [];
    try {
      const base = server.url;
      const adminToken = (await api(base, 'POST', '/auth/login', undefined, admin)).accessToken as string;
      const council = await api(base, 'POST', '/councils', adminToken, { name: 'Bench council', slug: `bench-${randomBytes(3).toString('hex')}`, balanceDimensions: [], minorityOpinionWindowHours: 24 });
      const person = async (i: string, roles: string[]) => {
        const email = `web-${i}-${randomBytes(3).toString('hex')}@kenes.test`;
        const password = `pw-${randomBytes(8).toString('hex')}`;
        const user = await api(base, 'POST', '/users', adminToken, { email, password, fullName: `Member ${i}` });
        const membership = await api(base, 'POST', `/councils/${council.id}/memberships`, adminToken, { userId: user.id, roles, attributes: {}, startsOn: '2020-01-01' });
        const login = await api(base, 'POST', '/auth/login', undefined, { email, password });
        return { token: login.accessToken as string, refreshToken: login.refreshToken as string, user: login.user, membershipId: membership.id as string };
      };
      const moderator = await person('moderator', ['moderator']);
      const members = [];
      for (let i = 0; i < MEMBERS; i++) members.push(await person(String(i), ['member']));
      const session = await api(base, 'POST', `/councils/${council.id}/sessions`, moderator.token, { kind: 'plenary', title: 'Bench sitting', scheduledAt: new Date().toISOString(), public: true });
      const item = await api(base, 'POST', `/sessions/${session.id}/agenda-items`, moderator.token, { title: 'Bench item', speakerMembershipIds: [], minutes: 10 });
      const connect = (token?: string) =>
        new Promise<Socket>((resolve, reject) => {
          const s = io(`${base}/live`, { auth: token ? { token } : {}, transports: ['websocket'], forceNew: true, reconnection: false });
          sockets.push(s);
          s.once('connect', () => resolve(s));
          s.once('connect_error', reject);
        });
      const command = async (s: Socket, event: string, payload: object) => {
        const ack = await s.timeout(15_000).emitWithAck(event, payload);
        if (!ack.ok) throw new Error(`${event}: ${JSON.stringify(ack.error)}`);
        return ack;
      };
      const mod = await connect(moderator.token);
      await command(mod, 'session.join', { sessionId: session.id });
      await command(mod, 'session.start', { sessionId: session.id });
      await command(mod, 'agenda.open', { sessionId: session.id, itemId: item.id });

      // Page weight: the projector (anonymous) and a member's sitting page.
      const projectorWeight = await weigh(browser, `${base}/sessions/${session.id}/projector`, (p) => p.getByRole('heading', { level: 1, name: 'Bench item' }).waitFor());
      const memberAuth = JSON.stringify({ accessToken: members[0].token, refreshToken: members[0].refreshToken, user: members[0].user });
      const memberWeight = await weigh(
        browser,
        `${base}/sessions/${session.id}`,
        (p) => p.getByRole('heading', { level: 1, name: 'Bench sitting' }).waitFor(),
        async (p) => {
          await p.addInitScript((v: string) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('kenes.auth', v), memberAuth);
        },
      );

      // Latency: the projector page shows each participation; the bare client sees each tally.updated.
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${base}/sessions/${session.id}/projector`);
      await page.getByRole('heading', { level: 1, name: 'Bench item' }).waitFor();
      await page.evaluate(() => {
        const w = globalThis as unknown as { __seen: Record<string, number>; document: { body: unknown; querySelector(s: string): { textContent: string | null } | null }; MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void } };
        w.__seen = {};
        new w.MutationObserver(() => {
          const text = w.document.querySelector('.poll .voted')?.textContent ?? '';
          if (text && !(text in w.__seen)) w.__seen[text] = Date.now();
        }).observe(w.document.body, { subtree: true, childList: true, characterData: true });
      });
      const bare = await connect();
      await command(bare, 'session.join', { sessionId: session.id });
      const bareSeen = new Map<string, number>();
      bare.on('session.event', (e: { type: string; payload: { pollId: string; participation: number } }) => {
        if (e.type === 'tally.updated') bareSeen.set(`${e.payload.pollId}:${e.payload.participation}`, Date.now());
      });
      const voterSockets = await Promise.all(members.map((m) => connect(m.token)));
      const projectorMs: number[] = [];
      const bareMs: number[] = [];
      for (let k = 0; k < POLLS; k++) {
        const poll = await api(base, 'POST', `/sessions/${session.id}/polls`, moderator.token, { question: `Bench question ${k + 1}`, rule: RULE, secret: k % 2 === 0 });
        await command(mod, 'poll.open', { pollId: poll.id });
        await page.getByText(`Voted: 0 of ${MEMBERS}`).waitFor({ timeout: 15_000 });
        // Each poll's labels are new: what the last poll showed under the same words is forgotten.
        await page.evaluate(() => {
          (globalThis as unknown as { __seen: Record<string, number> }).__seen = {};
        });
        for (let i = 0; i < MEMBERS; i++) {
          const ack = await command(voterSockets[i], 'ballot.cast', { pollId: poll.id, choice: i % 3 === 2 ? 'against' : 'for' }).then(() => Date.now());
          const label = `Voted: ${i + 1} of ${MEMBERS}`;
          await page.getByText(label).waitFor({ timeout: 15_000 });
          for (let tries = 0; !bareSeen.has(`${poll.id}:${i + 1}`) && tries < 300; tries++) await new Promise((r) => setTimeout(r, 10));
          const shown = (await page.evaluate((l: string) => (globalThis as unknown as { __seen: Record<string, number> }).__seen[l], label)) as number;
          projectorMs.push(shown - ack);
          bareMs.push((bareSeen.get(`${poll.id}:${i + 1}`) ?? Number.NaN) - ack);
          // The next ballot in the next tally interval: one tally.updated each.
          await new Promise((r) => setTimeout(r, INTERVAL_MS + 20));
        }
        await command(mod, 'poll.close', { pollId: poll.id });
      }
      const p99 = percentile(projectorMs, 99);
      const bareP99 = percentile(bareMs.filter(Number.isFinite), 99);
      return {
        name: 'web',
        params: { members: MEMBERS, polls: POLLS, samples: projectorMs.length, tallyIntervalMs: INTERVAL_MS, chromium: CHROMIUM },
        metrics: [
          metric('js_kb_projector', 'KB', projectorWeight.jsKb, JS_BUDGET_KB, `≤ ${JS_BUDGET_KB} KB gzipped (baseline: the budget; ratio ≤ 1)`),
          metric('css_kb_projector', 'KB', projectorWeight.cssKb, JS_BUDGET_KB, 'reported (baseline: the JavaScript budget)'),
          metric('js_kb_member', 'KB', memberWeight.jsKb, JS_BUDGET_KB, `≤ ${JS_BUDGET_KB} KB gzipped (baseline: the budget; ratio ≤ 1)`),
          metric('css_kb_member', 'KB', memberWeight.cssKb, JS_BUDGET_KB, 'reported (baseline: the JavaScript budget)'),
          metric('ballot_to_projector_p99_ms', 'ms', p99, bareP99, 'ratio ≤ 1.5 against a bare socket.io client receiving the same tally.updated'),
          metric('ballot_to_projector_p50_ms', 'ms', percentile(projectorMs, 50), percentile(bareMs.filter(Number.isFinite), 50), 'reported'),
        ],
      };
    } finally {
      for (const s of sockets) s.disconnect();
      await browser.close();
      await server.stop();
      await db.drop();
    }
  },
};
