import { createHash, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer } from '../support/factories';
import { expectProblem } from '../support/problems';
import { cast, closePoll, counts, createPoll, getJson, GroupCouncil, groupCouncil, Member, openPoll, text, vote } from '../support/poll-factories';

const MAJORITY = { method: 'majority', base: 'cast' };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

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
    const list = after[3].body.items.map((i: { receipt: string }) => i.receipt);
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
    expect(slots.map((c) => c.name).sort()).toEqual(['choice', 'id', 'poll_id', 'receipt_hash', 'slot_key']);
    for (const c of slots) {
      expect(c.name).not.toMatch(/member|user|voter|time|date|_at$|seq|created|updated/);
      expect(c.type).not.toMatch(/time|date|serial|bigint|integer/);
      expect(c.def ?? '').not.toMatch(/nextval|now\(\)/);
    }
    const participations = await columns('secret_participations');
    expect(participations.map((c) => c.name).sort()).toEqual(['idempotency_key', 'membership_id', 'poll_id']);
    const { id } = await openSecret();
    await vote(t, g.voters[0], id, 'against');
    const rows: { choice: string | null }[] = await t.db.query('SELECT choice FROM secret_slots WHERE poll_id = $1', [id]);
    expect(rows).toHaveLength(5);
    const filled = rows.filter((r) => r.choice !== null).map((r) => r.choice as string);
    expect(filled).toHaveLength(1);
    // The stored choice is ciphertext under a key the database does not hold.
    expect(filled[0]).toMatch(/^v1\.[A-Za-z0-9_-]{30,}$/);
    expect(filled[0]).not.toContain('against');
    expect(await t.db.query('SELECT * FROM ballots WHERE poll_id = $1', [id])).toEqual([]);
  });

  it('leaves nothing readable to an operator joining through system columns (a cast writes both rows in one transaction)', async () => {
    const { id } = await openSecret();
    await vote(t, g.voters[1], id, 'for');
    await vote(t, g.voters[2], id, 'against');
    const joined: { membershipId: string; choice: string }[] = await t.db.query(
      `SELECT p.membership_id AS "membershipId", s.choice FROM secret_participations p JOIN secret_slots s ON s.xmin = p.xmin AND s.poll_id = p.poll_id WHERE p.poll_id = $1`,
      [id],
    );
    expect(joined).toHaveLength(2);
    for (const row of joined) {
      expect(['for', 'against', 'abstain']).not.toContain(row.choice);
      expect(row.choice).toMatch(/^v1\./);
    }
    // Two encryptions of one choice differ (a fresh IV each time), so equal ciphertexts reveal nothing either.
    await vote(t, g.voters[3], id, 'for');
    const all: { choice: string }[] = await t.db.query('SELECT choice FROM secret_slots WHERE poll_id = $1 AND choice IS NOT NULL', [id]);
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

  it('undoes the whole cast when no slot is free: no participation, no audit entry, no count', async () => {
    const { id } = await openSecret();
    await vote(t, g.voters[0], id, 'for');
    // Break the invariant (as many slots as voters) behind the API's back: every free slot taken.
    await t.db.query(`UPDATE secret_slots SET choice = 'v1.tampered', receipt_hash = md5(id::text) WHERE poll_id = $1 AND choice IS NULL`, [id]);
    const res = await cast(t, g.voters[1], id, { choice: 'against' });
    expectProblem(res, 500);
    expect(JSON.stringify(res.body)).not.toMatch(/slot|secret_participations/);
    const [{ participations }] = await t.db.query('SELECT count(*)::int AS participations FROM secret_participations WHERE poll_id = $1', [id]);
    expect(participations).toBe(1);
    const [{ audited }] = await t.db.query(`SELECT count(*)::int AS audited FROM audit_entries WHERE object_id = $1 AND action = 'ballot.cast'`, [id]);
    expect(audited).toBe(1);
    expect((await getJson(t, g.chair, `/polls/${id}`)).body.participation).toBe(1);
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

    it("lets a receipt back one voice only, whoever presents it (the receipt is the proof)", async () => {
      // Voter 2 voted against but presents voter 4's receipt: the server cannot (and must not be able to) tell whose it is,
      // so the receipt's ballot speaks through voter 2, once. Voter 4 can no longer use it.
      const borrowed = await sign(g.voters[2], opinionId, { receipt: r[4] });
      expect(borrowed.status).toBe(201);
      expect(borrowed.body.signatures).toEqual([expect.objectContaining({ membershipId: g.voters[2].membershipId, position: 'for' })]);
      expectProblem(await sign(g.voters[4], opinionId, { receipt: r[4] }), 409);
      expectProblem(await file(g.voters[4], pollId, { receipt: r[4] }), 409);
      const claims = await t.db.query('SELECT count(*)::int AS n FROM poll_receipt_claims WHERE poll_id = $1', [pollId]);
      expect(claims[0].n).toBe(2);
      const list = await getJson(t, g.chair, `/polls/${pollId}/minority-opinions`);
      const voices = list.body.items.flatMap((o: { signatures: unknown[] }) => [o, ...o.signatures]);
      expect(voices).toHaveLength(2);
      const shown = text(list);
      for (const v of [g.voters[1], g.voters[3], g.voters[4]]) for (const bit of [v.membershipId, v.userId]) expect(shown).not.toContain(bit);
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
