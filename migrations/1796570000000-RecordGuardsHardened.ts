import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every trigger function of the schema: each gets a fixed search_path (see below). */
const FUNCTIONS = [
  'audit_entries_guard()',
  'proposal_search_refresh()',
  'plan_item_updates_guard()',
  'kenes_integrity_failure(text)',
  'kenes_refuse_change()',
  'secret_slots_guard()',
  'ballots_guard()',
  'polls_guard()',
  'poll_rows_guard()',
  'polls_sealed_at_commit()',
  'minority_opinions_guard()',
];

/**
 * Written by hand (triggers and storage settings are not entity metadata),
 * after a security review that played the runtime role against the
 * triggers of SecretBallotsSealed:
 *
 * - Every trigger function runs with `search_path = pg_catalog, public,
 *   pg_temp` and names `public.polls`: a session's own temporary table named
 *   `polls` no longer stands in for the real one (it did, and let the
 *   runtime role rewrite a sealed poll's choices).
 * - Rows of the record are inserted only in the state they belong to: a
 *   voter roll while the poll is a draft; named ballots, Idempotency-Key
 *   records and secret participations while it is open; receipt claims once
 *   it is closed.
 * - A secret poll's choices are rewritten only by the transaction that
 *   closed it (the polls trigger records that transaction), and a poll
 *   closed in a transaction must be sealed by its commit.
 * - A tie's casting decision changes only the outcome, never the counts.
 * - Choices sealed before BALLOT_KEY (format v1, keyed from JWT_SECRET) open
 *   only for the polls that had them (`legacy_ballot_cipher`), so a
 *   JWT_SECRET cannot forge a ballot in a new poll.
 * - Versions, transitions, the trace, session events and signatures are
 *   immutable; a minority opinion changes only by its one acknowledgement.
 * - secret_choices' foreign key to polls goes (the insert trigger checks the
 *   poll, and a poll is never deleted): a closing rewrite of 100,000 choices
 *   no longer pays a key check per row.
 * - Autovacuum removes a closed poll's old choice versions as soon as it
 *   passes (they would link choices to participations until vacuumed).
 */
export class RecordGuardsHardened1796570000000 implements MigrationInterface {
  name = 'RecordGuardsHardened1796570000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "polls" ADD "legacy_ballot_cipher" boolean NOT NULL DEFAULT false`);
    await q(`UPDATE "polls" p SET "legacy_ballot_cipher" = true WHERE EXISTS (SELECT 1 FROM "secret_slots" s WHERE s.poll_id = p.id AND s.choice LIKE 'v1.%')`);
    await q(`ALTER TABLE "polls" ADD "closed_in_xact" text`);
    await q(`ALTER TABLE "secret_slots" DROP CONSTRAINT "fk_secret_slots_poll"`);
    // The closing rewrite writes its rows as `sealed`: the receipt's unique key then differs from the rows it
    // replaces (dead, but still in the index until vacuumed), so no insert has to visit them to check uniqueness.
    await q(`ALTER TABLE "secret_slots" ADD "sealed" boolean NOT NULL DEFAULT false`);
    await q(`UPDATE "secret_slots" s SET "sealed" = true FROM "polls" p WHERE p.id = s.poll_id AND p.status = 'closed'`);
    await q(`DROP INDEX "public"."uq_secret_slots_receipt"`);
    await q(`CREATE UNIQUE INDEX "uq_secret_slots_receipt" ON "secret_slots" ("poll_id", "receipt_hash", "sealed") `);
    await q(`ALTER TABLE "secret_slots" SET (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0)`);

