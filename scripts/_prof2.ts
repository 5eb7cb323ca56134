import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { api, scratchDatabase, startServer } from '../bench/support';
(async () => {
  const db = await scratchDatabase('prof');
  const secret = randomBytes(32).toString('hex');
  const admin = { email: 'a@kenes.example', password: 'passwordpassword' };
  const server = await startServer({ DATABASE_URL: db.url, JWT_SECRET: secret, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password }, process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []);
  const pg = new Client({ connectionString: db.url }); await pg.connect();
  const jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256', issuer: 'kenes', expiresIn: 3600 } });
  const { accessToken: t } = await api(server.url, 'POST', '/auth/login', undefined, admin);
  const c = await api(server.url, 'POST', '/councils', t, { name: 'P', slug: 'p', balanceDimensions: [], minorityOpinionWindowHours: 1 });
  const g = await api(server.url, 'POST', `/councils/${c.id}/working-groups`, t, { name: 'G', mandate: 'g' });
  const N = 3000;
  await pg.query(`WITH u AS (INSERT INTO users (email, password_hash, full_name) SELECT 'v'||g||'@x.example','x','V' FROM generate_series(1,${N}) g RETURNING id),
    m AS (INSERT INTO memberships (council_id,user_id,roles,attributes,starts_on) SELECT $1,u.id,'{member}','{}','2020-01-01' FROM u RETURNING id)
    INSERT INTO working_group_members (working_group_id, membership_id, role) SELECT $2, m.id, 'member' FROM m`, [c.id, g.id]);
  const users = (await pg.query(`SELECT id FROM users WHERE email LIKE 'v%@x.example'`)).rows.map((r) => r.id);
  const p = await api(server.url, 'POST', `/working-groups/${g.id}/polls`, t, { question: 'q', secret: false, rule: { method: 'majority', base: 'cast' } });
  await api(server.url, 'POST', `/polls/${p.id}/open`, t);
  const tok = users.map((u) => jwt.sign({ sub: u, email: 'x', adm: false, typ: 'access' }));
  const one = async (i: number) => { const r = await fetch(`${server.url}/api/v1/polls/${p.id}/ballot`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${tok[i]}` }, body: '{"choice":"for"}' }); await r.text(); if (r.status !== 200) console.log(r.status); };
  let n = 0; const c0 = performance.now();
  await Promise.all(Array.from({ length: 32 }, async () => { for (;;) { const i = n++; if (i >= N) return; await one(i); } }));
  console.log('conc32 casts per s', N / ((performance.now() - c0) / 1000));
  await pg.end(); await server.stop(); await db.drop();
})().catch((e) => { console.error(e); process.exit(1); });
