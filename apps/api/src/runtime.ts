import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Environment, validateEnvironment } from '@kenes/common';
import { ensureDatabase, migrateDatabase, startEmbeddedPostgres, withDatabase } from '@kenes/database';
import { persistence } from './persistence';

export interface Runtime {
  env: Environment;
  /** Whether the database is the embedded one that this process started. */
  embedded: boolean;
  stop(): Promise<void>;
}

/** The JWT secret of a non-production install: generated once, kept under KENES_HOME. */
async function localSecret(home: string): Promise<string> {
  const file = join(home, 'jwt-secret');
  if (existsSync(file)) {
    const secret = (await readFile(file, 'utf8')).trim();
    if (secret.length >= 32) return secret;
  }
  await mkdir(home, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Everything that must hold before the server listens: a valid environment, a
 * database (the embedded one when DATABASE_URL is unset), a JWT secret, and
 * every migration applied.
 */
export async function prepareRuntime(raw: Record<string, string | undefined>, log: (line: string) => void = () => undefined): Promise<Runtime> {
  const env = validateEnvironment(raw);
  const home = resolve(env.KENES_HOME);
  let stop = async () => undefined as void;
  let embedded = false;
  if (!env.DATABASE_URL) {
    log(`no DATABASE_URL: starting the embedded PostgreSQL in ${join(home, 'pg')}`);
    const pg = await startEmbeddedPostgres({ dataDir: join(home, 'pg') });
    env.DATABASE_URL = withDatabase(pg.url, 'kenes');
    embedded = true;
    stop = () => pg.stop();
  }
  try {
    await ensureDatabase(env.DATABASE_URL);
    if (!env.JWT_SECRET) env.JWT_SECRET = await localSecret(home);
    const applied = await migrateDatabase(persistence(env.DATABASE_URL));
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { env, embedded, stop };
}
