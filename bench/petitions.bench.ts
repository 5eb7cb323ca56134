import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { Client, Pool } from 'pg';
import { api, scratchDatabase, startServer } from './support';
import { Benchmark, median, metric, percentile } from './harness';

const CONFIRMATIONS = Number(process.env.BENCH_PETITIONS_CONFIRMATIONS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_PETITIONS_CONCURRENCY ?? 64);
const SIGNATURES = Number(process.env.BENCH_PETITIONS_SIGNATURES ?? 1_000_000);
const READS = 21;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

/** One POST on a keep-alive connection (node:http: fetch's own CPU would be charged to the API on 2 cores). */
function post(agent: http.Agent, url: string, body: unknown): Promise<number> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode as number));
    });
    req.once('error', reject);
    req.end(text);
  });
}

function get(agent: http.Agent, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.once('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`GET ${url}: ${res.statusCode} ${body}`))));
      })
      .once('error', reject);
  });
}

/** Runs `work(i)` for i in [0, n), CONCURRENCY at a time; answers per second. */
async function concurrently(n: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      await work(i);
    }
  };
  const [, ms] = await timed(() => Promise.all(Array.from({ length: CONCURRENCY }, worker)));
  return (n / ms) * 1000;
}

/** Pending email signatures as signing leaves them (a keyed signer hash, the token's SHA-256, 48 hours), in bulk; answers the tokens. */
async function seedPending(pg: Client, petitionId: string, n: number): Promise<{ tokens: string[]; signers: Buffer[] }> {
  const tokens = Array.from({ length: n }, () => randomBytes(32).toString('base64url'));
  const signers = Array.from({ length: n }, () => randomBytes(32));
  for (let i = 0; i < n; i += 5_000) {
    const t = tokens.slice(i, i + 5_000);
    await pg.query(
      `INSERT INTO petition_signatures (petition_id, signer_hash, method, status, token_hash, expires_at)
       SELECT $1, s, 'email', 'pending', h, now() + interval '48 hours' FROM unnest($2::bytea[], $3::bytea[]) AS x(s, h)`,
      [petitionId, signers.slice(i, i + 5_000), t.map((x) => createHash('sha256').update(x).digest())],
    );
  }
  return { tokens, signers };
}

/**
 * npm run bench:petitions: email confirmations per second through the API at
 * concurrency 64 (each validates a signature, bumps the petition's kept
 * counters under its row lock, checks the thresholds and writes its audit
 * entry, in one transaction) against plain INSERTs of the same rows with the
 * same unique index from Node at the same concurrency; and reading a
 * petition's count at 1,000,000 signatures against a bare count(*) of them.
 */
