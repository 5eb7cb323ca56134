import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { TestApp } from './test-app';
import { addToGroup, API, bearer, createAgency, createCouncil, createGroup, createMember, createProposal, login, loginAdmin, Session } from './factories';

const unique = () => randomBytes(4).toString('hex');

export type Member = Session & { membershipId: string };

export interface Counts {
  for: number;
  against: number;
  abstain: number;
  block: number;
  stand_aside: number;
}

export const counts = (c: Partial<Counts>): Counts => ({ for: 0, against: 0, abstain: 0, block: 0, stand_aside: 0, ...c });

/**
 * A council with one working group: a coordinator and `size` plain members
 * (all with role `member`, so `voters` = coordinator + members are the
 * eligible), a chair, a secretariat, an observer, an agency representative,
 * a member of another group and an outsider, each logged in.
 */
export async function groupCouncil(t: TestApp, size: number, councilExtra: Record<string, unknown> = {}) {
  const admin = await loginAdmin(t);
  const council = await createCouncil(t, admin, councilExtra);
  const agency = await createAgency(t, admin, council.id);
  const group = await createGroup(t, admin, council.id);
  const otherGroup = await createGroup(t, admin, council.id);
  const [coordinator, ...members] = await Promise.all(
    Array.from({ length: size + 1 }, (_, i) => createMember(t, admin, council.id, i === 0 ? 'coordinator' : `voter ${i}`)),
  );
  await addToGroup(t, admin, group.id, coordinator.membershipId, 'coordinator');
  for (const m of members) await addToGroup(t, admin, group.id, m.membershipId);
  const [chair, secretariat, observer, moderator, otherMember] = await Promise.all([
    createMember(t, admin, council.id, 'chair', ['chair']),
    createMember(t, admin, council.id, 'secretariat', ['secretariat']),
    createMember(t, admin, council.id, 'observer', ['observer']),
    createMember(t, admin, council.id, 'moderator', ['moderator']),
    createMember(t, admin, council.id, 'other group'),
  ]);
  await addToGroup(t, admin, otherGroup.id, otherMember.membershipId, 'coordinator');
  const agencyRep = await createMember(t, admin, council.id, 'agency rep', ['agency_rep'], agency.id);
  const outsider = await login(t, ...(await outsiderCredentials(t, admin)));
  return {
    admin,
    council,
    agency,
    groupId: group.id,
    otherGroupId: otherGroup.id,
    coordinator,
    members,
    voters: [coordinator, ...members],
    chair,
    secretariat,
    observer,
    moderator,
    otherMember,
    agencyRep,
    outsider,
  };
}
export type GroupCouncil = Awaited<ReturnType<typeof groupCouncil>>;

async function outsiderCredentials(t: TestApp, admin: Session): Promise<[string, string]> {
  const email = `outsider-${unique()}@kenes.test`;
  const password = `pw-${unique()}-${unique()}`;
  const res = await t.http().post(`${API}/users`).set(bearer(admin)).send({ email, password, fullName: `Outsider ${unique()}` });
  if (res.status !== 201) throw new Error(`create outsider: ${res.status} ${JSON.stringify(res.body)}`);
  return [email, password];
}

/** A proposal of the group drafted by `author`, moved to in_deliberation by its author. */
export async function proposalInDeliberation(t: TestApp, author: Session, groupId: string) {
  const p = await createProposal(t, author, groupId);
  const res = await t.http().post(`${API}/proposals/${p.id}/transitions`).set(bearer(author)).send({ to: 'in_deliberation' });
  if (res.status !== 200) throw new Error(`to in_deliberation: ${res.status} ${JSON.stringify(res.body)}`);
  return p;
}

export const proposalStatus = async (t: TestApp, id: string): Promise<string> =>
  (await t.db.query('SELECT status FROM proposals WHERE id = $1', [id]))[0].status;

export interface PollBody {
  id: string;
  status: string;
  secret: boolean;
  rule: Record<string, unknown>;
  eligibleCount: number | null;
  participation: number | null;
  counts: Counts | null;
  tally: Record<string, unknown> | null;
  ballots: { membershipId: string; choice: string; castByMembershipId?: string | null }[] | null;
  proposalId: string | null;
  minorityOpinionsUntil: string | null;
}

export const postPoll = (t: TestApp, by: Session, groupId: string, body: Record<string, unknown>) =>
  t.http().post(`${API}/working-groups/${groupId}/polls`).set(bearer(by)).send(body);

