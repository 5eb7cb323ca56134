import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, councilWithCast, createGroup, createMember, createProposal, Session } from '../support/factories';
import { addItem, createSession, eventLog, forceStatus, LiveClients, ok, postSessionPoll, waitForEvent } from '../support/live';

type Member = Session & { membershipId: string };

/** Minutes are generated from the event log: attendance, items, speakers with times, polls, decisions, minority opinions. */
describe('session minutes', () => {
  let t: TestApp;
  let live: LiveClients;
  let c: Awaited<ReturnType<typeof councilWithCast>>;
  let speaker: Member;
  let dissenter: Member;
  let sessionId: string;
  let itemTitle: string;

  beforeAll(async () => {
    t = await startTestApp();
    live = new LiveClients(t);
    c = await councilWithCast(t);
    const group = await createGroup(t, c.admin, c.council.id, 'Economic modernisation');
    speaker = await createMember(t, c.admin, c.council.id, 'Speaker');
    dissenter = await createMember(t, c.admin, c.council.id, 'Dissenter');
    await addToGroup(t, c.admin, group.id, speaker.membershipId);
    const proposal = await createProposal(t, speaker, group.id, { title: 'Abolish the death penalty' });
    await forceStatus(t, proposal.id, 'recommended');
    const s = await createSession(t, c.cast.moderator, c.council.id, { title: 'Sixth sitting' });
    sessionId = s.id;
    itemTitle = 'The death penalty';
    const item = await addItem(t, c.cast.moderator, sessionId, { title: itemTitle, proposalId: proposal.id, speakerMembershipIds: [speaker.membershipId], minutes: 15 });

    const mod = await live.connect(c.cast.moderator);
    await ok(mod, 'session.join', { sessionId });
    await ok(mod, 'session.start', { sessionId });
    await ok(mod, 'agenda.open', { sessionId, itemId: item.id });
    for (const who of [speaker, dissenter, c.cast.member as Member]) {
      const sock = await live.connect(who);
      await ok(sock, 'session.join', { sessionId });
      await ok(sock, 'attendance.checkIn', { sessionId });
    }
    await ok(mod, 'floor.grant', { sessionId, membershipId: speaker.membershipId, seconds: 300 });
    await ok(mod, 'floor.end', { sessionId });
    const poll = await postSessionPoll(t, c.cast.moderator, sessionId, { proposalId: proposal.id, rule: { method: 'majority', base: 'cast' } });
    expect(poll.status).toBe(201);
    await ok(mod, 'poll.open', { pollId: poll.body.id });
    for (const [who, choice] of [[speaker, 'for'], [c.cast.member, 'for'], [dissenter, 'against']] as const) {
      const sock = await live.connect(who);
      await ok(sock, 'ballot.cast', { pollId: poll.body.id, choice });
    }
    await ok(mod, 'poll.close', { pollId: poll.body.id });
    await waitForEvent(mod, (e) => e.type === 'poll.closed');
    const filed = await t.http().post(`${API}/polls/${poll.body.id}/minority-opinions`).set(bearer(dissenter)).send({ body: 'Abolition must wait for a referendum.' });
    expect(filed.status).toBe(201);
    const chair = await live.connect(c.cast.chair);
    await ok(chair, 'session.join', { sessionId });
    const decision = await t.http().post(`${API}/agenda-items/${item.id}/decision`).set(bearer(c.cast.chair)).send({ resolution: 'supported', instruction: 'Prepare the bill.' });
    expect(decision.status).toBe(200);
  });
  afterAll(async () => {
    live.closeAll();
    await t.close();
  });

  it('answers JSON with attendance, the item, its speaker and time, the poll, the decision and the minority opinion', async () => {
    const res = await t.http().get(`${API}/sessions/${sessionId}/minutes`).set(bearer(c.cast.member)).expect(200);
    const m = res.body;
    expect(m).toMatchObject({ sessionId, title: 'Sixth sitting', kind: 'plenary', attendance: { present: 3 } });
    expect(m.attendance.checkedIn).toHaveLength(3);
    expect(m.items).toHaveLength(1);
    const item = m.items[0];
    expect(item).toMatchObject({ position: 1, title: itemTitle, allowanceSeconds: 900, decision: { resolution: 'supported', instruction: 'Prepare the bill.' } });
    expect(item.speakers).toEqual([expect.objectContaining({ membershipId: speaker.membershipId, name: expect.stringContaining('Speaker') })]);
    expect(item.secondsByGroup).toHaveProperty('Economic modernisation');
    expect(item.polls).toEqual([expect.objectContaining({ outcome: 'adopted', explanation: expect.stringContaining('Adopted: 2 for of 3 cast') })]);
    expect(m.minorityOpinions).toEqual([expect.objectContaining({ position: 'against', body: 'Abolition must wait for a referendum.', authorName: expect.stringContaining('Dissenter') })]);
  });

  it('records the minority opinion filed on a session poll as a session event', async () => {
    const log = await eventLog(t, c.cast.member, sessionId);
    const filed = log.filter((e) => e.type === 'minority_opinion.filed');
    expect(filed).toHaveLength(1);
    expect(filed[0].payload).toMatchObject({ position: 'against', pollId: expect.any(String), opinionId: expect.any(String) });
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  });

  it('shows speaking time per item, speaker and working group against the allowance in the snapshot', async () => {
    const snap = await t.http().get(`${API}/sessions/${sessionId}`).set(bearer(c.cast.member)).expect(200);
    expect(snap.body.speakingTime).toHaveLength(1);
    const [time] = snap.body.speakingTime;
    expect(time).toMatchObject({ allowanceSeconds: 900 });
    expect(time.remainingSeconds).toBe(900 - time.spokenSeconds);
    expect(Object.keys(time.bySpeaker)).toEqual([speaker.membershipId]);
    expect(Object.keys(time.byGroup)).toEqual(['Economic modernisation']);
  });

  it('answers Markdown in English and in Russian', async () => {
    const en = await t.http().get(`${API}/sessions/${sessionId}/minutes?format=md`).set(bearer(c.cast.member)).expect(200);
    expect(en.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(en.text).toContain('# Minutes: Sixth sitting');
    expect(en.text).toContain(`## Item 1. ${itemTitle}`);
    expect(en.text).toContain('**supported**');
    expect(en.text).toContain('Abolition must wait for a referendum.');
    const ru = await t.http().get(`${API}/sessions/${sessionId}/minutes?format=md&lang=ru`).set(bearer(c.cast.member)).expect(200);
    expect(ru.text).toContain('# Протокол: Sixth sitting');
    expect(ru.text).toContain('Принято: 2 «за» из 3');
    expect(ru.text).toContain('## Особые мнения');
  });

  it('refuses a bad format (400) and readers outside a non-public sitting (404)', async () => {
    await t.http().get(`${API}/sessions/${sessionId}/minutes?format=pdf`).set(bearer(c.cast.member)).expect(400);
    await t.http().get(`${API}/sessions/${sessionId}/minutes`).set(bearer(c.outsider)).expect(404);
    await t.http().get(`${API}/sessions/${sessionId}/minutes`).expect(404);
  });
});
