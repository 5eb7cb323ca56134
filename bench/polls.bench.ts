import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { api, scratchDatabase, startServer } from './support';
import { Benchmark, metric, percentile } from './harness';

const BALLOTS = Number(process.env.BENCH_POLLS_BALLOTS ?? 1_000_000);
const CASTS = Number(process.env.BENCH_POLLS_CASTS ?? 6_400);
const CONCURRENCY = Number(process.env.BENCH_POLLS_CONCURRENCY ?? 64);
const RULE = { method: 'majority', base: 'cast' };

/** Users, memberships and seats in one working group, straight into the tables (no one logs in: tokens are minted). */
async function seedVoters(pg: Client, councilId: string, groupId: string, count: number, tag: string): Promise<{ userIds: string[] }> {
  await pg.query(
    `WITH u AS (
       INSERT INTO users (email, password_hash, full_name)
       SELECT 'voter-' || $3 || '-' || g || '@bench.kenes.example', 'not-a-login', 'Voter ' || g FROM generate_series(1, $2) g
       RETURNING id),
     m AS (
       INSERT INTO memberships (council_id, user_id, roles, attributes, starts_on)
       SELECT $1, u.id, '{member}', '{}', '2020-01-01' FROM u RETURNING id)
     INSERT INTO working_group_members (working_group_id, membership_id, role) SELECT $4, m.id, 'member' FROM m`,
    [councilId, count, tag, groupId],
  );
  const { rows } = await pg.query<{ id: string }>(`SELECT id FROM users WHERE email LIKE $1`, [`voter-${tag}-%`]);
  return { userIds: rows.map((r) => r.id) };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

/**
 * npm run bench:polls: closing a poll with 1,000,000 bulk-loaded ballots
 * against the bare GROUP BY over them; and ballots per second through the API
 * at concurrency 64 against plain single-row INSERTs with the same unique
 * constraint from Node at the same concurrency.
 */
export const pollsBenchmark: Benchmark = {
  name: 'polls',
  description: `close a poll of ${BALLOTS} ballots; cast ${CASTS} ballots through the API at concurrency ${CONCURRENCY}`,
  async run() {
    const db = await scratchDatabase('polls');
    const secret = randomBytes(32).toString('hex');
    const admin = { email: 'bench-admin@kenes.example', password: randomBytes(12).toString('hex') };
    const server = await startServer({ DATABASE_URL: db.url, JWT_SECRET: secret, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256', issuer: 'kenes', expiresIn: 3600 } });
    const tokenOf = (userId: string) => jwt.sign({ sub: userId, email: `${userId}@bench`, adm: false, typ: 'access' });
    try {
      const { accessToken: adminToken } = await api(server.url, 'POST', '/auth/login', undefined, admin);
      const council = await api(server.url, 'POST', '/councils', adminToken, { name: 'Polls bench', slug: 'polls-bench', balanceDimensions: [], minorityOpinionWindowHours: 24 });
      const bigGroup = await api(server.url, 'POST', `/councils/${council.id}/working-groups`, adminToken, { name: 'Hall', mandate: 'the million' });
      const castGroup = await api(server.url, 'POST', `/councils/${council.id}/working-groups`, adminToken, { name: 'Casters', mandate: 'the casters' });

      // 1. Close a poll of BALLOTS bulk-loaded ballots.
      const l0 = performance.now();
      await seedVoters(pg, council.id, bigGroup.id, BALLOTS, 'big');
      const big = await api(server.url, 'POST', `/working-groups/${bigGroup.id}/polls`, adminToken, { question: 'A million ballots', secret: false, rule: RULE });
      await api(server.url, 'POST', `/polls/${big.id}/open`, adminToken);
      await pg.query(
        `INSERT INTO ballots (poll_id, membership_id, choice, receipt)
         SELECT poll_id, membership_id, (ARRAY['for','for','against','abstain'])[1 + floor(random() * 4)::int], 'R' || md5(membership_id::text || random()::text)
           FROM poll_voters WHERE poll_id = $1`,
        [big.id],
      );
      await pg.query('VACUUM ANALYZE ballots');
      const loadSeconds = (performance.now() - l0) / 1000;
      const groupBy = () => pg.query(`SELECT choice, count(*) FROM ballots WHERE poll_id = $1 GROUP BY choice`, [big.id]);
      const bare: number[] = [];
      for (let i = 0; i < 3; i++) bare.push((await timed(groupBy))[1]);
      const [closed, closeMs] = await timed(() => api(server.url, 'POST', `/polls/${big.id}/close`, adminToken));
      for (let i = 0; i < 3; i++) bare.push((await timed(groupBy))[1]);
      if (closed.tally.participation !== BALLOTS) throw new Error(`closed with ${closed.tally.participation} ballots, expected ${BALLOTS}`);
      const bareMedian = percentile(bare, 50);

      // 2. Ballots per second through the API, CONCURRENCY at a time, each from a distinct voter.
      const { userIds } = await seedVoters(pg, council.id, castGroup.id, CASTS, 'cast');
      const poll = await api(server.url, 'POST', `/working-groups/${castGroup.id}/polls`, adminToken, { question: 'Cast speed', secret: false, rule: RULE });
      await api(server.url, 'POST', `/polls/${poll.id}/open`, adminToken);
      const tokens = userIds.map(tokenOf);
      const latencies: number[] = [];
      let next = 0;
      let failures = 0;
      const worker = async () => {
        for (;;) {
          const i = next++;
          if (i >= tokens.length) return;
          const t0 = performance.now();
          const res = await fetch(`${server.url}/api/v1/polls/${poll.id}/ballot`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
            body: JSON.stringify({ choice: i % 3 === 0 ? 'against' : 'for' }),
          });
          await res.arrayBuffer();
          if (res.status !== 200) failures++;
          latencies.push(performance.now() - t0);
        }
      };
      const [, castMs] = await timed(() => Promise.all(Array.from({ length: CONCURRENCY }, worker)));
      if (failures) throw new Error(`${failures} casts failed`);
      const castPerS = (CASTS / castMs) * 1000;

      // Baseline: plain INSERTs, one row each, same unique constraint, same concurrency, from Node.
      await pg.query(`CREATE TABLE bench_insert (poll_id uuid NOT NULL, membership_id uuid NOT NULL, choice text NOT NULL, PRIMARY KEY (poll_id, membership_id))`);
      const pool = new Pool({ connectionString: db.url, max: CONCURRENCY });
      await Promise.all(Array.from({ length: CONCURRENCY }, () => pool.query('SELECT 1')));
      const pollId = randomBytes(16).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
      let n = 0;
      const inserter = async () => {
        for (;;) {
          const i = n++;
          if (i >= CASTS) return;
          await pool.query('INSERT INTO bench_insert (poll_id, membership_id, choice) VALUES ($1, gen_random_uuid(), $2)', [pollId, i % 3 === 0 ? 'against' : 'for']);
        }
      };
      const [, insertMs] = await timed(() => Promise.all(Array.from({ length: CONCURRENCY }, inserter)));
      await pool.end();
      const insertPerS = (CASTS / insertMs) * 1000;

      return {
        name: 'polls',
        params: {
          ballots: BALLOTS,
          loadSeconds: Math.round(loadSeconds),
          casts: CASTS,
          concurrency: CONCURRENCY,
          castP50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
          castP99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
          closeBaseline: 'median of 6 bare SELECT choice, count(*) ... GROUP BY over the same ballots',
          castBaseline: 'plain single-row INSERT with the same unique constraint, from Node, same concurrency',
        },
        metrics: [
          metric('close_1m_ms', 'ms', closeMs, bareMedian, 'ratio <= 1.5'),
          // For throughput the goal is a floor: value/baseline >= 0.25.
          metric('cast_per_s', 'ballots/s', castPerS, insertPerS, 'ratio >= 0.25'),
        ],
      };
    } finally {
      await pg.end();
      await server.stop();
      await db.drop();
    }
  },
};
