import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, councilWithCast, createCouncil, createGroup, createMember, createProposal, Session } from '../support/factories';
import { closePoll, createPoll, openPoll, proposalInDeliberation, vote } from '../support/poll-factories';
import { expectProblem, ISO_INSTANT, UUID } from '../support/problems';
import { addItem, createSession, eventLog, forceStatus, LiveClients, ok, postItem, postSession, postSessionPoll } from '../support/live';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
type Member = Session & { membershipId: string };

describe('sessions (REST)', () => {
  let t: TestApp;
  let c: Cast;
  let live: LiveClients;
  let groupId: string;
  let coordinator: Member;
  let author: Member;
  let voter: Member;
  let foreignMembershipId: string;

  beforeAll(async () => {
    t = await startTestApp();
    live = new LiveClients(t);
    c = await councilWithCast(t);
    groupId = (await createGroup(t, c.admin, c.council.id)).id;
    [coordinator, author, voter] = await Promise.all(['coordinator', 'author', 'voter'].map((n) => createMember(t, c.admin, c.council.id, n)));
    await addToGroup(t, c.admin, groupId, coordinator.membershipId, 'coordinator');
    for (const m of [author, voter]) await addToGroup(t, c.admin, groupId, m.membershipId);
    const other = await createCouncil(t, c.admin);
    foreignMembershipId = (await createMember(t, c.admin, other.id, 'foreign')).membershipId;
  });
  afterEach(() => live.closeAll());
  afterAll(async () => {
    live.closeAll();
    await t.close();
  });

  const get = (by: Session | null, path: string) => {
    const req = t.http().get(`${API}${path}`);
    return by ? req.set(bearer(by)) : req;
  };
  const decide = (by: Session, itemId: string, body: Record<string, unknown>) => t.http().post(`${API}/agenda-items/${itemId}/decision`).set(bearer(by)).send(body);
  const sessionBody = (extra: Record<string, unknown> = {}) => ({ kind: 'plenary', title: 'Plenary sitting', scheduledAt: '2031-05-01T09:00:00.000Z', public: false, ...extra });
  /** A proposal of the group forced to `recommended` (the path there is tested once, below). */
  const recommended = async () => {
    const p = await createProposal(t, author, groupId);
    await forceStatus(t, p.id, 'recommended');
    return p;
  };
  /** A live session whose first item (on a recommended proposal) is open. */
  const liveWithOpenItem = async () => {
    const p = await recommended();
    const s = await createSession(t, c.cast.moderator, c.council.id);
    const item = await addItem(t, c.cast.moderator, s.id, { proposalId: p.id });
    const mod = await live.connect(c.cast.moderator);
    await ok(mod, 'session.start', { sessionId: s.id });
    await ok(mod, 'agenda.open', { sessionId: s.id, itemId: item.id });
    return { p, s, item, mod };
  };

  describe('POST /councils/:id/sessions', () => {
    it.each(['moderator', 'chair'] as const)('lets the %s schedule one: 201 with id, createdAt, state scheduled, lastSeq 0', async (role) => {
      const res = await postSession(t, c.cast[role], c.council.id, sessionBody({ title: `By the ${role}` }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.stringMatching(UUID), createdAt: expect.stringMatching(ISO_INSTANT), state: 'scheduled', lastSeq: 0 });
      expect(res.body).toMatchObject({ councilId: c.council.id, kind: 'plenary', workingGroupId: null, title: `By the ${role}`, public: false, scheduledAt: '2031-05-01T09:00:00.000Z' });
      expect(res.body).toMatchObject({ agenda: [], queue: [], floor: null, currentItemId: null });
      const again = await get(c.cast[role], `/sessions/${res.body.id}`);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: res.body.id, state: 'scheduled', lastSeq: 0 });
    });

    it('schedules a working-group session for a group of the council', async () => {
      const res = await postSession(t, c.cast.moderator, c.council.id, sessionBody({ kind: 'working_group', workingGroupId: groupId }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'working_group', workingGroupId: groupId, attendance: { present: 0, quorumMet: null } });
    });

    it.each(['member', 'secretariat', 'observer', 'agency_rep'] as const)('refuses the %s with 403', async (role) => {
      expectProblem(await postSession(t, c.cast[role], c.council.id, sessionBody()), 403);
    });

    it('answers 404 to an outsider and for an unknown council, 401 without a token', async () => {
      expectProblem(await postSession(t, c.outsider, c.council.id, sessionBody()), 404);
      expectProblem(await postSession(t, c.cast.moderator, randomUUID(), sessionBody()), 404);
      expectProblem(await t.http().post(`${API}/councils/${c.council.id}/sessions`).send(sessionBody()), 401);
    });

    it('answers 400 naming workingGroupId when kind and group do not match (before the reach and role checks)', async () => {
      for (const who of [c.cast.moderator, c.cast.member, c.outsider]) {
        expectProblem(await postSession(t, who, c.council.id, sessionBody({ kind: 'working_group' })), 400, ['workingGroupId']);
        expectProblem(await postSession(t, who, c.council.id, sessionBody({ kind: 'plenary', workingGroupId: groupId })), 400, ['workingGroupId']);
      }
      const otherGroup = await createGroup(t, c.admin, (await createCouncil(t, c.admin)).id);
      expectProblem(await postSession(t, c.cast.moderator, c.council.id, sessionBody({ kind: 'working_group', workingGroupId: otherGroup.id })), 400, ['workingGroupId']);
    });

    it('answers 400 for a malformed body, naming the fields (unknown ones included)', async () => {
      const res = await postSession(t, c.cast.moderator, c.council.id, { kind: 'cabinet', title: '', scheduledAt: 'tomorrow', public: 'yes', extra: 1 });
      expectProblem(res, 400, ['kind', 'title', 'scheduledAt', 'public', 'extra']);
      expectProblem(await postSession(t, c.cast.moderator, 'not-a-uuid', sessionBody()), 400);
    });
  });

  describe('POST /sessions/:id/agenda-items', () => {
    it('puts a proposal recommended by its group poll on the agenda: on_agenda, with agenda_item and transition in its trace', async () => {
      const p = await proposalInDeliberation(t, author, groupId);
      const poll = await createPoll(t, coordinator, groupId, { method: 'majority', base: 'cast' }, { proposalId: p.id });
      await openPoll(t, coordinator, poll.id);
      await vote(t, voter, poll.id, 'for');
      await closePoll(t, coordinator, poll.id);
      expect((await get(author, `/proposals/${p.id}`)).body.status).toBe('recommended');

      const s = await createSession(t, c.cast.moderator, c.council.id);
      const res = await postItem(t, c.cast.moderator, s.id, { title: 'The first item', proposalId: p.id, speakerMembershipIds: [author.membershipId, voter.membershipId], minutes: 15 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.stringMatching(UUID), createdAt: expect.stringMatching(ISO_INSTANT), sessionId: s.id, position: 1, proposalId: p.id, minutes: 15, status: 'pending', decision: null });
      expect(res.body.speakerMembershipIds).toEqual([author.membershipId, voter.membershipId]);
      expect((await get(author, `/proposals/${p.id}`)).body.status).toBe('on_agenda');

      const trace = (await get(author, `/proposals/${p.id}/trace`)).body.items as { kind: string; summary: string; ref: { type: string; id: string } }[];
      expect(trace).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'agenda_item', ref: { type: 'agenda_item', id: res.body.id } })]));
      expect(trace.filter((e) => e.kind === 'transition').map((e) => e.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/^recommended → on_agenda/)]));
      expect((await get(c.cast.member, `/sessions/${s.id}`)).body.agenda).toEqual([expect.objectContaining({ id: res.body.id, position: 1 })]);
      // Already on the agenda: a second item on it is refused.
      expectProblem(await postItem(t, c.cast.moderator, s.id, { proposalId: p.id }), 409);
    });

    it('lets the chair add items too, numbered in order; a deferred proposal goes on the agenda as well', async () => {
      const s = await createSession(t, c.cast.chair, c.council.id);
      const p = await createProposal(t, author, groupId);
      await forceStatus(t, p.id, 'deferred');
      expect((await addItem(t, c.cast.chair, s.id, { title: 'Opening' })).position).toBe(1);
      expect((await addItem(t, c.cast.chair, s.id, { proposalId: p.id })).position).toBe(2);
      expect((await get(author, `/proposals/${p.id}`)).body.status).toBe('on_agenda');
    });

    it('numbers items added at once 1..n, and puts a proposal on only one of two concurrent items', async () => {
      const s = await createSession(t, c.cast.moderator, c.council.id);
      const added = await Promise.all(Array.from({ length: 5 }, () => addItem(t, c.cast.moderator, s.id)));
      expect(added.map((i) => i.position).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
      const p = await recommended();
      const twice = await Promise.all([postItem(t, c.cast.moderator, s.id, { proposalId: p.id }), postItem(t, c.cast.chair, s.id, { proposalId: p.id })]);
      expect(twice.map((r) => r.status).sort()).toEqual([201, 409]);
      expect((await get(c.cast.member, `/sessions/${s.id}`)).body.agenda.filter((i: { proposalId: string | null }) => i.proposalId === p.id)).toHaveLength(1);
    });

    it('refuses a member (403), an outsider (404), a draft proposal (409) and speakers from outside the council (400)', async () => {
      const s = await createSession(t, c.cast.moderator, c.council.id);
      const p = await recommended();
      expectProblem(await postItem(t, c.cast.member, s.id, { proposalId: p.id }), 403);
      expectProblem(await postItem(t, c.outsider, s.id, { proposalId: p.id }), 404);
      const draft = await createProposal(t, author, groupId);
      const res = await postItem(t, c.cast.moderator, s.id, { proposalId: draft.id });
      expectProblem(res, 409);
      expect((await get(author, `/proposals/${draft.id}`)).body.status).toBe('draft');
      expectProblem(await postItem(t, c.cast.moderator, s.id, { speakerMembershipIds: [author.membershipId, foreignMembershipId] }), 400, ['speakerMembershipIds']);
      expectProblem(await postItem(t, c.cast.moderator, s.id, { minutes: 0, extra: true }), 400, ['minutes', 'extra']);
      // Nothing refused left a trace: the recommended proposal is untouched, the agenda empty.
      expect((await get(author, `/proposals/${p.id}`)).body.status).toBe('recommended');
      expect((await get(c.cast.moderator, `/sessions/${s.id}`)).body.agenda).toEqual([]);
    });
  });

  describe('GET /sessions/:id', () => {
    it('shows a public session to anyone, without a token', async () => {
      const s = await createSession(t, c.cast.moderator, c.council.id, { public: true });
      const res = await get(null, `/sessions/${s.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: s.id, public: true, state: 'scheduled', lastSeq: 0 });
      expect((await get(c.outsider, `/sessions/${s.id}`)).status).toBe(200);
      expect((await get(null, `/sessions/${s.id}/events`)).body).toEqual({ items: [], nextCursor: null });
    });

    it('hides a non-public one from anonymous callers, observers and outsiders (404), not from members', async () => {
      const s = await createSession(t, c.cast.moderator, c.council.id);
      expectProblem(await get(null, `/sessions/${s.id}`), 404);
      expectProblem(await get(c.cast.observer, `/sessions/${s.id}`), 404);
      expectProblem(await get(c.outsider, `/sessions/${s.id}`), 404);
      expectProblem(await get(c.cast.observer, `/sessions/${s.id}/events`), 404);
      expectProblem(await get(null, `/sessions/${s.id}/events`), 404);
      for (const role of ['member', 'secretariat', 'agency_rep', 'chair'] as const) expect((await get(c.cast[role], `/sessions/${s.id}`)).status).toBe(200);
      expectProblem(await get(c.cast.member, `/sessions/${randomUUID()}`), 404);
      expectProblem(await get(c.cast.member, `/sessions/nope`), 400);
    });
  });

  describe('GET /sessions/:id/events', () => {
    it('pages through the ordered log after a seq', async () => {
      const s = await createSession(t, c.cast.moderator, c.council.id);
      const mod = await live.connect(c.cast.moderator);
      await ok(mod, 'session.start', { sessionId: s.id });
      for (let i = 0; i < 3; i++) {
        await ok(mod, 'session.pause', { sessionId: s.id });
        await ok(mod, 'session.resume', { sessionId: s.id });
      }
      await ok(mod, 'session.close', { sessionId: s.id });
      expect((await get(c.cast.member, `/sessions/${s.id}`)).body).toMatchObject({ state: 'closed', lastSeq: 8 });

      const all = await get(c.cast.member, `/sessions/${s.id}/events`);
      expect(all.body.nextCursor).toBeNull();
      expect(all.body.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(all.body.items.map((e: { type: string }) => e.type)).toEqual(['session.started', ...Array(3).fill(['session.paused', 'session.resumed']).flat(), 'session.closed']);
      expect(all.body.items[0]).toEqual({ sessionId: s.id, seq: 1, type: 'session.started', at: expect.stringMatching(ISO_INSTANT), actor: c.cast.moderator.userId, payload: expect.objectContaining({ state: 'live' }) });

      const after = await get(c.cast.member, `/sessions/${s.id}/events?after=5`);
      expect(after.body.items.map((e: { seq: number }) => e.seq)).toEqual([6, 7, 8]);
      const first = await get(c.cast.member, `/sessions/${s.id}/events?after=1&limit=3`);
      expect(first.body.items.map((e: { seq: number }) => e.seq)).toEqual([2, 3, 4]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await get(c.cast.member, `/sessions/${s.id}/events?limit=3&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((e: { seq: number }) => e.seq)).toEqual([5, 6, 7]);
      const third = await get(c.cast.member, `/sessions/${s.id}/events?limit=3&cursor=${second.body.nextCursor}`);
      expect(third.body).toMatchObject({ items: [expect.objectContaining({ seq: 8 })], nextCursor: null });
      expect((await eventLog(t, c.cast.member, s.id, 2)).map((e) => e.seq)).toEqual([3, 4, 5, 6, 7, 8]);
      expect((await get(c.cast.member, `/sessions/${s.id}/events?after=8`)).body).toEqual({ items: [], nextCursor: null });

      for (const q of ['after=-1', 'after=x', 'limit=201', 'limit=0', 'cursor=garbage', 'extra=1']) expectProblem(await get(c.cast.member, `/sessions/${s.id}/events?${q}`), 400);
    });
  });

  describe('POST /agenda-items/:id/decision', () => {
    it("records the chair's decision on the open item of a live session and moves the proposal", async () => {
      const { p, s, item } = await liveWithOpenItem();
      const res = await decide(c.cast.chair, item.id, { resolution: 'supported_with_changes', instruction: 'Draft the bill by June.' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: item.id, sessionId: s.id, status: 'open' });
      expect(res.body.decision).toEqual({ resolution: 'supported_with_changes', instruction: 'Draft the bill by June.' });
      expect(res.body.proposal).toEqual({ id: p.id, status: 'supported_with_changes' });
      expect((await get(author, `/proposals/${p.id}`)).body.status).toBe('supported_with_changes');
      const trace = (await get(author, `/proposals/${p.id}/trace`)).body.items as { kind: string; ref: { id: string } }[];
      expect(trace).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'decision', ref: { type: 'agenda_item', id: item.id } })]));
      const log = await eventLog(t, c.cast.member, s.id);
      expect(log[log.length - 1]).toMatchObject({ type: 'decision.recorded', actor: c.cast.chair.userId, payload: { itemId: item.id, resolution: 'supported_with_changes' } });
      // A second decision on the same item: 409, nothing changes.
      expectProblem(await decide(c.cast.chair, item.id, { resolution: 'not_supported' }), 409);
      expect((await get(author, `/proposals/${p.id}`)).body.status).toBe('supported_with_changes');
      expect((await get(c.cast.member, `/sessions/${s.id}`)).body.agenda[0].decision).toEqual({ resolution: 'supported_with_changes', instruction: 'Draft the bill by June.' });
    });

    it('answers instruction null when none is given; a deferred proposal may go on a later agenda', async () => {
      const { p, item } = await liveWithOpenItem();
      const res = await decide(c.cast.chair, item.id, { resolution: 'deferred' });
      expect(res.status).toBe(200);
      expect(res.body.decision).toEqual({ resolution: 'deferred', instruction: null });
      const later = await createSession(t, c.cast.moderator, c.council.id);
      await addItem(t, c.cast.moderator, later.id, { proposalId: p.id });
      expect((await get(author, `/proposals/${p.id}`)).body.status).toBe('on_agenda');
    });

    it('takes one of two concurrent decisions (200, 409); an item without a proposal answers proposal null', async () => {
      const { p, s, item, mod } = await liveWithOpenItem();
      const both = await Promise.all([decide(c.cast.chair, item.id, { resolution: 'supported' }), decide(c.cast.chair, item.id, { resolution: 'not_supported' })]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = both.find((r) => r.status === 200)?.body.decision.resolution;
      expect((await get(author, `/proposals/${p.id}`)).body.status).toBe(winner);
      expect((await eventLog(t, c.cast.member, s.id)).filter((e) => e.type === 'decision.recorded')).toHaveLength(1);
      const bare = await addItem(t, c.cast.moderator, s.id, { title: 'Any other business' });
      await ok(mod, 'agenda.open', { sessionId: s.id, itemId: bare.id });
      const res = await decide(c.cast.chair, bare.id, { resolution: 'not_supported', instruction: 'Noted.' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ decision: { resolution: 'not_supported', instruction: 'Noted.' }, proposal: null });
    });

    it('refuses the moderator and a member (403), an outsider (404), a bad body (400)', async () => {
      const { p, item } = await liveWithOpenItem();
      expectProblem(await decide(c.cast.moderator, item.id, { resolution: 'supported' }), 403);
      expectProblem(await decide(c.cast.member, item.id, { resolution: 'supported' }), 403);
      expectProblem(await decide(c.outsider, item.id, { resolution: 'supported' }), 404);
      expectProblem(await decide(c.cast.chair, randomUUID(), { resolution: 'supported' }), 404);
      expectProblem(await decide(c.cast.chair, item.id, { resolution: 'adopted', extra: 1 }), 400, ['resolution', 'extra']);
      expect((await get(author, `/proposals/${p.id}`)).body.status).toBe('on_agenda');
    });

    it('answers 409 unless the session is live and the item open', async () => {
      // Scheduled session, pending item.
      const p = await recommended();
      const s = await createSession(t, c.cast.moderator, c.council.id);
      const first = await addItem(t, c.cast.moderator, s.id, { proposalId: p.id });
      const second = await addItem(t, c.cast.moderator, s.id);
      expectProblem(await decide(c.cast.chair, first.id, { resolution: 'supported' }), 409);
      const mod = await live.connect(c.cast.moderator);
      await ok(mod, 'session.start', { sessionId: s.id });
      // Live, but the item is not open.
      expectProblem(await decide(c.cast.chair, first.id, { resolution: 'supported' }), 409);
      await ok(mod, 'agenda.open', { sessionId: s.id, itemId: first.id });
      // Paused with the item open.
      await ok(mod, 'session.pause', { sessionId: s.id });
      expectProblem(await decide(c.cast.chair, first.id, { resolution: 'supported' }), 409);
      await ok(mod, 'session.resume', { sessionId: s.id });
      // Another item opened: the first is done.
      await ok(mod, 'agenda.open', { sessionId: s.id, itemId: second.id });
      expectProblem(await decide(c.cast.chair, first.id, { resolution: 'supported' }), 409);
      await ok(mod, 'agenda.open', { sessionId: s.id, itemId: first.id });
      await ok(mod, 'session.close', { sessionId: s.id });
      expectProblem(await decide(c.cast.chair, first.id, { resolution: 'supported' }), 409);
      expect((await get(author, `/proposals/${p.id}`)).body.status).toBe('on_agenda');
    });
  });

  describe('POST /sessions/:id/polls', () => {
    it('lets the moderator and the chair put a question to the sitting, base present allowed: 201 draft', async () => {
      const s = await createSession(t, c.cast.moderator, c.council.id);
      for (const who of [c.cast.moderator, c.cast.chair]) {
        const res = await postSessionPoll(t, who, s.id, { rule: { method: 'majority', base: 'present' } });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ id: expect.stringMatching(UUID), createdAt: expect.stringMatching(ISO_INSTANT), status: 'draft', sessionId: s.id, workingGroupId: null, rule: expect.objectContaining({ base: 'present' }) });
      }
      // base present stays refused for a group poll.
      const group = await t.http().post(`${API}/working-groups/${groupId}/polls`).set(bearer(coordinator)).send({ question: 'Q?', secret: false, rule: { method: 'majority', base: 'present' } });
      expectProblem(group, 400);
    });

    it('refuses a member and the secretariat (403), an outsider (404), an impossible rule (400)', async () => {
      const s = await createSession(t, c.cast.moderator, c.council.id);
      const rule = { method: 'majority', base: 'cast' };
      expectProblem(await postSessionPoll(t, c.cast.member, s.id, { rule }), 403);
      expectProblem(await postSessionPoll(t, c.cast.secretariat, s.id, { rule }), 403);
      expectProblem(await postSessionPoll(t, c.outsider, s.id, { rule }), 404);
      expectProblem(await postSessionPoll(t, c.cast.moderator, s.id, { rule: { method: 'majority', base: 'everyone' } }), 400);
    });

    it('answers an impossible rule 400 before reach, role or state (it reveals nothing about the session)', async () => {
      const s = await createSession(t, c.cast.moderator, c.council.id);
      const bad = { rule: { method: 'majority', base: 'everyone' } };
      expectProblem(await postSessionPoll(t, c.cast.member, s.id, bad), 400, ['rule.base']);
      expectProblem(await postSessionPoll(t, c.outsider, s.id, bad), 400, ['rule.base']);
      await t.db.query(`UPDATE sessions SET state = 'closed' WHERE id = $1`, [s.id]);
      expectProblem(await postSessionPoll(t, c.cast.moderator, s.id, { rule: { method: 'majority', base: 'cast' } }), 409);
      expectProblem(await postSessionPoll(t, c.cast.moderator, s.id, bad), 400, ['rule.base']);
    });
  });
});
