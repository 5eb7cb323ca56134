import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BallotCrypto } from '@kenes/polls/ballot-crypto';
import { TalliesRepository } from '@kenes/polls/tallies.repository';
import { prepareRuntime } from '../../apps/api/src/runtime';
import { startTestApp, TestApp } from '../support/test-app';
import { closePoll, createPoll, GroupCouncil, groupCouncil, openPoll, vote } from '../support/poll-factories';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Plays the operator of SPEC.md's Integrity after a secret poll of 30 ballots
 * has closed: someone with full read access to the database, and even with
 * BALLOT_KEY, looks for a link between who took part and what was chosen.
 */
describe('a closed secret poll, read by its operator', () => {
  const ballotKey = randomBytes(32).toString('base64url');
  let t: TestApp;
  let g: GroupCouncil;
  let pollId: string;
  /** In casting order: who voted what (what the operator wants to learn). */
  const cast: { membershipId: string; choice: string; receipt: string; key: string | undefined }[] = [];
  /** Every log line the server wrote, at the most talkative level. */
  const logs: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ BALLOT_KEY: ballotKey, LOG_LEVEL: 'trace' }, { logStream: { write: (line: string) => void logs.push(line) } });
    g = await groupCouncil(t, 29); // 30 voters
    const poll = await createPoll(t, g.coordinator, g.groupId, { method: 'majority', base: 'cast' }, { secret: true });
    pollId = poll.id;
    await openPoll(t, g.coordinator, pollId);
    // One at a time, so that without the closing rewrite physical order would be casting order exactly.
    const choices = ['for', 'against', 'abstain'];
    for (const [i, voter] of g.voters.entries()) {
      const choice = choices[(i * 7) % 3 === 0 ? 0 : (i * 5) % 3];
      const key = i % 3 === 0 ? `operator-test-key-${i}-${randomBytes(4).toString('hex')}` : undefined;
      cast.push({ membershipId: voter.membershipId, choice, key, receipt: await vote(t, voter, pollId, choice, key) });
    }
    const [{ n: vacuumsBefore }] = await t.db.query(`SELECT vacuum_count::int AS n FROM pg_stat_user_tables WHERE relname = 'secret_slots'`);
    await closePoll(t, g.coordinator, pollId);
    await t.app.get(TalliesRepository).vacuumed();
    vacuumedByClose = (await t.db.query(`SELECT vacuum_count::int AS n FROM pg_stat_user_tables WHERE relname = 'secret_slots'`))[0].n > vacuumsBefore;
  }, 120_000);
  let vacuumedByClose = false;
  afterAll(() => t.close());

  const crypto = () => t.app.get(BallotCrypto);
  /** The slots' choices in physical order, opened with BALLOT_KEY (the strongest operator). */
  async function slotChoicesBy(order: string): Promise<string[]> {
    const rows: { id: string; choice: string }[] = await t.db.query(`SELECT id, choice FROM secret_slots WHERE poll_id = $1 ORDER BY ${order}`, [pollId]);
    return rows.map((r) => crypto().open(pollId, r.id, r.choice));
  }
  const choiceOf = (membershipId: string) => (cast.find((c) => c.membershipId === membershipId) as { choice: string }).choice;

  it('still counts every ballot, and every receipt still proves its own choice', async () => {
    const rows: { id: string; choice: string; receiptHash: string }[] = await t.db.query(
      'SELECT id, choice, receipt_hash AS "receiptHash" FROM secret_slots WHERE poll_id = $1',
      [pollId],
    );
    expect(rows).toHaveLength(30);
    for (const c of cast) {
      const slot = rows.find((r) => r.receiptHash === sha256(c.receipt)) as { id: string; choice: string };
      expect(crypto().open(pollId, slot.id, slot.choice)).toBe(c.choice);
    }
  });

  it('finds no link through transaction ids: every choice was rewritten by the closing transaction', async () => {
    const [{ xmins }] = await t.db.query('SELECT count(DISTINCT xmin::text)::int AS xmins FROM secret_slots WHERE poll_id = $1', [pollId]);
    expect(xmins).toBe(1);
    const joined = await t.db.query(
      'SELECT count(*)::int AS n FROM secret_participations p JOIN secret_slots s ON s.poll_id = p.poll_id AND s.xmin::text = p.xmin::text WHERE p.poll_id = $1',
      [pollId],
    );
    expect(joined[0].n).toBe(0);
  });

  it('finds no link through physical order: neither the participations’ nor the audit log’s order matches the choices’', async () => {
    const byPlace = await slotChoicesBy('ctid');
    const participations: { membershipId: string }[] = await t.db.query(
      'SELECT membership_id AS "membershipId" FROM secret_participations WHERE poll_id = $1 ORDER BY ctid',
      [pollId],
    );
    const audited: { membershipId: string }[] = await t.db.query(
      `SELECT summary->'after'->>'membershipId' AS "membershipId" FROM audit_entries WHERE object_id = $1 AND action = 'ballot.cast' ORDER BY seq`,
      [pollId],
    );
    // Both orders are the casting order here, so an unshuffled table would give the choices away exactly.
    expect(participations.map((p) => p.membershipId)).toEqual(cast.map((c) => c.membershipId));
    expect(audited.map((p) => p.membershipId)).toEqual(cast.map((c) => c.membershipId));
    expect(byPlace).not.toEqual(participations.map((p) => choiceOf(p.membershipId)));
    expect(byPlace).not.toEqual(audited.map((p) => choiceOf(p.membershipId)));
    expect(byPlace.slice().sort()).toEqual(cast.map((c) => c.choice).sort());
  });

  it('finds no old version of a choice left in the table’s pages (the close vacuums them away)', async () => {
    expect(vacuumedByClose).toBe(true);
    await t.db.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
    const castXmins = (await t.db.query('SELECT xmin::text AS x FROM secret_participations WHERE poll_id = $1', [pollId])).map((r: { x: string }) => r.x);
    expect(castXmins).toHaveLength(30);
    const linked = async (): Promise<number> => {
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n
           FROM generate_series(0, (pg_relation_size('secret_slots') / current_setting('block_size')::int)::int - 1) AS b,
                LATERAL heap_page_items(get_raw_page('secret_slots', b)) h
          WHERE h.lp_flags = 1 AND h.t_xmin::text = ANY($1::text[])`,
        [castXmins],
      );
      return n;
    };
    // Another transaction still running when the close committed could hold the vacuum back for a moment: retry.
    let n = await linked();
    for (let i = 0; i < 20 && n > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      t.app.get(TalliesRepository).vacuumSecretChoices();
      await t.app.get(TalliesRepository).vacuumed();
      n = await linked();
    }
    expect(n).toBe(0);
  });

  it('finds nothing in lengths or timestamps: one ciphertext length, and no time kept beside a choice', async () => {
    const lengths: { n: number }[] = await t.db.query('SELECT DISTINCT length(choice) AS n FROM secret_slots WHERE poll_id = $1', [pollId]);
    expect(lengths).toHaveLength(1);
    const timeColumns = await t.db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name IN ('secret_slots', 'secret_participations') AND (data_type LIKE 'time%' OR data_type = 'date')`,
    );
    expect(timeColumns).toEqual([]);
    // No column keeps a choice in the clear, alone or as a JSON value. (A substring test would fail now and then:
    // a random base64url ciphertext contains "for" about once in 150 runs of this poll.)
    const choices = new Set(cast.map((c) => c.choice));
    const slots: Record<string, unknown>[] = await t.db.query('SELECT * FROM secret_slots WHERE poll_id = $1', [pollId]);
    expect(slots.length).toBeGreaterThanOrEqual(cast.length);
    for (const row of slots) {
      expect(row.choice).toMatch(/^v2\.[A-Za-z0-9_-]+$/);
      for (const v of Object.values(row)) {
        const text = typeof v === 'string' ? v : JSON.stringify(v);
        expect([...choices].filter((ch) => text === ch || text.includes(JSON.stringify(ch)))).toEqual([]);
      }
    }
  });

  it('finds BALLOT_KEY in no table', async () => {
    const tables: { name: string }[] = await t.db.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.length).toBeGreaterThan(20);
    const forms = [ballotKey, Buffer.from(ballotKey).toString('hex'), Buffer.from(ballotKey).toString('base64')];
    for (const { name } of tables) {
      const [{ dump }] = await t.db.query(`SELECT coalesce(string_agg(x::text, E'\\n'), '') AS dump FROM "${name}" x`);
      for (const form of forms) expect({ table: name, found: (dump as string).includes(form) }).toEqual({ table: name, found: false });
    }
  });

  it('finds neither BALLOT_KEY, a receipt nor a secret Idempotency-Key in any log line, even at trace level', () => {
    const text = logs.join('');
    expect(logs.length).toBeGreaterThan(60);
    expect(text).toContain(pollId);
    expect(text).not.toContain(ballotKey);
    // Request lines carry the method, the URL and the status, never the headers.
    expect(text).not.toMatch(/"headers"|authorization|idempotency-key/i);
    for (const c of cast) {
      expect(text).not.toContain(c.receipt);
      expect(text).not.toContain(sha256(c.receipt));
      if (c.key) expect(text).not.toContain(c.key);
    }
  });

  it('keeps a generated BALLOT_KEY only in its own file under KENES_HOME, readable by its owner alone', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kenes-home-'));
    const runtime = await prepareRuntime({ NODE_ENV: 'development', DATABASE_URL: t.env.DATABASE_URL, KENES_HOME: home, LOG_LEVEL: 'silent' });
    await runtime.stop();
    const key = runtime.env.BALLOT_KEY as string;
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(key).not.toBe(runtime.env.JWT_SECRET);
    const files = readdirSync(home);
    expect(files.sort()).toEqual(['audit-signing-key', 'ballot-key', 'jwt-secret']);
    for (const f of files) {
      expect(statSync(join(home, f)).mode & 0o077).toBe(0);
      expect({ file: f, holdsKey: readFileSync(join(home, f), 'utf8').includes(key) }).toEqual({ file: f, holdsKey: f === 'ballot-key' });
    }
    // A second start keeps the same key (open secret polls must still close).
    const again = await prepareRuntime({ NODE_ENV: 'development', DATABASE_URL: t.env.DATABASE_URL, KENES_HOME: home, LOG_LEVEL: 'silent' });
    await again.stop();
    expect(again.env.BALLOT_KEY).toBe(key);
  });
});
