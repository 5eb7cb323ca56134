import { Client } from 'pg';

/**
 * Tables whose rows are never deleted or truncated by the application (the
 * record). Triggers refuse it too; the runtime role is not even granted it.
 */
const KEPT = [
  'audit_entries',
  'audit_checkpoints',
  'polls',
  'poll_voters',
  'ballots',
  'ballot_keys',
  'secret_participations',
  'poll_receipt_claims',
  'proxies',
  'poll_proxies',
  'minority_opinions',
  'minority_opinion_signatures',
  'proposal_versions',
  'proposal_transitions',
  'proposal_trace',
  'session_events',
  'plan_item_updates',
  'proposal_authors',
  'consultation_comments',
  'consultation_responses',
  'membership_revisions',
];

/** Tables whose rows never change once written: no UPDATE either. */
const FROZEN = [
  'audit_checkpoints',
  'poll_voters',
  'ballot_keys',
  'secret_participations',
  'poll_receipt_claims',
  'poll_proxies',
  'secret_slots',
  'session_events',
  'proposal_versions',
  'proposal_transitions',
  'proposal_trace',
  'minority_opinion_signatures',
  'plan_item_updates',
];

/** Tables whose rows change only in some columns (the rest stay as written). */
const COLUMNS_ONLY: Record<string, string[]> = {
  audit_entries: ['chain_seq', 'prev_hash', 'hash'],
  minority_opinions: ['acknowledged_at', 'acknowledged_by_user_id', 'acknowledgement_note'],
};

const RUNTIME_GRANT_LOCK = 727_002;

/** The role that a postgres:// URL connects as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Gives the runtime role (the one the API serves with, not the schema owner)
 * what it needs and no more, connected as the owner after the migrations:
 * reading and writing rows, never DDL (so it cannot drop a table or disable a
 * trigger, which only the owner may), never TRUNCATE, never DELETE from the
 * record's tables, and on audit entries only the sequencer's sealing columns.
 * Idempotent: run after every migration.
 */
export async function grantRuntimeRole(ownerUrl: string, role: string): Promise<void> {
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ owner: string; existing: string[]; db: string; version: number }>(
      `SELECT pg_get_userbyid(n.nspowner) AS owner, array(SELECT tablename::text FROM pg_tables WHERE schemaname = 'public') AS existing,
              current_database() AS db, current_setting('server_version_num')::int AS version
         FROM pg_namespace n WHERE n.nspname = 'public'`,
    );
    const existing = new Set(rows[0].existing);
    const r = ident(role);
    await c.query('BEGIN');
    // Several nodes start at once: one grants at a time (concurrent GRANTs on one table fail with "tuple concurrently updated").
    await c.query('SELECT pg_advisory_xact_lock($1)', [RUNTIME_GRANT_LOCK]);
    await c.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await c.query(`REVOKE CREATE ON SCHEMA public FROM ${r}`);
    await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await c.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${r}`);
    await c.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    await c.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`);
    for (const t of KEPT.filter((x) => existing.has(x))) await c.query(`REVOKE DELETE ON ${ident(t)} FROM ${r}`);
    for (const t of FROZEN.filter((x) => existing.has(x))) await c.query(`REVOKE UPDATE ON ${ident(t)} FROM ${r}`);
    for (const [t, columns] of Object.entries(COLUMNS_ONLY).filter(([x]) => existing.has(x))) {
      await c.query(`REVOKE UPDATE ON ${ident(t)} FROM ${r}`);
      await c.query(`GRANT UPDATE (${columns.map(ident).join(', ')}) ON ${ident(t)} TO ${r}`);
    }
    // No temporary tables: a session's own table would be searched before the schema's (the triggers name
    // public.* and fix their search_path too, but the role has no use for them).
    await c.query(`REVOKE TEMPORARY ON DATABASE ${ident(rows[0].db)} FROM PUBLIC`);
    await c.query(`REVOKE TEMPORARY ON DATABASE ${ident(rows[0].db)} FROM ${r}`);
    // PostgreSQL 17+: the role may vacuum the secret choices, so that a closed poll's old row versions go at once.
    if (rows[0].version >= 170000 && existing.has('secret_slots')) await c.query(`GRANT MAINTAIN ON secret_slots TO ${r}`);
    await c.query('COMMIT');
    // The server's own statement log must not keep a cast's parameters (membership, sealed choice): superuser only.
    await c.query(`ALTER ROLE ${r} SET log_parameter_max_length = 0`).catch(() => undefined);
    await c.query(`ALTER ROLE ${r} SET log_parameter_max_length_on_error = 0`).catch(() => undefined);
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await c.end();
  }
}
