import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { SearchRepository } from '../libs/proposals/src/search.repository';
import { proposalText, rng, SEARCHES } from './search-corpus';
import { api, scratchDatabase, startServer } from './support';
import { Benchmark, metric, percentile } from './harness';

const N = Number(process.env.BENCH_SEARCH_N ?? 100_000);
const ITERATIONS = Number(process.env.BENCH_SEARCH_ITERATIONS ?? 15);
const LIMIT = 20;
const BATCH = 2000;
const STATUSES = ['draft', 'in_consultation', 'in_deliberation', 'recommended', 'not_recommended', 'supported', 'in_implementation'];

/**
 * npm run bench:search: 100,000 proposals in Russian, Kazakh and English;
 * the API's search (HTTP, auth, access checks, ranked query with snippets)
 * against the bare SQL of the same search, in the same run.
 */
export const searchBenchmark: Benchmark = {
  name: 'search',
  description: `full-text search over ${N} proposals: API vs the bare SQL of the same search`,
  async run() {
    const db = await scratchDatabase('search');
    const admin = { email: 'bench-admin@kenes.example', password: randomBytes(12).toString('hex') };
    const server = await startServer({ DATABASE_URL: db.url, JWT_SECRET: randomBytes(32).toString('hex'), ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const { accessToken: adminToken } = await api(server.url, 'POST', '/auth/login', undefined, admin);
      const council = await api(server.url, 'POST', '/councils', adminToken, { name: 'Search bench', slug: 'search-bench', balanceDimensions: [], minorityOpinionWindowHours: 24 });
      const groups: string[] = [];
      for (const name of ['Political', 'Economic', 'Social', 'Cultural']) {
        groups.push((await api(server.url, 'POST', `/councils/${council.id}/working-groups`, adminToken, { name, mandate: name })).id);
      }
      const password = randomBytes(12).toString('hex');
      const user = await api(server.url, 'POST', '/users', adminToken, { email: 'bench-secretariat@kenes.example', password, fullName: 'Bench Secretariat' });
      await api(server.url, 'POST', `/councils/${council.id}/memberships`, adminToken, { userId: user.id, roles: ['secretariat'], startsOn: '2020-01-01', attributes: {} });
      const { accessToken: token } = await api(server.url, 'POST', '/auth/login', undefined, { email: 'bench-secretariat@kenes.example', password });

      const r = rng(20261125);
      const t0 = performance.now();
      for (let done = 0; done < N; done += BATCH) {
        const size = Math.min(BATCH, N - done);
        const rows = Array.from({ length: size }, (_, i) => ({ ...proposalText(r), status: STATUSES[(done + i) % STATUSES.length], group: groups[(done + i) % groups.length] }));
        await pg.query(
          `INSERT INTO proposals (council_id, working_group_id, status, current_version, title, summary, body)
           SELECT $1, g, s, 1, t, su, b FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(g, s, t, su, b)`,
          [council.id, rows.map((x) => x.group), rows.map((x) => x.status), rows.map((x) => x.title), rows.map((x) => x.summary), rows.map((x) => x.body)],
        );
      }
      await pg.query('ANALYZE');
      const loadSeconds = (performance.now() - t0) / 1000;

      const scope = { councilId: council.id, all: true, council: false, observer: false, groupIds: [], agencyIds: [] };
      const apiMs: number[] = [];
      const sqlMs: number[] = [];
      const hits: number[] = [];
      const run = async (i: number, s: (typeof SEARCHES)[number], measure: boolean) => {
        const groupId = s.group ? groups[i % groups.length] : undefined;
        const qs = new URLSearchParams({ q: s.q, limit: String(LIMIT), ...(s.status ? { status: s.status } : {}), ...(groupId ? { groupId } : {}) });
        const a0 = performance.now();
        const page = await api(server.url, 'GET', `/councils/${council.id}/proposals?${qs}`, token);
        const a1 = performance.now();
        const { sql, params } = SearchRepository.build(scope, { q: s.q, status: s.status as never, groupId }, null, LIMIT + 1);
        const s0 = performance.now();
        await pg.query(sql, params);
        const s1 = performance.now();
        if (measure) {
          apiMs.push(a1 - a0);
          sqlMs.push(s1 - s0);
          hits.push(page.items.length);
        }
      };
      for (const s of SEARCHES) await run(0, s, false); // warm up caches and plans
      for (let i = 0; i < ITERATIONS; i++) for (const s of SEARCHES) await run(i, s, true);

      return {
        name: 'search',
        params: {
          proposals: N,
          searches: SEARCHES.length,
          iterations: ITERATIONS,
          samples: apiMs.length,
          pageSize: LIMIT,
          loadSeconds: Math.round(loadSeconds),
          meanHitsPerPage: Math.round((hits.reduce((a, b) => a + b, 0) / hits.length) * 10) / 10,
          baseline: 'the same SQL (ranked query with snippets) sent bare over one pg connection',
        },
        metrics: [
          metric('search_p95_ms', 'ms', percentile(apiMs, 95), percentile(sqlMs, 95), 'ratio <= 2'),
          metric('search_p50_ms', 'ms', percentile(apiMs, 50), percentile(sqlMs, 50), 'informational'),
        ],
      };
    } finally {
      await pg.end();
      await server.stop();
      await db.drop();
    }
  },
};
