import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, createMember, Session } from '../support/factories';
import { expectProblem, UUID } from '../support/problems';
import { cast, closePoll, counts, createPoll, getJson, GroupCouncil, groupCouncil, openPoll, text, vote } from '../support/poll-factories';
import { createSession } from '../support/live';

/** API.md, "Proxy voting", over HTTP: settings, giving and revoking, casting on behalf, tallies, races. */
describe('proxy voting (HTTP)', () => {
  let t: TestApp;
  let g: GroupCouncil;

  beforeAll(async () => {
    t = await startTestApp();
    g = await groupCouncil(t, 8);
  });
  afterAll(() => t.close());

  const settings = (by: Session, proxyVoting: Record<string, unknown>) => t.http().patch(`${API}/councils/${g.council.id}`).set(bearer(by)).send({ proxyVoting });
  const give = (by: Session, body: Record<string, unknown>, councilId = g.council.id) => t.http().post(`${API}/councils/${councilId}/proxies`).set(bearer(by)).send(body);
  const revoke = (by: Session, id: string) => t.http().post(`${API}/proxies/${id}/revocation`).set(bearer(by));
  const setAll = (s: Record<string, unknown>) =>
    t.db.query('UPDATE councils SET proxy_voting = $2 WHERE id = $1', [
      g.council.id,
      JSON.stringify({ enabled: true, maxPerDelegate: 1, delegatorMayVote: false, countTowardQuorum: false, onSecretPolls: false, ...s }),
    ]);
  /** Revokes every active proxy of the council, straight in the table, so that each test starts clean. */
  beforeEach(() => t.db.query(`UPDATE proxies SET status = 'revoked', revoked_at = now(), revoked_by_user_id = created_by_user_id WHERE council_id = $1 AND status = 'active'`, [g.council.id]));

  const [A, B, C, D] = [1, 2, 3, 4];
  const v = (i: number) => g.voters[i];
  const rule = { method: 'majority', base: 'cast' };
  const pollWithProxies = async (proxies: [number, number][], r: Record<string, unknown> = rule, extra: Record<string, unknown> = {}) => {
    const poll = await createPoll(t, g.coordinator, g.groupId, r, extra);
    for (const [from, to] of proxies) {
      const res = await give(v(from), { delegateMembershipId: v(to).membershipId, pollId: poll.id });
      expect(res.status).toBe(201);
    }
    return poll;
  };

  it('keeps proxy voting off by default; the secretariat turns it on field by field (others 403, bad values 400)', async () => {
    const council = await getJson(t, v(A), `/councils/${g.council.id}`);
    expect(council.body.proxyVoting).toEqual({ enabled: false, maxPerDelegate: 1, delegatorMayVote: false, countTowardQuorum: false, onSecretPolls: false });
    const poll = await createPoll(t, g.coordinator, g.groupId, rule);
    const off = await give(v(A), { delegateMembershipId: v(B).membershipId, pollId: poll.id });
    expectProblem(off, 409);
    expect(off.body.code).toBe('PROXY_VOTING_OFF');
    expectProblem(await settings(v(A), { enabled: true }), 403);
    expectProblem(await settings(g.secretariat, { maxPerDelegate: 0 }), 400, ['proxyVoting.maxPerDelegate']);
    expectProblem(await settings(g.secretariat, { enabled: true, chains: true }), 400);
    expectProblem(await settings(g.secretariat, { enabled: 'yes' }), 400, ['proxyVoting.enabled']);
    const on = await settings(g.secretariat, { enabled: true, maxPerDelegate: 2 });
    expect(on.status).toBe(200);
    expect(on.body.proxyVoting).toEqual({ enabled: true, maxPerDelegate: 2, delegatorMayVote: false, countTowardQuorum: false, onSecretPolls: false });
    const again = await settings(g.secretariat, { onSecretPolls: true });
    expect(again.body.proxyVoting).toMatchObject({ enabled: true, maxPerDelegate: 2, onSecretPolls: true });
    const [audit] = await t.db.query(`SELECT summary FROM audit_entries WHERE council_id = $1 AND action = 'council.updated' ORDER BY created_at DESC LIMIT 1`, [g.council.id]);
    expect(audit.summary.after.proxyVoting).toMatchObject({ onSecretPolls: true });
  });

  it('gives and revokes a proxy with 201/200, refuses each 409 of the contract, and audits both', async () => {
    await setAll({});
    const poll = await createPoll(t, g.coordinator, g.groupId, rule);
    const created = await give(v(A), { delegateMembershipId: v(B).membershipId, pollId: poll.id, instruction: 'Vote for, please.' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(UUID),
      createdAt: expect.any(String),
      councilId: g.council.id,
      delegatorMembershipId: v(A).membershipId,
      delegateMembershipId: v(B).membershipId,
      sessionId: null,
      pollId: poll.id,
      instruction: 'Vote for, please.',
      status: 'active',
      revokedAt: null,
    });
    const code = async (by: Session, to: number, expected: string) => {
      const res = await give(by, { delegateMembershipId: v(to).membershipId, pollId: poll.id });
      expectProblem(res, 409);
      expect(res.body.code).toBe(expected);
    };
    await code(v(C), C, 'PROXY_TO_SELF');
    await code(v(A), C, 'PROXY_ALREADY_GIVEN');
    await code(v(B), C, 'DELEGATOR_HOLDS_PROXY'); // B holds A's: no chain A → B → C
    await code(v(C), A, 'DELEGATE_HAS_GIVEN'); // A gave one: no chain C → A → B
    await code(v(C), B, 'DELEGATE_FULL'); // maxPerDelegate 1
    // 400 before anything: exactly one scope, a delegate of this council, a valid body.
    expectProblem(await give(v(C), { delegateMembershipId: v(D).membershipId }), 400, ['sessionId']);
    expectProblem(await give(v(C), { delegateMembershipId: v(D).membershipId, pollId: poll.id, sessionId: poll.id }), 400);
    expectProblem(await give(v(C), { delegateMembershipId: 'nope', pollId: poll.id }), 400, ['delegateMembershipId']);
    expectProblem(await give(v(C), { delegateMembershipId: v(D).membershipId, pollId: poll.id, extra: 1 }), 400);
    expectProblem(await give(v(C), { delegateMembershipId: g.chair.membershipId, pollId: poll.id }), 400, ['delegateMembershipId']);
    // A group's poll: both members sit in the group.
    expectProblem(await give(v(C), { delegateMembershipId: g.otherMember.membershipId, pollId: poll.id }), 400, ['delegateMembershipId']);
    expectProblem(await give(g.otherMember, { delegateMembershipId: v(D).membershipId, pollId: poll.id }), 403);
    // Reach and role.
    expectProblem(await give(g.outsider, { delegateMembershipId: v(D).membershipId, pollId: poll.id }), 404);
    expectProblem(await give(g.observer, { delegateMembershipId: v(D).membershipId, pollId: poll.id }), 403);
    expectProblem(await give(g.agencyRep, { delegateMembershipId: v(D).membershipId, pollId: poll.id }), 403);
    // Revocation: another member 403, an outsider 404; the delegator 200, then 409.
    expectProblem(await revoke(v(C), created.body.id), 403);
    expectProblem(await revoke(g.outsider, created.body.id), 404);
    const revoked = await revoke(v(A), created.body.id);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: created.body.id, status: 'revoked', revokedAt: expect.any(String) });
    expectProblem(await revoke(v(A), created.body.id), 409);
    // The secretariat may revoke any.
    const other = await give(v(C), { delegateMembershipId: v(D).membershipId, pollId: poll.id });
    expect((await revoke(g.secretariat, other.body.id)).status).toBe(200);
    const actions = await t.db.query(`SELECT action FROM audit_entries WHERE object_id = $1 ORDER BY created_at, id`, [created.body.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['proxy.created', 'proxy.revoked']);
    // Lists: council-wide read, outsiders 404.
    const list = await getJson(t, g.observer, `/polls/${poll.id}/proxies`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      [created.body.id, 'revoked'],
      [other.body.id, 'revoked'],
    ]);
    expectProblem(await getJson(t, g.outsider, `/polls/${poll.id}/proxies`), 404);
  });

  it('a delegate casts for two members and themself, three different choices counted as three, shown with who cast them', async () => {
    await setAll({ maxPerDelegate: 2 });
    const poll = await pollWithProxies([
      [A, C],
      [B, C],
    ]);
    await openPoll(t, g.coordinator, poll.id);
    const forA = await cast(t, v(C), poll.id, { choice: 'for', onBehalfOf: v(A).membershipId });
    expect(forA.status).toBe(200);
    expect(Object.keys(forA.body)).toEqual(['receipt']);
    expect((await cast(t, v(C), poll.id, { choice: 'against', onBehalfOf: v(B).membershipId })).status).toBe(200);
    await vote(t, v(C), poll.id, 'abstain');
    // The delegators may not vote themselves (delegatorMayVote: false); nobody else may cast for them.
    const own = await cast(t, v(A), poll.id, { choice: 'against' });
    expectProblem(own, 409);
    expect(own.body.code).toBe('DELEGATOR_HAS_PROXY');
    expectProblem(await cast(t, v(D), poll.id, { choice: 'for', onBehalfOf: v(A).membershipId }), 403);
    expectProblem(await cast(t, v(C), poll.id, { choice: 'for', onBehalfOf: v(D).membershipId }), 403);
    expectProblem(await cast(t, v(C), poll.id, { choice: 'for', onBehalfOf: v(C).membershipId }), 403);
    expectProblem(await cast(t, g.observer, poll.id, { choice: 'for', onBehalfOf: v(A).membershipId }), 403);
    expectProblem(await cast(t, g.outsider, poll.id, { choice: 'for', onBehalfOf: v(A).membershipId }), 404);
    expectProblem(await cast(t, v(C), poll.id, { choice: 'for', onBehalfOf: 'someone' }), 400, ['onBehalfOf']);
    // A proxy given or revoked once the poll is open changes nothing for it.
    const late = await give(v(D), { delegateMembershipId: v(5).membershipId, pollId: poll.id });
    expectProblem(late, 409);
    expect(late.body.code).toBe('POLL_NOT_DRAFT');
    const [pa] = (await getJson(t, v(A), `/polls/${poll.id}/proxies`)).body.items;
    expect((await revoke(v(A), pa.id)).status).toBe(200);
    expect((await cast(t, v(C), poll.id, { choice: 'for', onBehalfOf: v(A).membershipId })).status).toBe(200);
    const closed = await closePoll(t, g.coordinator, poll.id);
    expect(closed.tally).toMatchObject({ counts: counts({ for: 1, against: 1, abstain: 1 }), participation: 3, represented: 2 });
    expect(closed.tally?.explanation).toContain('2 ballots cast by proxy');
    const byMember = Object.fromEntries((closed.ballots ?? []).map((b) => [b.membershipId, b]));
    expect(byMember[v(A).membershipId]).toEqual({ membershipId: v(A).membershipId, choice: 'for', castByMembershipId: v(C).membershipId });
    expect(byMember[v(B).membershipId]).toEqual({ membershipId: v(B).membershipId, choice: 'against', castByMembershipId: v(C).membershipId });
    expect(byMember[v(C).membershipId]).toEqual({ membershipId: v(C).membershipId, choice: 'abstain', castByMembershipId: null });
    const page = await getJson(t, v(D), `/polls/${poll.id}/ballots`);
    expect(page.body.items.find((b: { membershipId: string }) => b.membershipId === v(A).membershipId).castByMembershipId).toBe(v(C).membershipId);
    // As fixed when it opened, whatever happened since.
    const fixed = await getJson(t, v(D), `/polls/${poll.id}/proxies`);
    expect(fixed.body.items.map((p: { status: string }) => p.status)).toEqual(['active', 'active']);
    const used = await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE council_id = $1 AND action = 'proxy.used' AND summary->'after'->>'pollId' = $2`, [g.council.id, poll.id]);
    expect(used[0].n).toBe(3);
  });

  it('with delegatorMayVote the delegator may vote, and their own ballot is never replaced by the proxy', async () => {
    await setAll({ delegatorMayVote: true });
    const poll = await pollWithProxies([[A, B]]);
    await openPoll(t, g.coordinator, poll.id);
    await vote(t, v(A), poll.id, 'against');
    expectProblem(await cast(t, v(B), poll.id, { choice: 'for', onBehalfOf: v(A).membershipId }), 409);
    const closed = await closePoll(t, g.coordinator, poll.id);
    expect(closed.tally).toMatchObject({ counts: counts({ against: 1 }), represented: 0 });
  });

  it('secret polls take proxy ballots only with onSecretPolls, as unlinkable as any, the receipt to the one who cast', async () => {
    await setAll({});
    const secretRule = { method: 'majority', base: 'cast', allowChange: false };
    const without = await pollWithProxies([[A, B]], secretRule, { secret: true });
    await openPoll(t, g.coordinator, without.id);
    expectProblem(await cast(t, v(B), without.id, { choice: 'for', onBehalfOf: v(A).membershipId }), 403);
    expect((await cast(t, v(A), without.id, { choice: 'for' })).status).toBe(200); // not in force: A votes
    await closePoll(t, g.coordinator, without.id);

    await setAll({ onSecretPolls: true });
    const poll = await pollWithProxies([[A, B]], secretRule, { secret: true });
    const opened = await openPoll(t, g.coordinator, poll.id);
    const byProxy = await cast(t, v(B), poll.id, { choice: 'against', onBehalfOf: v(A).membershipId }, 'proxy-key-1');
    expect(byProxy.status).toBe(200);
    expect(Object.keys(byProxy.body)).toEqual(['receipt']);
    // The same key answers the same receipt; a second ballot for A is refused.
    expect((await cast(t, v(B), poll.id, { choice: 'against', onBehalfOf: v(A).membershipId }, 'proxy-key-1')).body.receipt).toBe(byProxy.body.receipt);
    expectProblem(await cast(t, v(B), poll.id, { choice: 'for', onBehalfOf: v(A).membershipId }), 409);
    expectProblem(await cast(t, v(A), poll.id, { choice: 'for' }), 409);
    await vote(t, v(B), poll.id, 'for');
    await vote(t, v(C), poll.id, 'for');
    const open = await getJson(t, v(D), `/polls/${poll.id}`);
    const closed = await closePoll(t, g.coordinator, poll.id);
    expect(closed.tally).toMatchObject({ counts: counts({ for: 2, against: 1 }), participation: 3, represented: 1 });
    expect(closed.ballots).toBeNull();
    // Nothing that a secret poll answers names a voter.
    const bodies = text(opened as never, open, await getJson(t, v(D), `/polls/${poll.id}`), await getJson(t, v(D), `/polls/${poll.id}/receipts`));
    for (const i of [A, B, C]) expect(bodies).not.toContain(v(i).membershipId);
    expectProblem(await getJson(t, v(D), `/polls/${poll.id}/ballots`), 409);
    // The choice's row names nobody; the participation names who cast it.
    const [slot] = await t.db.query(`SELECT * FROM secret_slots WHERE poll_id = $1 LIMIT 1`, [poll.id]);
    expect(JSON.stringify(slot)).not.toContain(v(A).membershipId);
    expect(JSON.stringify(slot)).not.toContain(v(B).membershipId);
    const [part] = await t.db.query(`SELECT cast_by_membership_id AS "castBy" FROM secret_participations WHERE poll_id = $1 AND membership_id = $2`, [poll.id, v(A).membershipId]);
    expect(part.castBy).toBe(v(B).membershipId);
    // The receipt proves the represented member's ballot, for that member only: B cannot file with it, A can.
    const file = (by: Session) => t.http().post(`${API}/polls/${poll.id}/minority-opinions`).set(bearer(by)).send({ body: 'We should not.', receipt: byProxy.body.receipt });
    expectProblem(await file(v(B)), 403);
    const filed = await file(v(A));
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ position: 'against' });
  });

  it('counts proxy ballots towards the quorum only with countTowardQuorum', async () => {
    const quorumRule = { method: 'majority', base: 'cast', quorum: { count: 3 } };
    for (const [counted, outcome] of [
      [false, 'no_quorum'],
      [true, 'adopted'],
    ] as const) {
      await setAll({ countTowardQuorum: counted });
      const poll = await pollWithProxies([[A, B]], quorumRule);
      await openPoll(t, g.coordinator, poll.id);
      await cast(t, v(B), poll.id, { choice: 'for', onBehalfOf: v(A).membershipId });
      await vote(t, v(B), poll.id, 'for');
      await vote(t, v(C), poll.id, 'against');
      const closed = await closePoll(t, g.coordinator, poll.id);
      expect(closed.tally).toMatchObject({ participation: 3, represented: 1, outcome });
      expect(closed.tally?.explanation).toContain(counted ? 'Quorum: 3 of' : 'Quorum: 2 of');
    }
  });

  it('lets a poll proxy that has been fixed cover nothing else: the same members may give proxies for the rest of the sitting', async () => {
    await setAll({});
    const s = await createSession(t, g.moderator, g.council.id);
    const pollRes = await t.http().post(`${API}/sessions/${s.id}/polls`).set(bearer(g.moderator)).send({ question: 'First?', secret: false, rule });
    expect(pollRes.status).toBe(201);
    expect((await give(v(A), { delegateMembershipId: v(B).membershipId, pollId: pollRes.body.id })).status).toBe(201);
    // While that poll is a draft, its proxy overlaps the sitting.
    expect((await give(v(C), { delegateMembershipId: v(B).membershipId, sessionId: s.id })).body.code).toBe('DELEGATE_FULL');
    await openPoll(t, g.moderator, pollRes.body.id);
    await closePoll(t, g.moderator, pollRes.body.id);
    expect((await give(v(C), { delegateMembershipId: v(B).membershipId, sessionId: s.id })).status).toBe(201);
    expect((await give(v(A), { delegateMembershipId: v(D).membershipId, sessionId: s.id })).status).toBe(201);
  });

  it('leaves exactly one of 20 concurrent proxies to one delegate with maxPerDelegate 1', async () => {
    await setAll({ maxPerDelegate: 1 });
    const s = await createSession(t, g.moderator, g.council.id);
    const delegate = g.voters[0];
    const givers = g.voters.slice(1, 8).concat([g.otherMember]);
    const extra = await Promise.all(Array.from({ length: 20 - givers.length }, () => createMember(t, g.admin, g.council.id, 'racer')));
    const all = [...givers, ...extra];
    const results = await Promise.all(all.map((m) => give(m, { delegateMembershipId: delegate.membershipId, sessionId: s.id })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) {
      expectProblem(r, 409);
      expect(r.body.code).toBe('DELEGATE_FULL');
    }
    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM proxies WHERE session_id = $1 AND status = 'active'`, [s.id]);
    expect(row.n).toBe(1);
  });

  it('refuses in the database what the application must never write: a proxy ballot without a fixed proxy, a chain', async () => {
    await setAll({});
    const poll = await pollWithProxies([[A, B]]);
    await openPoll(t, g.coordinator, poll.id);
    await expect(
      t.db.query(`INSERT INTO ballots (poll_id, membership_id, choice, receipt, receipt_hash, cast_by_membership_id) VALUES ($1, $2, 'for', 'Rx', 'hx', $3)`, [
        poll.id,
        v(C).membershipId,
        v(D).membershipId,
      ]),
    ).rejects.toThrow(/fk_ballots_proxy/);
    await expect(
      t.db.query(`UPDATE poll_proxies SET delegate_membership_id = $2 WHERE poll_id = $1`, [poll.id, v(C).membershipId]),
    ).rejects.toThrow(/immutable/);
    const draft = await createPoll(t, g.coordinator, g.groupId, rule);
    await t.db.query(`UPDATE polls SET proxy_settings = $2 WHERE id = $1`, [draft.id, JSON.stringify({ enabled: true, maxPerDelegate: 5 })]);
    await t.db.query(`INSERT INTO poll_voters (poll_id, membership_id) SELECT $1, unnest($2::uuid[])`, [draft.id, [A, B, C].map((i) => v(i).membershipId)]);
    const given = await give(v(A), { delegateMembershipId: v(B).membershipId, pollId: draft.id });
    expect(given.status).toBe(201);
    await expect(
      t.db.query(
        `INSERT INTO poll_proxies (poll_id, delegator_membership_id, delegate_membership_id, proxy_id, status) VALUES ($1, $2, $3, $5, 'in_force'), ($1, $3, $4, $5, 'in_force')`,
        [draft.id, v(A).membershipId, v(B).membershipId, v(C).membershipId, given.body.id],
      ),
    ).rejects.toThrow(/would chain/);
  });
});
