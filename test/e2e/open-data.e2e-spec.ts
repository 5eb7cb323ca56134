import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, councilWithCast, createGroup, createMember, createProposal } from '../support/factories';
import { forceStatus } from '../support/live';

/** The public open-data feed of a council that chooses to publish. */
describe('open data', () => {
  let t: TestApp;
  let c: Awaited<ReturnType<typeof councilWithCast>>;
  let slug: string;
  let consenting: Awaited<ReturnType<typeof createMember>>;
  let shy: Awaited<ReturnType<typeof createMember>>;
  let supportedId: string;
  let draftId: string;

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    slug = (await t.http().get(`${API}/councils/${c.council.id}`).set(bearer(c.admin)).expect(200)).body.slug;
    const group = await createGroup(t, c.admin, c.council.id);
    consenting = await createMember(t, c.admin, c.council.id, 'Consenting Author');
    shy = await createMember(t, c.admin, c.council.id, 'Private Author');
    await addToGroup(t, c.admin, group.id, consenting.membershipId);
    await addToGroup(t, c.admin, group.id, shy.membershipId);
    const supported = await createProposal(t, consenting, group.id, { title: 'Published initiative', coAuthorMembershipIds: [shy.membershipId] });
    supportedId = supported.id;
    await forceStatus(t, supportedId, 'supported');
    draftId = (await createProposal(t, consenting, group.id, { title: 'Unpublished draft' })).id;
    const me = await t.http().patch(`${API}/auth/me`).set(bearer(consenting)).send({ publicNameConsent: true }).expect(200);
    expect(me.body.publicNameConsent).toBe(true);
  });
  afterAll(() => t.close());

  const feed = () => t.http().get(`${API}/open-data/councils/${slug}`);

  it('is not there until the council chooses to publish (404), and only the secretariat or admin turns it on', async () => {
    await feed().expect(404);
    await t.http().patch(`${API}/councils/${c.council.id}`).set(bearer(c.cast.member)).send({ publishOpenData: true }).expect(403);
    await t.http().patch(`${API}/councils/${c.council.id}`).set(bearer(c.outsider)).send({ publishOpenData: true }).expect(404);
    await t.http().patch(`${API}/councils/${c.council.id}`).set(bearer(c.cast.secretariat)).send({ publishOpenData: 'yes' }).expect(400);
    const on = await t.http().patch(`${API}/councils/${c.council.id}`).set(bearer(c.cast.secretariat)).send({ publishOpenData: true }).expect(200);
    expect(on.body.publishOpenData).toBe(true);
  });

  it('lists supported proposals without a token, naming only the authors who consented, and no personal data', async () => {
    const res = await feed().expect(200);
    expect(res.body.nextCursor).toBeNull();
    const ids = res.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(supportedId);
    expect(ids).not.toContain(draftId);
    const item = res.body.items.find((p: { id: string }) => p.id === supportedId);
    expect(item).toMatchObject({ title: 'Published initiative', status: 'supported', planItems: [] });
    expect(item.authors).toHaveLength(1);
    expect(item.authors[0]).toContain('Consenting Author');
    const text = JSON.stringify(res.body);
    for (const person of [consenting, shy]) {
      expect(text).not.toContain(person.email);
      expect(text).not.toContain(person.userId);
      expect(text).not.toContain(person.membershipId);
    }
    expect(text).not.toContain('Private Author');
  });

  it('stops when the council stops publishing', async () => {
    await t.http().patch(`${API}/councils/${c.council.id}`).set(bearer(c.admin)).send({ publishOpenData: false }).expect(200);
    await feed().expect(404);
  });
});
