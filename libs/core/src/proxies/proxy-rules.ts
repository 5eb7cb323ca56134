/**
 * Proxy voting (SPEC.md and API.md, "Proxy voting"): a member who cannot
 * attend gives a proxy to another member for one sitting or one poll.
 * Proxies are off by default, never chain, are capped per delegate, are
 * fixed when a poll opens and lapse for the polls of a sitting that the
 * delegator attends. Plain functions over plain data: the services load,
 * call these, and save; the database repeats the checks that matter.
 */

export interface ProxySettings {
  enabled: boolean;
  /** How many members one delegate may represent in a scope (a sitting, or a poll). */
  maxPerDelegate: number;
  /** Whether a delegator may still cast their own ballot while the proxy holds for a poll. */
  delegatorMayVote: boolean;
  /** Whether represented members count in the base `present` and towards a quorum. */
  countTowardQuorum: boolean;
  /** Whether secret polls take proxy ballots. */
  onSecretPolls: boolean;
}

export const DEFAULT_PROXY_SETTINGS: Readonly<ProxySettings> = Object.freeze({
  enabled: false,
  maxPerDelegate: 1,
  delegatorMayVote: false,
  countTowardQuorum: false,
  onSecretPolls: false,
});

/** The largest cap a council may set (a hall, not a bloc). */
export const MAX_PROXIES_PER_DELEGATE = 50;

/** The settings after a partial change; unknown or missing fields keep what was there. */
export function mergeProxySettings(current: ProxySettings | null | undefined, change: Partial<ProxySettings>): ProxySettings {
  const base = { ...DEFAULT_PROXY_SETTINGS, ...(current ?? {}) };
  const out = { ...base };
  for (const k of Object.keys(DEFAULT_PROXY_SETTINGS) as (keyof ProxySettings)[]) {
    if (change[k] !== undefined) (out as Record<string, unknown>)[k] = change[k];
  }
  return out;
}

/** Where a proxy applies: every poll of one sitting, or one poll (which may belong to a sitting). */
export type ProxyScope = { kind: 'session'; sessionId: string } | { kind: 'poll'; pollId: string; sessionId: string | null };

export interface ProxyLink {
  id: string;
  delegator: string;
  delegate: string;
  scope: ProxyScope;
  /** ISO instant: older proxies win where two cannot both hold. */
  createdAt: string;
}

/** Whether two scopes can cover one poll: the same sitting or poll, or a sitting and one of its polls. */
export function scopesOverlap(a: ProxyScope, b: ProxyScope): boolean {
  if (a.kind === 'session' && b.kind === 'session') return a.sessionId === b.sessionId;
  if (a.kind === 'poll' && b.kind === 'poll') return a.pollId === b.pollId;
  const [s, p] = a.kind === 'session' ? [a, b as Extract<ProxyScope, { kind: 'poll' }>] : [b as Extract<ProxyScope, { kind: 'session' }>, a as Extract<ProxyScope, { kind: 'poll' }>];
  return p.sessionId === s.sessionId;
}

export type ProxyRefusal = 'PROXY_VOTING_OFF' | 'PROXY_TO_SELF' | 'PROXY_ALREADY_GIVEN' | 'DELEGATE_FULL' | 'DELEGATE_HAS_GIVEN' | 'DELEGATOR_HOLDS_PROXY';

export const PROXY_REFUSAL_TEXT: Record<ProxyRefusal, string> = {
  PROXY_VOTING_OFF: "This council's statute does not allow proxies (proxy voting is off).",
  PROXY_TO_SELF: 'A proxy is given to another member, never to oneself.',
  PROXY_ALREADY_GIVEN: 'You have already given a proxy for this sitting or poll; revoke it first.',
  DELEGATE_FULL: 'The delegate already holds as many proxies as the statute allows in this sitting or poll.',
  DELEGATE_HAS_GIVEN: 'The delegate has given a proxy in this sitting or poll: proxies never chain.',
  DELEGATOR_HOLDS_PROXY: 'You hold a proxy in this sitting or poll: proxies never chain.',
};

/**
 * Why a new proxy may not be given (null when it may), against the active
 * proxies of the council. Only proxies whose scope overlaps the new one's
 * matter: a chain or a cap is about the polls both could cover.
 */
