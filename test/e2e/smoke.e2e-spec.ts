import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, loginAdmin } from '../support/factories';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers health and lets the admin in', async () => {
    await t.http().get('/health').expect(200, { status: 'ok', db: 'up' });
    const admin = await loginAdmin(t);
    const me = await t.http().get(`${API}/auth/me`).set(bearer(admin)).expect(200);
    expect(me.body).toMatchObject({ email: 'admin@kenes.test', isAdmin: true, memberships: [] });
  });
});
