import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { BallotsRepository } from '@kenes/polls/ballots.repository';
import { toProblem } from '@kenes/common';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer } from '../support/factories';
import { bulkVoters, cast, createPoll, GroupCouncil, groupCouncil, Member, openPoll } from '../support/poll-factories';
import { expectProblem } from '../support/problems';

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\ud800b';

/** A request written byte for byte (a client library refuses a NUL in a header), and its raw answer. */
function rawRequest(url: string, lines: string[], body: string): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(Buffer.from(`${lines.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`, 'latin1'));
      socket.write(body);
    });
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body: rest.join('\r\n\r\n') });
    });
  });
}

/**
 * A NUL character or a lone UTF-16 surrogate cannot be stored in PostgreSQL
 * text and was never typed by anyone: wherever a request carries one, it is a
 * 400 naming the field, and nothing is written.
 */
describe('unsafe text in requests', () => {
  let t: TestApp;
  let g: GroupCouncil;
  let pollId: string;
  let voter: Member;

  const ballotsOf = async (membershipId: string): Promise<number> =>
    (await t.db.query('SELECT count(*)::int AS n FROM ballots WHERE poll_id = $1 AND membership_id = $2', [pollId, membershipId]))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    g = await groupCouncil(t, 3);
    const poll = await createPoll(t, g.coordinator, g.groupId, { method: 'majority', base: 'cast', allowChange: true });
    await openPoll(t, g.coordinator, poll.id);
    pollId = poll.id;
    voter = g.members[0] as Member;
  });
  afterAll(() => t.close());

  it.each([
    ['a NUL', NUL],
    ['a lone surrogate', LONE_SURROGATE],
    ['a lone low surrogate', 'x\udc00'],
  ])('answers 400 naming a body field with %s, and writes nothing', async (_case, bad) => {
    const res = await cast(t, voter, pollId, { choice: 'for', reason: bad });
    expectProblem(res, 400, ['reason']);
    expect(await ballotsOf(voter.membershipId)).toBe(0);
    // nested and in keys too
    const nested = await t.http().post(`${API}/councils`).set(bearer(g.admin)).send({ name: 'N', slug: `n-${randomBytes(3).toString('hex')}`, balanceDimensions: ['ok', bad] });
    expectProblem(nested, 400, ['balanceDimensions.1']);
  });

  it('answers 400 naming a query parameter with a NUL, on a read and on a write (nothing written)', async () => {
    const read = await t.http().get(`${API}/users?email=a%00b`).set(bearer(g.admin));
    expectProblem(read, 400, ['email']);
    const write = await t.http().put(`${API}/polls/${pollId}/ballot?note=x%00y`).set(bearer(voter)).send({ choice: 'for' });
    expectProblem(write, 400, ['note']);
    expect(await ballotsOf(voter.membershipId)).toBe(0);
  });

  it('never answers 500 for bytes that are not UTF-8 in a query (they decode to U+FFFD, which is storable)', async () => {
    const res = await t.http().get(`${API}/users?email=%ED%A0%80`).set(bearer(g.admin));
    expect(res.status).toBe(200);
  });

  it('answers 400 naming the Idempotency-Key header with a NUL, and writes nothing', async () => {
    const body = JSON.stringify({ choice: 'for' });
    const res = await rawRequest(
      t.url,
      [`PUT ${API}/polls/${pollId}/ballot HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${voter.token}`, 'Content-Type: application/json', `Idempotency-Key: ${NUL}`],
      body,
    );
    expect(res.status).toBe(400);
    expect(res.headers).toMatch(/content-type: application\/problem\+json/i);
    const problem = JSON.parse(res.body);
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'Idempotency-Key', message: expect.any(String) }] });
    expect(await ballotsOf(voter.membershipId)).toBe(0);
    // the same request without the NUL is cast
    const ok = await rawRequest(
      t.url,
      [`PUT ${API}/polls/${pollId}/ballot HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: Bearer ${voter.token}`, 'Content-Type: application/json', 'Idempotency-Key: ab'],
      body,
    );
    expect(ok.status).toBe(200);
    expect(await ballotsOf(voter.membershipId)).toBe(1);
  });

  it('answers 401 before 400: an anonymous request with a NUL in its body is refused as anonymous', async () => {
    const res = await cast(t, null, pollId, { choice: 'for', reason: NUL });
    expectProblem(res, 401);
  });

  it('answers a login with a NUL in its email 400, and does not count it as a failed login', async () => {
    const email = `nul-${randomBytes(4).toString('hex')}@kenes.test`;
    const res = await t.http().post(`${API}/auth/login`).send({ email: `${email}\u0000`, password: 'whatever-password' });
    expectProblem(res, 400, ['email']);
    const surrogate = await t.http().post(`${API}/auth/login`).send({ email, password: `pw${LONE_SURROGATE}` });
    expectProblem(surrogate, 400, ['password']);
    expect((await t.db.query('SELECT count(*)::int AS n FROM login_failures WHERE email LIKE $1', [`${email}%`]))[0].n).toBe(0);
  });

  it('lets a bad row fail alone when it reaches a batch of casts: the others are recorded, its error is a 400', async () => {
    const voters = await bulkVoters(t, g.council.id, g.groupId, 12);
    const poll = await createPoll(t, g.coordinator, g.groupId, { method: 'majority', base: 'cast', allowChange: false });
    await openPoll(t, g.coordinator, poll.id);
    const repo = t.app.get(BallotsRepository);
    const casts = voters.map((m, i) => ({
      pollId: poll.id,
      membershipId: m.membershipId,
      choice: 'for' as const,
      reason: i === 5 ? NUL : null,
      receipt: `R${randomBytes(10).toString('hex')}`,
      idempotencyKey: null,
      requestHash: null,
      replace: false,
      councilId: g.council.id as string,
      actorUserId: m.userId,
    }));
    // submitted in one tick, past the HTTP checks, so that they share statements
    const results = await Promise.all(casts.map((c) => repo.castNamed(c).then((r) => ({ ok: r }), (err: unknown) => ({ err }))));
    results.forEach((r, i) => {
      if (i === 5) {
        expect('err' in r).toBe(true);
        expect(toProblem((r as { err: unknown }).err).body.status).toBe(400);
      } else {
        expect(r).toEqual({ ok: { receipt: casts[i].receipt, inserted: true } });
      }
    });
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM ballots WHERE poll_id = $1', [poll.id]);
    expect(n).toBe(voters.length - 1);
  });
});
