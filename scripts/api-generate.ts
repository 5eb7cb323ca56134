/**
 * npm run api:generate: writes apps/web/src/api/schema.d.ts from the OpenAPI
 * document the API serves. The app is built against a throwaway database
 * (on DATABASE_URL's server, else an embedded one in a temporary folder),
 * because its modules connect as they start; nothing of it is kept.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { validateEnvironment } from '@kenes/common';
import { migrateDatabase, startEmbeddedPostgres, withDatabase } from '@kenes/database';
import { createApp } from '../apps/api/src/app.factory';
import { buildOpenApi } from '../apps/api/src/docs/openapi';
import { persistence } from '../apps/api/src/persistence';
import { SCHEMA_PATH, schemaTypes } from './openapi-schema';

async function main(): Promise<void> {
  let server = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), 'kenes-apigen-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir: dir, password: randomBytes(24).toString('base64url'), settings: { fsync: 'off' } });
    server = pg.url;
    stopEmbedded = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const name = `kenes_apigen_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: withDatabase(server as string, 'postgres') });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  try {
    const url = withDatabase(server, name);
    await migrateDatabase(persistence(url));
    const env = validateEnvironment({
      NODE_ENV: 'test',
      DATABASE_URL: url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      BALLOT_KEY: randomBytes(32).toString('base64url'),
      AUDIT_SIGNING_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
    });
    const app = await createApp(env);
    try {
      writeFileSync(SCHEMA_PATH, schemaTypes(buildOpenApi(app)));
    } finally {
      await app.close();
    }
    console.log(`wrote ${SCHEMA_PATH}`);
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await stopEmbedded?.();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
