import { randomBytes, randomUUID } from 'node:crypto';
import { auditHash } from '@kenes/core';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, councilWithCast, createAgency, createCouncil, Session } from '../support/factories';
import { expectProblem, UUID } from '../support/problems';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
interface Entry {
  id: string;
  seq: number;
  councilId: string | null;
  actorUserId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: Record<string, unknown>;
  createdAt: string;
  prevHash: string;
  hash: string;
}
const GENESIS = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;
const unique = () => randomBytes(4).toString('hex');

describe('audit chain', () => {
  let t: TestApp;
  let c: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
  });
  afterAll(() => t.close());

  const audit = (by: Session, councilId: string, query: Record<string, string | number> = {}) =>
    t.http().get(`${API}/councils/${councilId}/audit`).query(query).set(bearer(by));
  const verify = (by: Session, councilId: string) => t.http().get(`${API}/councils/${councilId}/audit/verify`).set(bearer(by));

  /** Every entry of a council's chain, following nextCursor. */
  async function chainOf(councilId: string, limit = 200): Promise<Entry[]> {
    const out: Entry[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await audit(c.admin, councilId, cursor ? { limit, cursor } : { limit }).expect(200);
      out.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  }

  /** Runs SQL with the audit triggers off, as a superuser tampering with the database would. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    const runner = t.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SET session_replication_role = replica');
      await runner.query(sql, params);
    } finally {
      await runner.query('RESET session_replication_role');
      await runner.release();
    }
  }

  /** A fresh council with `n` agencies: 1 + n entries. */
  async function councilWithEntries(n: number) {
    const council = await createCouncil(t, c.admin);
    for (let i = 0; i < n; i++) await createAgency(t, c.admin, council.id);
    return council.id;
  }

  describe('who reads it', () => {
    it('answers the secretariat and the admin', async () => {
      for (const by of [c.cast.secretariat, c.admin]) {
        const res = await audit(by, c.council.id);
        expect({ status: res.status }).toEqual({ status: 200 });
        expect(res.body.items.length).toBeGreaterThan(0);
        expect((await verify(by, c.council.id)).status).toBe(200);
      }
    });

    it.each(['member', 'chair', 'moderator', 'observer', 'agency_rep'] as const)('refuses %s with 403 (list and verify)', async (role) => {
      expectProblem(await audit(c.cast[role], c.council.id), 403);
      expectProblem(await verify(c.cast[role], c.council.id), 403);
    });

    it('answers 404 to an outsider and for an unknown council; 401 without a token; 400 for a non-uuid', async () => {
      expectProblem(await audit(c.outsider, c.council.id), 404);
      expectProblem(await verify(c.outsider, c.council.id), 404);
      expectProblem(await audit(c.admin, randomUUID()), 404);
      expectProblem(await t.http().get(`${API}/councils/${c.council.id}/audit`), 401);
      expectProblem(await t.http().get(`${API}/councils/${c.council.id}/audit/verify`), 401);
      expectProblem(await audit(c.admin, 'nope'), 400, ['councilId']);
    });

    it("does not show one council's entries to another council's secretariat", async () => {
      const other = await councilWithCast(t);
      expectProblem(await audit(other.cast.secretariat, c.council.id), 404);
    });
  });

  describe('entries', () => {
    it('form a contiguous, hash-linked chain whose hashes recompute', async () => {
      const entries = await chainOf(c.council.id);
      // council, agency, then one membership per role (the cast).
      expect(entries.map((e) => e.action)).toEqual(['council.created', 'agency.created', ...Array(6).fill('membership.created')]);
      expect(entries[0]).toMatchObject({ councilId: c.council.id, objectType: 'council', objectId: c.council.id, actorUserId: c.admin.userId, prevHash: GENESIS });
      entries.forEach((e, i) => {
        expect(e).toEqual({
          id: expect.stringMatching(UUID),
          seq: i + 1,
          councilId: c.council.id,
          actorUserId: c.admin.userId,
          action: expect.any(String),
          objectType: expect.any(String),
          objectId: expect.any(String),
          summary: expect.objectContaining({ after: expect.anything() }),
          createdAt: expect.any(String),
          prevHash: i === 0 ? GENESIS : entries[i - 1].hash,
          hash: expect.stringMatching(HEX64),
        });
        expect(new Date(e.createdAt).toISOString().slice(0, 19)).toBe(e.createdAt.slice(0, 19));
        const { seq, hash, ...rest } = e;
        expect(auditHash({ ...rest, chainSeq: seq, summary: e.summary as never })).toBe(hash);
      });
      const membershipEntry = entries.find((e) => e.objectId === c.cast.agency_rep.membershipId);
      expect(membershipEntry?.summary).toEqual({ before: null, after: expect.objectContaining({ roles: ['agency_rep'], agencyId: c.agency.id }) });
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM audit_entries WHERE council_id = $1', [c.council.id]);
      expect(entries).toHaveLength(n);
    });

    it('stores hash and prevHash as lowercase hex text in the columns hash and prev_hash', async () => {
      const rows = await t.db.query('SELECT id, hash, prev_hash FROM audit_entries WHERE council_id = $1 ORDER BY chain_seq', [c.council.id]);
      const entries = await chainOf(c.council.id);
      expect(rows.map((r: { id: string; hash: string; prev_hash: string }) => ({ id: r.id, hash: r.hash, prevHash: r.prev_hash }))).toEqual(
        entries.map((e) => ({ id: e.id, hash: e.hash, prevHash: e.prevHash })),
      );
    });

    it('records a refused change nowhere', async () => {
      const before = (await chainOf(c.council.id)).length;
      expectProblem(await t.http().post(`${API}/councils/${c.council.id}/agencies`).set(bearer(c.cast.member)).send({ name: 'x', code: `Z${unique()}` }), 403);
      expectProblem(await t.http().post(`${API}/councils/${c.council.id}/agencies`).set(bearer(c.admin)).send({ name: 'x', code: c.agency.code }), 409);
      expect(await chainOf(c.council.id)).toHaveLength(before);
    });

    it('pages with ?after=<seq>, ?after=<entry id> and the cursor', async () => {
      const all = await chainOf(c.council.id);
      expect(all.length).toBeGreaterThan(4);
      const bySeq = await audit(c.cast.secretariat, c.council.id, { after: 3 }).expect(200);
      expect(bySeq.body.items.map((e: Entry) => e.seq)).toEqual(all.slice(3).map((e) => e.seq));
      const byId = await audit(c.cast.secretariat, c.council.id, { after: all[2].id }).expect(200);
      expect(byId.body.items).toEqual(bySeq.body.items);
      const byUpperId = await audit(c.cast.secretariat, c.council.id, { after: all[2].id.toUpperCase() }).expect(200);
      expect(byUpperId.body.items).toEqual(bySeq.body.items);
      const afterLast = await audit(c.cast.secretariat, c.council.id, { after: all[all.length - 1].id }).expect(200);
      expect(afterLast.body).toEqual({ items: [], nextCursor: null });
      expect(await chainOf(c.council.id, 3)).toEqual(all);
      const firstPage = await audit(c.cast.secretariat, c.council.id, { limit: 2, after: 1 }).expect(200);
      expect(firstPage.body.items.map((e: Entry) => e.seq)).toEqual([2, 3]);
      const next = await audit(c.cast.secretariat, c.council.id, { limit: 2, cursor: firstPage.body.nextCursor }).expect(200);
      expect(next.body.items.map((e: Entry) => e.seq)).toEqual([4, 5]);
    });

    it('refuses a malformed after, an entry of another chain, a bad cursor and limit=201 (400)', async () => {
      const otherCouncil = await councilWithEntries(0);
      const [foreign] = await chainOf(otherCouncil);
      expectProblem(await audit(c.admin, c.council.id, { after: 'yesterday' }), 400, ['after']);
      expectProblem(await audit(c.admin, c.council.id, { after: foreign.id }), 400, ['after']);
      expectProblem(await audit(c.admin, c.council.id, { after: randomUUID() }), 400, ['after']);
      expectProblem(await audit(c.admin, c.council.id, { cursor: 'garbage' }), 400, ['cursor']);
      expectProblem(await audit(c.admin, c.council.id, { cursor: Buffer.from('["x"]').toString('base64url') }), 400, ['cursor']);
      expectProblem(await audit(c.admin, c.council.id, { limit: 201 }), 400, ['limit']);
    });

    it('verifies an intact chain: {ok: true, entries}', async () => {
      const n = (await chainOf(c.council.id)).length;
      const res = await verify(c.cast.secretariat, c.council.id).expect(200);
      // A field without a value is null, never omitted.
      expect(res.body).toEqual({ ok: true, entries: n, firstBrokenAt: null });
    });

    it('verifies a chain of one entry (a council starts with its creation)', async () => {
      const id = await councilWithEntries(0);
      expect((await verify(c.admin, id).expect(200)).body).toMatchObject({ ok: true, entries: 1 });
    });
  });

  describe('the database refuses changes to entries', () => {
    it('refuses UPDATE, DELETE, TRUNCATE and a pre-sealed INSERT while the triggers are on', async () => {
      const [entry] = await chainOf(c.council.id);
      await expect(t.db.query(`UPDATE audit_entries SET summary = '{"forged":true}' WHERE id = $1`, [entry.id])).rejects.toThrow(/sealed|append-only/);
      await expect(t.db.query(`UPDATE audit_entries SET hash = $2 WHERE id = $1`, [entry.id, GENESIS])).rejects.toThrow(/sealed|append-only/);
      await expect(t.db.query('DELETE FROM audit_entries WHERE id = $1', [entry.id])).rejects.toThrow(/append-only/);
      await expect(t.db.query('TRUNCATE audit_entries')).rejects.toThrow(/append-only/);
      await expect(
        t.db.query(`INSERT INTO audit_entries (council_id, chain, action, object_type, chain_seq, prev_hash, hash) VALUES ($1::uuid, $2::text, 'x', 'x', 999, $3, $3)`, [
          c.council.id,
          c.council.id,
          GENESIS,
        ]),
      ).rejects.toThrow(/unsealed/);
      const [after] = await chainOf(c.council.id);
      expect(after).toEqual(entry);
      expect((await verify(c.admin, c.council.id).expect(200)).body.ok).toBe(true);
    });
  });

  describe('tampering is detected', () => {
    it('names the entry whose content was edited', async () => {
      const councilId = await councilWithEntries(5);
      const entries = await chainOf(councilId);
      expect(entries).toHaveLength(6);
      await tamper(`UPDATE audit_entries SET summary = '{"forged":true}' WHERE id = $1`, [entries[2].id]);
      const res = await verify(c.admin, councilId).expect(200);
      expect(res.body).toEqual({ ok: false, entries: 6, firstBrokenAt: entries[2].id });
      // Other chains are untouched.
      expect((await verify(c.admin, c.council.id).expect(200)).body.ok).toBe(true);
    });

    it('names the entry after a deleted one', async () => {
      const councilId = await councilWithEntries(5);
      const entries = await chainOf(councilId);
      await tamper('DELETE FROM audit_entries WHERE id = $1', [entries[3].id]);
      const res = await verify(c.admin, councilId).expect(200);
      expect(res.body).toEqual({ ok: false, entries: 5, firstBrokenAt: entries[4].id });
    });

    it('detects a rewritten entry whose own hash was recomputed (the next link breaks)', async () => {
      const councilId = await councilWithEntries(3);
      const entries = await chainOf(councilId);
      const forged = { ...entries[1], summary: { forged: true } };
      const { seq, hash: _old, ...content } = forged;
      const newHash = auditHash({ ...content, chainSeq: seq, summary: forged.summary as never });
      await tamper(`UPDATE audit_entries SET summary = '{"forged":true}', hash = $2 WHERE id = $1`, [entries[1].id, newHash]);
      const res = await verify(c.admin, councilId).expect(200);
      expect(res.body).toEqual({ ok: false, entries: 4, firstBrokenAt: entries[2].id });
    });

    it('detects entries swapped in order', async () => {
      const councilId = await councilWithEntries(3);
      const entries = await chainOf(councilId);
      await tamper('UPDATE audit_entries SET chain_seq = -1 WHERE id = $1', [entries[1].id]);
      await tamper(`UPDATE audit_entries SET chain_seq = $2 WHERE id = $1`, [entries[2].id, entries[1].seq]);
      await tamper(`UPDATE audit_entries SET chain_seq = $2 WHERE id = $1`, [entries[1].id, entries[2].seq]);
      const res = await verify(c.admin, councilId).expect(200);
      expect(res.body).toMatchObject({ ok: false, entries: 4, firstBrokenAt: entries[2].id });
    });
  });

  describe('concurrent writers', () => {
    it('lose no entry: 40 parallel changes, then a contiguous chain that verifies', async () => {
      const councilId = await councilWithEntries(0);
      const writes = Array.from({ length: 40 }, (_, i) =>
        t.http().post(`${API}/councils/${councilId}/agencies`).set(bearer(c.admin)).send({ name: `Parallel ${i}`, code: `P${i}-${unique()}` }),
      );
      // Readers seal while writers write.
      const reads = Array.from({ length: 5 }, () => verify(c.admin, councilId));
      const results = await Promise.all([...writes, ...reads]);
      for (const r of results) expect(r.status).toBeLessThan(300);
      for (const r of results.slice(40)) expect(r.body.ok).toBe(true);
      const agencyIds = results.slice(0, 40).map((r) => r.body.id as string);

      const res = await verify(c.admin, councilId).expect(200);
      expect(res.body).toMatchObject({ ok: true, entries: 41 });
      const entries = await chainOf(councilId, 7);
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
      expect(entries[0].action).toBe('council.created');
      expect(entries.slice(1).map((e) => e.objectId).sort()).toEqual([...agencyIds].sort());
      for (let i = 1; i < entries.length; i++) expect(entries[i].prevHash).toBe(entries[i - 1].hash);
      const [{ n, unsealed }] = await t.db.query(
        'SELECT count(*)::int AS n, count(*) FILTER (WHERE hash IS NULL)::int AS unsealed FROM audit_entries WHERE council_id = $1',
        [councilId],
      );
      expect({ n, unsealed }).toEqual({ n: 41, unsealed: 0 });
    });

    it('keeps chains of different councils apart under concurrent writes', async () => {
      const [a, b] = [await councilWithEntries(0), await councilWithEntries(0)];
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.http().post(`${API}/councils/${i % 2 ? a : b}/agencies`).set(bearer(c.admin)).send({ name: `Mixed ${i}`, code: `M${i}-${unique()}` }).expect(201),
        ),
      );
      for (const id of [a, b]) {
        expect((await verify(c.admin, id).expect(200)).body).toMatchObject({ ok: true, entries: 11 });
        expect((await chainOf(id)).every((e) => e.councilId === id)).toBe(true);
      }
    });
  });
});
