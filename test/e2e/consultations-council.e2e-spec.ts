import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, councilWithCast, createAgency, createGroup, createMember, createProposal, openConsultation } from '../support/factories';

/** GET /councils/:councilId/consultations: what the secretariat polls for due dates. */
describe('council-wide consultation lists', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof councilWithCast>>;
  let ids: { overdue: string; open: string; answered: string };

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    const other = await createAgency(t, c.admin, c.council.id);
    const group = await createGroup(t, c.admin, c.council.id);
    const author = await createMember(t, c.admin, c.council.id, 'author');
    await addToGroup(t, c.admin, group.id, author.membershipId);
    const proposal = await createProposal(t, author, group.id);
    const [first] = await openConsultation(t, c.cast.secretariat, proposal.id, [c.agency.id]);
    const [second] = await openConsultation(t, c.cast.secretariat, proposal.id, [other.id]);
    const [third] = await openConsultation(t, c.cast.secretariat, proposal.id, [other.id]);
    await t.db.query(`UPDATE consultations SET due_at = now() - interval '2 days' WHERE id = $1`, [first.id]);
    await t.http().post(`${API}/consultations/${third.id}/response`).set(bearer(c.admin)).send({ position: 'supports', body: 'Fine.' }).expect(403);
    ids = { overdue: first.id, open: second.id, answered: third.id };
    const rep = await createMember(t, c.admin, c.council.id, 'rep', ['agency_rep'], other.id);
    await t.http().post(`${API}/consultations/${third.id}/response`).set(bearer(rep)).send({ position: 'supports', body: 'Fine.' }).expect(200);
  });
  afterAll(() => t.close());

  const list = (status?: string) =>
    t.http().get(`${API}/councils/${c.council.id}/consultations`).query(status ? { status } : {}).set(bearer(c.cast.secretariat));

  it('lists every consultation of the council to the secretariat, by due date', async () => {
    const res = await list().expect(200);
    expect(res.body.items.map((x: { id: string }) => x.id)).toEqual([ids.overdue, ids.open, ids.answered]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('filters by derived status', async () => {
    expect((await list('overdue').expect(200)).body.items.map((x: { id: string }) => x.id)).toEqual([ids.overdue]);
    expect((await list('open').expect(200)).body.items.map((x: { id: string }) => x.id)).toEqual([ids.open]);
    expect((await list('answered').expect(200)).body.items.map((x: { id: string }) => x.id)).toEqual([ids.answered]);
    await list('late').expect(400);
  });

  it('refuses everyone but the secretariat and the admin', async () => {
    for (const role of ['member', 'agency_rep', 'moderator', 'chair', 'observer'] as const) {
      await t.http().get(`${API}/councils/${c.council.id}/consultations`).set(bearer(c.cast[role])).expect(403);
    }
    await t.http().get(`${API}/councils/${c.council.id}/consultations`).set(bearer(c.outsider)).expect(404);
    await t.http().get(`${API}/councils/${c.council.id}/consultations`).set(bearer(c.admin)).expect(200);
  });
});