/** A draft poll (201), named unless told. */
export async function createPoll(t: TestApp, by: Session, groupId: string, rule: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<PollBody> {
  const res = await postPoll(t, by, groupId, { question: `Question ${unique()}?`, secret: false, rule, ...extra });
  if (res.status !== 201) throw new Error(`create poll: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const act = (t: TestApp, by: Session, pollId: string, what: 'open' | 'close') => t.http().post(`${API}/polls/${pollId}/${what}`).set(bearer(by));

export async function openPoll(t: TestApp, by: Session, pollId: string): Promise<PollBody> {
  const res = await act(t, by, pollId, 'open');
  if (res.status !== 200) throw new Error(`open poll: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function closePoll(t: TestApp, by: Session, pollId: string): Promise<PollBody> {
  const res = await act(t, by, pollId, 'close');
  if (res.status !== 200) throw new Error(`close poll: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function cast(t: TestApp, by: Session | null, pollId: string, body: Record<string, unknown>, key?: string) {
  let req = t.http().put(`${API}/polls/${pollId}/ballot`);
  if (by) req = req.set(bearer(by));
  if (key !== undefined) req = req.set('Idempotency-Key', key);
  return req.send(body);
}

/** Casts one ballot (200 expected) and returns its receipt. */
export async function vote(t: TestApp, by: Session, pollId: string, choice: string, key?: string): Promise<string> {
  const res = await cast(t, by, pollId, { choice }, key);
  if (res.status !== 200) throw new Error(`cast ${choice}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.receipt;
}

/** Voter i casts choices[i] (undefined: does not vote), all at once; returns the receipts by voter index. */
export async function voteAll(t: TestApp, voters: Session[], pollId: string, choices: (string | undefined)[]): Promise<(string | undefined)[]> {
  return Promise.all(choices.map((c, i) => (c === undefined ? undefined : vote(t, voters[i], pollId, c))));
}

/** Creates, opens, casts and closes; returns the closed poll. */
export async function runPoll(
  t: TestApp,
  runner: Session,
  groupId: string,
  voters: Session[],
  rule: Record<string, unknown>,
  choices: (string | undefined)[],
  extra: Record<string, unknown> = {},
): Promise<PollBody & { receipts: (string | undefined)[] }> {
  const poll = await createPoll(t, runner, groupId, rule, extra);
  await openPoll(t, runner, poll.id);
  const receipts = await voteAll(t, voters, poll.id, choices);
  return { ...(await closePoll(t, runner, poll.id)), receipts };
}

export const getJson = (t: TestApp, by: Session, path: string) => t.http().get(`${API}${path}`).set(bearer(by));

/** `n` choices: `for` × f, `against` × a, `abstain` × b, ... in that order. */
export function choices(spec: [string, number][]): string[] {
  return spec.flatMap(([c, n]) => Array.from({ length: n }, () => c));
}

/**
 * `n` voters straight into the tables (users with a real argon2 hash of one
 * password, memberships with role member, seats in the group), then each
 * logs in through the API. Cheap enough for a hundred.
 */
export async function bulkVoters(t: TestApp, councilId: string, groupId: string, n: number): Promise<Member[]> {
  const tag = unique();
  const password = `bulk-${unique()}-${unique()}`;
  const hash = await argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const rows: { email: string; membershipId: string }[] = await t.db.query(
    `WITH u AS (
       INSERT INTO users (email, password_hash, full_name)
       SELECT 'bulk-' || $3 || '-' || g || '@kenes.test', $4, 'Bulk voter ' || $3 || ' ' || g FROM generate_series(1, $2::int) g
       RETURNING id, email),
     m AS (
       INSERT INTO memberships (council_id, user_id, roles, attributes, starts_on)
       SELECT $1, u.id, '{member}', '{}', '2020-01-01' FROM u RETURNING id, user_id),
     s AS (INSERT INTO working_group_members (working_group_id, membership_id, role) SELECT $5, m.id, 'member' FROM m)
     SELECT u.email, m.id AS "membershipId" FROM u JOIN m ON m.user_id = u.id ORDER BY u.email`,
    [councilId, n, tag, hash, groupId],
  );
  const out: Member[] = [];
  // Logins in batches: argon2 verification is CPU-bound on a small thread pool.
  for (let i = 0; i < rows.length; i += 25) {
    const batch = rows.slice(i, i + 25);
    out.push(...(await Promise.all(batch.map(async (r) => ({ ...(await login(t, r.email, password)), membershipId: r.membershipId })))));
  }
  return out;
}

/** Makes a seated member the group's coordinator (who runs its polls), straight in the table: bulk voters have no API seat change. */
export async function makeCoordinator(t: TestApp, groupId: string, voter: Member): Promise<Member> {
  await t.db.query(`UPDATE working_group_members SET role = 'coordinator' WHERE working_group_id = $1 AND membership_id = $2`, [groupId, voter.membershipId]);
  return voter;
}

/** Every 2xx/4xx body as one JSON text, to search for what must not be in it. */
export const text = (...responses: Response[]) => responses.map((r) => JSON.stringify(r.body)).join('\n');
