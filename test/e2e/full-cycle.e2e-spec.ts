import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, createCouncil, createGroup, createMember, loginAdmin, Session } from '../support/factories';
import { isoDay } from '../support/dates';
import { eventLog, eventsOf, LiveClients, ok, range, seqsOf, waitForEvent } from '../support/live';
import { ISO_INSTANT } from '../support/problems';

type Member = Session & { membershipId: string };
type TraceEntry = { at: string; kind: string; summary: string; ref: { type: string; id: string } };

const TITLE = 'Abolition of the death penalty';
const SUMMARY = 'Abolish the death penalty in Kazakhstan, in law and then in the constitution.';
const BODY_V1 = 'The death penalty is abolished.\nCapital sentences are commuted to life imprisonment.\n';
const BODY_V2 = `${BODY_V1}The Republic ratifies the Second Optional Protocol to the ICCPR.\n`;
const MINORITY = 'Abolition must first be put to the people in a referendum.';
const INSTRUCTION = 'The Government shall ratify the Second Optional Protocol and submit a bill.';
const LEGAL_ACT = 'Law of the Republic of Kazakhstan No. 20-VIII';

/**
 * One proposal through the whole cycle (SPEC.md, "The cycle, as states"; the
 * death-penalty lineage), each role doing its own part through the REST API
 * and the /live gateway; then its trace, the minutes and the audit chain.
 * The steps build on one another and run in order.
 */
