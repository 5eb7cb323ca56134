import { randomBytes } from 'node:crypto';
import { BallotsRepository } from '@kenes/polls/ballots.repository';
import { startTestApp, TestApp } from '../support/test-app';
import { createGroup } from '../support/factories';
import { bulkVoters, cast, closePoll, createPoll, getJson, GroupCouncil, groupCouncil, makeCoordinator, Member, openPoll } from '../support/poll-factories';

/**
 * Casts that arrive together share one statement (BallotsRepository's batchers).
 * These tests drive the repository directly, many casts in the same tick, so
 * that batches certainly form, and check that each cast is answered as if it
 * had been alone.
 */
describe('casts sharing a statement', () => {
  let t: TestApp;
  let g: GroupCouncil;
  let groupId: string;
  let voters: Member[];
  let runner: Member;
  let repo: BallotsRepository;

  beforeAll(async () => {
    t = await startTestApp();
    g = await groupCouncil(t, 3);
    groupId = (await createGroup(t, g.admin, g.council.id)).id;
    voters = await bulkVoters(t, g.council.id, groupId, 30);
    runner = await makeCoordinator(t, groupId, voters[29]);
    repo = t.app.get(BallotsRepository);
  });
  afterAll(() => t.close());

  const openOne = async (allowChange: boolean) => {
    const poll = await createPoll(t, runner, groupId, { method: 'majority', base: 'cast', allowChange });
    await openPoll(t, runner, poll.id);
    return poll.id as string;
  };
  const receipt = () => `R${randomBytes(10).toString('hex')}`;
  const castOf = (pollId: string, m: Member, choice: 'for' | 'against', replace: boolean) => ({
    pollId,
    membershipId: m.membershipId,
    choice,
    reason: null,
    receipt: receipt(),
    idempotencyKey: null,
    requestHash: null,
    replace,
    councilId: g.council.id as string,
    actorUserId: m.userId,
  });
  const auditOf = (pollId: string): Promise<{ action: string; n: number }[]> =>
    t.db.query(`SELECT action, count(*)::int AS n FROM audit_entries WHERE object_id = $1 AND action LIKE 'ballot.%' GROUP BY action ORDER BY action`, [pollId]);

  it('answers each of many simultaneous casts on two polls with its own receipt, and audits each once', async () => {
    const [fixed, changeable] = [await openOne(false), await openOne(true)];
    const casts = voters.flatMap((m, i) => [castOf(fixed, m, i % 2 ? 'for' : 'against', false), castOf(changeable, m, 'for', true)]);
    const results = await Promise.all(casts.map((c) => repo.castNamed(c)));
    expect(results).toEqual(casts.map((c) => ({ receipt: c.receipt, inserted: true })));
    const stored: { membershipId: string; receipt: string; choice: string }[] = await t.db.query(
      'SELECT membership_id AS "membershipId", receipt, choice FROM ballots WHERE poll_id = $1 ORDER BY membership_id',
      [fixed],
    );
    const sent = casts.filter((c) => c.pollId === fixed).sort((a, b) => a.membershipId.localeCompare(b.membershipId));
    expect(stored).toEqual(sent.map((c) => ({ membershipId: c.membershipId, receipt: c.receipt, choice: c.choice })));
    expect(await auditOf(fixed)).toEqual([{ action: 'ballot.cast', n: 30 }]);
    expect(await auditOf(changeable)).toEqual([{ action: 'ballot.cast', n: 30 }]);
  });

  it('runs one voter’s simultaneous casts one after another: the last replaces, a fixed ballot keeps the first', async () => {
    const [fixed, changeable] = [await openOne(false), await openOne(true)];
    const m = voters[0];
    const changes = Array.from({ length: 8 }, (_, i) => castOf(changeable, m, i % 2 ? 'for' : 'against', true));
    const attempts = Array.from({ length: 8 }, (_, i) => castOf(fixed, m, i % 2 ? 'for' : 'against', false));
    const [changed, tried] = await Promise.all([Promise.all(changes.map((c) => repo.castNamed(c))), Promise.all(attempts.map((c) => repo.castNamed(c)))]);
    expect(changed).toEqual(changes.map((c, i) => ({ receipt: c.receipt, inserted: i === 0 })));
    expect(tried).toEqual(attempts.map((c, i) => (i === 0 ? { receipt: c.receipt, inserted: true } : null)));
    const [last] = await t.db.query('SELECT choice, receipt FROM ballots WHERE poll_id = $1', [changeable]);
    expect(last).toEqual({ choice: changes[7].choice, receipt: changes[7].receipt });
    expect(await auditOf(changeable)).toEqual([
      { action: 'ballot.cast', n: 1 },
      { action: 'ballot.changed', n: 7 },
    ]);
    expect(await auditOf(fixed)).toEqual([{ action: 'ballot.cast', n: 1 }]);
  });

  it('fails only the cast the database refuses, not the others of its batch', async () => {
    const pollId = await openOne(false);
    const outsider = g.members[0]; // a council member who is not in this group, so not on the poll's roll
    const casts = voters.slice(0, 10).map((m) => castOf(pollId, m, 'for', false));
    const intruder = { ...castOf(pollId, voters[10], 'for', false), membershipId: outsider.membershipId };
    const settled = await Promise.allSettled([...casts.slice(0, 5), intruder, ...casts.slice(5)].map((c) => repo.castNamed(c)));
    expect(settled.map((s) => s.status)).toEqual([...Array(5).fill('fulfilled'), 'rejected', ...Array(5).fill('fulfilled')]);
    expect(String((settled[5] as PromiseRejectedResult).reason)).toMatch(/fk_ballots_voter/);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM ballots WHERE poll_id = $1', [pollId]);
    expect(n).toBe(10);
  });

  it('writes nothing to a poll that is not open, while the others of the batch go through', async () => {
    const [open, closed] = [await openOne(false), await openOne(false)];
    await closePoll(t, runner, closed);
    const results = await Promise.all(voters.slice(0, 6).map((m, i) => repo.castNamed(castOf(i % 2 ? closed : open, m, 'for', false))));
    expect(results.map((r) => r !== null)).toEqual([true, false, true, false, true, false]);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM ballots WHERE poll_id = $1', [closed]);
    expect(n).toBe(0);
  });

  it('finds each asker’s context in a shared query: roles, eligibility, and null for an unknown poll', async () => {
    const pollId = await openOne(true);
    const today = new Date().toISOString().slice(0, 10);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const [a, b, outsider, none] = await Promise.all([
      repo.castContext(pollId, voters[0].userId, today),
      repo.castContext(pollId, voters[1].userId, today),
      repo.castContext(pollId, g.members[0].userId, today),
      repo.castContext(unknown, voters[0].userId, today),
    ]);
    expect(a).toMatchObject({ id: pollId, status: 'open', roles: ['member'], inCouncil: true, voterMembershipId: voters[0].membershipId });
    expect(b).toMatchObject({ id: pollId, voterMembershipId: voters[1].membershipId });
    expect(outsider).toMatchObject({ id: pollId, inCouncil: true, voterMembershipId: null });
    expect(none).toBeNull();
  });

  it('keeps the API’s answers through batches: 30 members at once over HTTP, then the tally', async () => {
    const pollId = await openOne(false);
    const responses = await Promise.all(voters.map((m, i) => cast(t, m, pollId, { choice: i < 20 ? 'for' : 'against' })));
    expect(responses.map((r) => r.status)).toEqual(voters.map(() => 200));
    const again = await Promise.all(voters.slice(0, 5).map((m) => cast(t, m, pollId, { choice: 'against' })));
    expect(again.map((r) => [r.status, r.body.code])).toEqual(again.map(() => [409, 'BALLOT_ALREADY_CAST']));
    const live = await getJson(t, g.chair, `/polls/${pollId}`);
    expect(live.body).toMatchObject({ participation: 30, counts: { for: 20, against: 10 } });
  });
});
