import { createHash, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer } from '../support/factories';
import { expectProblem } from '../support/problems';
import { cast, closePoll, counts, createPoll, getJson, GroupCouncil, groupCouncil, Member, openPoll, text, vote } from '../support/poll-factories';

const MAJORITY = { method: 'majority', base: 'cast' };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** A sealed choice: `v2.` and base64url of IV (12) + tag (16) + a 16-byte padded choice. */
const SEALED = /^v2\.[A-Za-z0-9_-]{59}$/;

interface AuditEntry {
  action: string;
  objectId: string | null;
  actorUserId: string | null;
  summary: { before: unknown; after: Record<string, unknown> | null };
}

describe('secret polls', () => {
  let t: TestApp;
  let g: GroupCouncil;

  beforeAll(async () => {
    t = await startTestApp();
    g = await groupCouncil(t, 4); // 5 voters
  });
  afterAll(() => t.close());

  const openSecret = async (rule: Record<string, unknown> = MAJORITY) => {
    const created = await createPoll(t, g.coordinator, g.groupId, rule, { secret: true });
    const opened = await openPoll(t, g.coordinator, created.id);
    return { id: created.id, created, opened };
  };
  const file = (by: Member, pollId: string, body: Record<string, unknown>) =>
    t.http().post(`${API}/polls/${pollId}/minority-opinions`).set(bearer(by)).send({ body: 'I stand by my ballot.', ...body });
  const sign = (by: Member, opinionId: string, body: Record<string, unknown>) =>
    t.http().post(`${API}/minority-opinions/${opinionId}/signatures`).set(bearer(by)).send(body);
  const auditEntries = async (): Promise<AuditEntry[]> => {
    const out: AuditEntry[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await getJson(t, g.secretariat, `/councils/${g.council.id}/audit`).query(cursor ? { limit: 200, cursor } : { limit: 200 });
      out.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  };
  const identities = (voters: Member[]) => voters.flatMap((v) => [v.membershipId, v.userId]);

  it('never shows who chose what: every response carries counts, the eligible count and receipts only', async () => {
    const { id, created, opened } = await openSecret();
    expect(opened).toMatchObject({ secret: true, eligibleCount: 5, participation: 0, counts: null, ballots: null, tally: null });
    const picks = ['for', 'against', 'for', 'abstain'];
    const casts = await Promise.all(picks.map((choice, i) => cast(t, g.voters[i], id, { choice, reason: 'my reasons' })));
    for (const r of casts) {
      expect(r.status).toBe(200);
      expect(Object.keys(r.body)).toEqual(['receipt']);
      expect(typeof r.body.receipt).toBe('string');
    }
    const receipts: string[] = casts.map((r) => r.body.receipt);
    const whileOpen = [await getJson(t, g.chair, `/polls/${id}`), await getJson(t, g.voters[0], `/polls/${id}`)];
    for (const r of whileOpen) expect(r.body).toMatchObject({ status: 'open', participation: 4, eligibleCount: 5, counts: null, ballots: null, tally: null });
    expectProblem(await getJson(t, g.chair, `/polls/${id}/tally`), 409);
    expectProblem(await getJson(t, g.chair, `/polls/${id}/receipts`), 409);
    expectProblem(await getJson(t, g.chair, `/polls/${id}/ballots`), 409);
    expectProblem(await t.http().post(`${API}/polls/${id}/minority-opinions`).set(bearer(g.voters[1])).send({ body: 'Too early.' }), 400, ['receipt']);
    expectProblem(await t.http().post(`${API}/polls/${id}/minority-opinions`).set(bearer(g.voters[1])).send({ body: 'Too early.', receipt: receipts[1] }), 409);
    const closeRes = await t.http().post(`${API}/polls/${id}/close`).set(bearer(g.coordinator));
    expect(closeRes.body).toMatchObject({ status: 'closed', ballots: null, participation: 4, tally: { outcome: 'adopted', counts: counts({ for: 2, against: 1, abstain: 1 }), baseSize: 3, forNeeded: 2 } });
    const after = [
      closeRes,
      await getJson(t, g.voters[1], `/polls/${id}`),
      await getJson(t, g.chair, `/polls/${id}/tally`).query({ lang: 'kk' }),
      await getJson(t, g.observer, `/polls/${id}/receipts`),
      await getJson(t, g.chair, `/polls/${id}/minority-opinions`),
    ];
    const list = after[3].body.items.map((i: { receiptHash: string }) => i.receiptHash);
    expect(list).toHaveLength(after[2].body.participation);
    expect([...list].sort()).toEqual(receipts.map(sha256).sort());
    expectProblem(await getJson(t, g.chair, `/polls/${id}/ballots`), 409);
    const everything = text({ body: created } as Response, ...casts, ...whileOpen, ...after);
    for (const secretBit of [...identities(g.voters), ...receipts]) {
      if (receipts.includes(secretBit)) expect(text(...whileOpen, ...after)).not.toContain(secretBit);
      else expect(everything).not.toContain(secretBit);
    }
    // The audit names who took part and the poll, never a choice or a receipt.
    const entries = (await auditEntries()).filter((e) => e.objectId === id);
    const ballotEntries = entries.filter((e) => e.action === 'ballot.cast');
    expect(ballotEntries.map((e) => e.summary.after).sort((a, b) => String(a?.membershipId).localeCompare(String(b?.membershipId)))).toEqual(
      g.voters.slice(0, 4).map((v) => ({ membershipId: v.membershipId, secret: true })).sort((a, b) => a.membershipId.localeCompare(b.membershipId)),
    );
    const auditText = JSON.stringify(await auditEntries());
    for (const r of receipts) {
      expect(auditText).not.toContain(r);
      expect(auditText).not.toContain(sha256(r));
    }
    // Other entries of the poll (created, opened, closed: by the coordinator, who is also a voter) name no voter in what they record.
    for (const e of entries.filter((x) => x.action !== 'ballot.cast')) for (const bit of identities(g.voters)) expect(JSON.stringify(e.summary)).not.toContain(bit);
  });

  it('stores the choice apart from participation: no voter, time or sequence beside a choice', async () => {
    const columns = async (table: string) =>
      (await t.db.query(`SELECT column_name AS name, data_type AS type, column_default AS def FROM information_schema.columns WHERE table_name = $1`, [table])) as {
        name: string;
        type: string;
        def: string | null;
      }[];
    const slots = await columns('secret_slots');
    expect(slots.map((c) => c.name).sort()).toEqual(['choice', 'id', 'poll_id', 'receipt_hash', 'sealed']);
    for (const c of slots) {
      expect(c.name).not.toMatch(/member|user|voter|time|date|_at$|seq|created|updated/);
      expect(c.type).not.toMatch(/time|date|serial|bigint|integer/);
      expect(c.def ?? '').not.toMatch(/nextval|now\(\)/);
    }
    const participations = await columns('secret_participations');
    // Who cast a proxy's ballot is participation too (Proxy voting): never beside a choice.
    expect(participations.map((c) => c.name).sort()).toEqual(['cast_by_membership_id', 'idempotency_hash', 'membership_id', 'poll_id']);
    const { id } = await openSecret();
    await vote(t, g.voters[0], id, 'against', 'my-retry-key');
    const rows: { choice: string }[] = await t.db.query('SELECT choice FROM secret_slots WHERE poll_id = $1', [id]);
    expect(rows).toHaveLength(1);
    // The stored choice is ciphertext of one fixed length under a key the database does not hold.
    expect(rows[0].choice).toMatch(SEALED);
    expect(rows[0].choice).not.toContain('against');
    expect(await t.db.query('SELECT * FROM ballots WHERE poll_id = $1', [id])).toEqual([]);
    // The Idempotency-Key is kept only as a keyed hash.
    const [kept]: { h: string }[] = await t.db.query('SELECT idempotency_hash AS h FROM secret_participations WHERE poll_id = $1', [id]);
    expect(kept.h).toMatch(/^[0-9a-f]{64}$/);
    expect(kept.h).not.toBe(sha256('my-retry-key'));
  });

  it('seals every choice to one length, so that no length tells for from against or stand aside', async () => {
    const { id } = await openSecret({ method: 'consensus', base: 'cast' });
    await Promise.all(['for', 'block', 'stand_aside', 'for', 'block'].map((c, i) => vote(t, g.voters[i], id, c)));
    const open: { n: number; lengths: number[] }[] = await t.db.query('SELECT count(*)::int AS n, array_agg(DISTINCT length(choice)) AS lengths FROM secret_slots WHERE poll_id = $1', [id]);
    expect(open[0]).toEqual({ n: 5, lengths: [expect.any(Number)] });
    await closePoll(t, g.coordinator, id);
    const closed: { lengths: number[] }[] = await t.db.query('SELECT array_agg(DISTINCT length(choice)) AS lengths FROM secret_slots WHERE poll_id = $1', [id]);
    expect(closed[0].lengths).toEqual(open[0].lengths);
  });

  it('leaves nothing readable to an operator joining through system columns while the poll is open', async () => {
    const { id } = await openSecret();
    await vote(t, g.voters[1], id, 'for');
    await vote(t, g.voters[2], id, 'against');
    const joined: { membershipId: string; choice: string }[] = await t.db.query(
      `SELECT p.membership_id AS "membershipId", s.choice FROM secret_participations p JOIN secret_slots s ON s.xmin = p.xmin AND s.poll_id = p.poll_id WHERE p.poll_id = $1`,
      [id],
    );
    // While open, a cast's rows share a transaction id (participation is recorded as it happens), but the choice is
    // ciphertext of one length: the join yields nothing readable without BALLOT_KEY.
    expect(joined).toHaveLength(2);
    for (const row of joined) expect(row.choice).toMatch(SEALED);
    expect(new Set(joined.map((r) => r.choice.length)).size).toBe(1);
    // Two encryptions of one choice differ (a fresh IV each time), so equal ciphertexts reveal nothing either.
    await vote(t, g.voters[3], id, 'for');
    const all: { choice: string }[] = await t.db.query('SELECT choice FROM secret_slots WHERE poll_id = $1', [id]);
    expect(new Set(all.map((r) => r.choice)).size).toBe(3);
  });

  it('takes one ballot per voter: a second cast is 409, a replay with its key answers the same receipt', async () => {
    const { id } = await openSecret();
    const first = await vote(t, g.voters[0], id, 'for', 'secret-key-1');
    expect((await cast(t, g.voters[0], id, { choice: 'for' }, 'secret-key-1')).body).toEqual({ receipt: first });
    expectProblem(await cast(t, g.voters[0], id, { choice: 'against' }, 'secret-key-1'), 409);
    expectProblem(await cast(t, g.voters[0], id, { choice: 'against' }), 409);
    expectProblem(await cast(t, g.voters[0], id, { choice: 'for' }, 'secret-key-2'), 409);
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => cast(t, g.voters[1], id, { choice: i % 2 ? 'for' : 'abstain' })));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of burst.filter((x) => x.status !== 200)) expectProblem(r, 409);
    const replays = await Promise.all(Array.from({ length: 10 }, () => cast(t, g.voters[2], id, { choice: 'against' }, 'burst-key')));
    expect(new Set(replays.map((r) => `${r.status} ${r.body.receipt}`)).size).toBe(1);
    expect(replays[0].status).toBe(200);
    expect((await getJson(t, g.chair, `/polls/${id}`)).body.participation).toBe(3);
    const closed = await closePoll(t, g.coordinator, id);
    expect(closed.tally).toMatchObject({ participation: 3 });
    // Once closed, the key still answers as the first time; nothing else is taken.
    expect((await cast(t, g.voters[0], id, { choice: 'for' }, 'secret-key-1')).body).toEqual({ receipt: first });
    expectProblem(await cast(t, g.voters[0], id, { choice: 'abstain' }, 'secret-key-1'), 409);
    expectProblem(await cast(t, g.voters[3], id, { choice: 'for' }), 409);
    expectProblem(await cast(t, g.voters[3], id, { choice: 'for' }, 'late-key'), 409);
  });

  it('refuses, in the database, any change to a choice: update, delete, truncate, or an insert once closed', async () => {
    const { id } = await openSecret();
    await vote(t, g.voters[0], id, 'for');
    await vote(t, g.voters[1], id, 'against');
    const [one]: { id: string; choice: string }[] = await t.db.query('SELECT id, choice FROM secret_slots WHERE poll_id = $1 LIMIT 1', [id]);
    await expect(t.db.query(`UPDATE secret_slots SET choice = $2 WHERE id = $1`, [one.id, one.choice])).rejects.toThrow(/immutable/);
    await expect(t.db.query(`DELETE FROM secret_slots WHERE poll_id = $1`, [id])).rejects.toThrow(/cannot change now/);
    await expect(t.db.query(`TRUNCATE secret_slots CASCADE`)).rejects.toThrow(/immutable/);
    await expect(t.db.query(`DELETE FROM secret_participations WHERE poll_id = $1`, [id])).rejects.toThrow(/immutable/);
    // Only the closing rewrite writes sealed rows.
    await expect(
      t.db.query(`INSERT INTO secret_slots (id, poll_id, choice, receipt_hash, sealed) VALUES ($1, $2, $3, 'early', true)`, [randomUUID(), id, one.choice]),
    ).rejects.toThrow(/cannot change now/);
    await closePoll(t, g.coordinator, id);
    expect((await t.db.query('SELECT bool_and(sealed) AS all FROM secret_slots WHERE poll_id = $1', [id]))[0].all).toBe(true);
    await expect(
      t.db.query(`INSERT INTO secret_slots (id, poll_id, choice, receipt_hash) VALUES ($1, $2, $3, 'forged')`, [randomUUID(), id, one.choice]),
    ).rejects.toThrow(/cannot change now/);
    await expect(t.db.query(`DELETE FROM secret_slots WHERE poll_id = $1`, [id])).rejects.toThrow(/cannot change now/);
    await expect(t.db.query(`UPDATE polls SET status = 'open' WHERE id = $1`, [id])).rejects.toThrow(/cannot go from closed/);
    // A temporary table named polls, claiming the poll is closing in this very transaction, does not stand in for the real one.
    await expect(
      t.db.transaction(async (em) => {
        await em.query(
          `CREATE TEMP TABLE polls ON COMMIT DROP AS SELECT id, 'closed'::text AS status, NULL::timestamptz AS sealed_at, pg_current_xact_id()::text AS closed_in_xact FROM public.polls`,
        );
        await em.query(`DELETE FROM secret_slots WHERE poll_id = $1`, [id]);
      }),
    ).rejects.toThrow(/cannot change now/);
    await expect(t.db.query(`UPDATE polls SET sealed_at = NULL WHERE id = $1`, [id])).rejects.toThrow(/sealed/);
    expect((await getJson(t, g.chair, `/polls/${id}/tally`)).body.counts).toEqual(counts({ for: 1, against: 1 }));
  });

  it('does not count a ciphertext moved to another slot or poll: the close fails and changes nothing', async () => {
    const donor = await openSecret();
    await vote(t, g.voters[0], donor.id, 'against');
    const { id } = await openSecret();
    await vote(t, g.voters[0], id, 'for');
    // An operator with table rights (here a superuser lifting the triggers) copies a valid ciphertext from the donor poll
    // over this poll's choice: the associated data (poll and slot) no longer match, so it does not open.
    await t.db.transaction(async (em) => {
      await em.query(`SET LOCAL session_replication_role = replica`);
      await em.query(`UPDATE secret_slots SET choice = (SELECT choice FROM secret_slots WHERE poll_id = $2) WHERE poll_id = $1`, [id, donor.id]);
    });
    const res = await t.http().post(`${API}/polls/${id}/close`).set(bearer(g.coordinator));
    expectProblem(res, 500);
    expect(JSON.stringify(res.body)).not.toMatch(/against|for /);
    expect((await getJson(t, g.chair, `/polls/${id}`)).body.status).toBe('open');
  });

  describe('minority opinions proved by receipt', () => {
    // for: voters 0 and 4; against: 1 and 2; voter 3 does not vote → 2 for of 4, 3 needed: rejected; the minority voted for.
    let pollId: string;
    let r: (string | undefined)[];
    let opinionId: string;

    beforeAll(async () => {
      const { id } = await openSecret();
      pollId = id;
      r = await Promise.all(['for', 'against', 'against', undefined, 'for'].map((c, i) => (c ? vote(t, g.voters[i], id, c) : undefined)));
      expect((await closePoll(t, g.coordinator, id)).tally).toMatchObject({ outcome: 'rejected' });
    });

    it('needs a receipt (400), refuses a majority receipt or a foreign one (403)', async () => {
      expectProblem(await file(g.voters[0], pollId, {}), 400, ['receipt']);
      expectProblem(await file(g.voters[1], pollId, { receipt: r[1] }), 403);
      expectProblem(await file(g.voters[0], pollId, { receipt: 'R-not-a-receipt' }), 403);
      const other = await openSecret();
      const foreign = await vote(t, g.voters[0], other.id, 'for');
      expectProblem(await file(g.voters[0], pollId, { receipt: foreign }), 403);
      expectProblem(await file(g.voters[3], pollId, { receipt: r[4] }), 403); // eligible, but did not vote
      expectProblem(await file(g.otherMember, pollId, { receipt: r[0] }), 403);
      expectProblem(await file(g.outsider as Member, pollId, { receipt: r[0] }), 404);
      expect((await getJson(t, g.chair, `/polls/${pollId}/minority-opinions`)).body.items).toEqual([]);
    });

    it('files with a minority receipt (201), making that one position public; the receipt then is used (409)', async () => {
      const res = await file(g.voters[0], pollId, { receipt: r[0] });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), createdAt: expect.any(String), pollId, authorMembershipId: g.voters[0].membershipId, position: 'for', signatures: [], frozen: false, acknowledgement: null });
      opinionId = res.body.id;
      expectProblem(await file(g.voters[0], pollId, { receipt: r[0] }), 409);
      expectProblem(await sign(g.voters[0], opinionId, { receipt: r[0] }), 409);
    });

    it("refuses another voter's receipt (403): a receipt serves only the voter it was issued to, and stays theirs", async () => {
      // Voter 2 voted against and presents voter 4's receipt (which proves for): refused, and nothing is used up.
      expectProblem(await sign(g.voters[2], opinionId, { receipt: r[4] }), 403);
      expectProblem(await file(g.voters[2], pollId, { receipt: r[4] }), 403);
      expectProblem(await file(g.voters[1], pollId, { receipt: r[0] }), 403);
      const claimsBefore = await t.db.query('SELECT count(*)::int AS n FROM poll_receipt_claims WHERE poll_id = $1', [pollId]);
      expect(claimsBefore[0].n).toBe(1);
      // Voter 4 can still use it, once.
      const own = await sign(g.voters[4], opinionId, { receipt: r[4] });
      expect(own.status).toBe(201);
      expect(own.body.signatures).toEqual([expect.objectContaining({ membershipId: g.voters[4].membershipId, position: 'for' })]);
      expectProblem(await sign(g.voters[4], opinionId, { receipt: r[4] }), 409);
      const list = await getJson(t, g.chair, `/polls/${pollId}/minority-opinions`);
      const voices = list.body.items.flatMap((o: { signatures: unknown[] }) => [o, ...o.signatures]);
      expect(voices).toHaveLength(2);
      const shown = text(list);
      for (const v of [g.voters[1], g.voters[2], g.voters[3]]) for (const bit of [v.membershipId, v.userId]) expect(shown).not.toContain(bit);
      for (const receipt of r.filter(Boolean) as string[]) {
        expect(shown).not.toContain(receipt);
        expect(shown).not.toContain(sha256(receipt));
      }
    });

    it('takes abstentions as the minority of an adopted secret poll', async () => {
      const { id } = await openSecret();
      const [yes, , abstained] = await Promise.all(['for', 'for', 'abstain'].map((c, i) => vote(t, g.voters[i], id, c)));
      await closePoll(t, g.coordinator, id);
      expectProblem(await file(g.voters[0], id, { receipt: yes }), 403);
      const res = await file(g.voters[2], id, { receipt: abstained });
      expect({ status: res.status, position: res.body.position }).toEqual({ status: 201, position: 'abstain' });
      expectProblem(await file(g.voters[2], randomUUID(), { receipt: abstained }), 404);
    });
  });
});
