import '../support/short-presence-grace';
import { startTestApp, TestApp } from '../support/test-app';
import { councilWithCast, createMember, Session } from '../support/factories';
import { createSession, LiveClients, ok, waitForEvent, LiveEvent } from '../support/live';

type Member = Session & { membershipId: string };

/**
 * Presence follows connections: a checked-in member counts while connected
 * (two tabs count once) and, after the last connection drops, for a grace
 * period (600 ms here); then attendance.changed announces the lapse.
 */
describe('presence follows connections', () => {
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

  const attendance = (sessionId: string, present: number) => (e: LiveEvent) =>
    e.sessionId === sessionId && e.type === 'attendance.changed' && (e.payload as { present: number }).present === present;

  it('counts a member with two tabs once, keeps counting while one tab stays, and lapses after the grace period', async () => {
    const s = await createSession(t, c.cast.moderator, c.council.id);
    const watcher = await live.connect(c.cast.moderator);
    await ok(watcher, 'session.join', { sessionId: s.id });
    await ok(watcher, 'session.start', { sessionId: s.id });

    const tab1 = await live.connect(m[0]);
    const tab2 = await live.connect(m[0]);
    await ok(tab1, 'session.join', { sessionId: s.id });
    await ok(tab2, 'session.join', { sessionId: s.id });
    expect((await ok(tab1, 'attendance.checkIn', { sessionId: s.id })).attendance.present).toBe(1);
    await waitForEvent(watcher, attendance(s.id, 1));

    // One tab closes: the other still holds the member present through several lease renewals.
    tab1.disconnect();
    await new Promise((r) => setTimeout(r, 1500));
    const snapshot = (await ok(watcher, 'session.join', { sessionId: s.id })).snapshot;
    expect(snapshot.attendance.present).toBe(1);

    // The last tab closes: after the grace period the member no longer counts, announced once.
    tab2.disconnect();
    const lapse = await waitForEvent(watcher, attendance(s.id, 0), 5000);
    expect(lapse.payload).toMatchObject({ present: 0 });
    const after = (await ok(watcher, 'session.join', { sessionId: s.id })).snapshot;
    expect(after.attendance.present).toBe(0);
  });

  it('brings a member back when a reconnected socket checks in again', async () => {
    const s = await createSession(t, c.cast.moderator, c.council.id);
    const watcher = await live.connect(c.cast.moderator);
    await ok(watcher, 'session.join', { sessionId: s.id });
    await ok(watcher, 'session.start', { sessionId: s.id });
    const first = await live.connect(m[1]);
    await ok(first, 'session.join', { sessionId: s.id });
    await ok(first, 'attendance.checkIn', { sessionId: s.id });
    await waitForEvent(watcher, attendance(s.id, 1));
    first.disconnect();
    const lapse = await waitForEvent(watcher, attendance(s.id, 0), 5000);
    const again = await live.connect(m[1]);
    await ok(again, 'session.join', { sessionId: s.id });
    expect((await ok(again, 'attendance.checkIn', { sessionId: s.id })).attendance.present).toBe(1);
    const back = await waitForEvent(watcher, (e) => attendance(s.id, 1)(e) && e.seq > lapse.seq);
    expect(back.seq).toBeGreaterThan(lapse.seq);
  });
});
