import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, councilWithCast, createGroup, createMember, createProposal } from '../support/factories';
import { forceStatus } from '../support/live';
import { isoDay } from '../support/dates';
import { expectProblem } from '../support/problems';

/** The open-data feed pages like every list: ?limit= (default 50, at most 200), ?cursor=, {items, nextCursor}. */
describe('open data: paging', () => {
  let t: TestApp;
  let slug: string;
  const published: string[] = [];
  const itemsOf = new Map<string, string[]>();
  let crowded: string;

  beforeAll(async () => {
    t = await startTestApp();
    const c = await councilWithCast(t);
    slug = (await t.http().get(`${API}/councils/${c.council.id}`).set(bearer(c.admin)).expect(200)).body.slug;
    const group = await createGroup(t, c.admin, c.council.id);
    const author = await createMember(t, c.admin, c.council.id, 'Author');
    await addToGroup(t, c.admin, group.id, author.membershipId);
    const plan = (await t.http().post(`${API}/councils/${c.council.id}/plans`).set(bearer(c.cast.secretariat)).send({ title: 'Plan' }).expect(201)).body.id;
    const addItems = async (proposalId: string, n: number) => {
      for (let k = 0; k < n; k++) {
        const res = await t
          .http()
          .post(`${API}/plans/${plan}/items`)
          .set(bearer(c.cast.secretariat))
          // Due dates repeat, so that paging must order by id within a day.
          .send({ proposalId, title: `Act ${k}`, responsibleAgencyId: c.agency.id, deliverable: 'decree', dueOn: isoDay(k % 3) });
        expect(res.status).toBe(201);
        itemsOf.set(proposalId, [...(itemsOf.get(proposalId) ?? []), res.body.id]);
      }
    };
    for (let k = 0; k < 7; k++) {
      const p = await createProposal(t, author, group.id, { title: `Published ${k}` });
      await forceStatus(t, p.id, 'supported');
      published.push(p.id);
      if (k % 2 === 0) await addItems(p.id, 3);
      // A draft between them, which the feed never shows.
      await createProposal(t, author, group.id, { title: `Draft ${k}` });
    }
    crowded = published[3];
    await addItems(crowded, 53);
    await t.http().patch(`${API}/councils/${c.council.id}`).set(bearer(c.cast.secretariat)).send({ publishOpenData: true }).expect(200);
  });
  afterAll(() => t.close());

  /** Follows nextCursor from the first page to the last; every page is a 200 of at most `limit` items. */
  async function all<T extends { id: string }>(path: string, limit: number): Promise<{ items: T[]; pages: number }> {
    const items: T[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const res: { body: { items: T[]; nextCursor: string | null } } = await t.http().get(`${API}${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor !== null);
    return { items, pages };
  }

  it('pages the published proposals oldest first, with no duplicate and no gap', async () => {
    const whole = await t.http().get(`${API}/open-data/councils/${slug}`).expect(200);
    expect(whole.body.items.map((p: { id: string }) => p.id)).toEqual(published);
    expect(whole.body.nextCursor).toBeNull();
    for (const limit of [1, 2, 3]) {
      const { items, pages } = await all<{ id: string }>(`/open-data/councils/${slug}`, limit);
      expect(items.map((p) => p.id)).toEqual(published);
      expect(pages).toBe(Math.ceil(published.length / limit));
    }
  });

  it('refuses a limit above 200 or below 1, and a cursor it did not make (400)', async () => {
    expectProblem(await t.http().get(`${API}/open-data/councils/${slug}?limit=201`), 400, ['limit']);
    expectProblem(await t.http().get(`${API}/open-data/councils/${slug}?limit=0`), 400, ['limit']);
    expect((await t.http().get(`${API}/open-data/councils/${slug}?limit=200`)).status).toBe(200);
    const forged = Buffer.from(JSON.stringify(["2026-01-01'; DROP TABLE proposals; --", 'x'])).toString('base64url');
    expectProblem(await t.http().get(`${API}/open-data/councils/${slug}?cursor=${forged}`), 400, ['cursor']);
    expectProblem(await t.http().get(`${API}/open-data/councils/${slug}/plan-items?cursor=nonsense`), 400, ['cursor']);
    expectProblem(await t.http().get(`${API}/open-data/councils/${slug}/plan-items?limit=201`), 400, ['limit']);
    expectProblem(await t.http().get(`${API}/open-data/councils/${slug}/plan-items?proposalId=x`), 400, ['proposalId']);
  });

  it("carries each proposal's first 50 plan items, and a cursor that pages the rest", async () => {
    const feed = (await t.http().get(`${API}/open-data/councils/${slug}`).expect(200)).body;
    const byId = new Map<string, { planItems: { id: string }[]; planItemsNextCursor: string | null }>(feed.items.map((p: { id: string }) => [p.id, p]));
    for (const id of published) {
      const expected = itemsOf.get(id) ?? [];
      const shown = byId.get(id)!;
      if (id === crowded) {
        expect(shown.planItems).toHaveLength(50);
        expect(shown.planItemsNextCursor).not.toBeNull();
        const rest = await t
          .http()
          .get(`${API}/open-data/councils/${slug}/plan-items?proposalId=${id}&cursor=${encodeURIComponent(shown.planItemsNextCursor!)}`)
          .expect(200);
        const ids = [...shown.planItems.map((i) => i.id), ...rest.body.items.map((i: { id: string }) => i.id)];
        expect(new Set(ids).size).toBe(ids.length);
        expect([...ids].sort()).toEqual([...expected].sort());
        expect(rest.body.nextCursor).toBeNull();
      } else {
        expect(shown.planItems.map((i) => i.id).sort()).toEqual([...expected].sort());
        expect(shown.planItemsNextCursor).toBeNull();
      }
    }
  });

  it('pages every plan item by due date then id, with no duplicate and no gap, for the council and for one proposal', async () => {
    const everything = [...itemsOf.values()].flat();
    for (const limit of [7, 50]) {
      const { items } = await all<{ id: string; dueOn: string }>(`/open-data/councils/${slug}/plan-items`, limit);
      expect(items.map((i) => i.id).sort()).toEqual([...everything].sort());
      const keys = items.map((i) => `${i.dueOn} ${i.id}`);
      expect(keys).toEqual([...keys].sort());
    }
    const one = await all<{ id: string; proposalId: string }>(`/open-data/councils/${slug}/plan-items?proposalId=${crowded}`, 10);
    expect(one.items.map((i) => i.id).sort()).toEqual([...itemsOf.get(crowded)!].sort());
    expect(one.items.every((i) => i.proposalId === crowded)).toBe(true);
  });
});