export const petitionsBenchmark: Benchmark = {
  name: 'petitions',
  description: `confirm ${CONFIRMATIONS} email signatures through the API at concurrency ${CONCURRENCY}; read a count at ${SIGNATURES} signatures`,
  async run() {
    const db = await scratchDatabase('petitions');
    const admin = { email: 'bench-admin@kenes.example', password: randomBytes(12).toString('hex') };
    // Production needs a mail server for email signatures; confirmations send none, so none listens here.
    const server = await startServer({ DATABASE_URL: db.url, JWT_SECRET: randomBytes(32).toString('hex'), ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, SMTP_URL: 'smtp://127.0.0.1:9' }, process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/pet-prof'] : []);
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    try {
      const { accessToken } = await api(server.url, 'POST', '/auth/login', undefined, admin);
      const council = await api(server.url, 'POST', '/councils', accessToken, { name: 'Petitions bench', slug: 'petitions-bench', balanceDimensions: [], minorityOpinionWindowHours: 24 });
      const group = await api(server.url, 'POST', `/councils/${council.id}/working-groups`, accessToken, { name: 'Petitions', mandate: 'referred petitions' });
      await api(server.url, 'PATCH', `/councils/${council.id}`, accessToken, {
        petitions: { enabled: true, agendaThreshold: 50_000_000, signatureDays: 30, responseDays: 60, verification: ['email'], workingGroupId: group.id },
      });
      const open = async (title: string) => {
        const p = await api(server.url, 'POST', `/councils/${council.id}/petitions`, undefined, { title, summary: 'Bench.', body: 'Bench.', authorName: 'Bench', authorEmail: 'bench@kenes.example' });
        await api(server.url, 'POST', `/petitions/${p.id}/moderation`, accessToken, { decision: 'publish' });
        return p.id as string;
      };

      // 1. Confirmations through the API vs plain INSERTs of the same rows.
      const petitionId = await open('Confirmations');
      const { tokens, signers } = await seedPending(pg, petitionId, CONFIRMATIONS);
      await pg.query('VACUUM ANALYZE petition_signatures');
      const latencies: number[] = [];
      let failures = 0;
      const confirmUrl = `${server.url}/api/v1/signature-confirmations`;
      const confirmPerS = await concurrently(CONFIRMATIONS, async (i) => {
        const t0 = performance.now();
        if ((await post(agent, confirmUrl, { token: tokens[i] })) !== 200) failures++;
        latencies.push(performance.now() - t0);
      });
      if (failures) throw new Error(`${failures} confirmations failed`);
      const { rows: counted } = await pg.query<{ signatures: number }>('SELECT signatures FROM petitions WHERE id = $1', [petitionId]);
      if (counted[0].signatures !== CONFIRMATIONS) throw new Error(`counted ${counted[0].signatures}, expected ${CONFIRMATIONS}`);

      await pg.query(`CREATE TABLE bench_signatures (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), petition_id uuid NOT NULL, signer_hash bytea NOT NULL, status text NOT NULL, validated_at timestamptz)`);
      await pg.query(`CREATE UNIQUE INDEX bench_signatures_signer ON bench_signatures (petition_id, signer_hash)`);
      const pool = new Pool({ connectionString: db.url, max: CONCURRENCY });
      await Promise.all(Array.from({ length: CONCURRENCY }, () => pool.query('SELECT 1')));
      const insertPerS = await concurrently(CONFIRMATIONS, async (i) => {
        await pool.query(`INSERT INTO bench_signatures (petition_id, signer_hash, status, validated_at) VALUES ($1, $2, 'validated', now())`, [petitionId, signers[i]]);
      });
      await pool.end();

      // 2. A petition's count at SIGNATURES validated signatures (bulk-loaded, its kept counter set as validations leave it).
      const bigId = await open('A million signatures');
      await pg.query(
        `INSERT INTO petition_signatures (petition_id, signer_hash, method, status, validated_at)
         SELECT $1, sha256(convert_to('bench-' || g, 'UTF8')), 'email', 'validated', now() FROM generate_series(1, $2) g`,
        [bigId, SIGNATURES],
      );
      await pg.query('UPDATE petitions SET signatures = $2 WHERE id = $1', [bigId, SIGNATURES]);
      await pg.query('VACUUM ANALYZE petition_signatures');
      const countAll = () => pg.query(`SELECT count(*) FROM petition_signatures WHERE petition_id = $1 AND status = 'validated'`, [bigId]);
      const bare: number[] = [];
      const reads: number[] = [];
      for (let i = 0; i < READS; i++) {
        bare.push((await timed(countAll))[1]);
        const [body, ms] = await timed(() => get(agent, `${server.url}/api/v1/petitions/${bigId}`));
        if (JSON.parse(body).signatures !== SIGNATURES) throw new Error('the count read is wrong');
        reads.push(ms);
      }
      const ms1 = (x: number) => Math.round(x * 10) / 10;
      return {
        name: 'petitions',
        params: {
          confirmations: CONFIRMATIONS,
          concurrency: CONCURRENCY,
          confirmP50Ms: ms1(percentile(latencies, 50)),
          confirmP99Ms: ms1(percentile(latencies, 99)),
          confirmBaseline: 'plain single-row INSERT of the same rows with the same unique index (petition_id, signer_hash), from Node, same concurrency',
          signatures: SIGNATURES,
          countBaseline: `median of ${READS} bare SELECT count(*) over the petition's validated signatures`,
          count: `median of ${READS} GET /petitions/:id (a kept counter)`,
        },
        metrics: [
          metric('confirm_per_s', 'confirmations/s', confirmPerS, insertPerS, 'ratio >= 0.25'),
          metric('count_1m_ms', 'ms', median(reads), median(bare), 'ratio <= 1.5'),
        ],
      };
    } finally {
      agent.destroy();
      await pg.end();
      await server.stop();
      await db.drop();
    }
  },
};
