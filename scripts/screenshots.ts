/**
 * npm run screenshots: the pictures in README.md (docs/images/*.png), taken
 * from the app as a newcomer sees it after `npm start`: the demo council,
 * signed in through the sign-in page as three demo accounts (a member, the
 * secretariat, the Ministry of Justice's representative).
 *
 * The app runs in this process on a throwaway database (on DATABASE_URL's
 * server, else an embedded PostgreSQL in a temporary folder), migrated and
 * seeded with the demo council exactly as a first start does; nothing of it
 * is kept. It serves the web build in apps/web/dist (built first when stale),
 * and Chromium comes from CHROMIUM_PATH or /usr/bin/chromium.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Browser, chromium, Page } from 'playwright-core';
import { validateEnvironment } from '@kenes/common';
import { migrateDatabase, startEmbeddedPostgres, withDatabase } from '@kenes/database';
import { createApp } from '../apps/api/src/app.factory';
import { persistence } from '../apps/api/src/persistence';
import { DEMO_PASSWORD, DEMO_SLUG } from '../apps/api/src/demo/demo-council.data';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'docs', 'images');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

interface Shot {
  file: string;
  /** A demo account's email, or 'minority': the member who abstained on the worked example's poll (in the minority, no opinion filed yet). */
  account: string;
  path: (councilId: string) => string;
  viewport: { width: number; height: number };
  /** What must be on the page before the picture is taken (an accessible name). */
  ready: (page: Page) => Promise<unknown>;
  fullPage?: boolean;
}

const SHOTS: Shot[] = [
  {
    file: 'home-member.png',
    account: 'member@kenes.example',
    path: () => '/',
    viewport: PHONE,
    ready: (p) => agendaLoaded(p, 'What needs you now'),
    fullPage: true,
  },
  {
    file: 'home-minority.png',
    account: 'minority',
    path: () => '/',
    viewport: PHONE,
    ready: (p) => p.getByRole('region', { name: 'Minority opinions you may still file or co-sign' }).waitFor(),
    fullPage: true,
  },
  {
    file: 'council-member.png',
    account: 'member@kenes.example',
    path: (id) => `/councils/${id}`,
    viewport: DESKTOP,
    ready: (p) => p.getByRole('table', { name: 'By sector' }).waitFor(),
  },
  {
    file: 'council-search.png',
    account: 'member@kenes.example',
    path: (id) => `/councils/${id}`,
    viewport: PHONE,
    ready: async (p) => {
      await p.getByRole('searchbox', { name: 'Search proposals' }).fill('death penalty');
      await p.getByRole('button', { name: 'Search' }).click();
      await p.locator('.council-hits mark').first().waitFor();
      await p.getByRole('heading', { level: 2, name: 'Proposals' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    },
  },
  {
    file: 'home-secretariat.png',
    account: 'secretariat@kenes.example',
    path: () => '/',
    viewport: DESKTOP,
    ready: (p) => agendaLoaded(p, 'What needs you now'),
    fullPage: true,
  },
  {
    file: 'home-justice.png',
    account: 'justice@kenes.example',
    path: () => '/?lang=kk',
    viewport: PHONE,
    ready: (p) => agendaLoaded(p, 'Қазір сізді не күтіп тұр'),
    fullPage: true,
  },
];

/** The start page once "what needs you now" has its answer (no request left in flight). */
async function agendaLoaded(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { level: 2, name: heading }).waitFor();
  await page.waitForLoadState('networkidle');
  // The loading message (the only text of the part that ends with an ellipsis, in every language) is gone.
  await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('.agenda [role="status"]')?.textContent?.includes('…'));
}

async function signIn(browser: Browser, base: string, email: string, viewport: Shot['viewport']): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport, locale: 'en-GB', deviceScaleFactor: 1 });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto('/login?lang=en');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your councils' }).waitFor();
  return page;
}

/** One query on the demo database. */
async function queryDemo(url: string, sql: string, params: unknown[]): Promise<Record<string, string>[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return (await c.query(sql, params).finally(() => c.end())).rows;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-stale.js'), 'web'], { stdio: 'inherit' });
  let server = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-screenshots-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir: dir, password: randomBytes(24).toString('base64url'), settings: { fsync: 'off' } });
    server = pg.url;
    stopEmbedded = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const name = `kenes_screenshots_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: withDatabase(server as string, 'postgres') });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  let browser: Browser | undefined;
  try {
    const url = withDatabase(server, name);
    await migrateDatabase(persistence(url));
    const env = validateEnvironment({
      NODE_ENV: 'development',
      DATABASE_URL: url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      BALLOT_KEY: randomBytes(32).toString('base64url'),
      AUDIT_SIGNING_KEY: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: 'admin@kenes.example',
      ADMIN_PASSWORD: randomBytes(12).toString('hex'),
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
    });
    const app = await createApp(env);
    try {
      await app.listen(0, '127.0.0.1');
      const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      const councilId: string = (await queryDemo(url, 'SELECT id FROM councils WHERE slug = $1', [DEMO_SLUG]))[0].id;
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
      mkdirSync(OUT, { recursive: true });
      const minority: string = (
        await queryDemo(url, `SELECT u.email FROM polls p JOIN ballots b ON b.poll_id = p.id JOIN memberships m ON m.id = b.membership_id JOIN users u ON u.id = m.user_id
                        WHERE p.council_id = $1 AND p.status = 'closed' AND b.choice <> 'for' AND p.tally->>'outcome' = 'adopted'
                          AND NOT EXISTS (SELECT 1 FROM minority_opinions o WHERE o.poll_id = p.id AND o.author_membership_id = m.id)
                        ORDER BY u.email LIMIT 1`, [councilId])
      )[0].email;
      for (const shot of SHOTS) {
        const account = shot.account === 'minority' ? minority : shot.account;
        const page = await signIn(browser, base, account, shot.viewport);
        await page.goto(shot.path(councilId));
        await shot.ready(page);
        await page.screenshot({ path: join(OUT, shot.file), fullPage: shot.fullPage ?? false });
        console.log(`wrote docs/images/${shot.file} (${account})`);
        await page.context().close();
      }
    } finally {
      await browser?.close();
      await app.close();
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await stopEmbedded?.();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
