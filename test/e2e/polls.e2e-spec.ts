import { createHash } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { addMembership, addToGroup, API, bearer, createGroup, createMember, createUser } from '../support/factories';
import { isoDay } from '../support/dates';
import { expectProblem } from '../support/problems';
import {
  act,
  bulkVoters,
  cast,
  choices,
  closePoll,
  counts,
  createPoll,
  getJson,
  GroupCouncil,
  groupCouncil,
  makeCoordinator,
  openPoll,
  postPoll,
  proposalInDeliberation,
  proposalStatus,
  runPoll,
  voteAll,
} from '../support/poll-factories';

const MAJORITY = { method: 'majority', base: 'cast' };

describe('group polls: rules, tallies and explanations', () => {
  let t: TestApp;
  let g: GroupCouncil;

  beforeAll(async () => {
    t = await startTestApp();
    g = await groupCouncil(t, 4); // 5 voters: the coordinator and 4 members
  });
  afterAll(() => t.close());

  const tallyOf = (pollId: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    getJson(t, g.chair, `/polls/${pollId}/tally`).query(query).set(headers);

  describe('who runs a group poll', () => {
    it('lets the coordinator create a draft: 201 with the rule and its defaults, nothing counted yet', async () => {
      const res = await postPoll(t, g.coordinator, g.groupId, { question: 'Shall we?', secret: false, rule: MAJORITY });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        createdAt: expect.any(String),
        workingGroupId: g.groupId,
        councilId: g.council.id,
        status: 'draft',
        secret: false,
        proposalId: null,
        rule: { method: 'majority', base: 'cast', tie: 'fails', allowChange: true, quorum: null, threshold: null, comparator: null },
        eligibleCount: null,
        participation: null,
        counts: null,
        tally: null,
        ballots: null,
      });
    });

    it('is run by the group\'s coordinator only: the secretariat and the admin get 403; a secret poll defaults allowChange to false', async () => {
      const secret = await createPoll(t, g.coordinator, g.groupId, MAJORITY, { secret: true });
      expect(secret.rule).toMatchObject({ allowChange: false });
      const qualified = await createPoll(t, g.coordinator, g.groupId, { method: 'qualified', base: 'cast', threshold: { numerator: 2, denominator: 3 } });
      expect(qualified.rule).toMatchObject({ comparator: 'at_least', tie: null });
      for (const who of [g.secretariat, g.admin]) {
        expectProblem(await postPoll(t, who, g.groupId, { question: 'Q?', secret: false, rule: MAJORITY }), 403);
        expectProblem(await act(t, who, qualified.id, 'open'), 403);
      }
      expect((await openPoll(t, g.coordinator, qualified.id)).status).toBe('open');
      for (const who of [g.secretariat, g.admin]) expectProblem(await act(t, who, qualified.id, 'close'), 403);
      expect((await closePoll(t, g.coordinator, qualified.id)).status).toBe('closed');
    });

    it.each(['members', 'chair', 'moderator', 'observer', 'agencyRep', 'otherMember'] as const)('refuses %s with 403 (create, open, close)', async (who) => {
      const by = who === 'members' ? g.members[0] : g[who];
      expectProblem(await postPoll(t, by, g.groupId, { question: 'Q?', secret: false, rule: MAJORITY }), 403);
      const poll = await createPoll(t, g.coordinator, g.groupId, MAJORITY);
      expectProblem(await act(t, by, poll.id, 'open'), 403);
      await openPoll(t, g.coordinator, poll.id);
      expectProblem(await act(t, by, poll.id, 'close'), 403);
    });

    it('answers 404 outside the council, 401 without a token, 400 for a bad id', async () => {
      const body = { question: 'Q?', secret: false, rule: MAJORITY };
      expectProblem(await postPoll(t, g.outsider, g.groupId, body), 404);
      expectProblem(await postPoll(t, g.admin, randomUUID(), body), 404);
      expectProblem(await t.http().post(`${API}/working-groups/${g.groupId}/polls`).send(body), 401);
      expectProblem(await postPoll(t, g.admin, 'not-a-uuid', body), 400, ['groupId']);
      const poll = await createPoll(t, g.coordinator, g.groupId, MAJORITY);
      expectProblem(await act(t, g.outsider, poll.id, 'open'), 404);
      expectProblem(await getJson(t, g.outsider, `/polls/${poll.id}`), 404);
      expectProblem(await getJson(t, g.admin, `/polls/${randomUUID()}`), 404);
    });

    it('opens a draft once and closes an open poll once (409 otherwise)', async () => {
      const poll = await createPoll(t, g.coordinator, g.groupId, MAJORITY);
      expectProblem(await act(t, g.coordinator, poll.id, 'close'), 409);
      await openPoll(t, g.coordinator, poll.id);
      expectProblem(await act(t, g.coordinator, poll.id, 'open'), 409);
      await closePoll(t, g.coordinator, poll.id);
      expectProblem(await act(t, g.coordinator, poll.id, 'close'), 409);
      expectProblem(await act(t, g.coordinator, poll.id, 'open'), 409);
    });

    it("fixes the voters when it opens: the group's members whose term covers today", async () => {
      const group = await createGroup(t, g.admin, g.council.id);
      const [current, ended] = await Promise.all([createMember(t, g.admin, g.council.id, 'current'), createMember(t, g.admin, g.council.id, 'ended')]);
      const future = await createUser(t, g.admin, 'future');
      const futureM = await addMembership(t, g.admin, g.council.id, future.userId, { roles: ['member'], startsOn: isoDay(1) });
      await addToGroup(t, g.admin, group.id, current.membershipId, 'coordinator');
      for (const m of [ended.membershipId, futureM.id]) await addToGroup(t, g.admin, group.id, m);
      await t.db.query('UPDATE memberships SET ends_on = $2 WHERE id = $1', [ended.membershipId, isoDay(-1)]);
      const poll = await createPoll(t, current, group.id, MAJORITY);
      const opened = await openPoll(t, current, poll.id);
      expect(opened).toMatchObject({ status: 'open', eligibleCount: 1, participation: 0, counts: counts({}) });
      const late = await createMember(t, g.admin, g.council.id, 'late');
      await addToGroup(t, g.admin, group.id, late.membershipId);
      expectProblem(await cast(t, late, poll.id, { choice: 'for' }), 403);
      expect((await getJson(t, g.chair, `/polls/${poll.id}`)).body.eligibleCount).toBe(1);
    });
  });

  describe('validation', () => {
    const bad: [string, Record<string, unknown>, string][] = [
      ['an unknown method', { method: 'plurality', base: 'cast' }, 'rule.method'],
      ['a missing base', { method: 'majority' }, 'rule.base'],
      ['base present on a group poll', { method: 'majority', base: 'present' }, 'rule.base'],
      ['qualified without threshold', { method: 'qualified', base: 'cast' }, 'rule.threshold'],
      ['a threshold above 1', { method: 'qualified', base: 'cast', threshold: { numerator: 3, denominator: 2 } }, 'rule.threshold'],
      ['a zero numerator', { method: 'qualified', base: 'cast', threshold: { numerator: 0, denominator: 2 } }, 'rule.threshold.numerator'],
      ['a zero denominator', { method: 'qualified', base: 'cast', threshold: { numerator: 1, denominator: 0 } }, 'rule.threshold.denominator'],
      ['an unknown comparator', { method: 'qualified', base: 'cast', threshold: { numerator: 2, denominator: 3 }, comparator: 'at_most' }, 'rule.comparator'],
      ['a threshold on majority', { method: 'majority', base: 'cast', threshold: { numerator: 2, denominator: 3 } }, 'rule.threshold'],
      ['a comparator on majority', { method: 'majority', base: 'cast', comparator: 'at_least' }, 'rule.comparator'],
      ['a tie on consensus', { method: 'consensus', base: 'cast', tie: 'chair_decides' }, 'rule.tie'],
      ['an unknown tie', { method: 'majority', base: 'cast', tie: 'coin' }, 'rule.tie'],
      ['a zero quorum', { method: 'majority', base: 'cast', quorum: { count: 0 } }, 'rule.quorum.count'],
      ['a fractional quorum count', { method: 'majority', base: 'cast', quorum: { count: 1.5 } }, 'rule.quorum.count'],
      ['a quorum above 1', { method: 'majority', base: 'cast', quorum: { numerator: 3, denominator: 2 } }, 'rule.quorum'],
      ['a quorum of words', { method: 'majority', base: 'cast', quorum: 'half' }, 'rule.quorum'],
      ['a non-boolean allowChange', { method: 'majority', base: 'cast', allowChange: 'yes' }, 'rule.allowChange'],
      ['an unknown rule field', { method: 'majority', base: 'cast', colour: 'red' }, 'rule.colour'],
    ];
    it.each(bad)('refuses %s with 400 naming the field, and stores nothing', async (_, rule, field) => {
      const [{ n: before }] = await t.db.query('SELECT count(*)::int AS n FROM polls');
      expectProblem(await postPoll(t, g.coordinator, g.groupId, { question: 'Q?', secret: false, rule }), 400, [field]);
      expect((await t.db.query('SELECT count(*)::int AS n FROM polls'))[0].n).toBe(before);
    });

    it('refuses allowChange true on a secret poll', async () => {
      const rule = { ...MAJORITY, allowChange: true };
      expectProblem(await postPoll(t, g.coordinator, g.groupId, { question: 'Q?', secret: true, rule }), 400, ['rule.allowChange']);
    });

    it('refuses a malformed body naming each field, unknown fields included', async () => {
      expectProblem(await postPoll(t, g.coordinator, g.groupId, { secret: false, rule: MAJORITY }), 400, ['question']);
      expectProblem(await postPoll(t, g.coordinator, g.groupId, { question: 'Q?', rule: MAJORITY }), 400, ['secret']);
      expectProblem(await postPoll(t, g.coordinator, g.groupId, { question: 'Q?', secret: false, rule: 'majority' }), 400, ['rule']);
      expectProblem(await postPoll(t, g.coordinator, g.groupId, { question: 'Q?', secret: false, rule: MAJORITY, colour: 1 }), 400, ['colour']);
      expectProblem(await postPoll(t, g.coordinator, g.groupId, { question: 'Q?', secret: false, rule: MAJORITY, proposalId: 'x' }), 400, ['proposalId']);
    });

    it("refuses a proposal of another group or an unknown one (400 proposalId)", async () => {
      const foreign = await proposalInDeliberation(t, g.otherMember, g.otherGroupId);
      for (const proposalId of [foreign.id, randomUUID()]) {
        expectProblem(await postPoll(t, g.coordinator, g.groupId, { question: 'Q?', secret: false, rule: MAJORITY, proposalId }), 400, ['proposalId']);
      }
    });

    it('checks the body before reach and role: an impossible rule is 400 for an outsider and a plain member', async () => {
      const body = { question: 'Q?', secret: false, rule: { method: 'majority', base: 'present' } };
      expectProblem(await postPoll(t, g.outsider, g.groupId, body), 400, ['rule.base']);
      expectProblem(await postPoll(t, g.members[0], g.groupId, body), 400, ['rule.base']);
      const foreign = await proposalInDeliberation(t, g.otherMember, g.otherGroupId);
      expectProblem(await postPoll(t, g.members[0], g.groupId, { question: 'Q?', secret: false, rule: MAJORITY, proposalId: foreign.id }), 403);
    });

    it('refuses to open a poll whose quorum count is above the eligible (409); it stays a draft', async () => {
      const poll = await createPoll(t, g.coordinator, g.groupId, { ...MAJORITY, quorum: { count: 6 } });
      expectProblem(await act(t, g.coordinator, poll.id, 'open'), 409);
      expect((await getJson(t, g.chair, `/polls/${poll.id}`)).body).toMatchObject({ status: 'draft', eligibleCount: null });
      expect((await t.db.query('SELECT count(*)::int AS n FROM poll_voters WHERE poll_id = $1', [poll.id]))[0].n).toBe(0);
      const exact = await createPoll(t, g.coordinator, g.groupId, { ...MAJORITY, quorum: { count: 5 } });
      expect((await openPoll(t, g.coordinator, exact.id)).eligibleCount).toBe(5);
    });
  });

  describe('every method and base, end to end', () => {
    type Case = [string, Record<string, unknown>, (string | undefined)[], { outcome: string; baseSize: number; forNeeded: number; quorumNeeded?: number | null }, string[]];
    const cases: Case[] = [
      ['majority on cast', MAJORITY, ['for', 'for', 'for', 'against', 'abstain'], { outcome: 'adopted', baseSize: 4, forNeeded: 3 }, ['Adopted', '3 for of 4 cast', 'more than half of 4 = 3 needed', '5 of 5 eligible took part']],
      ['majority on cast, abstentions aside', MAJORITY, ['for', 'for', 'against', 'abstain', 'abstain'], { outcome: 'adopted', baseSize: 3, forNeeded: 2 }, ['2 for of 3 cast', '= 2 needed']],
      ['majority on cast_with_abstentions', { method: 'majority', base: 'cast_with_abstentions' }, ['for', 'for', 'against', 'abstain', 'abstain'], { outcome: 'rejected', baseSize: 5, forNeeded: 3 }, ['Rejected', '2 for of 5', '= 3 needed']],
      ['majority on eligible, two silent', { method: 'majority', base: 'eligible' }, ['for', 'for', 'against'], { outcome: 'rejected', baseSize: 5, forNeeded: 3 }, ['2 for of 5 eligible', '3 of 5 eligible took part']],
      ['majority on eligible, carried', { method: 'majority', base: 'eligible' }, ['for', 'for', 'for'], { outcome: 'adopted', baseSize: 5, forNeeded: 3 }, ['3 for of 5 eligible']],
      ['qualified at least 2/3', { method: 'qualified', base: 'cast', threshold: { numerator: 2, denominator: 3 } }, ['for', 'for', 'against'], { outcome: 'adopted', baseSize: 3, forNeeded: 2 }, ['at least 2/3 of 3 = 2 needed']],
      ['qualified more than 2/3', { method: 'qualified', base: 'cast', threshold: { numerator: 2, denominator: 3 }, comparator: 'more_than' }, ['for', 'for', 'against'], { outcome: 'rejected', baseSize: 3, forNeeded: 3 }, ['more than 2/3 of 3 = 3 needed']],
      ['qualified at least 3/4 with abstentions', { method: 'qualified', base: 'cast_with_abstentions', threshold: { numerator: 3, denominator: 4 } }, ['for', 'for', 'for', 'abstain', 'against'], { outcome: 'rejected', baseSize: 5, forNeeded: 4 }, ['3 for of 5', 'at least 3/4 of 5 = 4 needed']],
      ['qualified more than 1/2 of the eligible', { method: 'qualified', base: 'eligible', threshold: { numerator: 1, denominator: 2 }, comparator: 'more_than' }, ['for', 'for', 'for'], { outcome: 'adopted', baseSize: 5, forNeeded: 3 }, ['more than 1/2 of 5 = 3 needed']],
      ['unanimity on cast', { method: 'unanimity', base: 'cast' }, ['for', 'for', 'for', 'for', 'abstain'], { outcome: 'adopted', baseSize: 4, forNeeded: 4 }, ['4 for of 4', 'all 4 needed']],
      ['unanimity with abstentions', { method: 'unanimity', base: 'cast_with_abstentions' }, ['for', 'for', 'for', 'for', 'abstain'], { outcome: 'rejected', baseSize: 5, forNeeded: 5 }, ['all 5 needed']],
      ['consensus with stand-asides', { method: 'consensus', base: 'cast' }, ['for', 'for', 'for', 'stand_aside', 'stand_aside'], { outcome: 'adopted', baseSize: 3, forNeeded: 1 }, ['3 for of 3 cast (for + block)', '0 blocks']],
      ['consensus with a block', { method: 'consensus', base: 'cast' }, ['for', 'for', 'for', 'for', 'block'], { outcome: 'rejected', baseSize: 5, forNeeded: 1 }, ['4 for of 5 cast (for + block)', '1 block)']],
      ['consensus reported on eligible', { method: 'consensus', base: 'eligible' }, ['for', 'stand_aside'], { outcome: 'adopted', baseSize: 5, forNeeded: 1 }, ['1 for of 5 eligible']],
      ['consent with abstentions', { method: 'consent', base: 'cast_with_abstentions' }, ['for', 'for', 'abstain', 'abstain', 'abstain'], { outcome: 'adopted', baseSize: 5, forNeeded: 1 }, ['0 objections']],
      ['consent with an objection', { method: 'consent', base: 'cast' }, ['for', 'for', 'for', 'for', 'against'], { outcome: 'rejected', baseSize: 5, forNeeded: 1 }, ['1 objection)']],
      ['a quorum count not reached', { ...MAJORITY, quorum: { count: 4 } }, ['for', 'for', 'for'], { outcome: 'no_quorum', baseSize: 3, forNeeded: 2, quorumNeeded: 4 }, ['No quorum', '3 of 5 eligible took part, 4 needed']],
      ['a fractional quorum reached', { ...MAJORITY, quorum: { numerator: 2, denominator: 3 } }, ['for', 'for', 'against', 'abstain'], { outcome: 'adopted', baseSize: 3, forNeeded: 2, quorumNeeded: 4 }, ['4 of 5 eligible took part, 4 needed']],
      ['a tie that fails', MAJORITY, ['for', 'for', 'against', 'against'], { outcome: 'rejected', baseSize: 4, forNeeded: 3 }, ['2 for of 4']],
      ['a tie for the chair', { ...MAJORITY, tie: 'chair_decides' }, ['for', 'against'], { outcome: 'tied', baseSize: 2, forNeeded: 2 }, ['Tied', 'for and against are equal']],
      ['an empty base', MAJORITY, ['abstain'], { outcome: 'rejected', baseSize: 0, forNeeded: 1 }, ['no ballots in the base (0 cast']],
    ];

    it.each(cases)('%s', async (_, rule, votes, expected, phrases) => {
      const poll = await runPoll(t, g.coordinator, g.groupId, g.voters, rule, votes);
      const participation = votes.filter(Boolean).length;
      const tally = { quorumNeeded: null, ...expected, participation, eligible: 5, base: rule.base, quorumReached: expected.outcome !== 'no_quorum', castingDecision: null };
      expect(poll.tally).toMatchObject(tally);
      const res = await tallyOf(poll.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject(tally);
      const want = counts({});
      for (const v of votes) if (v) want[v as keyof typeof want] += 1;
      expect(res.body.counts).toEqual(want);
      for (const p of phrases) expect(res.body.explanation).toContain(p);
      for (const n of [expected.baseSize, expected.forNeeded, participation]) expect(res.body.explanation).toContain(String(n));
      const stored = await t.db.query('SELECT tally FROM polls WHERE id = $1', [poll.id]);
      expect(stored[0].tally).toMatchObject({ ...expected, counts: want });
    });
  });

  describe('the published tally', () => {
    it('is 409 while the poll is a draft or open; live counts show on an open named poll', async () => {
      const poll = await createPoll(t, g.coordinator, g.groupId, MAJORITY);
      expectProblem(await tallyOf(poll.id), 409);
      await openPoll(t, g.coordinator, poll.id);
      await voteAll(t, g.voters, poll.id, ['for', 'against']);
      expectProblem(await tallyOf(poll.id), 409);
      const live = await getJson(t, g.observer, `/polls/${poll.id}`);
      expect(live.body).toMatchObject({ status: 'open', participation: 2, counts: counts({ for: 1, against: 1 }), tally: null, ballots: null });
    });

    it('speaks Russian with ?lang=ru and Kazakh with Accept-Language: kk (numbers as digits); 400 for another lang', async () => {
      const poll = await runPoll(t, g.coordinator, g.groupId, g.voters, MAJORITY, ['for', 'for', 'for', 'against']);
      const ru = await tallyOf(poll.id, { lang: 'ru' }, { 'Accept-Language': 'kk' });
      expect(ru.body.explanation).toMatch(/^Принято: 3 «за» из 4 .*= 3.*Кворум не установлен: участвовали 4 из 5/);
      const kk = await tallyOf(poll.id, {}, { 'Accept-Language': 'kk-KZ, ru;q=0.5' });
      expect(kk.body.explanation).toMatch(/^Қабылданды: 4 .* ішінен 3 жақтап; .*= 3 қажет/);
      const en = await tallyOf(poll.id, {}, { 'Accept-Language': 'de, fr;q=0.8' });
      expect(en.body.explanation).toMatch(/^Adopted: 3 for of 4 cast/);
      expect((await getJson(t, g.chair, `/polls/${poll.id}`).query({ lang: 'ru' })).body.tally.explanation).toBe(ru.body.explanation);
      expectProblem(await tallyOf(poll.id, { lang: 'de' }), 400, ['lang']);
    });

    it('speaks the asked language in every response that carries the tally: close and casting decision too', async () => {
      const poll = await createPoll(t, g.coordinator, g.groupId, { ...MAJORITY, tie: 'chair_decides' });
      await openPoll(t, g.coordinator, poll.id);
      await voteAll(t, g.voters, poll.id, ['for', 'for', 'against', 'against']);
      const closed = await t.http().post(`${API}/polls/${poll.id}/close`).query({ lang: 'ru' }).set(bearer(g.coordinator));
      expect(closed.status).toBe(200);
      expect(closed.body.tally.outcome).toBe('tied');
      expect(closed.body.tally.explanation).toBe((await tallyOf(poll.id, { lang: 'ru' })).body.explanation);
      const decided = await t.http().post(`${API}/polls/${poll.id}/casting-decision`).set(bearer(g.chair)).set('Accept-Language', 'kk').send({ outcome: 'adopted' });
      expect(decided.status).toBe(200);
      expect(decided.body.tally.explanation).toBe((await tallyOf(poll.id, { lang: 'kk' })).body.explanation);
      expect(decided.body.tally.explanation).not.toBe((await tallyOf(poll.id, { lang: 'en' })).body.explanation);
      expectProblem(await t.http().post(`${API}/polls/${poll.id}/close`).query({ lang: 'de' }).set(bearer(g.coordinator)), 400, ['lang']);
    });

    it('lists every named ballot and every receipt once closed (409 before)', async () => {
      const poll = await createPoll(t, g.coordinator, g.groupId, MAJORITY);
      await openPoll(t, g.coordinator, poll.id);
      const receipts = await voteAll(t, g.voters, poll.id, ['for', 'against', 'abstain']);
      expectProblem(await getJson(t, g.chair, `/polls/${poll.id}/receipts`), 409);
      const closed = await closePoll(t, g.coordinator, poll.id);
      expect([...(closed.ballots ?? [])].sort((a, b) => a.membershipId.localeCompare(b.membershipId))).toEqual(
        g.voters
          .slice(0, 3)
          .map((v, i) => ({ membershipId: v.membershipId, choice: ['for', 'against', 'abstain'][i], castByMembershipId: null }))
          .sort((a, b) => a.membershipId.localeCompare(b.membershipId)),
      );
      const list = await getJson(t, g.agencyRep, `/polls/${poll.id}/receipts`);
      expect(list.status).toBe(200);
      expect(list.body.nextCursor).toBeNull();
      expect(list.body.items.map((i: { receiptHash: string }) => i.receiptHash).sort()).toEqual(receipts.map((r) => createHash('sha256').update(r as string).digest('hex')).sort());
      for (const item of list.body.items) expect(Object.keys(item)).toEqual(['receiptHash']);
      const paged = await getJson(t, g.chair, `/polls/${poll.id}/receipts`).query({ limit: 2 });
      const rest = await getJson(t, g.chair, `/polls/${poll.id}/receipts`).query({ limit: 2, cursor: paged.body.nextCursor });
      expect([...paged.body.items, ...rest.body.items]).toEqual(list.body.items);
      const ballots = await getJson(t, g.chair, `/polls/${poll.id}/ballots`).query({ limit: 2 });
      const more = await getJson(t, g.chair, `/polls/${poll.id}/ballots`).query({ limit: 2, cursor: ballots.body.nextCursor });
      expect([...ballots.body.items, ...more.body.items]).toEqual(closed.ballots);
      expect(more.body.nextCursor).toBeNull();
    });
  });

  describe('the subject proposal', () => {
    it.each([
      ['adopted', ['for', 'for', 'for'], 'recommended'],
      ['rejected', ['for', 'against', 'against'], 'not_recommended'],
      ['no_quorum', ['for'], 'not_recommended'],
    ] as const)('moves when the poll closes %s', async (outcome, votes, status) => {
      const proposal = await proposalInDeliberation(t, g.members[0], g.groupId);
      const poll = await runPoll(t, g.coordinator, g.groupId, g.voters, { ...MAJORITY, quorum: { count: 2 } }, [...votes], { proposalId: proposal.id });
      expect(poll.tally).toMatchObject({ outcome });
      expect(await proposalStatus(t, proposal.id)).toBe(status);
    });
  });

  describe("the study's example: 36 for, 24 against, 40 abstain of 100", () => {
    it('is adopted on base cast (60, 31 needed) and rejected on cast_with_abstentions (100, 51 needed)', async () => {
      const group = await createGroup(t, g.admin, g.council.id);
      const hundred = await bulkVoters(t, g.council.id, group.id, 100);
      const coordinator = await makeCoordinator(t, group.id, hundred[0]);
      const votes = choices([['for', 36], ['against', 24], ['abstain', 40]]);
      const onCast = await runPoll(t, coordinator, group.id, hundred, MAJORITY, votes);
      const withAbstentions = await runPoll(t, coordinator, group.id, hundred, { method: 'majority', base: 'cast_with_abstentions' }, votes);
      const stored: { id: string; tally: Record<string, unknown> }[] = await t.db.query('SELECT id, tally FROM polls WHERE id = ANY($1::uuid[])', [[onCast.id, withAbstentions.id]]);
      const byId = new Map(stored.map((r) => [r.id, r.tally]));
      expect(byId.get(onCast.id)).toMatchObject({ outcome: 'adopted', baseSize: 60, forNeeded: 31, participation: 100, eligible: 100, counts: counts({ for: 36, against: 24, abstain: 40 }) });
      expect(byId.get(withAbstentions.id)).toMatchObject({ outcome: 'rejected', baseSize: 100, forNeeded: 51, participation: 100 });
      expect((await tallyOf(onCast.id)).body.explanation).toContain('Adopted: 36 for of 60 cast (for + against); more than half of 60 = 31 needed');
      expect((await tallyOf(withAbstentions.id)).body.explanation).toContain('Rejected: 36 for of 100 cast (for + against + abstain); more than half of 100 = 51 needed');
    });
  });

  it('answers the tally only inside the council', async () => {
    const poll = await runPoll(t, g.coordinator, g.groupId, g.voters, MAJORITY, ['for']);
    expectProblem(await getJson(t, g.outsider, `/polls/${poll.id}/tally`), 404);
    expectProblem(await t.http().get(`${API}/polls/${poll.id}/tally`), 401);
    expect((await t.http().get(`${API}/polls/${poll.id}/tally`).set(bearer(g.observer))).status).toBe(200);
  });
});
