import type { LiveFloor } from '@kenes/contracts';
import { cappedAtTurn, remainingMs } from '../../../live/clock';

/** The part of a session event that speaking time reads. */
export interface TimeEvent {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
}

export interface SpeakerTime {
  membershipId: string;
  seconds: number;
  /** Holds the floor now (the seconds include the turn in progress). */
  speaking: boolean;
}

export interface GroupTime {
  /** The working group's name; null for speakers in no group. */
  group: string | null;
  seconds: number;
}

export interface ItemTime {
  allowanceSeconds: number;
  spokenSeconds: number;
  /** Negative once the item's allowance is overrun. */
  remainingSeconds: number;
  /** In the order they first spoke on the item. */
  bySpeaker: SpeakerTime[];
  /** Largest first; speakers in no group last. */
  byGroup: GroupTime[];
}

export interface ItemTimeInput {
  /** The session's events (any order; only agenda.opened, floor.granted and floor.ended are read). */
  events: readonly TimeEvent[];
  itemId: string;
  /** The item's allowance. */
  minutes: number;
  /** Who holds the floor now, and the item open now. */
  floor: LiveFloor | null;
  currentItemId: string | null;
  /** Each membership's working group (see firstGroups). */
  groups: Readonly<Record<string, string>>;
  /** The server's clock now, in ms. */
  serverNow: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * The seconds of the turn in progress: the time granted less the time left
 * (so a pause, which stops the clock, is not counted), within [0, granted].
 * Without the grant's event, from grantedAt (less the pauses the floor knows of).
 */
export function runningSeconds(floor: LiveFloor, grantedMs: number | null, serverNow: number): number {
  const left = remainingMs(floor, serverNow) ?? 0;
  if (grantedMs !== null) return Math.round(Math.min(grantedMs, Math.max(0, grantedMs - left)) / 1000);
  const end = floor.endsAt ? Math.min(serverNow, Date.parse(floor.endsAt)) : floor.pausedAt ? Date.parse(floor.pausedAt) : serverNow;
  return Math.max(0, Math.round((end - Date.parse(floor.grantedAt) - (floor.pausedMs ?? 0)) / 1000));
}

/**
 * Time spoken on one agenda item against its allowance, per speaker and per
 * working group: the finished turns (floor.ended, on the item named in the
 * event, else the item open then) plus the turn in progress when the floor
 * is held on this item. Every number is whole seconds.
 */
export function itemTime(input: ItemTimeInput): ItemTime {
  const speakers = new Map<string, SpeakerTime>();
  const add = (membershipId: string, seconds: number, speaking = false) => {
    const s = speakers.get(membershipId) ?? { membershipId, seconds: 0, speaking: false };
    s.seconds += seconds;
    s.speaking ||= speaking;
    speakers.set(membershipId, s);
  };
  let open: string | null = null;
  /** The floor.granted of the turn in progress: its item and the time granted. */
  let grant: { membershipId: string; grantedAt: string; itemId: string | null; ms: number } | null = null;
  for (const e of [...input.events].sort((a, b) => a.seq - b.seq)) {
    const p = e.payload;
    if (e.type === 'agenda.opened') open = str(p.itemId);
    else if (e.type === 'floor.granted') {
      const grantedAt = str(p.grantedAt);
      const endsAt = str(p.endsAt);
      const ms = grantedAt && endsAt ? Date.parse(endsAt) - Date.parse(grantedAt) : NaN;
      grant = grantedAt && Number.isFinite(ms) ? { membershipId: String(p.membershipId), grantedAt, itemId: str(p.itemId) ?? open, ms } : null;
    } else if (e.type === 'floor.ended') {
      const item = str(p.itemId) ?? open;
      if (item === input.itemId && typeof p.membershipId === 'string') add(p.membershipId, Math.max(0, Number(p.spokenSeconds) || 0));
    }
  }
  const f = input.floor;
  if (f) {
    const sameTurn = grant && grant.membershipId === f.membershipId && Date.parse(grant.grantedAt) === Date.parse(f.grantedAt);
    const item = sameTurn ? grant!.itemId : input.currentItemId;
    if (item === input.itemId) add(f.membershipId, runningSeconds(f, sameTurn ? grant!.ms : null, input.serverNow), true);
  }
  const bySpeaker = [...speakers.values()];
  const groups = new Map<string | null, number>();
  for (const s of bySpeaker) {
    const g = input.groups[s.membershipId] ?? null;
    groups.set(g, (groups.get(g) ?? 0) + s.seconds);
  }
  const byGroup = [...groups.entries()]
    .map(([group, seconds]) => ({ group, seconds }))
    .sort((a, b) => (a.group === null ? 1 : 0) - (b.group === null ? 1 : 0) || b.seconds - a.seconds || String(a.group).localeCompare(String(b.group)));
  const allowanceSeconds = Math.max(0, Math.round(input.minutes * 60));
  const spokenSeconds = bySpeaker.reduce((n, s) => n + s.seconds, 0);
  return { allowanceSeconds, spokenSeconds, remainingSeconds: allowanceSeconds - spokenSeconds, bySpeaker, byGroup };
}

/** A working group as GET /working-groups/:id answers it (the fields read here). */
export interface GroupWithMembers {
  name: string;
  members: readonly { membershipId: string; createdAt: string }[];
}

/**
 * Each membership's working group: the one it joined first (as the minutes
 * and the server's speaking time count it), so that a member of two groups
 * counts once.
 */
export function firstGroups(groups: readonly GroupWithMembers[]): Record<string, string> {
  const first: Record<string, { name: string; at: number }> = {};
  for (const g of groups) {
    for (const m of g.members) {
      const at = Date.parse(m.createdAt);
      const had = first[m.membershipId];
      if (!had || at < had.at || (at === had.at && g.name < had.name)) first[m.membershipId] = { name: g.name, at };
    }
  }
  return Object.fromEntries(Object.entries(first).map(([id, v]) => [id, v.name]));
}

/** Whole seconds as m:ss, with a true minus sign (U+2212) below zero. */
export function formatSeconds(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  return `${seconds < 0 && s > 0 ? '\u2212' : ''}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The speaker's time left to show, in ms, capped at the turn granted (live/clock.ts); null without a floor. */
export function timeLeft(floor: LiveFloor | null, serverNow: number): number | null {
  return cappedAtTurn(floor, remainingMs(floor, serverNow));
}
