import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startTestApp, TestApp } from '../support/test-app';
import { API, createCouncil, createGroup, loginAdmin } from '../support/factories';
import { bulkVoters, cast, createPoll, makeCoordinator, Member, openPoll } from '../support/poll-factories';

const CLIENTS = 40;
const LOGINS_PER_CLIENT = 3;
const EXPIRED_ROWS = 150;
// well under the throttler's 1,000 requests a minute from one address
const MAX_LOGINS = 600;

/**
 * Logins hash passwords (argon2, tens of milliseconds of CPU each). A crowd
 * of them, e.g. random emails posted by a script, must queue for the CPU,
 * never hold database connections while they wait: the hall keeps voting.
 */
describe('a flood of logins', () => {
  let t: TestApp;
  let voters: Member[];
  let runner: Member;
  let groupId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await loginAdmin(t);
    const council = await createCouncil(t, admin);
    groupId = (await createGroup(t, admin, council.id)).id;
    voters = await bulkVoters(t, council.id, groupId, 24);
    runner = await makeCoordinator(t, groupId, voters[23]);
  });
  afterAll(() => t.close());

  it('holds no connection in a transaction while hashing: every ballot cast during it succeeds, and expired failures are pruned', async () => {
    const poll = await createPoll(t, runner, groupId, { method: 'majority', base: 'cast', allowChange: true });
    await openPoll(t, runner, poll.id);
    // failures of emails whose last attempt left the 15-minute window long ago
    await t.db.query(
      `INSERT INTO login_failures (email, failed_at, last_at)
       SELECT 'expired-' || g || '@kenes.test', ARRAY[now() - interval '1 hour'], now() - interval '1 hour' FROM generate_series(1, $1::int) g`,
      [EXPIRED_ROWS],
    );

    const sampler = new Client({ connectionString: t.env.DATABASE_URL });
    await sampler.connect();
    let flooding = true;
    let samples = 0;
    let samplesWhileCasting = 0;
    // set before the flood starts: its clients go on while the hall votes
    let casting = true;
    const idleInLogin: string[] = [];
    const sampling = (async () => {
      while (flooding) {
        const { rows } = await sampler.query<{ query: string }>(
          `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'`,
        );
        samples += 1;
        if (casting) samplesWhileCasting += 1;
        // The last statement of a connection that waits, inside a transaction, on a login's password hash.
        idleInLogin.push(...rows.map((r) => r.query).filter((q) => /login_failures|kenes\.login|"users"/.test(q)));
      }
    })();

    // Each client keeps logging in until the hall has finished voting (at least
    // LOGINS_PER_CLIENT times each, at most MAX_LOGINS in all), so the flood covers
    // the casts however fast or slow this machine hashes.
    const emails: string[] = [];
    const loginStatuses: number[] = [];
    const flood = Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = 0; (i < LOGINS_PER_CLIENT || casting) && emails.length < MAX_LOGINS; i++) {
          const email = `flood-${randomBytes(8).toString('hex')}@kenes.test`;
          emails.push(email);
          const res = await t.http().post(`${API}/auth/login`).send({ email, password: 'guess-guess-guess' });
          loginStatuses.push(res.status);
        }
      }),
    ).finally(() => (flooding = false));

    // The hall votes while the flood runs: one member after another.
    const castStatuses: number[] = [];
    let castsDuringFlood = 0;
    for (const [i, v] of voters.entries()) {
      const res = await cast(t, v, poll.id, { choice: i % 2 ? 'for' : 'against' });
      castStatuses.push(res.status);
      if (flooding) castsDuringFlood += 1;
    }
    casting = false;
    await flood;
    await sampling;
    await sampler.end();

    expect(idleInLogin.slice(0, 3)).toEqual([]);
    expect(castStatuses).toEqual(voters.map(() => 200));
    expect(loginStatuses).toEqual(emails.map(() => 401));
    // the flood was still on when the casts ran, and the sampler looked while they did
    expect(castsDuringFlood).toBeGreaterThan(voters.length / 2);
    expect(samplesWhileCasting).toBeGreaterThan(0);
    expect(samples).toBeGreaterThan(10);
    const [{ n: ballots }] = await t.db.query('SELECT count(*)::int AS n FROM ballots WHERE poll_id = $1', [poll.id]);
    expect(ballots).toBe(voters.length);

    // every attempt was counted, once per email; the expired rows went as new emails came
    const [{ n: counted }] = await t.db.query(`SELECT count(*)::int AS n FROM login_failures WHERE email = ANY($1) AND cardinality(failed_at) = 1`, [emails]);
    expect(counted).toBe(emails.length);
    const [{ n: expired }] = await t.db.query(`SELECT count(*)::int AS n FROM login_failures WHERE last_at <= now() - interval '15 minutes'`);
    expect(expired).toBe(0);
  });
});
