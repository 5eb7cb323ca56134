import type { LiveChoice, LiveQueueEntry } from '@kenes/contracts';

/**
 * The member's sitting view's plain rules: which choices a poll's method
 * takes and what each means, when a reason is asked for, the rule in words
 * (as message ids and values), the member's place in the queue, and the
 * receipts this browser keeps. No React, no DOM beyond an injected Storage.
 */

export const METHODS = ['majority', 'qualified', 'unanimity', 'consensus', 'consent'] as const;
export type Method = (typeof METHODS)[number];

export interface PollRule {
  method: Method;
  base: string;
  threshold?: { numerator?: number; denominator?: number };
  comparator?: 'at_least' | 'more_than';
  quorum?: { count?: number; numerator?: number; denominator?: number } | Record<string, never>;
  tie?: 'fails' | 'chair_decides';
  allowChange?: boolean;
}

/** The choices a method takes, in the order the buttons show them (the server's choicesOf). */
export function choicesFor(method: Method): readonly LiveChoice[] {
  return method === 'consensus' ? ['for', 'stand_aside', 'block'] : ['for', 'against', 'abstain'];
}

/**
 * The message id of what a choice means under a method: under consent an
 * "against" is a reasoned objection that stops the proposal; under consensus
 * a block stops it and standing aside lets it pass without support.
 */
export function meaningId(method: Method, choice: LiveChoice): `member.meaning.${string}` {
  if (method === 'consent' && choice === 'against') return 'member.meaning.consent.against';
  if (method === 'consent' && choice === 'for') return 'member.meaning.consent.for';
  if (method === 'unanimity' && choice === 'against') return 'member.meaning.unanimity.against';
  return `member.meaning.${choice}`;
}

/** A reason is asked for with an against (an objection under consent) and a block. */
export const takesReason = (choice: LiveChoice): boolean => choice === 'against' || choice === 'block';

/** Whether a member may cast again once they have voted: the rule's allowChange (default true, never on a secret poll). */
export const mayChange = (rule: PollRule | null | undefined, secret: boolean): boolean => !secret && (rule?.allowChange ?? true);

export interface Words {
  id: `member.rule.${string}`;
  values?: Record<string, string | number>;
}

/** The rule as sentences: what adopts it, over which base, and the quorum. */
export function ruleWords(rule: PollRule): Words[] {
  const out: Words[] = [];
  switch (rule.method) {
    case 'majority':
      out.push({ id: 'member.rule.majority' });
      break;
    case 'qualified': {
      const n = rule.threshold?.numerator ?? 1;
      const d = rule.threshold?.denominator ?? 1;
      out.push({ id: rule.comparator === 'more_than' ? 'member.rule.qualified.moreThan' : 'member.rule.qualified.atLeast', values: { n, d } });
      break;
    }
    case 'unanimity':
      out.push({ id: 'member.rule.unanimity' });
      break;
    case 'consensus':
      out.push({ id: 'member.rule.consensus' });
      break;
    case 'consent':
      out.push({ id: 'member.rule.consent' });
      break;
  }
  out.push({ id: `member.rule.base.${rule.base}` });
  const q = rule.quorum as { count?: number; numerator?: number; denominator?: number } | undefined;
  if (q && typeof q.count === 'number') out.push({ id: 'member.rule.quorum.count', values: { count: q.count } });
  else if (q && typeof q.numerator === 'number' && typeof q.denominator === 'number') out.push({ id: 'member.rule.quorum.share', values: { n: q.numerator, d: q.denominator } });
  else out.push({ id: 'member.rule.quorum.none' });
  if (rule.method === 'majority' && rule.tie === 'chair_decides') out.push({ id: 'member.rule.tie.chair' });
  return out;
}

// The turn's cap is the live clock's rule, shared with the console.
export { cappedAtTurn } from '../../../live/clock';

/** The member's place in the queue, 1-based, or null when not in it. */
export function placeInQueue(queue: readonly LiveQueueEntry[], membershipId: string | null): number | null {
  if (!membershipId) return null;
  const i = queue.findIndex((q) => q.membershipId === membershipId);
  return i < 0 ? null : i + 1;
}

/** Lowercase hex SHA-256 of the UTF-8 text (SubtleCrypto): what GET /polls/:id/receipts lists for each receipt. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A receipt this browser got for a poll. */
export interface KeptReceipt {
  receipt: string;
  /** The choice, kept on this device only, for a named poll (never for a secret one). */
  choice: LiveChoice | null;
  at: string;
}

/**
 * Where a member's receipts are kept: one entry per membership, so that
 * members sharing a device (a tablet in the hall) never see each other's.
 */
export const receiptsKey = (owner: string): string => `kenes.receipts.${owner}`;

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function readAll(store: Store | null, owner: string): Record<string, KeptReceipt> {
  try {
    const raw = store?.getItem(receiptsKey(owner));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, KeptReceipt>) : {};
  } catch {
    return {};
  }
}

/** The receipt a member keeps for a poll (the last one: a changed vote replaces it). */
export const keptReceipt = (store: Store | null, owner: string, pollId: string): KeptReceipt | null => readAll(store, owner)[pollId] ?? null;

export function keepReceipt(store: Store | null, owner: string, pollId: string, kept: KeptReceipt): void {
  try {
    store?.setItem(receiptsKey(owner), JSON.stringify({ ...readAll(store, owner), [pollId]: kept }));
  } catch {
    // storage full or refused: the receipt is still shown for copying
  }
}

/** Whether a receipt's hash is among the listed hashes. */
export async function isCounted(receipt: string, hashes: Iterable<string>): Promise<boolean> {
  const mine = await sha256Hex(receipt);
  for (const h of hashes) if (h.toLowerCase() === mine) return true;
  return false;
}

/** A proxy as the API gives it (Proxy voting). */
export interface Proxy {
  id: string;
  createdAt: string;
  delegatorMembershipId: string;
  delegateMembershipId: string;
  sessionId: string | null;
  pollId: string | null;
  status: 'active' | 'revoked' | 'suspended';
}

/** The member's own proxy for a sitting: the last one given that is not revoked, else the last one. */
export function myProxy(proxies: readonly Proxy[], membershipId: string): Proxy | null {
  const mine = proxies.filter((p) => p.delegatorMembershipId === membershipId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return mine.filter((p) => p.status !== 'revoked').pop() ?? mine.pop() ?? null;
}

/** The members a delegate votes for in a poll: its proxies in force (`active`) held by them. */
export const representedBy = (proxies: readonly Proxy[], membershipId: string): string[] =>
  proxies.filter((p) => p.delegateMembershipId === membershipId && p.status === 'active').map((p) => p.delegatorMembershipId);
