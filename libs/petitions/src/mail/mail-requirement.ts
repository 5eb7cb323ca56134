import { Client } from 'pg';
import { Environment } from '@kenes/common';

/**
 * Production without SMTP_URL starts only while no council takes petition
 * signatures by email (they could never be confirmed). Checked before the
 * server is built, once the migrations ran; throws naming the variable.
 */
export async function assertMailForPetitions(env: Environment, databaseUrl: string): Promise<void> {
  if (env.SMTP_URL || env.NODE_ENV !== 'production') return;
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    // eslint-disable-next-line no-restricted-syntax -- runs before the app (and so any repository) exists
    const { rows } = await c.query<{ name: string }>(
      `SELECT name FROM councils WHERE (petitions ->> 'enabled')::boolean AND petitions -> 'verification' ? 'email' ORDER BY created_at LIMIT 1`,
    );
    if (rows.length) {
      throw new Error(`SMTP_URL is not set, but the council "${rows[0].name}" takes petition signatures by email, which need mail: set SMTP_URL (and MAIL_FROM), or turn email signatures off first`);
    }
  } finally {
    await c.end();
  }
}
