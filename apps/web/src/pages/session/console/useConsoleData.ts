import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { firstGroups, TimeEvent } from './speakingTime';

export interface CouncilPerson {
  membershipId: string;
  name: string;
  voter: boolean;
}

/** The council's memberships today, with names: the floor can be granted to any of them. */
export function usePeople(councilId: string) {
  return useQuery({
    queryKey: ['console', 'people', councilId],
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const out: CouncilPerson[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(await api.GET('/api/v1/councils/{councilId}/memberships', { params: { path: { councilId }, query: { limit: 200, ...(cursor ? { cursor } : {}) } } }));
        for (const m of page.items) out.push({ membershipId: m.id, name: m.user?.fullName ?? m.id, voter: m.roles.includes('member') });
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return out;
    },
  });
}

/** Each membership's working group by name, from the council's groups and their members. */
export function useGroups(councilId: string) {
  return useQuery({
    queryKey: ['console', 'groups', councilId],
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const list = unwrap(await api.GET('/api/v1/councils/{councilId}/working-groups', { params: { path: { councilId }, query: { limit: 200 } } })).items;
      const groups = await Promise.all(list.map(async (g) => unwrap(await api.GET('/api/v1/working-groups/{groupId}', { params: { path: { groupId: g.id } } }))));
      return firstGroups(groups);
    },
  });
}

/** The event types speaking time reads. */
const KEPT = new Set(['agenda.opened', 'floor.granted', 'floor.ended']);

/**
 * The session's floor and agenda events from the log, read again from where
 * it stopped whenever the live view moves past it.
 */
export function useFloorEvents(sessionId: string, lastSeq: number): TimeEvent[] {
  const [events, setEvents] = useState<TimeEvent[]>([]);
  const state = useRef({ sessionId, read: 0, wanted: 0, running: false });
  useEffect(() => {
    const st = state.current;
    if (st.sessionId !== sessionId) {
      state.current = { sessionId, read: 0, wanted: 0, running: false };
      setEvents([]);
    }
    const cur = state.current;
    cur.wanted = Math.max(cur.wanted, lastSeq);
    if (cur.running) return;
    cur.running = true;
    void (async () => {
      try {
        // Reads until the log has caught up with the live view (which may move on meanwhile).
        let idle = 0;
        while (cur.read < cur.wanted && state.current === cur && idle < 10) {
          const found: TimeEvent[] = [];
          let after = cur.read;
          let more = true;
          while (more) {
            const page = unwrap(await api.GET('/api/v1/sessions/{sessionId}/events', { params: { path: { sessionId }, query: { after, limit: 200 } } }));
            for (const e of page.items) {
              after = Math.max(after, e.seq);
              if (KEPT.has(e.type)) found.push({ seq: e.seq, type: e.type, payload: e.payload as Record<string, unknown> });
            }
            more = page.items.length > 0 && !!page.nextCursor;
          }
          // A log that does not yet hold the wanted seq: the event is still being committed.
          if (after === cur.read) {
            idle++;
            await new Promise((r) => setTimeout(r, 300));
          }
          cur.read = after;
          if (found.length && state.current === cur) setEvents((old) => [...old, ...found.filter((f) => !old.some((o) => o.seq === f.seq))]);
        }
      } catch {
        // The next event tries again.
      } finally {
        cur.running = false;
      }
    })();
  }, [sessionId, lastSeq]);
  return events;
}