export function proxyRefusal(candidate: Omit<ProxyLink, 'id' | 'createdAt'>, active: readonly ProxyLink[], settings: ProxySettings): ProxyRefusal | null {
  if (!settings.enabled) return 'PROXY_VOTING_OFF';
  if (candidate.delegator === candidate.delegate) return 'PROXY_TO_SELF';
  const near = active.filter((p) => scopesOverlap(p.scope, candidate.scope));
  if (near.some((p) => p.delegator === candidate.delegator)) return 'PROXY_ALREADY_GIVEN';
  if (near.some((p) => p.delegate === candidate.delegator)) return 'DELEGATOR_HOLDS_PROXY';
  if (near.some((p) => p.delegator === candidate.delegate)) return 'DELEGATE_HAS_GIVEN';
  if (near.filter((p) => p.delegate === candidate.delegate).length >= settings.maxPerDelegate) return 'DELEGATE_FULL';
  return null;
}

export type ProxyDropReason = 'off' | 'secret' | 'self' | 'not_voter' | 'duplicate' | 'chain' | 'over_cap';

export interface FixedProxies {
  /** The proxies that hold for the poll: a delegate may cast for its delegator. */
  inForce: ProxyLink[];
  /** Sitting proxies whose delegator is present when the poll opens: they vote themselves. */
  suspended: ProxyLink[];
  /** Proxies that cannot hold for this poll, and why. */
  dropped: { proxy: ProxyLink; reason: ProxyDropReason }[];
}

/** Poll proxies before sitting proxies (the narrower, later word), then the oldest first, then by id. */
export function proxyPrecedence(a: ProxyLink, b: ProxyLink): number {
  const ka = a.scope.kind === 'poll' ? 0 : 1;
  const kb = b.scope.kind === 'poll' ? 0 : 1;
  if (ka !== kb) return ka - kb;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The proxies that hold for a poll as it opens, given the active proxies
 * whose scope covers it, its voters, who is present (checked in) and the
 * council's settings, which are fixed with it. Whatever was stored, the
 * result never chains (no one is both a delegator and a delegate in force),
 * never has a delegator twice or a proxy to oneself, never gives a delegate
 * more than maxPerDelegate, and involves voters of the poll only.
 */
export function fixProxies(input: {
  proxies: readonly ProxyLink[];
  voters: ReadonlySet<string>;
  present: ReadonlySet<string>;
  settings: ProxySettings;
  secret: boolean;
}): FixedProxies {
  const { settings } = input;
  const out: FixedProxies = { inForce: [], suspended: [], dropped: [] };
  const ordered = [...input.proxies].sort(proxyPrecedence);
  const delegators = new Set<string>();
  const held = new Map<string, number>();
  for (const proxy of ordered) {
    const drop = (reason: ProxyDropReason) => out.dropped.push({ proxy, reason });
    if (!settings.enabled) drop('off');
    else if (input.secret && !settings.onSecretPolls) drop('secret');
    else if (proxy.delegator === proxy.delegate) drop('self');
    else if (!input.voters.has(proxy.delegator) || !input.voters.has(proxy.delegate)) drop('not_voter');
    else if (delegators.has(proxy.delegator)) drop('duplicate');
    else if (proxy.scope.kind === 'session' && input.present.has(proxy.delegator)) out.suspended.push(proxy);
    else if (held.has(proxy.delegator) || delegators.has(proxy.delegate)) drop('chain');
    else if ((held.get(proxy.delegate) ?? 0) >= settings.maxPerDelegate) drop('over_cap');
    else {
      out.inForce.push(proxy);
      delegators.add(proxy.delegator);
      held.set(proxy.delegate, (held.get(proxy.delegate) ?? 0) + 1);
    }
  }
  return out;
}

/**
 * Members represented in a sitting now: the delegators of the sitting's
 * proxies that would hold (fixProxies) whose delegate is present. A proxy
 * never counts while its delegate is absent, nor while its delegator is
 * present (they count as present themselves).
 */
export function representedNow(input: { proxies: readonly ProxyLink[]; voters: ReadonlySet<string>; present: ReadonlySet<string>; settings: ProxySettings }): number {
  const fixed = fixProxies({ ...input, secret: false });
  return fixed.inForce.filter((p) => input.present.has(p.delegate) && !input.present.has(p.delegator)).length;
}

/** What a cast on someone's behalf, or a delegator's own cast, is refused with (null: allowed). */
export function castRefusal(input: {
  onBehalfOf: string | null;
  /** The caller's voter membership. */
  caster: string;
  /** The delegate in force for onBehalfOf in this poll (null: no proxy holds). */
  delegateInForce: string | null;
  /** Whether a proxy of the caller's own holds for this poll. */
  callerHasGivenProxy: boolean;
  delegatorMayVote: boolean;
}): 'NO_PROXY' | 'DELEGATOR_HAS_PROXY' | null {
  if (input.onBehalfOf !== null) return input.onBehalfOf !== input.caster && input.delegateInForce === input.caster ? null : 'NO_PROXY';
  if (input.callerHasGivenProxy && !input.delegatorMayVote) return 'DELEGATOR_HAS_PROXY';
  return null;
}
