/**
 * The audit library's SQL for writers that cannot go through
 * `Transaction.audit`: a hot path that writes its change and its audit
 * entries in one statement (the cast of a ballot). The caller gives a query
 * whose rows have the columns council_id, actor_user_id, action,
 * object_type, object_id and summary (jsonb, see `auditSummarySql`); this
 * gives the INSERT that writes them, each on its council's chain
 * (as `chainOf`), to use as a CTE of the caller's statement.
 */
export function insertAuditEntriesFrom(rows: string, orderBy?: string): string {
  return `INSERT INTO audit_entries (chain, council_id, actor_user_id, action, object_type, object_id, summary)
          SELECT COALESCE(x.council_id::text, 'platform'), x.council_id, x.actor_user_id, x.action, x.object_type, x.object_id, x.summary
            FROM (${rows}) x${orderBy ? `
           ORDER BY ${orderBy}` : ''}`;
}

/** An entry's summary as `Transaction.audit` writes it: `{before, after}`, from two SQL expressions. */
export function auditSummarySql(before: string, after: string): string {
  return `jsonb_build_object('before', ${before}, 'after', ${after})`;
}
