import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Environment, validateEnvironment } from '@kenes/common';
import { ensureDatabase, grantRuntimeRole, migrateDatabase, roleOf, embeddedDataDir, startEmbeddedPostgres, withDatabase } from '@kenes/database';
import { assertMailForPetitions } from '@kenes/petitions';
import { persistence } from './persistence';

export interface Runtime {
  env: Environment;
  /** Whether the database is the embedded one that this process started. */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * A secret of a non-production install: generated once, kept under KENES_HOME
 * in a file of its own that only this user may read (0600).
 */
async function localSecret(home: string, name: string, make: () => string, valid: (s: string) => boolean): Promise<string> {
  const file = join(home, name);
  if (existsSync(file)) {
    const secret = (await readFile(file, 'utf8')).trim();
    if (valid(secret)) return secret;
  }
  await mkdir(home, { recursive: true, mode: 0o700 });
  const secret = make();
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

const longEnough = (s: string) => s.length >= 32;

/** Fills in the secrets a development install keeps under KENES_HOME (production must set them). */
export async function localSecrets(env: Environment, home: string): Promise<void> {
  if (!env.JWT_SECRET) env.JWT_SECRET = await localSecret(home, 'jwt-secret', () => randomBytes(48).toString('base64url'), longEnough);
  if (!env.BALLOT_KEY) env.BALLOT_KEY = await localSecret(home, 'ballot-key', () => randomBytes(48).toString('base64url'), longEnough);
  if (!env.AUDIT_SIGNING_KEY) {
    env.AUDIT_SIGNING_KEY = await localSecret(home, 'audit-signing-key', () => randomBytes(32).toString('hex'), (s) => /^[0-9a-f]{64}$/i.test(s));
  }
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
    const { dataDir, privateFolder } = embeddedDataDir(join(home, 'pg'));
    log(
      privateFolder
        ? `no DATABASE_URL: starting the embedded PostgreSQL in ${dataDir} (its user, postgres, cannot enter the private folder ${privateFolder})`
        : `no DATABASE_URL: starting the embedded PostgreSQL in ${dataDir}`,
    );
    const pg = await startEmbeddedPostgres({ dataDir });
    env.DATABASE_URL = withDatabase(pg.url, 'kenes');
    embedded = true;
    stop = () => pg.stop();
  }
  try {
    // With DATABASE_MIGRATION_URL the schema's owner migrates and the runtime role (DATABASE_URL's) gets
    // row rights only: it can never alter a table or switch off the triggers that keep the record.
    const owner = env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL;
    await ensureDatabase(owner);
    await localSecrets(env, home);
    const applied = await migrateDatabase(persistence(owner));
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    if (env.DATABASE_MIGRATION_URL && roleOf(env.DATABASE_MIGRATION_URL) !== roleOf(env.DATABASE_URL)) {
      await grantRuntimeRole(env.DATABASE_MIGRATION_URL, roleOf(env.DATABASE_URL));
    }
    // Production without SMTP_URL refuses to start only if a feature that mails is on.
    await assertMailForPetitions(env, env.DATABASE_URL);
  } catch (err) {
    await stop();
    throw err;
  }
  return { env, embedded, stop };
}
