import { randomBytes } from 'node:crypto';
import { startSecondNode, startTestApp, TestApp } from '../support/test-app';
import { API, bearer, login, Session } from '../support/factories';
import { expectProblem } from '../support/problems';
import { cast, counts, createPoll, GroupCouncil, groupCouncil, openPoll, vote } from '../support/poll-factories';

/** The ballot key is BALLOT_KEY alone: JWT_SECRET may rotate while secret polls are open. */
describe('secret ballots and the keys of the server', () => {
  let a: TestApp;
  let g: GroupCouncil;
  const nodes: TestApp[] = [];

  beforeAll(async () => {
    a = await startTestApp();
    g = await groupCouncil(a, 2);
  });
  afterAll(async () => {
    for (const n of nodes) await n.close();
    await a.close();
  });

  const relogin = (node: TestApp, who: Session) => login(node, who.email, (who as Session & { password: string }).password);

  it('closes a secret poll opened under one JWT_SECRET after JWT_SECRET changed, and replays still answer the first receipt', async () => {
    const poll = await createPoll(a, g.coordinator, g.groupId, { method: 'majority', base: 'cast' }, { secret: true });
    await openPoll(a, g.coordinator, poll.id);
    const first = await vote(a, g.voters[1], poll.id, 'for', 'rotation-key');
    await vote(a, g.voters[2], poll.id, 'against');
    const rotated = await startSecondNode(a, { JWT_SECRET: randomBytes(32).toString('hex') });
    nodes.push(rotated);
    // Old tokens no longer work there: the users sign in again.
    expectProblem(await rotated.http().post(`${API}/polls/${poll.id}/close`).set(bearer(g.coordinator)), 401);
    const [coordinator, voter] = [await relogin(rotated, g.coordinator), await relogin(rotated, g.voters[1])];
    expect((await cast(rotated, voter, poll.id, { choice: 'for' }, 'rotation-key')).body).toEqual({ receipt: first });
    const closed = await rotated.http().post(`${API}/polls/${poll.id}/close`).set(bearer(coordinator));
    expect(closed.status).toBe(200);
    expect(closed.body.tally).toMatchObject({ participation: 2, counts: counts({ for: 1, against: 1 }) });
  });

  it('cannot close a secret poll under another BALLOT_KEY: the close fails and the poll stays open, counted by no one', async () => {
    const poll = await createPoll(a, g.coordinator, g.groupId, { method: 'majority', base: 'cast' }, { secret: true });
    await openPoll(a, g.coordinator, poll.id);
    await vote(a, g.voters[1], poll.id, 'for');
    const wrong = await startSecondNode(a, { BALLOT_KEY: randomBytes(32).toString('base64url') });
    nodes.push(wrong);
    const res = await wrong.http().post(`${API}/polls/${poll.id}/close`).set(bearer(g.coordinator));
    expectProblem(res, 500);
    expect((await a.http().get(`${API}/polls/${poll.id}`).set(bearer(g.chair))).body.status).toBe('open');
    // With the right key it closes.
    expect((await a.http().post(`${API}/polls/${poll.id}/close`).set(bearer(g.coordinator))).status).toBe(200);
  });
});
