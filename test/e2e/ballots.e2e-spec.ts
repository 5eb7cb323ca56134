import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, createGroup } from '../support/factories';
import { expectProblem } from '../support/problems';
import { bulkVoters, cast, closePoll, counts, createPoll, getJson, GroupCouncil, groupCouncil, makeCoordinator, Member, openPoll, vote } from '../support/poll-factories';

const MAJORITY = { method: 'majority', base: 'cast' };
const key = () => `key-${randomBytes(8).toString('hex')}`;

const sha256 = (r: string) => createHash('sha256').update(r).digest('hex');

describe('ballots', () => {
  let t: TestApp;
  let g: GroupCouncil;
  let bigGroupId: string;
  let hundred: Member[];
  let runner: Member; // the big group's coordinator (one of the hundred)

  beforeAll(async () => {
    t = await startTestApp();
    g = await groupCouncil(t, 3);
    bigGroupId = (await createGroup(t, g.admin, g.council.id)).id;
    hundred = await bulkVoters(t, g.council.id, bigGroupId, 100);
    runner = await makeCoordinator(t, bigGroupId, hundred[0]);
  });
  afterAll(() => t.close());

  const openNamed = async (rule: Record<string, unknown> = MAJORITY) => {
    const poll = await createPoll(t, g.coordinator, g.groupId, rule);
    await openPoll(t, g.coordinator, poll.id);
    return poll.id;
  };
  const ballotsOf = (pollId: string): Promise<{ membershipId: string; choice: string; receipt: string }[]> =>
    t.db.query('SELECT membership_id AS "membershipId", choice, receipt FROM ballots WHERE poll_id = $1', [pollId]);

  describe('a hundred members at once', () => {
    it('counts every one of 100 concurrent ballots, and the audit chain verifies', async () => {
      const poll = await createPoll(t, runner, bigGroupId, MAJORITY);
      expect((await openPoll(t, runner, poll.id)).eligibleCount).toBe(100);
      const wanted = hundred.map((_, i) => (i % 4 === 0 ? 'against' : i % 10 === 1 ? 'abstain' : 'for'));
      const responses = await Promise.all(hundred.map((m, i) => cast(t, m, poll.id, { choice: wanted[i] })));
      expect(responses.map((r) => r.status)).toEqual(hundred.map(() => 200));
      for (const r of responses) expect(Object.keys(r.body)).toEqual(['receipt']);
      expect(new Set(responses.map((r) => r.body.receipt)).size).toBe(100);
      const expected = counts({ for: wanted.filter((c) => c === 'for').length, against: 25, abstain: wanted.filter((c) => c === 'abstain').length });
      const live = await getJson(t, g.chair, `/polls/${poll.id}`);
      expect(live.body).toMatchObject({ status: 'open', participation: 100, counts: expected });
      const closed = await closePoll(t, runner, poll.id);
      expect(closed.tally).toMatchObject({ participation: 100, eligible: 100, counts: expected });
      expect(closed.ballots).toHaveLength(100);
      const receipts = await getJson(t, g.chair, `/polls/${poll.id}/receipts`).query({ limit: 200 });
      expect(receipts.body.items.map((i: { receiptHash: string }) => i.receiptHash).sort()).toEqual(responses.map((r) => sha256(r.body.receipt)).sort());
      const verify = await getJson(t, g.secretariat, `/councils/${g.council.id}/audit/verify`);
      expect(verify.body).toMatchObject({ ok: true, firstBrokenAt: null });
      const entries: { n: number }[] = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_entries WHERE council_id = $1 AND action = 'ballot.cast' AND object_id = $2 AND hash IS NOT NULL`,
        [g.council.id, poll.id],
      );
      expect(entries[0].n).toBe(100);
    });
  });

  describe('closing while ballots arrive', () => {
    it.each([false, true])('counts exactly the ballots that were answered 200 (secret %s)', async (secret) => {
      const voters = hundred.slice(0, 40);
      const poll = await createPoll(t, runner, bigGroupId, MAJORITY, { secret });
      await openPoll(t, runner, poll.id);
      const casts = voters.map((m, i) => cast(t, m, poll.id, { choice: i % 3 ? 'for' : 'against' }));
      const closing = t.http().post(`${API}/polls/${poll.id}/close`).set(bearer(runner));
      const [closed, ...responses] = await Promise.all([closing, ...casts]);
      expect(closed.status).toBe(200);
      const ok = responses.filter((r) => r.status === 200);
      for (const r of responses.filter((x) => x.status !== 200)) expectProblem(r, 409);
      expect(closed.body.tally.participation).toBe(ok.length);
      const listed = await getJson(t, g.chair, `/polls/${poll.id}/receipts`).query({ limit: 200 });
      const mine = ok.map((r) => r.body.receipt as string);
      expect(listed.body.items.map((i: { receiptHash: string }) => i.receiptHash).sort()).toEqual(mine.map(sha256).sort());
    });
  });

  describe('one member, many requests', () => {
    it('with allowChange true: 20 concurrent casts all answer 200 and leave one ballot, the last committed', async () => {
      const pollId = await openNamed();
      const picks = Array.from({ length: 20 }, (_, i) => ['for', 'against', 'abstain'][i % 3]);
      const responses = await Promise.all(picks.map((choice) => cast(t, g.members[0], pollId, { choice })));
      expect(responses.map((r) => r.status)).toEqual(picks.map(() => 200));
      const rows = await ballotsOf(pollId);
      expect(rows).toHaveLength(1);
      const winner = responses.findIndex((r) => r.body.receipt === rows[0].receipt);
      expect(winner).toBeGreaterThanOrEqual(0);
      expect(rows[0].choice).toBe(picks[winner]);
      expect((await getJson(t, g.chair, `/polls/${pollId}`)).body.participation).toBe(1);
    });

    it('with allowChange false: exactly one 200 and 19 × 409', async () => {
      const pollId = await openNamed({ ...MAJORITY, allowChange: false });
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => cast(t, g.members[1], pollId, { choice: i % 2 ? 'for' : 'against' })));
      const ok = responses.filter((r) => r.status === 200);
      expect(ok).toHaveLength(1);
      for (const r of responses.filter((x) => x.status !== 200)) expectProblem(r, 409);
      const rows = await ballotsOf(pollId);
      expect(rows).toEqual([{ membershipId: g.members[1].membershipId, choice: expect.any(String), receipt: ok[0].body.receipt }]);
    });

    it('replaces a ballot while open when the rule allows it; refuses any second cast when not', async () => {
      const changing = await openNamed();
      const first = await vote(t, g.members[0], changing, 'for');
      const second = await vote(t, g.members[0], changing, 'against');
      expect(second).not.toBe(first);
      expect(await ballotsOf(changing)).toEqual([{ membershipId: g.members[0].membershipId, choice: 'against', receipt: second }]);
      const fixed = await openNamed({ ...MAJORITY, allowChange: false });
      await vote(t, g.members[0], fixed, 'for');
      expectProblem(await cast(t, g.members[0], fixed, { choice: 'against' }), 409);
      expectProblem(await cast(t, g.members[0], fixed, { choice: 'for' }), 409);
      expect((await getJson(t, g.chair, `/polls/${fixed}`)).body.counts).toEqual(counts({ for: 1 }));
    });
  });

  describe('Idempotency-Key', () => {
    it.each([true, false])('answers a replay as the first time (allowChange %s); another body with the key → 409', async (allowChange) => {
      const pollId = await openNamed({ ...MAJORITY, allowChange });
      const k = key();
      const first = await vote(t, g.members[2], pollId, 'for', k);
      const again = await cast(t, g.members[2], pollId, { choice: 'for' }, k);
      expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: { receipt: first } });
      expectProblem(await cast(t, g.members[2], pollId, { choice: 'against' }, k), 409);
      expectProblem(await cast(t, g.members[2], pollId, { choice: 'for', reason: 'now with a reason' }, k), 409);
      expect(await ballotsOf(pollId)).toEqual([{ membershipId: g.members[2].membershipId, choice: 'for', receipt: first }]);
    });

    it.each([true, false])('answers 20 concurrent replays of one key with one receipt, three times over (allowChange %s)', async (allowChange) => {
      for (let round = 0; round < 3; round++) {
        const pollId = await openNamed({ ...MAJORITY, allowChange });
        const k = key();
        const responses = await Promise.all(Array.from({ length: 20 }, () => cast(t, g.members[0], pollId, { choice: 'abstain' }, k)));
        expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
        const rows = await ballotsOf(pollId);
        expect(rows).toHaveLength(1);
        expect(new Set(responses.map((r) => r.body.receipt))).toEqual(new Set([rows[0].receipt]));
      }
    });

    it('answers an old key as the first time after a newer cast changed the ballot: a late retry never undoes it', async () => {
      const pollId = await openNamed();
      const [a, b] = [key(), key()];
      const first = await vote(t, g.members[1], pollId, 'for', a);
      const second = await vote(t, g.members[1], pollId, 'against', b);
      expect(second).not.toBe(first);
      const late = await cast(t, g.members[1], pollId, { choice: 'for' }, a);
      expect({ status: late.status, body: late.body }).toEqual({ status: 200, body: { receipt: first } });
      expect(await ballotsOf(pollId)).toEqual([{ membershipId: g.members[1].membershipId, choice: 'against', receipt: second }]);
      expectProblem(await cast(t, g.members[1], pollId, { choice: 'abstain' }, a), 409);
      expect((await cast(t, g.members[1], pollId, { choice: 'against' }, b)).body).toEqual({ receipt: second });
      // A third key changes it again; both earlier keys still answer as they did.
      const third = await vote(t, g.members[1], pollId, 'abstain', key());
      await closePoll(t, g.coordinator, pollId);
      expect((await cast(t, g.members[1], pollId, { choice: 'for' }, a)).body).toEqual({ receipt: first });
      expect((await cast(t, g.members[1], pollId, { choice: 'against' }, b)).body).toEqual({ receipt: second });
      expect(await ballotsOf(pollId)).toEqual([{ membershipId: g.members[1].membershipId, choice: 'abstain', receipt: third }]);
      const changes: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE object_id = $1 AND action = 'ballot.changed'`, [pollId]);
      expect(changes[0].n).toBe(2);
    });

    it('answers a replay as the first time after the poll has closed; anything else then is 409', async () => {
      const pollId = await openNamed();
      const k = key();
      const first = await vote(t, g.members[1], pollId, 'against', k);
      await closePoll(t, g.coordinator, pollId);
      expect((await cast(t, g.members[1], pollId, { choice: 'against' }, k)).body).toEqual({ receipt: first });
      expectProblem(await cast(t, g.members[1], pollId, { choice: 'for' }, k), 409);
      expectProblem(await cast(t, g.members[1], pollId, { choice: 'against' }, key()), 409);
      expectProblem(await cast(t, g.members[1], pollId, { choice: 'against' }), 409);
      expect((await getJson(t, g.chair, `/polls/${pollId}/tally`)).body.counts).toEqual(counts({ against: 1 }));
    });

    it('does not confuse two members using the same key', async () => {
      const pollId = await openNamed({ ...MAJORITY, allowChange: false });
      const k = key();
      const a = await vote(t, g.members[0], pollId, 'for', k);
      const b = await vote(t, g.members[1], pollId, 'against', k);
      expect(a).not.toBe(b);
      expect((await getJson(t, g.chair, `/polls/${pollId}`)).body.counts).toEqual(counts({ for: 1, against: 1 }));
    });

    it('refuses a key longer than 200 characters (400)', async () => {
      const pollId = await openNamed();
      expectProblem(await cast(t, g.members[0], pollId, { choice: 'for' }, 'k'.repeat(201)), 400, ['Idempotency-Key']);
    });
  });

  describe('who and when', () => {
    it('refuses a draft poll (409), then casts after closing (409 for the eligible, 403 for others)', async () => {
      const poll = await createPoll(t, g.coordinator, g.groupId, MAJORITY);
      expectProblem(await cast(t, g.members[0], poll.id, { choice: 'for' }), 409);
      await openPoll(t, g.coordinator, poll.id);
      await vote(t, g.members[0], poll.id, 'for');
      await closePoll(t, g.coordinator, poll.id);
      expectProblem(await cast(t, g.members[0], poll.id, { choice: 'against' }), 409);
      expectProblem(await cast(t, g.members[1], poll.id, { choice: 'for' }), 409);
      expectProblem(await cast(t, g.otherMember, poll.id, { choice: 'for' }), 403);
      expect((await getJson(t, g.chair, `/polls/${poll.id}/tally`)).body).toMatchObject({ participation: 1, counts: counts({ for: 1 }) });
    });

    it.each(['otherMember', 'agencyRep', 'observer', 'chair', 'secretariat', 'moderator'] as const)('refuses %s: not an eligible voter (403)', async (who) => {
      const pollId = await openNamed();
      expectProblem(await cast(t, g[who], pollId, { choice: 'for' }), 403);
      expect(await ballotsOf(pollId)).toEqual([]);
    });

    it('lets a voter whose term ended after the poll opened still vote in it (voters are fixed at opening)', async () => {
      const voter = hundred[99];
      const poll = await createPoll(t, runner, bigGroupId, MAJORITY);
      await openPoll(t, runner, poll.id);
      await t.db.query(`UPDATE memberships SET ends_on = CURRENT_DATE - 1 WHERE id = $1`, [voter.membershipId]);
      try {
        await vote(t, voter, poll.id, 'against');
        expect(await ballotsOf(poll.id)).toEqual([expect.objectContaining({ membershipId: voter.membershipId, choice: 'against' })]);
        // A poll opened after the term ended does not count them: they are out of the council now.
        const later = await createPoll(t, runner, bigGroupId, MAJORITY);
        await openPoll(t, runner, later.id);
        expectProblem(await cast(t, voter, later.id, { choice: 'for' }), 404);
      } finally {
        await t.db.query(`UPDATE memberships SET ends_on = NULL WHERE id = $1`, [voter.membershipId]);
      }
    });

    it('answers 404 outside the council and for an unknown poll', async () => {
      const pollId = await openNamed();
      expectProblem(await cast(t, g.outsider, pollId, { choice: 'for' }), 404);
      expectProblem(await cast(t, g.members[0], randomUUID(), { choice: 'for' }), 404);
    });
  });

  describe('bad requests', () => {
    it('refuses a choice the method does not take (400 choice)', async () => {
      const majority = await openNamed();
      for (const choice of ['block', 'stand_aside', 'maybe', 'FOR']) expectProblem(await cast(t, g.members[0], majority, { choice }), 400, ['choice']);
      const consensus = await openNamed({ method: 'consensus', base: 'cast' });
      for (const choice of ['against', 'abstain']) expectProblem(await cast(t, g.members[0], consensus, { choice }), 400, ['choice']);
      await vote(t, g.members[0], consensus, 'block');
      expect(await ballotsOf(majority)).toEqual([]);
    });

    it('answers 401 without a token, before looking at the body', async () => {
      const pollId = await openNamed();
      expectProblem(await cast(t, null, pollId, { choice: 'for' }), 401);
      expectProblem(await cast(t, null, pollId, { nope: true }), 401);
      expectProblem(await t.http().put(`${API}/polls/${pollId}/ballot`).set(bearer('not.a.token')).send({ choice: 'for' }), 401);
    });

    it('refuses a malformed body or id with 400 naming the field', async () => {
      const pollId = await openNamed();
      expectProblem(await cast(t, g.members[0], pollId, {}), 400, ['choice']);
      expectProblem(await cast(t, g.members[0], pollId, { choice: 1 }), 400, ['choice']);
      expectProblem(await cast(t, g.members[0], pollId, { choice: 'for', weight: 2 }), 400, ['weight']);
      expectProblem(await cast(t, g.members[0], pollId, { choice: 'for', reason: 'x'.repeat(2001) }), 400, ['reason']);
      expectProblem(await cast(t, g.members[0], 'not-a-poll', { choice: 'for' }), 400, ['pollId']);
      expectProblem(await cast(t, g.outsider, pollId, { choice: 'for', weight: 2 }), 400, ['weight']);
      // Malformed whatever the poll: 400 before the outsider's 404.
      expectProblem(await cast(t, g.outsider, pollId, { choice: 'maybe' }), 400, ['choice']);
      expectProblem(await cast(t, g.outsider, pollId, { choice: 'for' }, 'k'.repeat(201)), 400, ['Idempotency-Key']);
      expectProblem(await cast(t, g.outsider, randomUUID(), { choice: 'maybe' }), 400, ['choice']);
      const raw = await t.http().put(`${API}/polls/${pollId}/ballot`).set(bearer(g.members[0])).set('Content-Type', 'application/json').send('{"choice":');
      expectProblem(raw, 400);
      expect(await ballotsOf(pollId)).toEqual([]);
    });
  });
});
