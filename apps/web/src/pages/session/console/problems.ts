import type { LiveProblem } from '@kenes/contracts';

/** The message of a refusal: the problem's detail (else its title), with the fields it names. */
export function problemMessage(p: Partial<LiveProblem> | undefined, fallback: string): string {
  if (!p) return fallback;
  const head = p.detail || p.title || fallback;
  const fields = (p.errors ?? []).map((e) => `${e.field}: ${e.message}`).filter((f) => !head.includes(f));
  return fields.length ? `${head} (${fields.join('; ')})` : head;
}
