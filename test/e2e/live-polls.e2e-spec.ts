import { Socket } from 'socket.io-client';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, createMember, Session } from '../support/factories';
import { expectProblem } from '../support/problems';
import { counts, getJson, GroupCouncil, groupCouncil } from '../support/poll-factories';
import { ack, createSession, eventLog, eventWithin, LiveClients, LiveEvent, ok, postSessionPoll, range, seqsOf, waitForEvent } from '../support/live';

/** KENES_TALLY_INTERVAL_MS's default: at most one tally.updated per poll per 250 ms. */
const INTERVAL_MS = 250;

describe('live session polls', () => {
  let t: TestApp;
  let g: GroupCouncil;
  let live: LiveClients;
  /** A socket per voter of the group (coordinator first), connected once for the whole file. */
  let voterSockets: Socket[];

  beforeAll(async () => {
    t = await startTestApp();
    live = new LiveClients(t);
    g = await groupCouncil(t, 20);
  });
  beforeEach(async () => {
    voterSockets = await Promise.all(g.voters.map((v) => live.connect(v)));
  });
  afterEach(() => live.closeAll());
  afterAll(async () => {
    live.closeAll();
    await t.close();
  });

  /** A live sitting (plenary unless told) with the moderator's socket joined, and a session poll in draft. */
  const sittingWithPoll = async (rule: Record<string, unknown>, opts: { secret?: boolean; extra?: Record<string, unknown> } = {}) => {
    const s = await createSession(t, g.moderator, g.council.id, opts.extra);
    const mod = await live.connect(g.moderator);
    await ok(mod, 'session.join', { sessionId: s.id });
    await ok(mod, 'session.start', { sessionId: s.id });
    const res = await postSessionPoll(t, g.moderator, s.id, { rule, secret: opts.secret ?? false });
    if (res.status !== 201) throw new Error(`session poll: ${res.status} ${JSON.stringify(res.body)}`);
    return { sessionId: s.id, pollId: res.body.id as string, mod };
  };
  const of = (sessionId: string, type: string, pollId: string) => (e: LiveEvent) => e.sessionId === sessionId && e.type === type && e.payload.pollId === pollId;
  /** Casts over the sockets, all at once: choices[i] by voter i. */
  const castAll = (pollId: string, choices: string[]) => Promise.all(choices.map((choice, i) => ok(voterSockets[i], 'ballot.cast', { pollId, choice })));

  it('explains the tally in the ack in the handshake’s language', async () => {
    const { pollId } = await sittingWithPoll({ method: 'majority', base: 'cast' });
    const ru = await live.connect(g.moderator, 'ru');
    const opened = await ok(ru, 'poll.open', { pollId });
    expect(opened.poll.status).toBe('open');
    await castAll(pollId, ['for', 'for', 'against']);
    const closed = await ok(ru, 'poll.close', { pollId });
    expect(closed.poll.tally.explanation).toMatch(/[А-Яа-я]/);
  });

  it('closes its open polls when the session closes: each poll.closed (secret choices rewritten and sealed) before session.closed, and no ballot after', async () => {
    const { sessionId, pollId, mod } = await sittingWithPoll({ method: 'majority', base: 'cast' }, { secret: true });
    await ok(mod, 'poll.open', { pollId });
    await castAll(pollId, ['for', 'against', 'for']);
    await ok(mod, 'session.close', { sessionId });
    const log = await eventLog(t, g.moderator, sessionId);
    const types = log.map((e) => e.type);
    expect(types.indexOf('poll.closed')).toBeGreaterThan(-1);
    expect(types.indexOf('poll.closed')).toBeLessThan(types.indexOf('session.closed'));
    expect(log.find((e) => e.type === 'poll.closed')?.payload.tally).toMatchObject({ participation: 3, counts: counts({ for: 2, against: 1 }) });
    const [poll] = await t.db.query('SELECT status, sealed_at AS "sealedAt" FROM polls WHERE id = $1', [pollId]);
    expect(poll.status).toBe('closed');
    expect(poll.sealedAt).not.toBeNull();
    const joined = await t.db.query(
      'SELECT count(*)::int AS n FROM secret_participations p JOIN secret_slots s ON s.poll_id = p.poll_id AND s.xmin::text = p.xmin::text WHERE p.poll_id = $1',
      [pollId],
    );
    expect(joined[0].n).toBe(0);
    const late = await ack(voterSockets[3], 'ballot.cast', { pollId, choice: 'for' });
    expect(late).toMatchObject({ ok: false, error: { status: 409 } });
  });

  it('opens a session poll over the socket (poll.opened), takes ballots ({ok, receipt}) and closes it (poll.closed with the tally)', async () => {
    const { sessionId, pollId, mod } = await sittingWithPoll({ method: 'majority', base: 'cast' });
    const opened = await ok(mod, 'poll.open', { pollId });
    expect(opened.poll).toMatchObject({ id: pollId, status: 'open', sessionId, eligibleCount: 22 });
    const event = await waitForEvent(mod, of(sessionId, 'poll.opened', pollId));
    expect(event).toMatchObject({ actor: g.moderator.userId, payload: { pollId, secret: false, eligibleCount: 22, rule: expect.objectContaining({ method: 'majority', base: 'cast' }) } });

    const cast = await ack(voterSockets[0], 'ballot.cast', { pollId, choice: 'for' });
    expect(cast).toEqual({ ok: true, receipt: expect.any(String) });
    await ok(voterSockets[1], 'ballot.cast', { pollId, choice: 'against', idempotencyKey: 'k-1', reason: 'The cost is not covered.' });
    const [kept] = await t.db.query('SELECT reason FROM ballots WHERE poll_id = $1 AND membership_id = $2', [pollId, g.voters[1].membershipId]);
    expect(kept.reason).toBe('The cost is not covered.');
    await ok(voterSockets[2], 'ballot.cast', { pollId, choice: 'for' });
    const closed = await ok(mod, 'poll.close', { pollId });
    expect(closed.poll).toMatchObject({ status: 'closed', tally: expect.objectContaining({ outcome: 'adopted' }) });
    const closedEvent = await waitForEvent(mod, of(sessionId, 'poll.closed', pollId));
    expect(closedEvent.payload.tally).toMatchObject({ counts: counts({ for: 2, against: 1 }), base: 'cast', baseSize: 3, forNeeded: 2, participation: 3, outcome: 'adopted', explanation: expect.any(String) });
    expect(await ack(mod, 'poll.close', { pollId })).toMatchObject({ ok: false, error: { status: 409 } });
    expect(await ack(voterSockets[3], 'ballot.cast', { pollId, choice: 'for' })).toMatchObject({ ok: false, error: { status: 409 } });
  });

  it('refuses ineligible voters (403), members running the poll (403), bad choices (400), a draft poll (409)', async () => {
    const { pollId, mod } = await sittingWithPoll({ method: 'majority', base: 'cast' }, { extra: { kind: 'working_group', workingGroupId: g.groupId } });
    expect(await ack(voterSockets[0], 'ballot.cast', { pollId, choice: 'for' })).toMatchObject({ ok: false, error: { status: 409 } });
    expect(await ack(voterSockets[0], 'poll.open', { pollId })).toMatchObject({ ok: false, error: { status: 403 } });
    await ok(mod, 'poll.open', { pollId });
    const late = await createMember(t, g.admin, g.council.id, 'late member');
    for (const who of [g.otherMember, g.observer, g.chair, late] as Session[]) {
      expect(await ack(await live.connect(who), 'ballot.cast', { pollId, choice: 'for' })).toMatchObject({ ok: false, error: { status: 403 } });
    }
    expect(await ack(await live.connect(g.outsider), 'ballot.cast', { pollId, choice: 'for' })).toMatchObject({ ok: false, error: { status: 404 } });
    expect(await ack(voterSockets[0], 'ballot.cast', { pollId, choice: 'block' })).toMatchObject({ ok: false, error: { status: 400, errors: [expect.objectContaining({ field: 'choice' })] } });
    expect(await ack(voterSockets[0], 'ballot.cast', { pollId, choice: 'for', stance: 'x' })).toMatchObject({ ok: false, error: { status: 400, errors: [expect.objectContaining({ field: 'stance' })] } });
    expect(await ack(voterSockets[0], 'poll.close', { pollId })).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await ack(await live.connect(), 'poll.close', { pollId })).toMatchObject({ ok: false, error: { status: 401 } });
  });

  it('coalesces tally.updated: 20 quick ballots give far fewer updates, the last with the final counts', async () => {
    const { sessionId, pollId, mod } = await sittingWithPoll({ method: 'majority', base: 'cast' });
    await ok(mod, 'poll.open', { pollId });
    const choices = [...Array(12).fill('for'), ...Array(5).fill('against'), ...Array(3).fill('abstain')] as string[];
    await castAll(pollId, choices);
    const final = counts({ for: 12, against: 5, abstain: 3 });
    const last = await waitForEvent(mod, (e) => of(sessionId, 'tally.updated', pollId)(e) && e.payload.participation === 20);
    expect(last.payload).toEqual({ pollId, participation: 20, counts: final });
    const updates = (await eventLog(t, g.moderator, sessionId)).filter((e) => e.type === 'tally.updated');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThan(10);
    expect(updates.at(-1)?.seq).toBe(last.seq);
    // At most one per interval (the `at`s are the flushes' transaction times).
    for (let i = 1; i < updates.length; i++) expect(Date.parse(updates[i].at) - Date.parse(updates[i - 1].at)).toBeGreaterThanOrEqual(INTERVAL_MS - 50);

    // The same choice again changes no count: nothing is sent. A changed choice is.
    await ok(voterSockets[0], 'ballot.cast', { pollId, choice: 'for' });
    expect(await eventWithin(mod, (e) => of(sessionId, 'tally.updated', pollId)(e) && e.seq > last.seq, 2 * INTERVAL_MS + 200)).toBeNull();
    await ok(voterSockets[0], 'ballot.cast', { pollId, choice: 'against' });
    const changed = await waitForEvent(mod, (e) => of(sessionId, 'tally.updated', pollId)(e) && e.seq > last.seq);
    expect(changed.payload).toEqual({ pollId, participation: 20, counts: counts({ for: 11, against: 6, abstain: 3 }) });
    const closed = await ok(mod, 'poll.close', { pollId });
    expect(closed.poll.tally.counts).toEqual(counts({ for: 11, against: 6, abstain: 3 }));
  });

  it('refuses to open a poll of a closed session (409), over the socket and over HTTP, and writes nothing', async () => {
    const { sessionId, pollId, mod } = await sittingWithPoll({ method: 'majority', base: 'cast' });
    await ok(mod, 'session.close', { sessionId });
    expect(await ack(mod, 'poll.open', { pollId })).toMatchObject({ ok: false, error: { status: 409 } });
    expectProblem(await t.http().post(`${API}/polls/${pollId}/open`).set(bearer(g.moderator)), 409);
    expect((await getJson(t, g.moderator, `/polls/${pollId}`)).body).toMatchObject({ status: 'draft', eligibleCount: null });
    const log = await eventLog(t, g.moderator, sessionId);
    expect(log.map((e) => e.type)).not.toContain('poll.opened');
  });

  it('sends participation only, never counts, for a secret poll', async () => {
    const { sessionId, pollId, mod } = await sittingWithPoll({ method: 'majority', base: 'cast', allowChange: false }, { secret: true });
    await ok(mod, 'poll.open', { pollId });
    await castAll(pollId, ['for', 'against', 'for', 'abstain', 'for']);
    const update = await waitForEvent(mod, (e) => of(sessionId, 'tally.updated', pollId)(e) && e.payload.participation === 5);
    expect(update.payload).toEqual({ pollId, participation: 5 });
    const log = await eventLog(t, g.moderator, sessionId);
    for (const e of log.filter((x) => x.type === 'tally.updated')) expect(Object.keys(e.payload).sort()).toEqual(['participation', 'pollId']);
    expect(JSON.stringify(log)).not.toContain(g.voters[0].membershipId);
    const closed = await ok(mod, 'poll.close', { pollId });
    expect(closed.poll.tally.counts).toEqual(counts({ for: 3, against: 1, abstain: 1 }));
  });

  it('sends no tally.updated after poll.closed, even with a flush pending, and keeps the log gapless', async () => {
    const { sessionId, pollId, mod } = await sittingWithPoll({ method: 'majority', base: 'cast' });
    await ok(mod, 'poll.open', { pollId });
    await castAll(pollId, ['for', 'for', 'against']);
    // Closed right after the ballots: the coalesced flush is still waiting for its interval.
    await ok(mod, 'poll.close', { pollId });
    const closed = await waitForEvent(mod, of(sessionId, 'poll.closed', pollId));
    expect(closed.payload.tally).toMatchObject({ counts: counts({ for: 2, against: 1 }), outcome: 'adopted' });
    expect(await eventWithin(mod, (e) => e.type === 'tally.updated' && e.seq > closed.seq, 2 * INTERVAL_MS + 200)).toBeNull();
    const log = await eventLog(t, g.moderator, sessionId);
    expect(seqsOf(log)).toEqual(range(1, log.length));
    const closedAt = log.findIndex((e) => e.type === 'poll.closed');
    expect(log.slice(closedAt + 1).filter((e) => e.type === 'tally.updated')).toEqual([]);
  });

  it("takes base present from the checked-in eligible voters when the poll closes (a group's sitting)", async () => {
    const { sessionId, pollId, mod } = await sittingWithPoll({ method: 'majority', base: 'present' }, { extra: { kind: 'working_group', workingGroupId: g.groupId } });
    // Three of the group's voters and a member of another group check in; only the three are eligible.
    for (const sock of [...voterSockets.slice(0, 3), await live.connect(g.otherMember)]) await ok(sock, 'attendance.checkIn', { sessionId });
    await ok(mod, 'poll.open', { pollId });
    // A voter who checks in after the poll opened is present when it closes.
    await ok(voterSockets[3], 'attendance.checkIn', { sessionId });
    await castAll(pollId, ['for', 'for', 'for', 'against']);
    const closed = await ok(mod, 'poll.close', { pollId });
    expect(closed.poll.tally).toMatchObject({ base: 'present', baseSize: 4, forNeeded: 3, eligible: 21, participation: 4, outcome: 'adopted' });
    const event = await waitForEvent(mod, of(sessionId, 'poll.closed', pollId));
    expect(event.payload.tally).toMatchObject({ baseSize: 4, forNeeded: 3, outcome: 'adopted' });
  });
});
