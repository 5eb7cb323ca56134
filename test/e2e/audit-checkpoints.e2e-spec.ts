import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { AuditCheckpoints } from '@kenes/audit/audit-checkpoints.service';
import { auditHash } from '@kenes/core';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer } from '../support/factories';
import { expectProblem } from '../support/problems';
import { closePoll, createPoll, getJson, GroupCouncil, groupCouncil, openPoll, voteAll } from '../support/poll-factories';

interface Checkpoint {
  entryId: string;
  hash: string;
  at: string;
  signature: string;
}
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

/** A verifier of our own, from the published raw key: what someone outside Kenes would run. */
function outsideVerifier(rawKeyBase64: string) {
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(rawKeyBase64, 'base64')]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return (councilId: string, c: Checkpoint) =>
    verifySignature(null, Buffer.from(`kenes-checkpoint:v1:${councilId}:${c.entryId}:${c.hash}:${c.at}`, 'utf8'), key, Buffer.from(c.signature, 'base64'));
}

describe('audit checkpoints', () => {
  let t: TestApp;
  let g: GroupCouncil;

  beforeAll(async () => {
    t = await startTestApp();
    g = await groupCouncil(t, 2);
  });
  afterAll(() => t.close());

  const checkpoints = (councilId: string, by?: GroupCouncil['admin']) => {
    const req = t.http().get(`${API}/councils/${councilId}/audit/checkpoints`);
    return by ? req.set(bearer(by)) : req;
  };
  const verifyCheckpoint = (councilId: string, body: Record<string, unknown>, by: GroupCouncil['admin'] | null = g.secretariat) => {
    const req = t.http().post(`${API}/councils/${councilId}/audit/verify-checkpoint`).send(body);
    return by ? req.set(bearer(by)) : req;
  };
  const chain = async (councilId: string): Promise<Entry[]> => (await getJson(t, g.admin, `/councils/${councilId}/audit`).query({ limit: 200 })).body.items;
  /** Waits for a checkpoint at or past an entry (made after commit, in the background). */
  async function checkpointCovering(councilId: string, entryId: string): Promise<Checkpoint> {
    for (let i = 0; i < 100; i++) {
      const [newest] = (await checkpoints(councilId, g.secretariat).expect(200)).body.items as Checkpoint[];
      const entries = await chain(councilId);
      const at = entries.findIndex((e) => e.id === entryId);
      if (newest && at >= 0 && entries.findIndex((e) => e.id === newest.entryId) >= at) return newest;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no checkpoint covered the entry');
  }
  /** Runs SQL with every trigger off, as a superuser tampering with the database would. */
  const tamper = (sql: string, params: unknown[]) =>
    t.db.transaction(async (em) => {
      await em.query('SET LOCAL session_replication_role = replica');
      await em.query(sql, params);
    });

  it('publishes its Ed25519 public key to anyone', async () => {
    const res = await t.http().get(`${API}/audit/public-key`).expect(200);
    expect(res.body).toEqual({ algorithm: 'Ed25519', publicKey: expect.any(String) });
    expect(Buffer.from(res.body.publicKey, 'base64')).toHaveLength(32);
  });

  it('checkpoints the chain as soon as a poll closes, signed so that anyone can check it outside Kenes', async () => {
    const poll = await createPoll(t, g.coordinator, g.groupId, { method: 'majority', base: 'cast' }, { secret: true });
    await openPoll(t, g.coordinator, poll.id);
    await voteAll(t, g.voters, poll.id, ['for', 'for', 'against']);
    await closePoll(t, g.coordinator, poll.id);
    const closed = (await chain(g.council.id)).find((e) => e.action === 'poll.closed' && e.objectId === poll.id) as Entry;
    expect(closed.summary.after).toMatchObject({ sealDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const cp = await checkpointCovering(g.council.id, closed.id);
    expect(cp).toEqual({ entryId: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/), at: expect.any(String), signature: expect.any(String) });
    const entry = (await chain(g.council.id)).find((e) => e.id === cp.entryId) as Entry;
    expect(entry.hash).toBe(cp.hash);
    const { publicKey } = (await t.http().get(`${API}/audit/public-key`)).body;
    const check = outsideVerifier(publicKey);
    expect(check(g.council.id, cp)).toBe(true);
    expect(check(g.council.id, { ...cp, hash: '0'.repeat(64) })).toBe(false);
    expect((await verifyCheckpoint(g.council.id, { ...cp }).expect(200)).body).toEqual({ ok: true, reason: null });
  });

  it('makes one checkpoint per head: none again until the chain grows', async () => {
    const service = t.app.get(AuditCheckpoints);
    const first = await service.checkpoint(g.council.id);
    const again = await service.checkpoint(g.council.id);
    expect(again).toEqual(first);
    await t.http().post(`${API}/councils/${g.council.id}/agencies`).set(bearer(g.admin)).send({ name: 'Grown', code: `G-${Date.now()}` }).expect(201);
    const grown = await service.checkpoint(g.council.id);
    expect(grown?.entryId).not.toBe(first?.entryId);
    const listed = (await checkpoints(g.council.id, g.secretariat).expect(200)).body.items as Checkpoint[];
    expect(listed[0]).toEqual(grown);
    expect(new Set(listed.map((c) => c.entryId)).size).toBe(listed.length);
  });

  it('is read by the secretariat and the admin; by anyone once the council publishes open data', async () => {
    await checkpoints(g.council.id, g.secretariat).expect(200);
    await checkpoints(g.council.id, g.admin).expect(200);
    expectProblem(await checkpoints(g.council.id), 401);
    expectProblem(await checkpoints(g.council.id, g.voters[1]), 403);
    expectProblem(await checkpoints(g.council.id, g.observer), 403);
    expectProblem(await checkpoints(g.council.id, g.outsider), 404);
    expectProblem(await verifyCheckpoint(g.council.id, { entryId: g.council.id, hash: '0'.repeat(64), at: new Date().toISOString(), signature: 'AA==' }, g.voters[1]), 403);
    expectProblem(await checkpoints('not-a-uuid', g.secretariat), 400, ['councilId']);
    expectProblem(await verifyCheckpoint(g.council.id, { entryId: 'x', hash: 'ABC', at: 'yesterday', signature: '%%' }), 400, ['entryId', 'hash', 'at', 'signature']);
    await t.http().patch(`${API}/councils/${g.council.id}`).set(bearer(g.secretariat)).send({ publishOpenData: true }).expect(200);
    const open = (await checkpoints(g.council.id).expect(200)).body.items as Checkpoint[];
    expect(open.length).toBeGreaterThan(0);
    expect((await verifyCheckpoint(g.council.id, { ...open[0] }, null).expect(200)).body).toEqual({ ok: true, reason: null });
    await t.http().patch(`${API}/councils/${g.council.id}`).set(bearer(g.secretariat)).send({ publishOpenData: false }).expect(200);
  });

  describe('a checkpoint kept outside the database catches what the chain alone cannot', () => {
    async function councilWithCheckpoint(extraEntries: number): Promise<{ councilId: string; cp: Checkpoint; entries: Entry[] }> {
      const council = (await t.http().post(`${API}/councils`).set(bearer(g.admin)).send({ name: 'Kept', slug: `kept-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, balanceDimensions: [], minorityOpinionWindowHours: 1 }).expect(201)).body;
      for (let i = 0; i < 3; i++) await t.http().post(`${API}/councils/${council.id}/agencies`).set(bearer(g.admin)).send({ name: `A${i}`, code: `A${i}` }).expect(201);
      const cp = (await t.app.get(AuditCheckpoints).checkpoint(council.id)) as Checkpoint;
      for (let i = 0; i < extraEntries; i++) await t.http().post(`${API}/councils/${council.id}/agencies`).set(bearer(g.admin)).send({ name: `B${i}`, code: `B${i}` }).expect(201);
      return { councilId: council.id, cp, entries: await chain(council.id) };
    }

    it('a cut-off tail: the chain still verifies on its own, the kept checkpoint says entry_missing', async () => {
      const { councilId, cp, entries } = await councilWithCheckpoint(0);
      expect(entries[entries.length - 1].id).toBe(cp.entryId);
      await tamper('DELETE FROM audit_entries WHERE id = ANY($1)', [entries.slice(-2).map((e) => e.id)]);
      expect((await getJson(t, g.admin, `/councils/${councilId}/audit/verify`)).body).toMatchObject({ ok: true });
      expect((await verifyCheckpoint(councilId, { ...cp }, g.admin).expect(200)).body).toEqual({ ok: false, reason: 'entry_missing' });
    });

    it('an edited entry with every hash after it recomputed: verify says ok, the kept checkpoint says hash_differs', async () => {
      const { councilId, cp, entries } = await councilWithCheckpoint(0);
      let prev = entries[1].prevHash;
      for (const e of entries.slice(1)) {
        const summary = e === entries[1] ? { forged: true } : e.summary;
        const hash = auditHash({ ...e, chainSeq: e.seq, prevHash: prev, summary: summary as never });
        await tamper('UPDATE audit_entries SET summary = $2, prev_hash = $3, hash = $4 WHERE id = $1', [e.id, JSON.stringify(summary), prev, hash]);
        prev = hash;
      }
      expect((await getJson(t, g.admin, `/councils/${councilId}/audit/verify`)).body).toMatchObject({ ok: true });
      expect((await verifyCheckpoint(councilId, { ...cp }, g.admin).expect(200)).body).toEqual({ ok: false, reason: 'hash_differs' });
    });

    it('a broken link before the checkpointed entry says chain_broken; a forged signature says bad_signature', async () => {
      const { councilId, cp, entries } = await councilWithCheckpoint(2);
      expect((await verifyCheckpoint(councilId, { ...cp }, g.admin).expect(200)).body).toEqual({ ok: true, reason: null });
      expect((await verifyCheckpoint(councilId, { ...cp, at: new Date(Date.parse(cp.at) + 1).toISOString() }, g.admin).expect(200)).body).toEqual({ ok: false, reason: 'bad_signature' });
      expect((await verifyCheckpoint(g.council.id, { ...cp }, g.admin).expect(200)).body).toEqual({ ok: false, reason: 'bad_signature' });
      await tamper(`UPDATE audit_entries SET summary = '{"forged":true}' WHERE id = $1`, [entries[1].id]);
      expect((await verifyCheckpoint(councilId, { ...cp }, g.admin).expect(200)).body).toEqual({ ok: false, reason: 'chain_broken' });
    });

    it('checkpoints are append-only in the database', async () => {
      const { councilId } = await councilWithCheckpoint(0);
      await expect(t.db.query(`UPDATE audit_checkpoints SET hash = repeat('0', 64) WHERE council_id = $1`, [councilId])).rejects.toThrow(/immutable/);
      await expect(t.db.query(`DELETE FROM audit_checkpoints WHERE council_id = $1`, [councilId])).rejects.toThrow(/immutable/);
    });
  });

  it('limits verification, which recomputes the chain, to 30 a minute per caller (429 with Retry-After)', async () => {
    const body = { entryId: g.council.id, hash: '0'.repeat(64), at: new Date().toISOString(), signature: 'AA==' };
    const answers = [];
    for (let i = 0; i < 32; i++) answers.push((await verifyCheckpoint(g.council.id, body, g.chair)).status);
    expect(answers.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(answers.slice(0, 30).every((s) => s !== 429)).toBe(true);
  });

  it('dates an entry by the database clock: an insert cannot backdate it', async () => {
    await t.db.query(
      `INSERT INTO audit_entries (chain, council_id, action, object_type, created_at) VALUES ($1::text, $1::uuid, 'forged.backdated', 'x', '2001-01-01T00:00:00Z')`,
      [g.council.id],
    );
    const [row]: { createdAt: Date }[] = await t.db.query(`SELECT created_at AS "createdAt" FROM audit_entries WHERE action = 'forged.backdated'`);
    expect(new Date(row.createdAt).getUTCFullYear()).toBeGreaterThanOrEqual(2026);
  });
});
