import { startTestApp, TestApp } from '../support/test-app';
import { API, councilWithCast, createMember } from '../support/factories';
import { cast } from '../support/poll-factories';
import { addItem, createSession, LiveClients, ok, postSessionPoll } from '../support/live';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
const MAJORITY = { method: 'majority', base: 'cast' };

/**
 * What a hall's display needs from the snapshot alone (it may join mid-poll):
 * the names of those the sitting concerns, and the polls that were opened.
 */
describe('session snapshot for the hall', () => {
  let t: TestApp;
  let c: Cast;
  let live: LiveClients;

  beforeAll(async () => {
    t = await startTestApp();
    live = new LiveClients(t);
    c = await councilWithCast(t);
  });
  afterAll(async () => {
    live.closeAll();
    await t.close();
  });

  const snapshot = async () => (await t.http().get(`${API}/sessions/${sessionId}`).expect(200)).body;
  let sessionId: string;

  it('names the floor, the queue and the agenda speakers, and no one else', async () => {
    const speaker = await createMember(t, c.admin, c.council.id, 'Speaker');
    const asker = await createMember(t, c.admin, c.council.id, 'Asker');
    const bystander = await createMember(t, c.admin, c.council.id, 'Bystander');
    sessionId = (await createSession(t, c.cast.moderator, c.council.id, { public: true })).id;
    expect((await snapshot()).names).toEqual({});
    const item = await addItem(t, c.cast.moderator, sessionId, { speakerMembershipIds: [speaker.membershipId] });
    const mod = await live.connect(c.cast.moderator);
    await ok(mod, 'session.join', { sessionId });
    await ok(mod, 'session.start', { sessionId });
    await ok(mod, 'agenda.open', { sessionId, itemId: item.id });
    const askerSocket = await live.connect(asker);
    await ok(askerSocket, 'floor.request', { sessionId });
    const s = await snapshot();
    const fullName = async (userToken: string) => (await t.http().get(`${API}/auth/me`).set({ Authorization: `Bearer ${userToken}` })).body.fullName as string;
    expect(s.names).toEqual({ [speaker.membershipId]: await fullName(speaker.token), [asker.membershipId]: await fullName(asker.token) });
    expect(Object.keys(s.names)).not.toContain(bystander.membershipId);
    await ok(mod, 'floor.grant', { sessionId, membershipId: asker.membershipId, seconds: 60 });
    expect((await snapshot()).names[asker.membershipId]).toBe(await fullName(asker.token));
  });

  it('carries an open secret poll with participation only, then its tally; a named poll with its counts; never a draft', async () => {
    const draft = await postSessionPoll(t, c.cast.moderator, sessionId, { question: 'Draft?', rule: MAJORITY, secret: false });
    expect(draft.status).toBe(201);
    expect((await snapshot()).polls).toEqual([]);

    const secret = (await postSessionPoll(t, c.cast.moderator, sessionId, { question: 'Secret?', rule: MAJORITY, secret: true })).body;
    await t.http().post(`${API}/polls/${secret.id}/open`).set({ Authorization: `Bearer ${c.cast.moderator.token}` }).expect(200);
    expect((await cast(t, c.cast.member, secret.id, { choice: 'for' })).status).toBe(200);
    const open = (await snapshot()).polls;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ id: secret.id, question: 'Secret?', secret: true, status: 'open', participation: 1, counts: null, tally: null, closedAt: null });
    expect(open[0].eligibleCount).toBeGreaterThanOrEqual(1);
    await t.http().post(`${API}/polls/${secret.id}/close`).set({ Authorization: `Bearer ${c.cast.moderator.token}` }).expect(200);
    const closed = (await snapshot()).polls[0];
    expect(closed).toMatchObject({ status: 'closed', participation: 1, counts: { for: 1, against: 0 }, tally: { participation: 1, counts: { for: 1 }, base: 'cast' } });
    expect(['adopted', 'no_quorum', 'rejected', 'tied']).toContain(closed.tally.outcome);

    const named = (await postSessionPoll(t, c.cast.moderator, sessionId, { question: 'Named?', rule: MAJORITY, secret: false })).body;
    await t.http().post(`${API}/polls/${named.id}/open`).set({ Authorization: `Bearer ${c.cast.moderator.token}` }).expect(200);
    expect((await cast(t, c.cast.member, named.id, { choice: 'against' })).status).toBe(200);
    const polls = (await snapshot()).polls;
    expect(polls.map((p: { id: string }) => p.id)).toEqual([secret.id, named.id]);
    expect(polls[1]).toMatchObject({ status: 'open', participation: 1, counts: { for: 0, against: 1 } });
  });
});
