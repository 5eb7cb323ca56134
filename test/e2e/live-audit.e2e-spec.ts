import '../support/short-presence-grace';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, councilWithCast, createMember, Session } from '../support/factories';
import { createSession, LiveClients, LiveEvent, ok, waitForEvent } from '../support/live';

type Member = Session & { membershipId: string };
interface Entry {
  seq: number;
  actorUserId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: { before: unknown; after: Record<string, unknown> | null; details?: Record<string, unknown> };
}

/**
 * Check-ins, the floor and attendance sweeps change a sitting's state: each
 * is in the council's audit chain with its actor, written with its event.
 */
describe('live changes in the audit log', () => {
  let t: TestApp;
  let live: LiveClients;
  let c: Awaited<ReturnType<typeof councilWithCast>>;
  let m: Member[];

  beforeAll(async () => {
    t = await startTestApp();
    live = new LiveClients(t);
    c = await councilWithCast(t);
    m = await Promise.all(Array.from({ length: 2 }, (_, i) => createMember(t, c.admin, c.council.id, `member ${i}`)));
  });
  afterEach(() => live.closeAll());
  afterAll(async () => {
    live.closeAll();
    await t.close();
  });

  /** The council's audit entries about this session, oldest first. */
  async function auditOf(sessionId: string): Promise<Entry[]> {
    const out: Entry[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Entry[]; nextCursor: string | null } } = await t.http().get(`${API}/councils/${c.council.id}/audit`).query(cursor ? { limit: 200, cursor } : { limit: 200 }).set(bearer(c.cast.secretariat)).expect(200);
      out.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out.filter((e) => e.objectId === sessionId);
  }
  const attendance = (sessionId: string, present: number) => (e: LiveEvent) => e.sessionId === sessionId && e.type === 'attendance.changed' && e.payload.present === present;

  it('records check-ins, floor requests, withdrawals, grants and ends with their actor; the chain verifies', async () => {
    const s = await createSession(t, c.cast.moderator, c.council.id);
    const mod = await live.connect(c.cast.moderator);
    await ok(mod, 'session.join', { sessionId: s.id });
    await ok(mod, 'session.start', { sessionId: s.id });
    const [a, b] = await Promise.all(m.map((x) => live.connect(x)));
    await ok(a, 'session.join', { sessionId: s.id });
    await ok(a, 'attendance.checkIn', { sessionId: s.id });
    await ok(a, 'attendance.checkIn', { sessionId: s.id }); // renews the lease: no change, no entry
    await ok(a, 'floor.request', { sessionId: s.id, kind: 'pro' });
    await ok(b, 'floor.request', { sessionId: s.id });
    await ok(b, 'floor.withdraw', { sessionId: s.id });
    await ok(mod, 'floor.grant', { sessionId: s.id, membershipId: m[0].membershipId, seconds: 60 });
    await ok(mod, 'floor.end', { sessionId: s.id });

    const entries = await auditOf(s.id);
    const actions = entries.map((e) => [e.action, e.actorUserId]);
    expect(actions).toEqual([
      ['session.created', c.cast.moderator.userId],
      ['session.start', c.cast.moderator.userId],
      ['attendance.checked_in', m[0].userId],
      ['attendance.changed', m[0].userId],
      ['floor.requested', m[0].userId],
      ['floor.requested', m[1].userId],
      ['floor.withdrawn', m[1].userId],
      ['floor.granted', c.cast.moderator.userId],
      ['floor.ended', c.cast.moderator.userId],
    ]);
    expect(entries.find((e) => e.action === 'attendance.checked_in')?.summary.after).toEqual({ membershipId: m[0].membershipId });
    expect(entries.find((e) => e.action === 'attendance.changed')?.summary.after).toMatchObject({ present: 1 });
    expect(entries.find((e) => e.action === 'floor.requested')?.summary.after).toEqual({ membershipId: m[0].membershipId, kind: 'pro' });
    expect(entries.find((e) => e.action === 'floor.granted')?.summary.after).toMatchObject({ membershipId: m[0].membershipId, kind: 'pro', endsAt: expect.any(String) });
    expect(entries.find((e) => e.action === 'floor.ended')?.summary.after).toMatchObject({ membershipId: m[0].membershipId, reason: 'ended', spokenSeconds: expect.any(Number) });

    const verify = await t.http().get(`${API}/councils/${c.council.id}/audit/verify`).set(bearer(c.cast.secretariat)).expect(200);
    expect(verify.body).toMatchObject({ ok: true, firstBrokenAt: null });
  });

  it('records an attendance sweep (presence lapsed) without an actor', async () => {
    const s = await createSession(t, c.cast.moderator, c.council.id);
    const mod = await live.connect(c.cast.moderator);
    await ok(mod, 'session.join', { sessionId: s.id });
    await ok(mod, 'session.start', { sessionId: s.id });
    const a = await live.connect(m[1]);
    await ok(a, 'session.join', { sessionId: s.id });
    await ok(a, 'attendance.checkIn', { sessionId: s.id });
    await waitForEvent(mod, attendance(s.id, 1));
    a.disconnect();
    await waitForEvent(mod, attendance(s.id, 0));

    const lapse = (await auditOf(s.id)).filter((e) => e.action === 'attendance.changed').at(-1);
    expect(lapse).toMatchObject({ actorUserId: null, objectType: 'session', summary: { before: { present: 1 }, after: { present: 0 }, details: { reason: 'presence' } } });
    const verify = await t.http().get(`${API}/councils/${c.council.id}/audit/verify`).set(bearer(c.cast.secretariat)).expect(200);
    expect(verify.body.ok).toBe(true);
  });
});
