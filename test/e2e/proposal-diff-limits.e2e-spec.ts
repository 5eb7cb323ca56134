import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, councilWithCast, createGroup, createMember, createProposal, Session } from '../support/factories';

/**
 * GET /proposals/:id/diff on versions too different to compare: 200 with their changes omitted,
 * and the server keeps answering other requests meanwhile (no wall-clock: orders and counts only).
 */
describe('proposal diff within limits', () => {
  let t: TestApp;
  let author: Session & { membershipId: string };
  let reader: Session & { membershipId: string };
  let groupId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const c = await councilWithCast(t);
    groupId = (await createGroup(t, c.admin, c.council.id)).id;
    author = await createMember(t, c.admin, c.council.id, 'author');
    reader = await createMember(t, c.admin, c.council.id, 'reader');
    for (const m of [author, reader]) await addToGroup(t, c.admin, groupId, m.membershipId);
  });
  afterAll(() => t.close());

  /** A draft whose version 1 has body `from` and version 2 body `to` (title and summary change by one line each). */
  async function twoVersions(from: string, to: string): Promise<string> {
    const p = await createProposal(t, author, groupId, { title: 'Before', summary: 'Same', body: from });
    await t.http().put(`${API}/proposals/${p.id}`).set(bearer(author)).set('If-Match', '"1"').send({ title: 'After', summary: 'Same', body: to }).expect(200);
    return p.id;
  }

  /** Asks /health again and again, one request after another, until `pending` settles; how many were answered (200) before it did. */
  async function healthChecksDuring(pending: Promise<unknown>): Promise<number> {
    let settled = false;
    void pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    let before = 0;
    while (!settled) {
      const res = await t.http().get('/health');
      expect(res.status).toBe(200);
      if (!settled) before++;
    }
    return before;
  }

  const diff = (id: string) => t.http().get(`${API}/proposals/${id}/diff?from=1&to=2`).set(bearer(reader));

  it('answers 200 with tooDifferent and the body omitted for two versions of 100,000 differing lines, and /health is answered meanwhile', async () => {
    const id = await twoVersions('a\n'.repeat(100_000), 'b\n'.repeat(100_000));
    const pending = diff(id).then((r) => r);
    await healthChecksDuring(pending);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: 1,
      to: 2,
      title: [
        { op: 'removed', lines: ['Before'] },
        { op: 'added', lines: ['After'] },
      ],
      summary: [{ op: 'equal', lines: ['Same'] }],
      body: null,
      stats: { added: 1, removed: 1 },
      tooDifferent: true,
      omitted: ['body'],
    });
  });

  it('compares the same 30,000 lines in reverse order in steps: /health requests sent one after another are answered before the diff returns', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => i.toString(36));
    const id = await twoVersions(`${lines.join('\n')}\n`, `${[...lines].reverse().join('\n')}\n`);
    const pending = diff(id).then((r) => r);
    expect(await healthChecksDuring(pending)).toBeGreaterThanOrEqual(3);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ body: null, tooDifferent: true, omitted: ['body'], stats: { added: 1, removed: 1 } });
  });

  it('still shows a one-line change in a body of 100,000 lines', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => (i % 10).toString());
    const changed = [...lines];
    changed[70_000] = 'x';
    const id = await twoVersions(`${lines.join('\n')}\n`, `${changed.join('\n')}\n`);
    const res = await diff(id).expect(200);
    expect(res.body.tooDifferent).toBe(false);
    expect(res.body.omitted).toEqual([]);
    expect(res.body.stats).toEqual({ added: 2, removed: 2 });
    expect(res.body.body.map((c: { op: string; lines: string[] }) => [c.op, c.lines.length])).toEqual([
      ['equal', 70_000],
      ['removed', 1],
      ['added', 1],
      ['equal', 29_999],
    ]);
  });
});
