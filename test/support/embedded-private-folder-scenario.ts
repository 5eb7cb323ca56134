/**
 * Run in a child process by libs/database/src/embedded-data-dir.spec.ts: the
 * runtime's start-up (prepareRuntime, as `npm start` runs it) with no
 * DATABASE_URL and KENES_HOME inside a folder others cannot enter; prints the
 * log lines and whether the database answered, one JSON line.
 */
import { Client } from 'pg';
import { prepareRuntime } from '../../apps/api/src/runtime';

async function main(home: string): Promise<void> {
  const lines: string[] = [];
  const runtime = await prepareRuntime({ NODE_ENV: 'development', KENES_HOME: home, SEED_DEMO: 'false', LOG_LEVEL: 'silent' }, (l) => lines.push(l));
  const c = new Client({ connectionString: runtime.env.DATABASE_URL });
  await c.connect();
  const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM typeorm_migrations');
  await c.end();
  await runtime.stop();
  process.stdout.write(`${JSON.stringify({ lines, migrations: Number(rows[0].n) })}\n`);
}

main(process.argv[2]).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
