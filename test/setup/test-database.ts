import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from '@kenes/database';

/** Set by the global setup for every test worker. */
export const SERVER_URL_VAR = 'KENES_TEST_SERVER_URL';
export const TEMPLATE_VAR = 'KENES_TEST_TEMPLATE';

export function serverUrl(): string {
  const url = process.env[SERVER_URL_VAR];
  if (!url) throw new Error(`${SERVER_URL_VAR} is not set: run the tests through jest (npm test)`);
  return url;
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = process.env[TEMPLATE_VAR];
  if (!template) throw new Error(`${TEMPLATE_VAR} is not set`);
  const name = `${template}_${randomBytes(5).toString('hex')}`;
  await admin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (err) {
        // Two clones of one template at the same instant: PostgreSQL refuses the second; try again.
        if ((err as { code?: string }).code !== '55006' || attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
  return {
    url: withDatabase(serverUrl(), name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
