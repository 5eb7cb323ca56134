/**
 * Who may do what: one table, role × action, used by every module.
 *
 * Roles are held per council through a membership; `platform_admin` is the
 * platform-wide administrator (a user flag, not a membership role). A later
 * capability adds rows here instead of scattering checks through the code.
 */
export const COUNCIL_ROLES = ['member', 'agency_rep', 'moderator', 'chair', 'secretariat', 'observer'] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];
export type Principal = CouncilRole | 'platform_admin';
export const PRINCIPALS: readonly Principal[] = [...COUNCIL_ROLES, 'platform_admin'];

const EVERYONE_IN_COUNCIL: readonly Principal[] = [...COUNCIL_ROLES, 'platform_admin'];

export const PERMISSIONS = {
  // Councils and their composition
  'council.read': EVERYONE_IN_COUNCIL,
  'council.update': ['secretariat', 'platform_admin'],
  /** Reads everything in the council (drafts, comments, every agency's consultations) and opens consultations. */
  'council.oversee': ['secretariat', 'platform_admin'],
  'membership.read': EVERYONE_IN_COUNCIL,
  'membership.create': ['secretariat', 'platform_admin'],
  'membership.update': ['secretariat', 'platform_admin'],
  'composition.read': EVERYONE_IN_COUNCIL,
  'agency.read': EVERYONE_IN_COUNCIL,
  'agency.create': ['secretariat', 'platform_admin'],
  'working_group.read': EVERYONE_IN_COUNCIL,
  'working_group.create': ['secretariat', 'platform_admin'],
  'working_group.add_member': ['secretariat', 'platform_admin'],
  // Audit
  'audit.read': ['secretariat', 'platform_admin'],
  // Polls (a working group's polls are run by its coordinator: a group role, checked beside this table;
  // a session's by whoever runs the session)
  'poll.read': EVERYONE_IN_COUNCIL,
  'ballot.cast': ['member'],
  'poll.casting_decision': ['chair'],
  'minority_opinion.acknowledge': ['chair', 'secretariat'],
  // Sessions: wherever a moderator may act, the chair may too; only the chair decides.
  'session.create': ['moderator', 'chair'],
  'session.run': ['moderator', 'chair'],
  'session.decide': ['chair'],
  'session.take_part': ['member'],
  // Implementation (the responsible agency's representatives also update its items: checked beside this table)
  'plan.read': EVERYONE_IN_COUNCIL,
  'plan.manage': ['secretariat', 'platform_admin'],
  // Proxy voting: a member gives (and revokes) their own proxy; the secretariat may revoke any
  'proxy.give': ['member'],
  'proxy.revoke_any': ['secretariat', 'platform_admin'],
  'proxy.read': EVERYONE_IN_COUNCIL,
  // Petitions (submitting and signing are open to anyone; the secretariat moderates and answers)
  'petition.moderate': ['secretariat', 'platform_admin'],
  'petition.respond': ['secretariat', 'platform_admin'],
} as const satisfies Record<string, readonly Principal[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** True when any of the principals may perform the action. */
export function can(principals: Iterable<Principal>, action: Action): boolean {
  const allowed: readonly Principal[] = PERMISSIONS[action];
  for (const p of principals) if (allowed.includes(p)) return true;
  return false;
}

/** The principals a user holds in a council: the roles of its active memberships, plus admin. */
export function principalsOf(roles: Iterable<CouncilRole>, isAdmin: boolean): Set<Principal> {
  const set = new Set<Principal>(roles);
  if (isAdmin) set.add('platform_admin');
  return set;
}

/** Role sets that the membership rules refuse; null when the set is acceptable. */
export function roleSetProblem(roles: readonly string[], hasAgency: boolean): string | null {
  if (roles.length === 0) return 'at least one role is required';
  for (const r of roles) if (!(COUNCIL_ROLES as readonly string[]).includes(r)) return `unknown role "${r}"`;
  if (new Set(roles).size !== roles.length) return 'roles must not repeat';
  const isRep = roles.includes('agency_rep');
  if (isRep && roles.length > 1) return 'an agency representative holds no other role in the same membership';
  if (isRep && !hasAgency) return 'agencyId is required for an agency representative';
  if (!isRep && hasAgency) return 'agencyId is allowed only for an agency representative';
  return null;
}
