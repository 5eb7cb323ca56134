import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';
import { prepareRuntime } from '../../apps/api/src/runtime';
import { councilWithCast, createGroup } from '../support/factories';
import { enablePetitions, openPetition, signByEmail } from '../support/petitions';
import { expectProblem } from '../support/problems';

/** Where mail goes without SMTP_URL, when a server may not start, and the limits on signing. */
describe('petitions: mail and limits', () => {
  describe('development without SMTP_URL', () => {
    let t: TestApp;
    const home = mkdtempSync(join(tmpdir(), 'kenes-home-'));

    beforeAll(async () => {
      t = await startTestApp({ NODE_ENV: 'development', KENES_HOME: home });
    });
    afterAll(() => t.close());

    it('writes each message as an .eml file under the outbox, with its confirmation link', async () => {
      const c = await councilWithCast(t);
      const groupId = (await createGroup(t, c.cast.secretariat, c.council.id)).id;
      await enablePetitions(t, c.cast.secretariat, c.council.id, { agendaThreshold: 10, workingGroupId: groupId });
      const p = await openPetition(t, c.cast.secretariat, c.council.id);
      expect((await signByEmail(t, p.id, { name: 'Newcomer', email: 'newcomer@example.org' })).status).toBe(202);
      const outbox = join(home, 'outbox');
      let files: string[] = [];
      for (let i = 0; i < 100 && files.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        try {
          files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
        } catch {
          files = [];
        }
      }
      expect(files).toHaveLength(1);
      // quoted-printable: undo the soft line breaks and the escapes (=3D is "=")
      const eml = readFileSync(join(outbox, files[0]), 'utf8')
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      expect(eml).toMatch(/^To: newcomer@example\.org$/m);
      expect(eml).toMatch(new RegExp(`/petitions/${p.id}/confirm\\?lang=en#token=[A-Za-z0-9_-]{43}`));
    });

    it('a production node without SMTP_URL refuses to start while a council takes email signatures', async () => {
      await expect(prepareRuntime({ ...t.env, NODE_ENV: 'production', SMTP_URL: '' })).rejects.toThrow(/SMTP_URL is not set, but the council/);
      // with SMTP_URL it starts
      const runtime = await prepareRuntime({ ...t.env, NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:2525' });
      await runtime.stop();
    });
  });

  describe('rate limits', () => {
    let t: TestApp;

    beforeAll(async () => {
      process.env.KENES_PETITION_RATE_LIMITS = JSON.stringify({ signer: { limit: 2, windowMs: 3_600_000 }, domain: { limit: 3, windowMs: 600_000 } });
      t = await startTestApp({ KENES_HOME: mkdtempSync(join(tmpdir(), 'kenes-home-')) });
    });
    afterAll(async () => {
      delete process.env.KENES_PETITION_RATE_LIMITS;
      await t.close();
    });

    it('limits signing per signer (however spelled) and per mail domain: 429 with Retry-After', async () => {
      const c = await councilWithCast(t);
      const groupId = (await createGroup(t, c.cast.secretariat, c.council.id)).id;
      await enablePetitions(t, c.cast.secretariat, c.council.id, { agendaThreshold: 10, workingGroupId: groupId });
      const p = await openPetition(t, c.cast.secretariat, c.council.id);
      expect((await signByEmail(t, p.id, { name: 'R', email: 'repeat@gmail.com' })).status).toBe(202);
      expect((await signByEmail(t, p.id, { name: 'R', email: 'Re.Peat@gmail.com' })).status).toBe(202);
      const third = await signByEmail(t, p.id, { name: 'R', email: 'repeat+3@gmail.com' });
      expectProblem(third, 429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);

      for (const who of ['a', 'b', 'c']) expect((await signByEmail(t, p.id, { name: who, email: `${who}@small-domain.kz` })).status).toBe(202);
      expectProblem(await signByEmail(t, p.id, { name: 'd', email: 'd@small-domain.kz' }), 429);
      // another domain is not held back
      expect((await signByEmail(t, p.id, { name: 'e', email: 'e@other-domain.kz' })).status).toBe(202);
    });
  });
});
