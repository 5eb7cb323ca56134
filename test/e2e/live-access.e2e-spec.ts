import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { Socket } from 'socket.io-client';
import { LiveGateway } from '../../apps/api/src/live/live.gateway';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, councilWithCast, createMember, Session } from '../support/factories';
import { isoDay } from '../support/dates';
import { ack, createSession, LiveClients, ok, WAIT_MS } from '../support/live';

// The gateway checks every socket's rooms against memberships this often (read when the app starts).
process.env.KENES_LIVE_RECHECK_MS = '200';

const SECRET = randomBytes(32).toString('hex');

type Member = Session & { membershipId: string };
interface Left {
  sessionId: string;
  reason: string;
  error: { status: number };
}

/** The next `session.left` notice the socket gets for this session (rejects after WAIT_MS). */
function leftFrom(s: Socket, sessionId: string): Promise<Left> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no session.left for ${sessionId}`)), WAIT_MS);
    const listener = (notice: Left) => {
      if (notice.sessionId !== sessionId) return;
      clearTimeout(timer);
      s.off('session.left', listener);
      resolve(notice);
    };
    s.on('session.left', listener);
  });
}

describe('live rooms follow the token and the membership', () => {
  let t: TestApp;
  let live: LiveClients;
  let c: Awaited<ReturnType<typeof councilWithCast>>;

  beforeAll(async () => {
    t = await startTestApp({ JWT_SECRET: SECRET });
    live = new LiveClients(t);
    c = await councilWithCast(t);
  });
  afterEach(() => live.closeAll());
  afterAll(async () => {
    live.closeAll();
    await t.close();
  });

  /** The rooms the server has this client's socket in. */
  const roomsOf = (s: Socket) => [...(t.app.get(LiveGateway).namespace.sockets.get(s.id as string)?.rooms ?? [])];
  const forge = (who: Session, iat: number, exp: number) =>
    new JwtService({ secret: SECRET }).sign({ sub: who.userId, email: who.email, adm: false, typ: 'access', iat, exp }, { algorithm: 'HS256', issuer: 'kenes' });

  it("leaves a closed sitting's room when the token runs out, keeps the public one, and joins again after auth.refresh", async () => {
    const member = await createMember(t, c.admin, c.council.id, 'short token');
    const closed = await createSession(t, c.cast.moderator, c.council.id);
    const open = await createSession(t, c.cast.moderator, c.council.id, { public: true });
    const now = Math.floor(Date.now() / 1000);
    const s = await live.connect(forge(member, now, now + 2));
    const left = leftFrom(s, closed.id);
    await ok(s, 'session.join', { sessionId: closed.id });
    await ok(s, 'session.join', { sessionId: open.id });
    expect(roomsOf(s)).toEqual(expect.arrayContaining([LiveGateway.room(closed.id), LiveGateway.room(open.id)]));

    expect(await left).toMatchObject({ sessionId: closed.id, reason: 'token_expired', error: { status: 401 } });
    expect(roomsOf(s)).not.toContain(LiveGateway.room(closed.id));
    expect(roomsOf(s)).toContain(LiveGateway.room(open.id));
    expect(s.connected).toBe(true);

    const fresh = forge(member, now, now + 900);
    expect(await ack(s, 'auth.refresh', { token: fresh })).toEqual({ ok: true, user: { id: member.userId } });
    await ok(s, 'session.join', { sessionId: closed.id });
    expect(roomsOf(s)).toContain(LiveGateway.room(closed.id));
  });

  it("leaves a closed sitting's room once the membership ends, and keeps watching a public one", async () => {
    const member: Member = await createMember(t, c.admin, c.council.id, 'leaving');
    const closed = await createSession(t, c.cast.moderator, c.council.id);
    const open = await createSession(t, c.cast.moderator, c.council.id, { public: true });
    const s = await live.connect(member);
    await ok(s, 'session.join', { sessionId: closed.id });
    await ok(s, 'session.join', { sessionId: open.id });
    const left = leftFrom(s, closed.id);

    await t.http().patch(`${API}/memberships/${member.membershipId}`).set(bearer(c.admin)).send({ endsOn: isoDay(-1) }).expect(200);

    expect(await left).toMatchObject({ sessionId: closed.id, reason: 'access_lost', error: { status: 404 } });
    expect(roomsOf(s)).not.toContain(LiveGateway.room(closed.id));
    expect(roomsOf(s)).toContain(LiveGateway.room(open.id));
    expect(await ack(s, 'session.join', { sessionId: closed.id })).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it('leaves when the membership is narrowed to an observer', async () => {
    const member: Member = await createMember(t, c.admin, c.council.id, 'narrowed');
    const closed = await createSession(t, c.cast.moderator, c.council.id);
    const s = await live.connect(member);
    await ok(s, 'session.join', { sessionId: closed.id });
    const left = leftFrom(s, closed.id);
    await t.http().patch(`${API}/memberships/${member.membershipId}`).set(bearer(c.admin)).send({ roles: ['observer'] }).expect(200);
    expect(await left).toMatchObject({ reason: 'access_lost' });
    expect(roomsOf(s)).not.toContain(LiveGateway.room(closed.id));
  });
});
