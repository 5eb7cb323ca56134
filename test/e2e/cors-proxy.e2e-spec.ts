import { io } from 'socket.io-client';
import { startSecondNode, startTestApp, TestApp } from '../support/test-app';
import { API } from '../support/factories';
import { UserThrottlerGuard } from '../../apps/api/src/user-throttler.guard';

const HALL = 'https://hall.kenes.example';
const EVIL = 'https://evil.example';

/**
 * Browser access (CORS_ORIGINS) and the client's address (TRUST_PROXY) are
 * granted only where configured: by default no origin gets CORS headers and
 * no X-Forwarded-For is believed.
 */
describe('CORS_ORIGINS and TRUST_PROXY', () => {
  let plain: TestApp;
  let configured: TestApp;
  // What the anonymous rate limit keys on, per request, in order.
  const trackers: string[] = [];

  beforeAll(async () => {
    const getTracker = (UserThrottlerGuard.prototype as unknown as { getTracker: (req: unknown) => Promise<string> }).getTracker;
    jest.spyOn(UserThrottlerGuard.prototype as unknown as { getTracker: (req: unknown) => Promise<string> }, 'getTracker').mockImplementation(async function (this: unknown, req: unknown) {
      const tracker = await getTracker.call(this, req);
      trackers.push(tracker);
      return tracker;
    });
    plain = await startTestApp();
    configured = await startSecondNode(plain, { CORS_ORIGINS: `${HALL}, https://admin.kenes.example/`, TRUST_PROXY: '127.0.0.1, ::1' });
  });
  afterAll(async () => {
    await configured.close();
    await plain.close();
  });

  const preflight = (t: TestApp, origin: string) =>
    t.http().options(`${API}/auth/login`).set({ Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' });

  it('gives no origin CORS headers by default, on a request or a preflight', async () => {
    for (const origin of [EVIL, HALL]) {
      const res = await plain.http().get('/health').set('Origin', origin).expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      const pre = await preflight(plain, origin);
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('gives the configured origins CORS headers (with credentials and the exposed headers), and no others', async () => {
    const res = await configured.http().get('/health').set('Origin', HALL).expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(HALL);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-expose-headers']).toMatch(/X-Request-Id/);
    // a trailing slash in the setting does not matter
    const admin = await configured.http().get('/health').set('Origin', 'https://admin.kenes.example').expect(200);
    expect(admin.headers['access-control-allow-origin']).toBe('https://admin.kenes.example');
    const pre = await preflight(configured, HALL).expect(204);
    expect(pre.headers['access-control-allow-origin']).toBe(HALL);
    expect(pre.headers['access-control-allow-methods']).toMatch(/POST/);

    const evil = await configured.http().get('/health').set('Origin', EVIL).expect(200);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const evilPre = await preflight(configured, EVIL);
    expect(evilPre.headers['access-control-allow-origin']).toBeUndefined();
    // a look-alike of an allowed origin is another origin
    const lookalike = await configured.http().get('/health').set('Origin', `${HALL}.evil.example`).expect(200);
    expect(lookalike.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('ignores X-Forwarded-For without TRUST_PROXY (the anonymous limit keys on the socket), and believes it from a trusted proxy', async () => {
    // an anonymous, rate-limited route: a refresh with a token that is not one
    const anonymous = (t: TestApp, forwardedFor: string) => t.http().post(`${API}/auth/refresh`).set('X-Forwarded-For', forwardedFor).send({ refreshToken: 'x.y' }).expect(401);
    trackers.length = 0;
    await anonymous(plain, '203.0.113.7');
    await anonymous(plain, '198.51.100.9');
    expect(trackers).toHaveLength(2);
    for (const tr of trackers) expect(tr).toMatch(/^ip:(::ffff:)?127\.0\.0\.1$/);

    trackers.length = 0;
    await anonymous(configured, '203.0.113.7');
    await anonymous(configured, '198.51.100.9, 203.0.113.7');
    expect(trackers).toEqual(['ip:203.0.113.7', 'ip:203.0.113.7']);
  });

  it('admits a live socket from no Origin (not a browser), the app’s own origin or a configured one, and refuses any other', async () => {
    const handshake = (t: TestApp, origin?: string) =>
      new Promise<boolean>((resolve) => {
        const socket = io(`${t.url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: origin ? { Origin: origin } : {} });
        socket.once('connect', () => {
          socket.disconnect();
          resolve(true);
        });
        socket.once('connect_error', () => {
          socket.close();
          resolve(false);
        });
      });
    expect(await handshake(plain)).toBe(true);
    expect(await handshake(plain, plain.url)).toBe(true);
    expect(await handshake(plain, EVIL)).toBe(false);
    expect(await handshake(plain, HALL)).toBe(false);
    expect(await handshake(configured, HALL)).toBe(true);
    expect(await handshake(configured, EVIL)).toBe(false);
  });
});
