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

  describe('the record keeps its shape against the runtime role', () => {
    let named: string;
    let open: string;
    let tied: string;
    beforeAll(async () => {
      named = (await createPoll(runtime, g.coordinator, g.groupId, { method: 'majority', base: 'cast' })).id;
      await openPoll(runtime, g.coordinator, named);
      await vote(runtime, g.voters[1], named, 'for');
      await vote(runtime, g.voters[2], named, 'against');
      tied = named;
      await closePoll(runtime, g.coordinator, named);
      open = (await createPoll(runtime, g.coordinator, g.groupId, { method: 'majority', base: 'cast' }, { secret: true })).id;
      await openPoll(runtime, g.coordinator, open);
      await vote(runtime, g.voters[1], open, 'for');
    });

    it('cannot make a temporary table stand in for polls', async () => {
      await expect(asRuntime.query(`CREATE TEMP TABLE polls AS SELECT * FROM public.polls`)).rejects.toThrow(/permission denied/);
    });

    it('cannot add a ballot to a closed poll, a voter to an open roll, or a participation once closed', async () => {
      await expect(
        asRuntime.query(`INSERT INTO ballots (poll_id, membership_id, choice, receipt, receipt_hash) VALUES ($1, $2, 'for', 'Rforged', 'forged')`, [named, g.voters[0].membershipId]),
      ).rejects.toThrow(/only while it is open/);
      await expect(asRuntime.query(`INSERT INTO poll_voters (poll_id, membership_id) VALUES ($1, $2)`, [open, g.otherMember.membershipId])).rejects.toThrow(/only while it is draft/);
    });

    it('cannot close a poll without sealing it, nor rewrite a tie’s counts', async () => {
      await expect(asRuntime.query(`UPDATE polls SET status = 'closed' WHERE id = $1`, [open])).rejects.toThrow(/closed without being sealed/);
      const [{ tally }] = (await asRuntime.query('SELECT tally FROM polls WHERE id = $1', [tied])).rows;
      expect(tally.outcome).toBe('rejected');
      await expect(
        asRuntime.query(`UPDATE polls SET tally = jsonb_set(tally, '{counts,for}', '7') WHERE id = $1`, [tied]),
      ).rejects.toThrow(/only a casting decision on a tie/);
    });

    it('cannot rewrite the record: session events, versions, transitions, the trace, opinions as filed', async () => {
      for (const table of ['session_events', 'proposal_versions', 'proposal_transitions', 'proposal_trace', 'minority_opinion_signatures']) {
        const [{ column }] = (await asRuntime.query(`SELECT column_name AS column FROM information_schema.columns WHERE table_name = $1 LIMIT 1`, [table])).rows;
        await expect(asRuntime.query(`UPDATE ${table} SET "${column}" = "${column}"`)).rejects.toThrow(/permission denied/);
      }
      await expect(asRuntime.query(`UPDATE minority_opinions SET body = 'We agree after all.'`)).rejects.toThrow(/permission denied/);
    });
  });

  it('may still append to the audit log (dated by the database) and read it', async () => {
    await asRuntime.query(`INSERT INTO audit_entries (chain, council_id, action, object_type) VALUES ($1::text, $1::uuid, 'role.check', 'x')`, [g.council.id]);
    const { rows } = await asRuntime.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = 'role.check'`);
    expect(rows[0].n).toBe(1);
  });
});
