import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDatabase } from '@kenes/database';
import { prepareRuntime } from '../../apps/api/src/runtime';
import { serverUrl } from '../setup/test-database';
import { startSecondNode, startTestApp, TestApp } from '../support/test-app';
import { API, bearer } from '../support/factories';
import { closePoll, createPoll, getJson, GroupCouncil, groupCouncil, openPoll, vote } from '../support/poll-factories';

/**
 * The API serves with a role that is not the schema's owner (docker/ does so):
 * it reads and writes rows, and can neither alter a table, switch off the
 * triggers that keep the record, nor delete from it.
 */
describe('the runtime database role', () => {
  const role = `kenes_rt_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let owner: TestApp;
  let runtime: TestApp;
  let g: GroupCouncil;
  let asRuntime: Client;

  const admin = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    owner = await startTestApp();
    await admin((c) => c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`));
    const url = new URL(owner.env.DATABASE_URL);
    url.username = role;
    url.password = password;
    // As `npm start` does with both URLs: the owner migrates, then grants the runtime role its rights.
    const prepared = await prepareRuntime({
      ...owner.env,
      DATABASE_URL: url.toString(),
      DATABASE_MIGRATION_URL: owner.env.DATABASE_URL,
      KENES_HOME: mkdtempSync(join(tmpdir(), 'kenes-role-')),
    });
    await prepared.stop();
    runtime = await startSecondNode(owner, { DATABASE_URL: url.toString() });
    asRuntime = new Client({ connectionString: url.toString() });
    await asRuntime.connect();
    g = await groupCouncil(runtime, 2);
  });
  afterAll(async () => {
    await asRuntime?.end();
    await runtime?.close();
    await owner?.close();
    await admin((c) => c.query(`DROP ROLE IF EXISTS ${role}`));
  });

  it('serves a whole secret poll, with its audit chain and checkpoint, as that role', async () => {
    const [{ who }] = (await runtime.db.query('SELECT current_user AS who')) as { who: string }[];
    expect(who).toBe(role);
    const poll = await createPoll(runtime, g.coordinator, g.groupId, { method: 'majority', base: 'cast' }, { secret: true });
    await openPoll(runtime, g.coordinator, poll.id);
    await vote(runtime, g.voters[1], poll.id, 'for');
    await vote(runtime, g.voters[2], poll.id, 'against');
    expect((await closePoll(runtime, g.coordinator, poll.id)).tally).toMatchObject({ participation: 2 });
    expect((await getJson(runtime, g.secretariat, `/councils/${g.council.id}/audit/verify`)).body).toMatchObject({ ok: true });
    const listed = await runtime.http().get(`${API}/councils/${g.council.id}/audit/checkpoints`).set(bearer(g.secretariat));
    expect(listed.status).toBe(200);
  });

  it.each([
    ['ALTER TABLE audit_entries DISABLE TRIGGER ALL', /must be owner/],
    ['DROP TABLE audit_checkpoints', /must be owner/],
    ['SET session_replication_role = replica', /permission denied/],
    ['CREATE TABLE shadow (a int)', /permission denied for schema public/],
    ['TRUNCATE audit_entries', /permission denied/],
    ['DELETE FROM audit_entries', /permission denied/],
    [`UPDATE audit_entries SET summary = '{}'`, /permission denied/],
    ['DELETE FROM audit_checkpoints', /permission denied/],
    ['DELETE FROM ballots', /permission denied/],
    ['DELETE FROM secret_participations', /permission denied/],
    ['UPDATE secret_slots SET choice = choice', /permission denied/],
    ['DELETE FROM polls', /permission denied/],
    ['DELETE FROM minority_opinions', /permission denied/],
  ])('refuses %s', async (sql, refusal) => {
    await expect(asRuntime.query(sql)).rejects.toThrow(refusal);
  });

  it('may still append to the audit log (dated by the database) and read it', async () => {
    await asRuntime.query(`INSERT INTO audit_entries (chain, council_id, action, object_type) VALUES ($1::text, $1::uuid, 'role.check', 'x')`, [g.council.id]);
    const { rows } = await asRuntime.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'role.check'`);
    expect(rows[0].n).toBe(1);
  });
});