describe('full cycle: "Abolition of the death penalty" from draft to implemented', () => {
  let t: TestApp;
  let live: LiveClients;
  let admin: Session;
  let councilId: string;
  let justiceId: string;
  let secretariat: Member, chair: Member, moderator: Member, justiceRep: Member, observer: Member;
  let author: Member, coAuthor: Member, coordinator: Member, member: Member, dissenter: Member;
  let groupId: string;
  let proposalId: string;
  let consultationId: string;
  let pollId: string;
  let opinionId: string;
  let sessionId: string;
  let itemId: string;
  let planItemId: string;

  beforeAll(async () => {
    t = await startTestApp();
    live = new LiveClients(t);
  });
  afterAll(async () => {
    live.closeAll();
    await t.close();
  });

  /** One request as `by` (anonymous when null); fails, printing the answer, unless it has the expected status. */
  async function call(method: 'get' | 'post' | 'put', by: Session | null, path: string, status: number, body?: object, headers: Record<string, string> = {}) {
    let req = t.http()[method](`${API}${path}`);
    if (by) req = req.set(bearer(by));
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    const res = body === undefined ? await req : await req.send(body);
    expect({ method, path, status: res.status, body: res.body }).toMatchObject({ status });
    return res;
  }
  const statusOf = async (by: Session = secretariat) => (await call('get', by, `/proposals/${proposalId}`, 200)).body.status as string;

  it('1. the admin sets up the council and its people; the secretariat forms the political working group', async () => {
    admin = await loginAdmin(t);
    councilId = (await createCouncil(t, admin, { name: 'National Council of Public Trust', plenaryQuorum: { numerator: 1, denominator: 2 } })).id;
    justiceId = (await call('post', admin, `/councils/${councilId}/agencies`, 201, { name: 'Ministry of Justice', code: 'MOJ' })).body.id;
    const as = (name: string, role: string, agencyId?: string) => createMember(t, admin, councilId, name, [role], agencyId);
    secretariat = await as('Secretariat', 'secretariat');
    chair = await as('Chair', 'chair');
    moderator = await as('Moderator', 'moderator');
    justiceRep = await as('Ministry of Justice representative', 'agency_rep', justiceId);
    observer = await as('Observer', 'observer');
    [author, coAuthor, coordinator, member, dissenter] = await Promise.all(['Author', 'Co-author', 'Coordinator', 'Member', 'Dissenter'].map((n) => as(n, 'member')));

    groupId = (await createGroup(t, secretariat, councilId, 'Political questions')).id;
    await addToGroup(t, secretariat, groupId, coordinator.membershipId, 'coordinator');
    for (const m of [author, coAuthor, member, dissenter]) await addToGroup(t, secretariat, groupId, m.membershipId);
    const group = await call('get', secretariat, `/working-groups/${groupId}`, 200);
    expect(group.body.members).toHaveLength(5);
  });

  it('2. a member drafts the proposal with a co-author, who edits it (If-Match "1" → version 2)', async () => {
    const draft = await call('post', author, `/working-groups/${groupId}/proposals`, 201, { title: TITLE, summary: SUMMARY, body: BODY_V1, coAuthorMembershipIds: [coAuthor.membershipId] });
    expect(draft.headers.etag).toBe('"1"');
    expect(draft.body).toMatchObject({ title: TITLE, status: 'draft', version: 1 });
    expect(draft.body.authors.map((a: { membershipId: string }) => a.membershipId).sort()).toEqual([author.membershipId, coAuthor.membershipId].sort());
    proposalId = draft.body.id;

    const edited = await call('put', coAuthor, `/proposals/${proposalId}`, 200, { title: TITLE, summary: SUMMARY, body: BODY_V2 }, { 'If-Match': '"1"' });
    expect(edited.headers.etag).toBe('"2"');
    expect(edited.body).toMatchObject({ id: proposalId, status: 'draft', version: 2, body: BODY_V2 });
  });

  it('3. the secretariat consults the Ministry of Justice (legal); the ministry comments and answers', async () => {
    const dueAt = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString();
    const opened = await call('post', secretariat, `/proposals/${proposalId}/consultations`, 201, {
      agencyIds: [justiceId],
      aspects: ['legal'],
      question: 'What does abolition take in law: which acts change, which treaties are ratified?',
      dueAt,
    });
    expect(opened.body.items).toEqual([expect.objectContaining({ agencyId: justiceId, version: 2, status: 'open' })]);
    consultationId = opened.body.items[0].id;
    expect(await statusOf()).toBe('in_consultation');

    // The ministry's representative reads the version its consultation cites.
    expect((await call('get', justiceRep, `/proposals/${proposalId}`, 200)).body).toMatchObject({ version: 2, body: BODY_V2 });
    const comment = await call('post', justiceRep, `/consultations/${consultationId}/comments`, 201, {
      aspect: 'legal',
      position: 'supports_with_conditions',
      body: 'Ratify the Second Optional Protocol first; the Criminal Code then needs amending.',
    });
    expect(comment.body).toMatchObject({ authorMembershipId: justiceRep.membershipId, position: 'supports_with_conditions' });
    const answer = await call('post', justiceRep, `/consultations/${consultationId}/response`, 200, { position: 'supports_with_conditions', body: 'Supported, with ratification of the protocol first.' });
    expect(answer.body).toMatchObject({ id: consultationId, status: 'answered' });
  });

  it('4. the group deliberates: a group poll adopts it (recommended); the dissenter files a minority opinion, acknowledged', async () => {
    const moved = await call('post', coordinator, `/proposals/${proposalId}/transitions`, 200, { to: 'in_deliberation', reason: 'The ministry has answered.' });
    expect(moved.body.status).toBe('in_deliberation');

    const poll = await call('post', coordinator, `/working-groups/${groupId}/polls`, 201, {
      question: 'Does the group recommend abolishing the death penalty?',
      proposalId,
      secret: false,
      rule: { method: 'majority', base: 'cast' },
    });
    expect(poll.body).toMatchObject({ status: 'draft', proposalId });
    pollId = poll.body.id;
    expect((await call('post', coordinator, `/polls/${pollId}/open`, 200)).body).toMatchObject({ status: 'open', eligibleCount: 5 });
    const ballots: [Member, string][] = [[author, 'for'], [coAuthor, 'for'], [coordinator, 'for'], [member, 'for'], [dissenter, 'against']];
    for (const [who, choice] of ballots) {
      expect((await call('put', who, `/polls/${pollId}/ballot`, 200, { choice })).body).toEqual({ receipt: expect.any(String) });
    }
    const closed = await call('post', coordinator, `/polls/${pollId}/close`, 200);
    expect(closed.body.tally).toMatchObject({ counts: { for: 4, against: 1, abstain: 0 }, base: 'cast', baseSize: 5, forNeeded: 3, participation: 5, outcome: 'adopted' });
    expect(await statusOf()).toBe('recommended');

    const opinion = await call('post', dissenter, `/polls/${pollId}/minority-opinions`, 201, { body: MINORITY });
    expect(opinion.body).toMatchObject({ pollId, authorMembershipId: dissenter.membershipId, position: 'against', body: MINORITY, acknowledgement: null });
    opinionId = opinion.body.id;
    const note = 'Heard; the opinion goes before the plenary with the proposal.';
    const acknowledged = await call('post', secretariat, `/minority-opinions/${opinionId}/acknowledgement`, 200, { note });
    expect(acknowledged.body.acknowledgement).toEqual({ at: expect.stringMatching(ISO_INSTANT), byUserId: secretariat.userId, note });
  });

  it('5. the plenary sitting: on the agenda, run live, watched anonymously; the chair supports it with an instruction', async () => {
    const session = await call('post', moderator, `/councils/${councilId}/sessions`, 201, {
      kind: 'plenary',
      title: 'Second sitting',
      scheduledAt: new Date(Date.now() + 3600 * 1000).toISOString(),
      public: true,
    });
    sessionId = session.body.id;
    const item = await call('post', moderator, `/sessions/${sessionId}/agenda-items`, 201, { title: TITLE, proposalId, speakerMembershipIds: [author.membershipId], minutes: 15 });
    itemId = item.body.id;
    expect(await statusOf()).toBe('on_agenda');
    expect(await statusOf(observer)).toBe('on_agenda'); // observers read it from on_agenda on

    // The observer watches without a token (a public sitting), from before the start.
    const watcher = await live.connect();
    expect((await ok(watcher, 'session.join', { sessionId })).snapshot).toMatchObject({ id: sessionId, state: 'scheduled', lastSeq: 0 });

    const mod = await live.connect(moderator);
    await ok(mod, 'session.join', { sessionId });
    await ok(mod, 'session.start', { sessionId });
    await ok(mod, 'agenda.open', { sessionId, itemId });
    for (const who of [author, coAuthor, dissenter]) {
      const socket = await live.connect(who);
      await ok(socket, 'session.join', { sessionId });
      await ok(socket, 'attendance.checkIn', { sessionId });
    }
    await ok(mod, 'floor.grant', { sessionId, membershipId: author.membershipId, seconds: 300 });
    await ok(mod, 'floor.end', { sessionId });

    const decision = await call('post', chair, `/agenda-items/${itemId}/decision`, 200, { resolution: 'supported', instruction: INSTRUCTION });
    expect(decision.body).toMatchObject({ id: itemId, decision: { resolution: 'supported', instruction: INSTRUCTION }, proposal: { id: proposalId, status: 'supported' } });
    await ok(mod, 'session.close', { sessionId });

    // Every event reached the anonymous watcher, in order, with no gap, as the log holds them.
    await waitForEvent(watcher, (e) => e.type === 'session.closed');
    const seen = eventsOf(watcher);
    expect(seqsOf(seen)).toEqual(range(1, seen.length));
    expect(seen.map((e) => e.type)).toEqual([
      'session.started',
      'agenda.opened',
      'attendance.changed',
      'attendance.changed',
      'attendance.changed',
      'floor.granted',
      'floor.ended',
      'decision.recorded',
      'session.closed',
    ]);
    expect(seen.every((e) => e.sessionId === sessionId)).toBe(true);
    const attendance = seen.filter((e) => e.type === 'attendance.changed').map((e) => [e.payload.present, e.payload.quorumMet]);
    expect(attendance).toEqual([[1, false], [2, false], [3, true]]); // 5 voters, plenaryQuorum 1/2: 3 needed
    expect(seen.find((e) => e.type === 'floor.granted')?.payload).toMatchObject({ membershipId: author.membershipId, endsAt: expect.stringMatching(ISO_INSTANT) });
    expect(seen.find((e) => e.type === 'decision.recorded')?.payload).toMatchObject({ itemId, resolution: 'supported', instruction: INSTRUCTION });
    expect(await eventLog(t, null, sessionId)).toEqual(seen);
    expect((await call('get', null, `/sessions/${sessionId}`, 200)).body).toMatchObject({ state: 'closed', lastSeq: seen.length });
    expect(await statusOf()).toBe('supported');
    live.closeAll();
  });

  it('6. the secretariat plans the implementation; the ministry carries the bill to an act in force (implemented)', async () => {
    const pkg = await call('post', secretariat, `/councils/${councilId}/reform-packages`, 201, { title: 'First reform package', announcedOn: isoDay() });
    const plan = await call('post', secretariat, `/councils/${councilId}/plans`, 201, { title: 'Implementation plan of the second sitting', sessionId });
    expect(plan.body).toMatchObject({ sessionId, items: [] });
    const planItem = await call('post', secretariat, `/plans/${plan.body.id}/items`, 201, {
      proposalId,
      title: 'Bill abolishing the death penalty',
      responsibleAgencyId: justiceId,
      deliverable: 'draft_law',
      dueOn: isoDay(365),
      reformPackageId: pkg.body.id,
    });
    expect(planItem.body).toMatchObject({ proposalId, responsibleAgencyId: justiceId, deliverable: 'draft_law', reformPackageId: pkg.body.id, stage: 'planned' });
    planItemId = planItem.body.id;
    expect(await statusOf()).toBe('in_implementation');

    const updates: [string, string, string?][] = [
      ['drafting', 'The ministry drafts the bill.'],
      ['submitted', 'Submitted to the lower house.'],
      ['first_reading', 'Passed a first reading, with reservations.'],
      ['adopted', 'Passed without reservations by the lower house, then the senate.'],
      ['signed', 'Signed by the head of state.'],
      ['in_force', 'In force.', LEGAL_ACT],
    ];
    for (const [stage, note, legalActRef] of updates) {
      const update = await call('post', justiceRep, `/plan-items/${planItemId}/updates`, 201, { stage, note, ...(legalActRef ? { legalActRef } : {}) });
      expect(update.body).toMatchObject({ stage, note, proposal: { id: proposalId, status: stage === 'in_force' ? 'implemented' : 'in_implementation' } });
    }
    const view = await call('get', secretariat, `/plans/${plan.body.id}`, 200);
    expect(view.body.items).toEqual([expect.objectContaining({ id: planItemId, stage: 'in_force', legalActRef: LEGAL_ACT, progress: 100 })]);
    expect(view.body.countsByStage).toMatchObject({ in_force: 1, planned: 0 });
  });

  it('7a. the proposal is implemented, and its trace tells the whole story in time order', async () => {
    expect(await statusOf()).toBe('implemented');
    expect(await statusOf(observer)).toBe('implemented');

    const res = await call('get', secretariat, `/proposals/${proposalId}/trace?limit=200`, 200);
    expect(res.body.nextCursor).toBeNull();
    const trace = res.body.items as TraceEntry[];
    for (const e of trace) expect(e).toEqual({ at: expect.stringMatching(ISO_INSTANT), kind: expect.any(String), summary: expect.any(String), ref: { type: expect.any(String), id: expect.any(String) }, data: expect.any(Object) });
    for (let i = 1; i < trace.length; i++) expect(Date.parse(trace[i].at)).toBeGreaterThanOrEqual(Date.parse(trace[i - 1].at));

    const kinds = trace.map((e) => e.kind);
    expect(kinds.filter((k) => k !== 'transition')).toEqual([
      'created',
      'version',
      'version',
      'consultation_opened',
      'consultation_comment',
      'consultation_answered',
      'poll_closed',
      'minority_opinion',
      'agenda_item',
      'decision',
      'plan_item',
      ...Array<string>(6).fill('plan_update'),
    ]);
    // Seven moves in order: the requested one between the answer and the poll, each automatic one right next to
    // its cause (they share one transaction, hence one instant, in either order).
    const targetOf = (e: TraceEntry) => /→\s*(\w+)/.exec(e.summary)?.[1];
    const moves = trace.filter((e) => e.kind === 'transition').map(targetOf);
    expect(moves).toEqual(['in_consultation', 'in_deliberation', 'recommended', 'on_agenda', 'supported', 'in_implementation', 'implemented']);
    const moveTo = (status: string) => trace.findIndex((e) => e.kind === 'transition' && targetOf(e) === status);
    expect(moveTo('in_deliberation')).toBeGreaterThan(kinds.indexOf('consultation_answered'));
    expect(moveTo('in_deliberation')).toBeLessThan(kinds.indexOf('poll_closed'));
    const causes: [string, number][] = [
      ['in_consultation', kinds.indexOf('consultation_opened')],
      ['recommended', kinds.indexOf('poll_closed')],
      ['on_agenda', kinds.indexOf('agenda_item')],
      ['supported', kinds.indexOf('decision')],
      ['in_implementation', kinds.indexOf('plan_item')],
      ['implemented', kinds.lastIndexOf('plan_update')],
    ];
    for (const [status, cause] of causes) expect({ status, distance: Math.abs(moveTo(status) - cause) }).toEqual({ status, distance: 1 });

    const refOf = (kind: string) => trace.find((e) => e.kind === kind)?.ref;
    expect(refOf('created')).toEqual({ type: 'proposal', id: proposalId });
    expect(refOf('consultation_opened')?.id).toBe(consultationId);
    expect(refOf('poll_closed')?.id).toBe(pollId);
    expect(refOf('minority_opinion')?.id).toBe(opinionId);
    expect(refOf('agenda_item')?.id).toBe(itemId);
    expect(refOf('decision')?.id).toBe(itemId);
    expect(refOf('plan_item')?.id).toBe(planItemId);
    expect(trace.filter((e) => e.kind === 'plan_update').at(-1)?.summary).toContain(LEGAL_ACT);
  });

  it("7b. the sitting's minutes (Markdown) carry the chair's decision and the group's minority opinion", async () => {
    const res = await call('get', observer, `/sessions/${sessionId}/minutes?format=md`, 200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.text).toContain('# Minutes: Second sitting');
    expect(res.text).toContain(`## Item 1. ${TITLE}`);
    expect(res.text).toContain('**supported**');
    expect(res.text).toContain(INSTRUCTION);
    // SPEC.md, Minority opinions: they travel with the proposal ... in the session minutes (API.md: "with minority opinions").
    expect(res.text).toContain(MINORITY);
  });

  it('7c. the audit chain of the council verifies', async () => {
    const res = await call('get', secretariat, `/councils/${councilId}/audit/verify`, 200);
    expect(res.body).toMatchObject({ ok: true, entries: expect.any(Number) });
    expect(res.body.entries).toBeGreaterThan(30);
    expect(res.body.firstBrokenAt ?? null).toBeNull();
  });
});
