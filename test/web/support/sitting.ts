import { Socket } from 'socket.io-client';
import { addToGroup, API, bearer, createCouncil, createGroup, createMember, createProposal, loginAdmin, Session } from '../../support/factories';
import { addItem, createSession, forceStatus, LiveClients, ok } from '../../support/live';
import { TestApp } from '../../support/test-app';

export type Person = Session & { membershipId: string; fullName: string };

async function named(t: TestApp, who: Session & { membershipId: string }): Promise<Person> {
  const me = await t.http().get(`${API}/auth/me`).set(bearer(who)).expect(200);
  return { ...who, fullName: me.body.fullName as string };
}

/**
 * A plenary sitting ready to run: a council whose quorum is 2 of its 3
 * voters, two working groups (Economic: the first two members; Social: the
 * third), a moderator and a chair, and an agenda of two items: the first on
 * a recommended proposal of the Economic group (10 minutes), the second
 * without one (5 minutes). Not public unless told.
 */
export async function plenarySitting(t: TestApp, title = `Plenary ${Date.now()}`, options: { public?: boolean } = {}) {
  const admin = await loginAdmin(t);
  const council = await createCouncil(t, admin, { plenaryQuorum: { count: 2 } });
  const economic = await createGroup(t, admin, council.id, 'Economic');
  const social = await createGroup(t, admin, council.id, 'Social');
  const members = await Promise.all([0, 1, 2].map(async (i) => named(t, await createMember(t, admin, council.id, `Member ${i + 1}`))));
  await addToGroup(t, admin, economic.id, members[0].membershipId, 'coordinator');
  await addToGroup(t, admin, economic.id, members[1].membershipId);
  await addToGroup(t, admin, social.id, members[2].membershipId, 'coordinator');
  const moderator = await named(t, await createMember(t, admin, council.id, 'Moderator', ['moderator']));
  const chair = await named(t, await createMember(t, admin, council.id, 'Chair', ['chair']));
  const proposal = await createProposal(t, members[0], economic.id, { title: 'Open budget hearings' });
  await forceStatus(t, proposal.id, 'recommended');
  const session = await createSession(t, moderator, council.id, { title, public: options.public ?? false });
  const first = await addItem(t, moderator, session.id, { title: 'Open budget hearings', proposalId: proposal.id, speakerMembershipIds: [members[0].membershipId], minutes: 10 });
  const second = await addItem(t, moderator, session.id, { title: 'Any other business', minutes: 5 });
  return { admin, council, members, moderator, chair, proposal, sessionId: session.id, title, items: [first, second] };
}

/** Members in the hall, driven over the socket: each joined to the sitting. */
export async function hall(live: LiveClients, sessionId: string, people: Person[]): Promise<Socket[]> {
  return Promise.all(
    people.map(async (p) => {
      const s = await live.connect(p);
      await ok(s, 'session.join', { sessionId });
      return s;
    }),
  );
}
