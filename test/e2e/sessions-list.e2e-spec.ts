import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, councilWithCast, createCouncil, createMember, Session } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createSession } from '../support/live';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;

describe('GET /councils/:id/sessions', () => {
  let t: TestApp;
  let c: Cast;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    // Created out of order: the list orders by scheduledAt.
    ids.third = (await createSession(t, c.cast.moderator, c.council.id, { title: 'Third', scheduledAt: '2031-03-01T09:00:00.000Z', public: true })).id;
    ids.first = (await createSession(t, c.cast.moderator, c.council.id, { title: 'First', scheduledAt: '2031-01-01T09:00:00.000Z' })).id;
    ids.second = (await createSession(t, c.cast.chair, c.council.id, { title: 'Second', scheduledAt: '2031-02-01T09:00:00.000Z' })).id;
    const other = await createCouncil(t, c.admin);
    const elsewhere = await createMember(t, c.admin, other.id, 'moderator', ['moderator']);
    await createSession(t, elsewhere, other.id, { title: 'Elsewhere', scheduledAt: '2031-02-01T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  const list = (by: Session | null, councilId: string, query = '') => {
    const req = t.http().get(`${API}/councils/${councilId}/sessions${query}`);
    return by ? req.set(bearer(by)) : req;
  };

  it('lists the council’s sittings by scheduledAt, paged', async () => {
    const all = await list(c.cast.member, c.council.id).expect(200);
    expect(all.body.items.map((s: { id: string }) => s.id)).toEqual([ids.first, ids.second, ids.third]);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items[0]).toMatchObject({ id: ids.first, councilId: c.council.id, kind: 'plenary', title: 'First', state: 'scheduled', public: false, startedAt: null, closedAt: null });
    const page1 = await list(c.cast.member, c.council.id, '?limit=2').expect(200);
    expect(page1.body.items.map((s: { id: string }) => s.id)).toEqual([ids.first, ids.second]);
    const page2 = await list(c.cast.member, c.council.id, `?limit=2&cursor=${page1.body.nextCursor}`).expect(200);
    expect(page2.body.items.map((s: { id: string }) => s.id)).toEqual([ids.third]);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('filters by status and by a time window', async () => {
    const window = await list(c.cast.secretariat, c.council.id, '?from=2031-01-15T00:00:00.000Z&to=2031-03-01T09:00:00.000Z').expect(200);
    expect(window.body.items.map((s: { id: string }) => s.id)).toEqual([ids.second]);
    const live = await list(c.cast.secretariat, c.council.id, '?status=live').expect(200);
    expect(live.body.items).toEqual([]);
  });

  it('shows observers the public sittings only', async () => {
    const res = await list(c.cast.observer, c.council.id).expect(200);
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([ids.third]);
  });

  it('answers 401 without a token, 400 for bad input, 404 outside the council', async () => {
    expectProblem(await list(null, c.council.id), 401);
    expectProblem(await list(c.cast.member, c.council.id, '?status=open'), 400, ['status']);
    expectProblem(await list(c.cast.member, c.council.id, '?from=yesterday'), 400, ['from']);
    expectProblem(await list(c.cast.member, c.council.id, '?limit=201'), 400, ['limit']);
    expectProblem(await list(c.cast.member, c.council.id, '?cursor=nonsense'), 400, ['cursor']);
    expectProblem(await list(c.cast.member, 'not-a-uuid'), 400);
    expectProblem(await list(c.outsider, c.council.id), 404);
    expectProblem(await list(c.cast.member, '00000000-0000-4000-8000-000000000000'), 404);
  });

  it('lists every council’s sittings for the admin', async () => {
    const res = await list(c.admin, c.council.id).expect(200);
    expect(res.body.items).toHaveLength(3);
  });
});
