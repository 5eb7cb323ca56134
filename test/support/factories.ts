import { randomBytes } from 'node:crypto';
import { TEST_ADMIN, TestApp } from './test-app';

export const API = '/api/v1';
const unique = () => randomBytes(4).toString('hex');

export interface Session {
  token: string;
  refreshToken: string;
  userId: string;
  email: string;
}

export async function login(t: TestApp, email: string, password: string): Promise<Session> {
  const res = await t.http().post(`${API}/auth/login`).send({ email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.accessToken, refreshToken: res.body.refreshToken, userId: res.body.user.id, email };
}

export const loginAdmin = (t: TestApp) => login(t, TEST_ADMIN.email, TEST_ADMIN.password);

export const bearer = (s: Session | string) => ({ Authorization: `Bearer ${typeof s === 'string' ? s : s.token}` });

/** A user created by the admin, logged in. */
export async function createUser(t: TestApp, admin: Session, name = 'Test User'): Promise<Session & { password: string }> {
  const email = `user-${unique()}@kenes.test`;
  const password = `pw-${unique()}-${unique()}`;
  const res = await t.http().post(`${API}/users`).set(bearer(admin)).send({ email, password, fullName: `${name} ${unique()}` });
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...(await login(t, email, password)), password };
}

export async function createCouncil(t: TestApp, admin: Session, extra: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post(`${API}/councils`)
    .set(bearer(admin))
    .send({ name: `Council ${unique()}`, slug: `council-${unique()}`, balanceDimensions: ['sector', 'stance'], minorityOpinionWindowHours: 48, ...extra });
  if (res.status !== 201) throw new Error(`create council: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; slug: string; balanceDimensions: string[] };
}

export async function createAgency(t: TestApp, by: Session, councilId: string, code = `A${unique()}`) {
  const res = await t.http().post(`${API}/councils/${councilId}/agencies`).set(bearer(by)).send({ name: `Ministry ${code}`, code });
  if (res.status !== 201) throw new Error(`create agency: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string };
}

export async function addMembership(
  t: TestApp,
  by: Session,
  councilId: string,
  userId: string,
  body: { roles: string[]; agencyId?: string; attributes?: Record<string, string>; startsOn?: string; endsOn?: string | null },
) {
  const res = await t
    .http()
    .post(`${API}/councils/${councilId}/memberships`)
    .set(bearer(by))
    .send({ userId, startsOn: '2020-01-01', attributes: {}, ...body });
  if (res.status !== 201) throw new Error(`add membership: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; councilId: string; userId: string };
}

/**
 * A council with one user per role (and an agency for the representative),
 * each logged in: the cast of most authorization tests.
 */
export async function councilWithCast(t: TestApp) {
  const admin = await loginAdmin(t);
  const council = await createCouncil(t, admin);
  const agency = await createAgency(t, admin, council.id);
  const roles = ['member', 'agency_rep', 'moderator', 'chair', 'secretariat', 'observer'] as const;
  const cast = {} as Record<(typeof roles)[number], Session & { membershipId: string }>;
  for (const role of roles) {
    const u = await createUser(t, admin, role);
    const m = await addMembership(t, admin, council.id, u.userId, { roles: [role], agencyId: role === 'agency_rep' ? agency.id : undefined });
    cast[role] = { ...u, membershipId: m.id };
  }
  const outsider = await createUser(t, admin, 'outsider');
  return { admin, council, agency, cast, outsider };
}

/** A new user holding a membership in the council (role `member` unless told), logged in. */
export async function createMember(t: TestApp, admin: Session, councilId: string, name = 'member', roles: string[] = ['member'], agencyId?: string) {
  const u = await createUser(t, admin, name);
  const m = await addMembership(t, admin, councilId, u.userId, { roles, agencyId });
  return { ...u, membershipId: m.id };
}

export async function createGroup(t: TestApp, by: Session, councilId: string, name = `Group ${unique()}`) {
  const res = await t.http().post(`${API}/councils/${councilId}/working-groups`).set(bearer(by)).send({ name, mandate: `Mandate of ${name}` });
  if (res.status !== 201) throw new Error(`create group: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; councilId: string; name: string };
}

export async function addToGroup(t: TestApp, by: Session, groupId: string, membershipId: string, role: 'coordinator' | 'member' = 'member') {
  const res = await t.http().post(`${API}/working-groups/${groupId}/members`).set(bearer(by)).send({ membershipId, role });
  if (res.status !== 201) throw new Error(`add to group: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; membershipId: string; role: string };
}

export interface ProposalBody {
  id: string;
  councilId: string;
  workingGroupId: string;
  status: string;
  version: number;
  currentVersion: number;
  title: string;
  summary: string;
  body: string;
  authors: { membershipId: string; userId: string; fullName: string; primary: boolean }[];
  createdAt: string;
  updatedAt: string;
}

/** A draft drafted by a member of the group (unique title unless given). */
export async function createProposal(
  t: TestApp,
  by: Session,
  groupId: string,
  text: { title?: string; summary?: string; body?: string; coAuthorMembershipIds?: string[] } = {},
): Promise<ProposalBody> {
  const res = await t
    .http()
    .post(`${API}/working-groups/${groupId}/proposals`)
    .set(bearer(by))
    .send({ title: `Proposal ${unique()}`, summary: 'A short summary.', body: 'First line.\nSecond line.\n', ...text });
  if (res.status !== 201) throw new Error(`create proposal: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ProposalBody;
}

/** Opens consultations of the proposal's current version with the given agencies, due in a week. */
export async function openConsultation(t: TestApp, by: Session, proposalId: string, agencyIds: string[], extra: Record<string, unknown> = {}) {
  const dueAt = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
  const res = await t
    .http()
    .post(`${API}/proposals/${proposalId}/consultations`)
    .set(bearer(by))
    .send({ agencyIds, aspects: ['legal', 'economic'], question: 'What would it take to implement this?', dueAt, ...extra });
  if (res.status !== 201) throw new Error(`open consultation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items as { id: string; agencyId: string; version: number; status: string; dueAt: string }[];
}
