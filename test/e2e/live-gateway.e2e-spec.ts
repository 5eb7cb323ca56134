import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { LiveGateway } from '../../apps/api/src/live/live.gateway';
import { startTestApp, TestApp } from '../support/test-app';
import { API, createUser, loginAdmin, Session } from '../support/factories';

const SECRET = randomBytes(32).toString('hex');
const WAIT_MS = 5000;

interface Refused extends Error {
  data?: { status?: number; type?: string; title?: string; detail?: string };
}

describe('live gateway (/live)', () => {
  let t: TestApp;
  let alice: Session & { password: string };
  let bob: Session;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ JWT_SECRET: SECRET });
    const admin = await loginAdmin(t);
    alice = await createUser(t, admin, 'Alice');
    bob = await createUser(t, admin, 'Bob');
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await t.close();
  });

  /** A socket on /live that does not reconnect by itself; disconnected after each test. */
  function open(auth?: Record<string, unknown>): Socket {
    const s = io(`${t.url}/live`, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(s);
    return s;
  }

  /** Resolves once connected, rejects on connect_error or after WAIT_MS. */
  function connected(s: Socket): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for connect')), WAIT_MS);
      s.once('connect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('connect_error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  /** Resolves with the connect_error, rejects if the socket connects or nothing happens within WAIT_MS. */
  function refused(s: Socket): Promise<Refused> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for connect_error')), WAIT_MS);
      s.once('connect', () => {
        clearTimeout(timer);
        reject(new Error('connected, but the handshake should have been refused'));
      });
      s.once('connect_error', (err) => {
        clearTimeout(timer);
        resolve(err as Refused);
      });
    });
  }

  const refresh = (s: Socket, ...args: unknown[]) => s.timeout(WAIT_MS).emitWithAck('auth.refresh', ...args);

  /** A fresh access token of the same user, from POST /auth/refresh. */
  async function freshAccessToken(who: Session): Promise<string> {
    const res = await t.http().post(`${API}/auth/refresh`).send({ refreshToken: who.refreshToken });
    expect(res.status).toBe(200);
    who.refreshToken = res.body.refreshToken;
    return res.body.accessToken;
  }

  /** An access token signed like the server's, with claims of our choosing. */
  const forge = (claims: Record<string, unknown>, secret = SECRET) => new JwtService({ secret }).sign(claims, { algorithm: 'HS256', issuer: 'kenes' });

  describe('handshake', () => {
    it('connects with a valid access token', async () => {
      const s = await connected(open({ token: alice.token }));
      expect(s.connected).toBe(true);
      expect(typeof s.id).toBe('string');
    });

    it('connects anonymously without a token, or with auth but no token', async () => {
      expect((await connected(open())).connected).toBe(true);
      expect((await connected(open({}))).connected).toBe(true);
    });

    it.each([
      ['garbage', 'not-a-jwt'],
      ['a refresh token', 'REFRESH'],
      ['a number', 42],
      ['an object', { token: 'x' }],
    ])('refuses %s with connect_error carrying a 401 problem', async (_label, token) => {
      const err = await refused(open({ token: token === 'REFRESH' ? alice.refreshToken : token }));
      expect(err.message).toBe('unauthorized');
      expect(err.data).toMatchObject({ status: 401, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    });

    it('refuses an expired token, one signed with another secret, and one that is not an access token (401)', async () => {
      const now = Math.floor(Date.now() / 1000);
      const base = { sub: alice.userId, email: alice.email, adm: false, typ: 'access' };
      for (const token of [
        forge({ ...base, iat: now - 120, exp: now - 60 }),
        forge({ ...base, iat: now, exp: now + 600 }, randomBytes(32).toString('hex')),
        forge({ ...base, typ: 'refresh', iat: now, exp: now + 600 }),
      ]) {
        const err = await refused(open({ token }));
        expect(err.data?.status).toBe(401);
      }
      // The same claims, properly signed and not expired, are accepted: the refusals above are about the token.
      await connected(open({ token: forge({ ...base, iat: now, exp: now + 600 }) }));
    });
  });

  describe('auth.refresh', () => {
    it('swaps the token for a fresh one of the same user: {ok: true, user: {id}}', async () => {
      const s = await connected(open({ token: alice.token }));
      const ack = await refresh(s, { token: await freshAccessToken(alice) });
      expect(ack).toEqual({ ok: true, user: { id: alice.userId } });
      expect(s.connected).toBe(true);
    });

    it('lets an anonymous socket log in, after which it is bound to that user', async () => {
      const s = await connected(open());
      expect(await refresh(s, { token: bob.token })).toEqual({ ok: true, user: { id: bob.userId } });
      const ack = await refresh(s, { token: alice.token });
      expect(ack).toMatchObject({ ok: false, error: { status: 401 } });
    });

    it.each([
      ['an unknown field', { token: 'TOKEN', extra: 1 }, 'extra'],
      ['a missing token', {}, 'token'],
      ['an empty token', { token: '' }, 'token'],
      ['a non-string token', { token: 7 }, 'token'],
    ])('answers 400 naming the field for %s', async (_label, payload, field) => {
      const s = await connected(open({ token: alice.token }));
      const body = 'token' in payload && payload.token === 'TOKEN' ? { ...payload, token: alice.token } : payload;
      const ack = await refresh(s, body);
      expect(ack).toMatchObject({ ok: false, error: { status: 400, type: expect.any(String), title: expect.any(String), detail: expect.any(String) } });
      expect(ack.error.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]));
    });

    it.each([
      ['a string', 'just a string'],
      ['a number', 12],
      ['null', null],
      ['an array', [{ token: 'x' }]],
    ])('answers 400 for a payload that is %s', async (_label, payload) => {
      const s = await connected(open({ token: alice.token }));
      const ack = await refresh(s, payload);
      expect(ack).toMatchObject({ ok: false, error: { status: 400, errors: expect.any(Array) } });
    });

    it('answers 400 for no payload at all, and for several arguments', async () => {
      const s = await connected(open({ token: alice.token }));
      expect(await refresh(s)).toMatchObject({ ok: false, error: { status: 400 } });
      expect(await refresh(s, { token: alice.token }, { token: alice.token })).toMatchObject({ ok: false, error: { status: 400 } });
    });

    it('answers 401 for an invalid token and keeps the connection', async () => {
      const s = await connected(open({ token: alice.token }));
      const ack = await refresh(s, { token: 'not-a-jwt' });
      expect(ack).toMatchObject({ ok: false, error: { status: 401, type: expect.any(String), detail: expect.any(String) } });
      expect(s.connected).toBe(true);
      // The socket still answers as Alice.
      expect(await refresh(s, { token: alice.token })).toEqual({ ok: true, user: { id: alice.userId } });
    });

    it("answers 401 for another user's token on an authenticated socket, which stays that user's", async () => {
      const s = await connected(open({ token: alice.token }));
      const ack = await refresh(s, { token: bob.token });
      expect(ack).toMatchObject({ ok: false, error: { status: 401 } });
      expect(await refresh(s, { token: alice.token })).toEqual({ ok: true, user: { id: alice.userId } });
    });

    it('does not let a socket outlive its token: past exp a command needing a user is refused (401) until auth.refresh', async () => {
      const now = Math.floor(Date.now() / 1000);
      const s = await connected(open({ token: forge({ sub: alice.userId, email: alice.email, adm: false, typ: 'access', iat: now, exp: now + 30 }) }));
      const anonymous = await connected(open());
      const gateway = t.app.get(LiveGateway);
      const serverSide = (id: string | undefined) => gateway.namespace.sockets.get(id as string) as unknown as Parameters<typeof LiveGateway.requireUser>[0];
      const requireUser = (id: string | undefined) => {
        try {
          return { user: LiveGateway.requireUser(serverSide(id)) };
        } catch (err) {
          return { status: (err as { status?: number }).status };
        }
      };
      expect(requireUser(s.id)).toEqual({ user: expect.objectContaining({ id: alice.userId }) });
      expect(requireUser(anonymous.id)).toEqual({ status: 401 });
      // The app runs in this process: move its clock just past the token's expiry (a clock that still
      // moves, and less than engine.io's ping deadline, which the client checks against Date.now too).
      const realNow = Date.now.bind(Date);
      const offset = (now + 31) * 1000 - realNow();
      const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
      try {
        expect(requireUser(s.id)).toEqual({ status: 401 });
        const fresh = forge({ sub: alice.userId, email: alice.email, adm: false, typ: 'access', iat: now + 31, exp: now + 900 });
        expect(await refresh(s, { token: fresh })).toEqual({ ok: true, user: { id: alice.userId } });
        expect(requireUser(s.id)).toEqual({ user: expect.objectContaining({ id: alice.userId }) });
      } finally {
        clock.mockRestore();
      }
    });

    it('answers 401 for an expired token', async () => {
      const s = await connected(open({ token: alice.token }));
      const now = Math.floor(Date.now() / 1000);
      const expired = forge({ sub: alice.userId, email: alice.email, adm: false, typ: 'access', iat: now - 120, exp: now - 60 });
      expect(await refresh(s, { token: expired })).toMatchObject({ ok: false, error: { status: 401 } });
    });
  });
});

describe('a revoked user on the live gateway', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is disconnected when a replayed refresh token revokes its session', async () => {
    const admin = await loginAdmin(t);
    const user = await createUser(t, admin, 'Revoked');
    const socket = io(`${t.url}/live`, { auth: { token: user.token }, transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no connection')), 5000);
        socket.once('connect', () => (clearTimeout(timer), resolve()));
        socket.once('connect_error', (e) => (clearTimeout(timer), reject(e)));
      });
      const gone = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('still connected')), 5000);
        socket.once('disconnect', (reason) => (clearTimeout(timer), resolve(reason)));
      });
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      expect(await gone).toBe('io server disconnect');
    } finally {
      socket.disconnect();
    }
  });
});