    await q(`
      CREATE OR REPLACE FUNCTION secret_slots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bad uuid;
      BEGIN
        -- Inserted by a cast while the poll is open; deleted and inserted again only by the transaction that closes it.
        -- A cast's row is not sealed; the rewrite's rows are (and it deletes only rows that are not).
        SELECT n.poll_id INTO bad FROM (SELECT DISTINCT poll_id, sealed FROM changed_slots) n LEFT JOIN public.polls p ON p.id = n.poll_id
         WHERE p.id IS NULL
            OR NOT ((TG_OP = 'INSERT' AND p.status = 'open' AND NOT n.sealed)
                    OR (p.status = 'closed' AND p.sealed_at IS NULL AND p.closed_in_xact = pg_current_xact_id()::text
                        AND n.sealed = (TG_OP = 'INSERT')))
         LIMIT 1;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION 'the secret choices of poll % cannot change now (%): they are written by a cast while it is open and rewritten once as it closes',
            bad, TG_OP USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NULL;
      END
      $$`);
    await q(`
      CREATE OR REPLACE FUNCTION ballots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.poll_id = OLD.poll_id AND NEW.membership_id = OLD.membership_id
           AND EXISTS (SELECT 1 FROM public.polls p WHERE p.id = OLD.poll_id AND p.status = 'open' AND coalesce((p.rule->>'allowChange')::boolean, true)) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'the ballot of % in poll % cannot change (%): a ballot changes only while its poll is open and its rule allows it',
          OLD.membership_id, OLD.poll_id, TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END
      $$`);
    // Rows that belong to one state of their poll: checked once per statement, over the rows it inserted.
    await q(`
      CREATE FUNCTION poll_rows_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        wanted text := TG_ARGV[0];
        bad uuid;
      BEGIN
        SELECT n.poll_id INTO bad FROM (SELECT DISTINCT poll_id FROM inserted) n LEFT JOIN public.polls p ON p.id = n.poll_id
         WHERE p.id IS NULL OR p.status <> wanted LIMIT 1;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION '% rows of poll % are written only while it is %', TG_TABLE_NAME, bad, wanted USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NULL;
      END
      $$`);
    for (const [table, state] of [
      ['poll_voters', 'draft'],
      ['ballots', 'open'],
      ['ballot_keys', 'open'],
      ['secret_participations', 'open'],
      ['poll_receipt_claims', 'closed'],
    ]) {
      await q(`CREATE TRIGGER ${table}_state AFTER INSERT ON ${table} REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION poll_rows_guard('${state}')`);
    }
    // The polls guard, now also: which transaction closed the poll, the legacy flag fixed, and a tie's casting
    // decision that changes the outcome alone.
    await q(`
      CREATE OR REPLACE FUNCTION polls_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'poll % cannot be deleted', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.legacy_ballot_cipher IS DISTINCT FROM OLD.legacy_ballot_cipher THEN
          RAISE EXCEPTION 'poll % keeps the cipher it was opened with', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.status <> 'draft' AND (NEW.rule IS DISTINCT FROM OLD.rule OR NEW.secret <> OLD.secret OR NEW.question <> OLD.question
             OR NEW.council_id <> OLD.council_id OR NEW.eligible_count IS DISTINCT FROM OLD.eligible_count OR NEW.opened_at IS DISTINCT FROM OLD.opened_at) THEN
          RAISE EXCEPTION 'poll % is %: its question, rule and voters are fixed', OLD.id, OLD.status USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (OLD.status = 'open' AND NEW.status NOT IN ('open', 'closed')) OR (OLD.status = 'closed' AND NEW.status <> 'closed')
           OR (OLD.status = 'draft' AND NEW.status NOT IN ('draft', 'open')) THEN
          RAISE EXCEPTION 'poll % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.status = 'open' AND NEW.status = 'closed' THEN
          NEW.closed_in_xact := pg_current_xact_id()::text;
        ELSIF NEW.closed_in_xact IS DISTINCT FROM OLD.closed_in_xact THEN
          RAISE EXCEPTION 'poll % records the transaction that closed it, once', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.sealed_at IS NOT NULL AND (NEW.sealed_at IS DISTINCT FROM OLD.sealed_at OR NEW.closed_at IS DISTINCT FROM OLD.closed_at
             OR NEW.present_count IS DISTINCT FROM OLD.present_count) THEN
          RAISE EXCEPTION 'poll % is closed and sealed', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.sealed_at IS NOT NULL AND NEW.tally IS DISTINCT FROM OLD.tally AND NOT (
             OLD.tally->>'outcome' = 'tied' AND NEW.tally->>'outcome' IN ('adopted', 'rejected')
             AND NEW.tally->>'castingDecision' = NEW.tally->>'outcome'
             AND (NEW.tally - 'outcome' - 'castingDecision' - 'facts') = (OLD.tally - 'outcome' - 'castingDecision' - 'facts')) THEN
          RAISE EXCEPTION 'poll % is closed and sealed: only a casting decision on a tie may change its outcome, never its counts', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.sealed_at IS NOT NULL AND NEW.status <> 'closed' THEN
          RAISE EXCEPTION 'only a closed poll is sealed' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    // A poll closed in a transaction is sealed by the time it commits (else the rewrite window would stay open).
    await q(`
      CREATE FUNCTION polls_sealed_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM public.polls p WHERE p.id = NEW.id AND p.status = 'closed' AND p.sealed_at IS NULL) THEN
          RAISE EXCEPTION 'poll % closed without being sealed', NEW.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF EXISTS (SELECT 1 FROM public.secret_slots s WHERE s.poll_id = NEW.id AND NOT s.sealed) THEN
          RAISE EXCEPTION 'poll % closed with choices that were not rewritten', NEW.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NULL;
      END
      $$`);
    await q(`
      CREATE CONSTRAINT TRIGGER polls_sealed_at_commit AFTER UPDATE ON polls DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.status = 'closed' AND OLD.status = 'open') EXECUTE FUNCTION polls_sealed_at_commit()`);
    // The record that is written once.
    for (const table of ['session_events', 'proposal_versions', 'proposal_transitions', 'proposal_trace', 'minority_opinion_signatures']) {
      await q(`CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION kenes_refuse_change()`);
      await q(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION kenes_refuse_change()`);
    }
    await q(`
      CREATE FUNCTION minority_opinions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.acknowledged_at IS NULL AND NEW.acknowledged_at IS NOT NULL
           AND NEW.id = OLD.id AND NEW.poll_id = OLD.poll_id AND NEW.author_membership_id = OLD.author_membership_id
           AND NEW.position = OLD.position AND NEW.body = OLD.body AND NEW.created_at = OLD.created_at THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'minority opinion % stays as filed: only its one acknowledgement is added (%)', OLD.id, TG_OP
          USING ERRCODE = 'integrity_constraint_violation';
      END
      $$`);
    await q(`CREATE TRIGGER minority_opinions_guard BEFORE UPDATE OR DELETE ON minority_opinions FOR EACH ROW EXECUTE FUNCTION minority_opinions_guard()`);
    await q(`CREATE TRIGGER minority_opinions_no_truncate BEFORE TRUNCATE ON minority_opinions FOR EACH STATEMENT EXECUTE FUNCTION kenes_refuse_change()`);
    // A session's temporary table must never stand in for a table of the schema.
    for (const f of FUNCTIONS) await q(`ALTER FUNCTION ${f} SET search_path = pg_catalog, public, pg_temp`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    for (const f of FUNCTIONS.filter((x) => !['poll_rows_guard()', 'polls_sealed_at_commit()', 'minority_opinions_guard()'].includes(x))) {
      await q(`ALTER FUNCTION ${f} RESET search_path`);
    }
    await q(`DROP TRIGGER minority_opinions_no_truncate ON minority_opinions`);
    await q(`DROP TRIGGER minority_opinions_guard ON minority_opinions`);
    await q(`DROP FUNCTION minority_opinions_guard()`);
    for (const table of ['session_events', 'proposal_versions', 'proposal_transitions', 'proposal_trace', 'minority_opinion_signatures']) {
      await q(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await q(`DROP TRIGGER ${table}_immutable ON ${table}`);
    }
    await q(`DROP TRIGGER polls_sealed_at_commit ON polls`);
    await q(`DROP FUNCTION polls_sealed_at_commit()`);
    for (const table of ['poll_voters', 'ballots', 'ballot_keys', 'secret_participations', 'poll_receipt_claims']) await q(`DROP TRIGGER ${table}_state ON ${table}`);
    await q(`DROP FUNCTION poll_rows_guard()`);
    await q(`ALTER TABLE "secret_slots" RESET (autovacuum_vacuum_threshold, autovacuum_vacuum_scale_factor)`);
    await q(`DROP INDEX "public"."uq_secret_slots_receipt"`);
    await q(`CREATE UNIQUE INDEX "uq_secret_slots_receipt" ON "secret_slots" ("poll_id", "receipt_hash") `);
    await q(`ALTER TABLE "secret_slots" DROP COLUMN "sealed"`);
    await q(`ALTER TABLE "secret_slots" ADD CONSTRAINT "fk_secret_slots_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q(`ALTER TABLE "polls" DROP COLUMN "closed_in_xact"`);
    await q(`ALTER TABLE "polls" DROP COLUMN "legacy_ballot_cipher"`);
    // The previous bodies of secret_slots_guard, ballots_guard and polls_guard are restored by reverting SecretBallotsSealed.
  }
}
