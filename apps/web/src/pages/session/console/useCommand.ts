import { useCallback, useRef, useState } from 'react';
import type { LiveAck } from '@kenes/contracts';
import { ApiProblem } from '../../../api/client';
import { problemMessage } from './problems';

export interface Feedback {
  ok: boolean;
  /** What was asked (already in the page's language). */
  action: string;
  /** The problem's message (detail, else title) when refused. */
  message: string;
  /** Grows with every answer, so that the same message is announced again. */
  n: number;
}

/** A socket command's acknowledgement as a result, or a thrown problem. */
export async function acked<T extends object>(ack: Promise<LiveAck<T>>): Promise<T> {
  const a = await ack;
  if (!a.ok) throw new ApiProblem(a.error);
  return a;
}

/**
 * Runs a console command (over the socket or HTTP) one at a time, and keeps
 * its answer for the panel's feedback: done, or refused with the server's
 * message.
 */
export function useCommand() {
  const [busy, setBusy] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const n = useRef(0);
  const run = useCallback(async <T,>(action: string, work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(action);
    try {
      const result = await work();
      setFeedback({ ok: true, action, message: '', n: ++n.current });
      return result;
    } catch (e) {
      const p = e instanceof ApiProblem ? e.problem : undefined;
      setFeedback({ ok: false, action, message: problemMessage(p, e instanceof Error ? e.message : String(e)), n: ++n.current });
      return undefined;
    } finally {
      setBusy(null);
    }
  }, []);
  return { run, busy, feedback, clear: () => setFeedback(null) };
}
