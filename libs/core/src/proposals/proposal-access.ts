import { can, Principal } from '../permissions';
import { ProposalStatus } from './proposal-states';

/** What the caller is with respect to one proposal. */
export interface ProposalReader {
  principals: ReadonlySet<Principal>;
  /** Holds an active membership in the proposal's working group. */
  inGroup: boolean;
  /** Represents an agency that a consultation on this proposal is addressed to. */
  consultedAgency: boolean;
}

const COUNCIL_READERS: readonly Principal[] = ['member', 'moderator', 'chair', 'secretariat', 'platform_admin'];
const OBSERVER_FROM: readonly ProposalStatus[] = ['on_agenda', 'supported', 'supported_with_changes', 'deferred', 'not_supported', 'in_implementation', 'implemented'];

/**
 * Who reads a proposal (API.md, "Who reads a proposal"): while `draft`, its
 * group's members and the secretariat; from `in_consultation` on, every
 * member, moderator, chair and secretariat of the council; agency
 * representatives the proposals their agency is consulted on; observers from
 * `on_agenda` on.
 */
export function canReadProposal(status: ProposalStatus, r: ProposalReader): boolean {
  const has = (p: Principal) => r.principals.has(p);
  if (can(r.principals, 'council.oversee') || r.inGroup) return true;
  if (r.consultedAgency && has('agency_rep')) return true;
  // A withdrawn proposal may never have left its group: only the group, the secretariat and consulted agencies keep it.
  if (status === 'draft' || status === 'withdrawn') return false;
  if (COUNCIL_READERS.some(has)) return true;
  return has('observer') && OBSERVER_FROM.includes(status);
}
