import 'tsconfig-paths/register';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrateDatabase, startEmbeddedPostgres, withDatabase } from '@kenes/database';
import { persistence } from '../../apps/api/src/persistence';
import { SERVER_URL_VAR, TEMPLATE_VAR } from './test-database';

declare global {
  var __KENES_TEST_TEARDOWN__: (() => Promise<void>) | undefined;
}

/**
 * Once per run: a PostgreSQL server (DATABASE_URL's, else an embedded one in a
 * throwaway directory) and a template database with every migration applied.
 * Each test file then clones the template into a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  // Several projects (e2e, web) share one setup per run: the first one makes it.
  if (process.env[TEMPLATE_VAR]) return;
  let server = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-test-pg-'));
    const pg = await startEmbeddedPostgres({
      dataDir: dir,
      // a throwaway cluster: its own random password, kept nowhere
      password: randomBytes(24).toString('base64url'),
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    server = pg.url;
    // A throwaway cluster leaves nothing behind in the temporary folder.
    stopEmbedded = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const template = `kenes_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: withDatabase(server, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();
  await migrateDatabase(persistence(withDatabase(server, template)));
  process.env[SERVER_URL_VAR] = server;
  process.env[TEMPLATE_VAR] = template;
  globalThis.__KENES_TEST_TEARDOWN__ = async () => {
    const c = new Client({ connectionString: withDatabase(server as string, 'postgres') });
    await c.connect();
    const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}%`]);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    await c.end();
    await stopEmbedded?.();
  };
}
