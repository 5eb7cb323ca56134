import { startTestApp } from '../support/test-app';
import { councilWithCast } from '../support/factories';
import { postSession } from '../support/live';
it('debug', async () => {
  const t = await startTestApp({ LOG_LEVEL: 'error' });
  const c = await councilWithCast(t);
  const res = await postSession(t, c.cast.moderator, c.council.id, { kind: 'plenary', title: 'x', scheduledAt: new Date().toISOString(), public: false });
  console.log(res.status, res.body);
  await t.close();
});
