import { io, Socket } from 'socket.io-client';
import { startTestApp, TestApp } from '../support/test-app';
import { loginAdmin } from '../support/factories';

/**
 * With REDIS_URL the gateway uses socket.io's Redis adapter (CI and this
 * machine run Redis at 127.0.0.1:6379): the app starts on it, sockets
 * connect, and a room broadcast made through the adapter reaches them.
 */
describe('socket.io over the Redis adapter', () => {
  let t: TestApp;
  let socket: Socket | undefined;
  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:6379' });
  });
  afterAll(async () => {
    socket?.disconnect();
    await t.close();
  });

  it('connects and receives what is broadcast through the adapter', async () => {
    const admin = await loginAdmin(t);
    socket = io(`${t.url}/live`, { auth: { token: admin.token }, transports: ['websocket'], forceNew: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no connection')), 5000);
      socket!.once('connect', () => (clearTimeout(timer), resolve()));
      socket!.once('connect_error', (e) => (clearTimeout(timer), reject(e)));
    });
    const { LiveGateway } = await import('../../apps/api/src/live/live.gateway');
    const gateway = t.app.get(LiveGateway);
    const adapterName = gateway.namespace.adapter.constructor.name;
    expect(adapterName).toMatch(/Redis/);
    const got = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no broadcast')), 5000);
      socket!.once('probe', (payload: unknown) => (clearTimeout(timer), resolve(payload)));
    });
    // Broadcast to every socket of the namespace through the adapter (publishes on Redis, delivered back).
    gateway.namespace.emit('probe', { via: 'redis' });
    expect(await got).toEqual({ via: 'redis' });
  });
});
