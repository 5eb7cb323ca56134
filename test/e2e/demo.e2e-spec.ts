import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, login } from '../support/factories';
import { DemoSeeder } from '../../apps/api/src/demo/demo-seeder.service';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-council.data';

/** The demo council, with its worked example carried from draft to an act in force. */
describe('demo council', () => {
  let t: TestApp;
  let councilId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const first = await t.app.get(DemoSeeder).seed();
    expect(first.created).toBe(true);
    councilId = first.councilId;
  });
  afterAll(() => t.close());

  it('loads once (idempotent) with four groups, 40 members, six ministries and the demo accounts', async () => {
    expect(await t.app.get(DemoSeeder).seed()).toEqual({ created: false, councilId });
    const secretariat = await login(t, 'secretariat@kenes.example', DEMO_PASSWORD);
    const composition = await t.http().get(`${API}/councils/${councilId}/composition`).set(bearer(secretariat)).expect(200);
    expect(composition.body.total).toBe(40);
    expect(Object.keys(composition.body.dimensions).sort()).toEqual(['region', 'sector', 'stance']);
    const groups = await t.http().get(`${API}/councils/${councilId}/working-groups`).set(bearer(secretariat)).expect(200);
    expect(groups.body.items).toHaveLength(4);
    const agencies = await t.http().get(`${API}/councils/${councilId}/agencies`).set(bearer(secretariat)).expect(200);
    expect(agencies.body.items).toHaveLength(6);
    for (const email of ['chair@kenes.example', 'moderator@kenes.example', 'member@kenes.example', 'justice@kenes.example', 'observer@kenes.example']) {
      await login(t, email, DEMO_PASSWORD);
    }
  });

  it('carries the worked example from draft to implemented, with a minority opinion on the way', async () => {
    const secretariat = await login(t, 'secretariat@kenes.example', DEMO_PASSWORD);
    const found = await t.http().get(`${API}/councils/${councilId}/proposals`).query({ status: 'implemented' }).set(bearer(secretariat)).expect(200);
    expect(found.body.items).toHaveLength(1);
    const proposalId = found.body.items[0].id;
    expect(found.body.items[0].title).toBe('Abolition of the death penalty');
    const trace = await t.http().get(`${API}/proposals/${proposalId}/trace?limit=200`).set(bearer(secretariat)).expect(200);
    const kinds = trace.body.items.map((e: { kind: string }) => e.kind);
    for (const kind of ['created', 'version', 'consultation_opened', 'consultation_comment', 'consultation_answered', 'poll_closed', 'minority_opinion', 'agenda_item', 'decision', 'plan_item', 'plan_update']) {
      expect(kinds).toContain(kind);
    }
    expect(kinds.indexOf('created')).toBeLessThan(kinds.indexOf('consultation_opened'));
    expect(kinds.indexOf('minority_opinion')).toBeLessThan(kinds.indexOf('decision'));
    expect(kinds.indexOf('decision')).toBeLessThan(kinds.indexOf('plan_item'));
    expect(kinds[kinds.length - 1]).toMatch(/plan_update|transition/);
    const opinions = await t.http().get(`${API}/councils/${councilId}/proposals`).query({ q: 'death penalty' }).set(bearer(secretariat)).expect(200);
    expect(opinions.body.items.map((i: { id: string }) => i.id)).toContain(proposalId);
    const verify = await t.http().get(`${API}/councils/${councilId}/audit/verify`).set(bearer(secretariat)).expect(200);
    expect(verify.body.ok).toBe(true);
  });

  it('takes petitions: one referred to the council with its proposal, one open for signatures', async () => {
    const list = await t.http().get(`${API}/councils/${councilId}/petitions`).expect(200);
    const byStatus = Object.fromEntries(list.body.items.map((p: { status: string }) => [p.status, p]));
    expect(Object.keys(byStatus).sort()).toEqual(['open', 'referred']);
    expect(byStatus.referred).toMatchObject({ signatures: 25, agendaThreshold: 25, responseDueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(byStatus.open).toMatchObject({ signatures: 4, verification: ['email'] });
    const secretariat = await login(t, 'secretariat@kenes.example', DEMO_PASSWORD);
    const proposal = await t.http().get(`${API}/proposals/${byStatus.referred.proposalId}`).set(bearer(secretariat)).expect(200);
    expect(proposal.body).toMatchObject({ status: 'recommended', origin: { type: 'petition', id: byStatus.referred.id } });
    const summary = await t.http().get(`${API}/petitions/${byStatus.referred.id}/signatures/summary`).expect(200);
    expect(summary.body.validated).toBe(25);
    const verify = await t.http().get(`${API}/councils/${councilId}/audit/verify`).set(bearer(secretariat)).expect(200);
    expect(verify.body.ok).toBe(true);
  });

  it('gives every demo account something on its start page: an open poll, consultations due, a sitting today, a petition to moderate', async () => {
    const agenda = async (email: string) => (await t.http().get(`${API}/me/agenda`).set(bearer(await login(t, email, DEMO_PASSWORD))).expect(200)).body;
    for (const email of ['member@kenes.example', 'coordinator@kenes.example']) {
      const mine = await agenda(email);
      expect(mine.polls).toEqual([expect.objectContaining({ question: 'Recommend direct elections of district akims to the plenary?', voted: false, councilId })]);
      expect(mine.sittings).toEqual([expect.objectContaining({ title: 'Third sitting of the National Council of Public Trust', kind: 'plenary', state: 'scheduled' })]);
    }
    const deliberating = await t.http().get(`${API}/councils/${councilId}/proposals`).query({ status: 'in_deliberation' }).set(bearer(await login(t, 'member@kenes.example', DEMO_PASSWORD))).expect(200);
    expect(deliberating.body.items.map((p: { title: string }) => p.title)).toEqual(['Direct elections of district akims']);
    const justice = await agenda('justice@kenes.example');
    expect(justice.consultations).toEqual([expect.objectContaining({ proposalTitle: 'Public reporting of utility tariffs', urgency: 'due_soon' })]);
    const economy = await agenda('economy@kenes.example');
    expect(economy.consultations).toEqual([expect.objectContaining({ proposalTitle: 'Public reporting of utility tariffs', urgency: 'open' })]);
    const observer = await agenda('observer@kenes.example');
    expect(observer.sittings.map((s: { title: string }) => s.title)).toEqual(['Third sitting of the National Council of Public Trust']);
    const sitting = await t.http().get(`${API}/sessions/${observer.sittings[0].sessionId}`).expect(200);
    expect(sitting.body.public).toBe(true);
    const secretariat = await login(t, 'secretariat@kenes.example', DEMO_PASSWORD);
    const queue = await t.http().get(`${API}/councils/${councilId}/petitions`).query({ status: 'submitted' }).set(bearer(secretariat)).expect(200);
    expect(queue.body.items.map((p: { title: string }) => p.title)).toEqual(['Free school meals for every primary pupil']);
    expect((await agenda('secretariat@kenes.example')).petitionModeration).toEqual([expect.objectContaining({ councilId, waiting: 1 })]);
    expect((await agenda('member@kenes.example')).petitionModeration).toEqual([]);
  });

  it('has balance targets it drifted from, a pool of candidates and a proposed rotation drawn by a published seed', async () => {
    const secretariat = await login(t, 'secretariat@kenes.example', DEMO_PASSWORD);
    const balance = await t.http().get(`${API}/councils/${councilId}/balance`).set(bearer(secretariat)).expect(200);
    expect(balance.body).toMatchObject({ total: 40, seats: 40, deviation: 2 });
    expect(balance.body.dimensions.sector['civil society']).toMatchObject({ count: 5, min: 6, status: 'under' });
    const pool = await t.http().get(`${API}/councils/${councilId}/candidates`).set(bearer(secretariat)).expect(200);
    expect(pool.body.items).toHaveLength(12);
    const plans = await t.http().get(`${API}/councils/${councilId}/rotation-plans`).set(bearer(secretariat)).expect(200);
    expect(plans.body.items).toHaveLength(1);
    const plan = plans.body.items[0];
    expect(plan).toMatchObject({ status: 'proposed', after: { deviation: 0, total: 40 }, relaxations: [] });
    expect(plan.joining.length).toBeGreaterThan(0);
    const chances = plan.selectionProbabilities.reduce((s: number, p: { probability: number }) => s + p.probability, 0);
    expect(chances).toBeCloseTo(plan.joining.length, 6);
  });
});
