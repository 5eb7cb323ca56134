/**
 * A consultation's comments as threads: each comment that answers none (the
 * agency's) with every reply under it, however deep, in the order given (by
 * time). A reply whose comment is not in the list starts its own thread.
 */
export function threads<C extends { id: string; replyTo: string | null }>(comments: C[]): { root: C; replies: C[] }[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const rootOf = (c: C) => {
    const seen = new Set<string>();
    let at = c;
    while (at.replyTo && byId.has(at.replyTo) && !seen.has(at.id)) {
      seen.add(at.id);
      at = byId.get(at.replyTo)!;
    }
    return at;
  };
  const out = new Map<string, { root: C; replies: C[] }>();
  for (const c of comments) {
    const root = rootOf(c);
    if (!out.has(root.id)) out.set(root.id, { root, replies: [] });
    if (root !== c) out.get(root.id)!.replies.push(c);
  }
  return [...out.values()];
}
