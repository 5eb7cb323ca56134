import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, councilWithCast, createAgency, createCouncil, createGroup, createMember, createProposal, Session } from '../support/factories';
import { isoDay } from '../support/dates';
import { expectProblem, ISO_INSTANT, UUID } from '../support/problems';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
type Item = { id: string; proposalId: string; stage: string; overdue: boolean; dueOn: string; progress: number | null; legalActRef: string | null };
const unique = () => randomBytes(4).toString('hex');

describe('implementation', () => {
  let t: TestApp;
  let c: Cast;
  let councilId: string;
  let groupId: string;
  let otherCouncilId: string;
  let otherAgencyId: string;
  let secondAgencyId: string;
  let secondRep: Session;
  let planId: string;
  let packageId: string;

  const post = (by: Session | null, path: string, body: object) => {
    const req = t.http().post(`${API}${path}`);
    return (by ? req.set(bearer(by)) : req).send(body);
  };
  const get = (by: Session, path: string) => t.http().get(`${API}${path}`).set(bearer(by));
  const setStatus = (proposalId: string, status: string) => t.db.query('UPDATE proposals SET status = $2 WHERE id = $1', [proposalId, status]);
  const proposalIn = async (status: string) => {
    const p = await createProposal(t, c.cast.member, groupId);
    if (status !== 'draft') await setStatus(p.id, status);
    return p.id;
  };
  const itemBody = (proposalId: string, extra: Record<string, unknown> = {}) => ({
    proposalId,
    title: `Act ${unique()}`,
    responsibleAgencyId: c.agency.id,
    deliverable: 'decree',
    dueOn: isoDay(30),
    ...extra,
  });
  const addItem = async (proposalId: string, extra: Record<string, unknown> = {}, plan = planId) => {
    const res = await post(c.cast.secretariat, `/plans/${plan}/items`, itemBody(proposalId, extra));
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body as Item;
  };
  const update = (by: Session, itemId: string, body: Record<string, unknown>) => post(by, `/plan-items/${itemId}/updates`, { note: 'progress note', ...body });
  const statusOf = async (proposalId: string) => (await get(c.cast.secretariat, `/proposals/${proposalId}`).expect(200)).body.status as string;

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    councilId = c.council.id;
    const group = await createGroup(t, c.admin, councilId);
    groupId = group.id;
    await addToGroup(t, c.admin, groupId, c.cast.member.membershipId);
    const other = await createCouncil(t, c.admin);
    otherCouncilId = other.id;
    otherAgencyId = (await createAgency(t, c.admin, otherCouncilId)).id;
    secondAgencyId = (await createAgency(t, c.admin, councilId)).id;
    secondRep = await createMember(t, c.admin, councilId, 'rep2', ['agency_rep'], secondAgencyId);
  });
  afterAll(() => t.close());

  describe('reform packages', () => {
    it('lets the secretariat announce one (201 with id and createdAt) and the council list it', async () => {
      const title = `First package ${unique()}`;
      const res = await post(c.cast.secretariat, `/councils/${councilId}/reform-packages`, { title, announcedOn: '2024-03-01' });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      expect(res.body).toMatchObject({ id: expect.stringMatching(UUID), councilId, title, announcedOn: '2024-03-01', createdAt: expect.stringMatching(ISO_INSTANT) });
      packageId = res.body.id;
      const list = await get(c.cast.member, `/councils/${councilId}/reform-packages`).expect(200);
      expect(list.body).toMatchObject({ nextCursor: null });
      expect(list.body.items).toEqual([expect.objectContaining({ id: packageId, title, announcedOn: '2024-03-01' })]);
    });

    it('refuses a member (403), an outsider (404) and a bad date (400)', async () => {
      const path = `/councils/${councilId}/reform-packages`;
      expectProblem(await post(c.cast.member, path, { title: `P ${unique()}`, announcedOn: '2024-03-01' }), 403);
      expectProblem(await post(c.outsider, path, { title: `P ${unique()}`, announcedOn: '2024-03-01' }), 404);
      expectProblem(await post(c.cast.secretariat, path, { title: `P ${unique()}`, announcedOn: '2024-02-30' }), 400, ['announcedOn']);
      expectProblem(await get(c.outsider, path), 404);
    });
  });

  describe('plans', () => {
    it('lets the secretariat create one (201) and the council read it with items and counts by stage', async () => {
      const title = `Plan ${unique()}`;
      const res = await post(c.cast.secretariat, `/councils/${councilId}/plans`, { title });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      expect(res.body).toMatchObject({ id: expect.stringMatching(UUID), councilId, title, sessionId: null, items: [], createdAt: expect.stringMatching(ISO_INSTANT) });
      planId = res.body.id;
      const got = await get(c.cast.member, `/plans/${planId}`).expect(200);
      expect(got.body).toMatchObject({ id: planId, items: [], countsByStage: { planned: 0, in_force: 0, cancelled: 0 } });
      expectProblem(await get(c.outsider, `/plans/${planId}`), 404);
    });

    it('refuses a member (403) and a session of another council (400)', async () => {
      expectProblem(await post(c.cast.member, `/councils/${councilId}/plans`, { title: `Plan ${unique()}` }), 403);
      const otherModerator = await createMember(t, c.admin, otherCouncilId, 'moderator', ['moderator']);
      const s = await post(otherModerator, `/councils/${otherCouncilId}/sessions`, { kind: 'plenary', title: `Sitting ${unique()}`, scheduledAt: '2031-05-01T09:00:00.000Z', public: false });
      expect(s.status).toBe(201);
      expectProblem(await post(c.cast.secretariat, `/councils/${councilId}/plans`, { title: `Plan ${unique()}`, sessionId: s.body.id }), 400, ['sessionId']);
      const mine = await post(c.cast.moderator, `/councils/${councilId}/sessions`, { kind: 'plenary', title: `Sitting ${unique()}`, scheduledAt: '2031-05-01T09:00:00.000Z', public: false });
      const ok = await post(c.cast.secretariat, `/councils/${councilId}/plans`, { title: `Plan ${unique()}`, sessionId: mine.body.id });
      expect({ status: ok.status, body: ok.body }).toMatchObject({ status: 201, body: { sessionId: mine.body.id } });
    });
  });

  describe('plan items', () => {
    it('adds an item for a supported proposal (201) and moves the proposal to in_implementation; a second item is fine', async () => {
      const proposalId = await proposalIn('supported');
      const first = await addItem(proposalId, { reformPackageId: packageId });
      expect(first).toMatchObject({ id: expect.stringMatching(UUID), planId, proposalId, stage: 'planned', progress: null, legalActRef: null, reformPackageId: packageId, overdue: false });
      expect((first as unknown as { createdAt: string }).createdAt).toMatch(ISO_INSTANT);
      expect(await statusOf(proposalId)).toBe('in_implementation');
      await addItem(proposalId, { deliverable: 'draft_law' });
      expect(await statusOf(proposalId)).toBe('in_implementation');
      const plan = await get(c.cast.member, `/plans/${planId}`).expect(200);
      expect(plan.body.items.filter((i: Item) => i.proposalId === proposalId)).toHaveLength(2);
      expect(plan.body.countsByStage.planned).toBeGreaterThanOrEqual(2);
    });

    it('accepts supported_with_changes and a past due date', async () => {
      const proposalId = await proposalIn('supported_with_changes');
      const item = await addItem(proposalId, { dueOn: isoDay(-10) });
      expect(item).toMatchObject({ dueOn: isoDay(-10), overdue: true });
      expect(await statusOf(proposalId)).toBe('in_implementation');
    });

    it.each(['draft', 'in_deliberation'])('answers 409 for a %s proposal and leaves it be', async (status) => {
      const proposalId = await proposalIn(status);
      expectProblem(await post(c.cast.secretariat, `/plans/${planId}/items`, itemBody(proposalId)), 409);
      expect(await statusOf(proposalId)).toBe(status);
      expect(await t.db.query('SELECT 1 FROM plan_items WHERE proposal_id = $1', [proposalId])).toHaveLength(0);
    });

    it('refuses an agency of another council (400), a member (403), an outsider (404)', async () => {
      const proposalId = await proposalIn('supported');
      expectProblem(await post(c.cast.secretariat, `/plans/${planId}/items`, itemBody(proposalId, { responsibleAgencyId: otherAgencyId })), 400, ['responsibleAgencyId']);
      expectProblem(await post(c.cast.member, `/plans/${planId}/items`, itemBody(proposalId)), 403);
      expectProblem(await post(c.outsider, `/plans/${planId}/items`, itemBody(proposalId)), 404);
      expect(await statusOf(proposalId)).toBe('supported');
    });
  });

  describe('updates', () => {
    let itemId: string;
    beforeAll(async () => {
      itemId = (await addItem(await proposalIn('supported'))).id;
    });

    it("lets the responsible agency's rep move forward, skipping stages (201)", async () => {
      const res = await update(c.cast.agency_rep, itemId, { stage: 'drafting', progress: 20 });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      expect(res.body).toMatchObject({ id: expect.stringMatching(UUID), createdAt: expect.stringMatching(ISO_INSTANT), fromStage: 'planned', stage: 'drafting', progress: 20 });
      const skip = await update(c.cast.agency_rep, itemId, { stage: 'signed', legalActRef: 'Decree No. 7' });
      expect({ status: skip.status, body: skip.body }).toMatchObject({ status: 201, body: { fromStage: 'drafting', stage: 'signed', item: { stage: 'signed', progress: 20, legalActRef: 'Decree No. 7' } } });
    });

    it('answers 409 for a backward move or the same stage', async () => {
      expectProblem(await update(c.cast.agency_rep, itemId, { stage: 'drafting' }), 409);
      expectProblem(await update(c.cast.secretariat, itemId, { stage: 'signed' }), 409);
    });

    it("refuses another agency's rep and a member (403), an outsider (404)", async () => {
      expectProblem(await update(secondRep, itemId, { stage: 'in_force' }), 403);
      expectProblem(await update(c.cast.member, itemId, { stage: 'in_force' }), 403);
      expectProblem(await update(c.outsider, itemId, { stage: 'in_force' }), 404);
    });

    it('validates the stage and the progress (400)', async () => {
      expectProblem(await update(c.cast.agency_rep, itemId, { stage: 'finished' }), 400, ['stage']);
      expectProblem(await update(c.cast.agency_rep, itemId, { stage: 'in_force', progress: 101 }), 400, ['progress']);
      expectProblem(await update(c.cast.agency_rep, itemId, { stage: 'in_force', extra: 1 }), 400);
    });

    it('answers 409 after in_force and after cancelled', async () => {
      expect((await update(c.cast.agency_rep, itemId, { stage: 'in_force' })).status).toBe(201);
      expectProblem(await update(c.cast.agency_rep, itemId, { stage: 'cancelled' }), 409);
      const other = await addItem(await proposalIn('supported'));
      expect((await update(c.cast.secretariat, other.id, { stage: 'cancelled' })).status).toBe(201);
      expectProblem(await update(c.cast.secretariat, other.id, { stage: 'drafting' }), 409);
    });

    it("keeps the item's history immutable in the database", async () => {
      const rows = await t.db.query('SELECT id FROM plan_item_updates WHERE item_id = $1', [itemId]);
      expect(rows.length).toBe(3);
      await expect(t.db.query(`UPDATE plan_item_updates SET note = 'rewritten' WHERE id = $1`, [rows[0].id])).rejects.toThrow();
      await expect(t.db.query('DELETE FROM plan_item_updates WHERE id = $1', [rows[0].id])).rejects.toThrow();
    });

    it("lists the item's history oldest first to the whole council, with each step's stages, note, progress and legal act", async () => {
      const res = await get(c.cast.member, `/plan-items/${itemId}/updates`).expect(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items).toEqual([
        { id: expect.stringMatching(UUID), itemId, fromStage: 'planned', stage: 'drafting', note: 'progress note', progress: 20, legalActRef: null, actorUserId: c.cast.agency_rep.userId, createdAt: expect.stringMatching(ISO_INSTANT) },
        expect.objectContaining({ fromStage: 'drafting', stage: 'signed', progress: null, legalActRef: 'Decree No. 7' }),
        expect.objectContaining({ fromStage: 'signed', stage: 'in_force' }),
      ]);
      const times = res.body.items.map((u: { createdAt: string }) => u.createdAt);
      expect([...times].sort()).toEqual(times);
      // Another agency's representative reads it too: plan items are visible council-wide.
      expect((await get(secondRep, `/plan-items/${itemId}/updates`).expect(200)).body.items).toHaveLength(3);
    });

    it('pages the history with limit and cursor, without repeating or skipping a step', async () => {
      const all = (await get(c.cast.member, `/plan-items/${itemId}/updates`).expect(200)).body.items.map((u: { id: string }) => u.id);
      const first = await get(c.cast.member, `/plan-items/${itemId}/updates?limit=2`).expect(200);
      expect(first.body.items.map((u: { id: string }) => u.id)).toEqual(all.slice(0, 2));
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const rest = await get(c.cast.member, `/plan-items/${itemId}/updates?cursor=${encodeURIComponent(first.body.nextCursor)}`).expect(200);
      expect(rest.body).toEqual({ items: [expect.objectContaining({ id: all[2] })], nextCursor: null });
    });

    it("answers an outsider and an unknown item 404, a bad id or limit 400, no token 401, and an item without updates an empty list", async () => {
      expectProblem(await get(c.outsider, `/plan-items/${itemId}/updates`), 404);
      expectProblem(await get(c.cast.member, `/plan-items/00000000-0000-4000-8000-000000000000/updates`), 404);
      expectProblem(await get(c.cast.member, `/plan-items/not-a-uuid/updates`), 400);
      expectProblem(await get(c.cast.member, `/plan-items/${itemId}/updates?limit=201`), 400, ['limit']);
      expectProblem(await t.http().get(`${API}/plan-items/${itemId}/updates`), 401);
      const fresh = await addItem(await proposalIn('supported'));
      expect((await get(c.cast.member, `/plan-items/${fresh.id}/updates`).expect(200)).body).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('the proposal implemented, its trace and the audit chain', () => {
    it('becomes implemented when every item not cancelled is in force', async () => {
      const proposalId = await proposalIn('supported');
      const a = await addItem(proposalId);
      const b = await addItem(proposalId);
      const cancel = await update(c.cast.secretariat, a.id, { stage: 'cancelled' });
      expect({ status: cancel.status, body: cancel.body }).toMatchObject({ status: 201, body: { proposal: { id: proposalId, status: 'in_implementation' } } });
      expect(await statusOf(proposalId)).toBe('in_implementation');
      const mid = await update(c.cast.agency_rep, b.id, { stage: 'adopted' });
      expect(mid.body).toMatchObject({ proposal: { status: 'in_implementation' } });
      const done = await update(c.cast.agency_rep, b.id, { stage: 'in_force', legalActRef: 'Law No. 1' });
      expect({ status: done.status, body: done.body }).toMatchObject({ status: 201, body: { item: { stage: 'in_force', progress: 100 }, proposal: { id: proposalId, status: 'implemented' } } });
      expect(await statusOf(proposalId)).toBe('implemented');

      const trace = await get(c.cast.secretariat, `/proposals/${proposalId}/trace`).expect(200);
      const entries = trace.body.items as { kind: string; summary: string; ref: { type: string; id: string } }[];
      expect(entries.filter((e) => e.kind === 'plan_item').map((e) => e.ref)).toEqual(
        expect.arrayContaining([
          { type: 'plan_item', id: a.id },
          { type: 'plan_item', id: b.id },
        ]),
      );
      expect(entries.filter((e) => e.kind === 'plan_update')).toHaveLength(3);
      const transitions = entries.filter((e) => e.kind === 'transition').map((e) => e.summary);
      expect(transitions).toEqual(expect.arrayContaining([expect.stringContaining('in_implementation'), expect.stringMatching(/→ implemented/)]));
      expect(transitions.findIndex((s) => /→ in_implementation/.test(s))).toBeGreaterThanOrEqual(0);

    });

    it('becomes implemented when its last two items come into force at the same time', async () => {
      const proposalId = await proposalIn('supported');
      const items = [await addItem(proposalId), await addItem(proposalId)];
      const results = await Promise.all(items.map((i) => update(c.cast.agency_rep, i.id, { stage: 'in_force' })));
      expect(results.map((r) => r.status)).toEqual([201, 201]);
      expect(await statusOf(proposalId)).toBe('implemented');
      const verify = await get(c.cast.secretariat, `/councils/${councilId}/audit/verify`).expect(200);
      expect(verify.body).toMatchObject({ ok: true });
    });
  });

  describe('listing and export', () => {
    let pkg: string;
    let late: Item;
    let lateDone: Item;
    let other: Item;
    let hostileTitle: string;
    let exportPlan: string;

    beforeAll(async () => {
      pkg = (await post(c.cast.secretariat, `/councils/${councilId}/reform-packages`, { title: `Package ${unique()}`, announcedOn: isoDay() })).body.id;
      exportPlan = (await post(c.cast.secretariat, `/councils/${councilId}/plans`, { title: `Export ${unique()}` })).body.id;
      hostileTitle = '=HYPERLINK("http://x","y")';
      const proposalId = await proposalIn('supported');
      late = await addItem(proposalId, { title: hostileTitle, dueOn: isoDay(-3), reformPackageId: pkg }, exportPlan);
      lateDone = await addItem(proposalId, { dueOn: isoDay(-3), reformPackageId: pkg }, exportPlan);
      const cancelled = await addItem(proposalId, { dueOn: isoDay(-3) }, exportPlan);
      other = await addItem(proposalId, { responsibleAgencyId: secondAgencyId, dueOn: isoDay(5) }, exportPlan);
      expect((await update(c.cast.agency_rep, lateDone.id, { stage: 'in_force' })).status).toBe(201);
      expect((await update(c.cast.secretariat, cancelled.id, { stage: 'cancelled' })).status).toBe(201);
      // An item recorded on time whose due date has since passed.
      await t.db.query('UPDATE plan_items SET due_on = $2 WHERE id = $1', [other.id, isoDay(-1)]);
    });

    const ids = (res: { body: { items: Item[] } }) => res.body.items.map((i) => i.id);

    it('lists overdue items only, never those in force or cancelled', async () => {
      const res = await get(c.cast.member, `/councils/${councilId}/plan-items?overdue=true&limit=200`).expect(200);
      expect(res.body.items.every((i: Item) => i.overdue && i.stage !== 'in_force' && i.stage !== 'cancelled')).toBe(true);
      expect(ids(res)).toEqual(expect.arrayContaining([late.id, other.id]));
      expect(ids(res)).not.toContain(lateDone.id);
    });

    it('lists items not overdue with overdue=false, page by page: full pages, none missed, none overdue', async () => {
      const all = (await get(c.cast.member, `/councils/${councilId}/plan-items?limit=200`).expect(200)).body.items as Item[];
      const expected = all.filter((i) => !i.overdue).map((i) => i.id);
      expect(expected).toContain(lateDone.id);
      expect(all.some((i) => i.overdue)).toBe(true);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: Item[]; nextCursor: string | null } } = await get(
          c.cast.member,
          `/councils/${councilId}/plan-items?overdue=false&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        ).expect(200);
        expect(res.body.items).toHaveLength(1);
        expect(res.body.items[0].overdue).toBe(false);
        seen.push(res.body.items[0].id);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    });

    it('filters by agency and by reform package', async () => {
      const byAgency = await get(c.cast.member, `/councils/${councilId}/plan-items?agencyId=${secondAgencyId}`).expect(200);
      expect(ids(byAgency)).toEqual([other.id]);
      const both = await get(c.cast.member, `/councils/${councilId}/plan-items?overdue=true&agencyId=${c.agency.id}&reformPackageId=${pkg}`).expect(200);
      expect(ids(both)).toEqual([late.id]);
      const byPackage = await get(c.cast.member, `/councils/${councilId}/plan-items?reformPackageId=${pkg}`).expect(200);
      expect(ids(byPackage).sort()).toEqual([late.id, lateDone.id].sort());
      expectProblem(await get(c.outsider, `/councils/${councilId}/plan-items`), 404);
    });

    it('sums progress per reform package and per agency', async () => {
      const res = await get(c.cast.member, `/councils/${councilId}/implementation-summary`).expect(200);
      const row = res.body.byReformPackage.find((r: { id: string | null }) => r.id === pkg);
      expect(row).toMatchObject({ items: 2, overdue: 1, meanProgress: 100 });
      expect(row.byStage).toMatchObject({ planned: 1, in_force: 1, cancelled: 0 });
      const second = res.body.byAgency.find((r: { id: string | null }) => r.id === secondAgencyId);
      expect(second.items).toBeGreaterThanOrEqual(1);
      expect(second.overdue).toBeGreaterThanOrEqual(1);
      const total = (rows: { items: number }[]) => rows.reduce((n, r) => n + r.items, 0);
      expect(total(res.body.byAgency)).toBe(total(res.body.byReformPackage));
      expectProblem(await get(c.outsider, `/councils/${councilId}/implementation-summary`), 404);
    });

    it('exports CSV with the contract header and formula-safe cells', async () => {
      const res = await get(c.cast.member, `/plans/${exportPlan}/export?format=csv`).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = res.text.split('\r\n');
      expect(lines[0]).toBe('id,title,proposalId,responsibleAgency,deliverable,dueOn,stage,progress,legalActRef');
      expect(lines.filter((l) => l !== '')).toHaveLength(5);
      const row = lines.find((l) => l.startsWith(`"${late.id}"`));
      expect(row).toContain(`,"'=HYPERLINK(""http://x"",""y"")",`);
      expect(res.text).not.toMatch(/,=HYPERLINK/);
    });

    it('exports JSON, and refuses an unknown format (400)', async () => {
      const res = await get(c.cast.member, `/plans/${exportPlan}/export?format=json`).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ id: exportPlan, countsByStage: { planned: 2, in_force: 1, cancelled: 1 } });
      expect(res.body.items.map((i: Item) => i.id)).toEqual(expect.arrayContaining([late.id, lateDone.id, other.id]));
      expectProblem(await get(c.cast.member, `/plans/${exportPlan}/export?format=xlsx`), 400, ['format']);
    });
  });

  describe('GET /councils/:councilId/plans', () => {
    it("lists the council's plans oldest first, each with its items per stage as the plan itself counts them", async () => {
      const list = await get(c.cast.member, `/councils/${councilId}/plans`).expect(200);
      expect(list.body.nextCursor).toBeNull();
      expect(list.body.items.length).toBeGreaterThanOrEqual(2);
      expect(list.body.items.every((p: { councilId: string }) => p.councilId === councilId)).toBe(true);
      const listed = list.body.items.find((p: { id: string }) => p.id === planId);
      const plan = (await get(c.cast.member, `/plans/${planId}`).expect(200)).body;
      expect(plan.items.length).toBeGreaterThan(0);
      expect(listed).toEqual({
        id: planId,
        councilId,
        title: plan.title,
        sessionId: plan.sessionId,
        countsByStage: plan.countsByStage,
        itemCount: plan.items.length,
        createdAt: plan.createdAt,
      });
      const times = list.body.items.map((p: { createdAt: string }) => p.createdAt);
      expect([...times].sort()).toEqual(times);
    });

    it('pages with limit and cursor, without repeating or skipping a plan', async () => {
      const all = (await get(c.cast.member, `/councils/${councilId}/plans`).expect(200)).body.items.map((p: { id: string }) => p.id);
      const first = await get(c.cast.member, `/councils/${councilId}/plans?limit=1`).expect(200);
      expect(first.body.items.map((p: { id: string }) => p.id)).toEqual([all[0]]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const rest = await get(c.cast.member, `/councils/${councilId}/plans?limit=200&cursor=${encodeURIComponent(first.body.nextCursor)}`).expect(200);
      expect(rest.body.items.map((p: { id: string }) => p.id)).toEqual(all.slice(1));
      expectProblem(await get(c.cast.member, `/councils/${councilId}/plans?limit=201`), 400, ['limit']);
    });

    it("answers an outsider 404, and another council's list holds none of these plans", async () => {
      expectProblem(await get(c.outsider, `/councils/${councilId}/plans`), 404);
      const other = (await get(c.admin, `/councils/${otherCouncilId}/plans`).expect(200)).body.items;
      expect(other.some((p: { councilId: string }) => p.councilId === councilId)).toBe(false);
    });
  });
});
