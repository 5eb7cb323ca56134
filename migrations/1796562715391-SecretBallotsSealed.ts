import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secret ballots that hold against an operator, and immutable choices.
 *
 * Generated from the entities, then completed by hand (marked "by hand"):
 * data moves that a generator cannot know, and the triggers that make
 * choices immutable in the database itself.
 *
 * - Secret choices are no longer pre-created empty slots: a cast inserts its
 *   slot (with an id the app chose, which the encryption binds), so empty
 *   slots go and `choice` and `receipt_hash` become NOT NULL.
 * - Secret Idempotency-Keys were kept in plain text beside the membership:
 *   they are dropped (a keyed hash is kept from now on).
 * - Named ballots keep the SHA-256 of their receipt, which the receipt list
 *   publishes and pages by.
 * - One minority opinion per voter per poll.
 * - Signed checkpoints of the audit chains.
 * - Triggers: a filled choice, a named ballot of a poll that is not open, a
 *   participation, a voter roll, a receipt claim and a checkpoint never
 *   change; a closed poll stays closed; a secret poll's choices are written
 *   only by a cast while the poll is open, or rewritten once by the
 *   transaction that closes it (status closed, sealed_at still null).
 * - The audit trigger sets created_at itself: an entry cannot be backdated.
 */
export class SecretBallotsSealed1796562715391 implements MigrationInterface {
  name = 'SecretBallotsSealed1796562715391';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP INDEX "public"."ix_secret_slots_free"`);
    await q(`ALTER TABLE "secret_participations" RENAME COLUMN "idempotency_key" TO "idempotency_hash"`);
    // by hand: the plain keys must not outlive this migration (a replay of one now answers 409 rather than link a voter).
    await q(`UPDATE "secret_participations" SET "idempotency_hash" = NULL`);
    await q(`CREATE TABLE "audit_checkpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "chain" text NOT NULL, "council_id" uuid, "entry_id" uuid NOT NULL, "chain_seq" bigint NOT NULL, "hash" text NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "signature" text NOT NULL, CONSTRAINT "PK_ec62ec0b7b181580b1fa64e1167" PRIMARY KEY ("id"))`);
    await q(`CREATE UNIQUE INDEX "uq_audit_checkpoints_chain_seq" ON "audit_checkpoints" ("chain", "chain_seq") `);
    // by hand: empty pre-created slots go (a cast now inserts its own).
    await q(`DELETE FROM "secret_slots" WHERE "choice" IS NULL OR "receipt_hash" IS NULL`);
    await q(`ALTER TABLE "secret_slots" DROP COLUMN "slot_key"`);
    // by hand: added nullable, filled, then NOT NULL (the generator adds it NOT NULL at once, which fails on existing rows).
    await q(`ALTER TABLE "ballots" ADD "receipt_hash" text`);
    await q(`UPDATE "ballots" SET "receipt_hash" = encode(sha256(convert_to("receipt", 'UTF8')), 'hex')`);
    await q(`ALTER TABLE "ballots" ALTER COLUMN "receipt_hash" SET NOT NULL`);
    await q(`ALTER TABLE "polls" ADD "sealed_at" TIMESTAMP(3) WITH TIME ZONE`);
    await q(`UPDATE "polls" SET "sealed_at" = "closed_at" WHERE "status" = 'closed'`);
    await q(`DROP INDEX "public"."uq_secret_slots_receipt"`);
    await q(`ALTER TABLE "secret_slots" ALTER COLUMN "id" DROP DEFAULT`);
    await q(`ALTER TABLE "secret_slots" ALTER COLUMN "choice" SET NOT NULL`);
    await q(`ALTER TABLE "secret_slots" ALTER COLUMN "receipt_hash" SET NOT NULL`);
    await q(`CREATE INDEX "ix_ballots_receipt_hash" ON "ballots" ("poll_id", "receipt_hash") `);
    await q(`CREATE UNIQUE INDEX "uq_minority_opinions_author" ON "minority_opinions" ("poll_id", "author_membership_id") `);
    await q(`CREATE UNIQUE INDEX "uq_secret_slots_receipt" ON "secret_slots" ("poll_id", "receipt_hash") `);

    // by hand: the triggers.
    await q(`
      CREATE FUNCTION kenes_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are immutable: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END
      $$`);
    for (const table of ['secret_participations', 'poll_voters', 'ballot_keys', 'poll_receipt_claims', 'audit_checkpoints']) {
      await q(`CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION kenes_refuse_change()`);
      await q(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION kenes_refuse_change()`);
    }
    // A secret choice is never updated; a truncate would erase them all.
    await q(`CREATE TRIGGER secret_slots_immutable BEFORE UPDATE ON secret_slots FOR EACH ROW EXECUTE FUNCTION kenes_refuse_change()`);
    await q(`CREATE TRIGGER secret_slots_no_truncate BEFORE TRUNCATE ON secret_slots FOR EACH STATEMENT EXECUTE FUNCTION kenes_refuse_change()`);
    // Inserted by a cast while the poll is open, or by the closing rewrite; deleted only by the closing rewrite.
    await q(`
      CREATE FUNCTION secret_slots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bad uuid;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT n.poll_id INTO bad FROM (SELECT DISTINCT poll_id FROM changed_slots) n LEFT JOIN polls p ON p.id = n.poll_id
           WHERE p.id IS NULL OR NOT (p.status = 'open' OR (p.status = 'closed' AND p.sealed_at IS NULL)) LIMIT 1;
        ELSE
          SELECT n.poll_id INTO bad FROM (SELECT DISTINCT poll_id FROM changed_slots) n LEFT JOIN polls p ON p.id = n.poll_id
           WHERE p.id IS NULL OR NOT (p.status = 'closed' AND p.sealed_at IS NULL) LIMIT 1;
        END IF;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION 'the secret choices of poll % cannot change now (%): they are written by a cast while it is open and rewritten once as it closes',
            bad, TG_OP USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NULL;
      END
      $$`);
    await q(`CREATE TRIGGER secret_slots_insert AFTER INSERT ON secret_slots REFERENCING NEW TABLE AS changed_slots FOR EACH STATEMENT EXECUTE FUNCTION secret_slots_guard()`);
    await q(`CREATE TRIGGER secret_slots_delete AFTER DELETE ON secret_slots REFERENCING OLD TABLE AS changed_slots FOR EACH STATEMENT EXECUTE FUNCTION secret_slots_guard()`);
    // A named ballot changes only while its poll is open and its rule allows a change; it is never deleted.
    await q(`
      CREATE FUNCTION ballots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.poll_id = OLD.poll_id AND NEW.membership_id = OLD.membership_id
           AND EXISTS (SELECT 1 FROM polls p WHERE p.id = OLD.poll_id AND p.status = 'open' AND coalesce((p.rule->>'allowChange')::boolean, true)) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'the ballot of % in poll % cannot change (%): a ballot changes only while its poll is open and its rule allows it',
          OLD.membership_id, OLD.poll_id, TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END
      $$`);
    await q(`CREATE TRIGGER ballots_guard BEFORE UPDATE OR DELETE ON ballots FOR EACH ROW EXECUTE FUNCTION ballots_guard()`);
    await q(`CREATE TRIGGER ballots_no_truncate BEFORE TRUNCATE ON ballots FOR EACH STATEMENT EXECUTE FUNCTION kenes_refuse_change()`);
    // A poll once opened keeps its question and rule; once closed it stays closed, is sealed once, and its tally
    // changes only by the casting decision on a tie. Polls are never deleted.
    await q(`
      CREATE FUNCTION polls_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'poll % cannot be deleted', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.status <> 'draft' AND (NEW.rule IS DISTINCT FROM OLD.rule OR NEW.secret <> OLD.secret OR NEW.question <> OLD.question
             OR NEW.council_id <> OLD.council_id OR NEW.eligible_count IS DISTINCT FROM OLD.eligible_count OR NEW.opened_at IS DISTINCT FROM OLD.opened_at) THEN
          RAISE EXCEPTION 'poll % is %: its question, rule and voters are fixed', OLD.id, OLD.status USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (OLD.status = 'open' AND NEW.status NOT IN ('open', 'closed')) OR (OLD.status = 'closed' AND NEW.status <> 'closed') THEN
          RAISE EXCEPTION 'poll % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.sealed_at IS NOT NULL AND (NEW.sealed_at IS DISTINCT FROM OLD.sealed_at OR NEW.closed_at IS DISTINCT FROM OLD.closed_at
             OR NEW.present_count IS DISTINCT FROM OLD.present_count
             OR (NEW.tally IS DISTINCT FROM OLD.tally AND OLD.tally->>'outcome' IS DISTINCT FROM 'tied')) THEN
          RAISE EXCEPTION 'poll % is closed and sealed: only a casting decision on a tie may change its tally', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.sealed_at IS NOT NULL AND NEW.status <> 'closed' THEN
          RAISE EXCEPTION 'only a closed poll is sealed' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await q(`CREATE TRIGGER polls_guard BEFORE UPDATE OR DELETE ON polls FOR EACH ROW EXECUTE FUNCTION polls_guard()`);
    await q(`CREATE TRIGGER polls_no_truncate BEFORE TRUNCATE ON polls FOR EACH STATEMENT EXECUTE FUNCTION kenes_refuse_change()`);
    // The audit guard, as before, and created_at is the database's own clock: an entry cannot be backdated.
    await q(`
      CREATE OR REPLACE FUNCTION audit_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.hash IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.chain_seq IS NOT NULL THEN
            RAISE EXCEPTION 'audit entries are inserted unsealed' USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          NEW.created_at := now();
          RETURN NEW;
        ELSIF TG_OP = 'UPDATE' THEN
          IF OLD.hash IS NOT NULL THEN
            RAISE EXCEPTION 'audit entry % is sealed and cannot change', OLD.id USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          IF NEW.hash IS NULL OR NEW.prev_hash IS NULL OR NEW.chain_seq IS NULL
             OR NEW.id <> OLD.id OR NEW.seq <> OLD.seq OR NEW.chain <> OLD.chain
             OR NEW.council_id IS DISTINCT FROM OLD.council_id
             OR NEW.actor_user_id IS DISTINCT FROM OLD.actor_user_id
             OR NEW.action <> OLD.action OR NEW.object_type <> OLD.object_type
             OR NEW.object_id IS DISTINCT FROM OLD.object_id
             OR NEW.summary IS DISTINCT FROM OLD.summary OR NEW.created_at <> OLD.created_at THEN
            RAISE EXCEPTION 'audit entries are append-only: only sealing is allowed' USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit entries are append-only: % is not allowed', TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP TRIGGER polls_no_truncate ON polls`);
    await q(`DROP TRIGGER polls_guard ON polls`);
    await q(`DROP FUNCTION polls_guard()`);
    await q(`DROP TRIGGER ballots_no_truncate ON ballots`);
    await q(`DROP TRIGGER ballots_guard ON ballots`);
    await q(`DROP FUNCTION ballots_guard()`);
    await q(`DROP TRIGGER secret_slots_delete ON secret_slots`);
    await q(`DROP TRIGGER secret_slots_insert ON secret_slots`);
    await q(`DROP FUNCTION secret_slots_guard()`);
    await q(`DROP TRIGGER secret_slots_no_truncate ON secret_slots`);
    await q(`DROP TRIGGER secret_slots_immutable ON secret_slots`);
    for (const table of ['secret_participations', 'poll_voters', 'ballot_keys', 'poll_receipt_claims', 'audit_checkpoints']) {
      await q(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await q(`DROP TRIGGER ${table}_immutable ON ${table}`);
    }
    await q(`DROP FUNCTION kenes_refuse_change()`);
    await q(`DROP INDEX "public"."uq_secret_slots_receipt"`);
    await q(`DROP INDEX "public"."uq_minority_opinions_author"`);
    await q(`DROP INDEX "public"."ix_ballots_receipt_hash"`);
    await q(`ALTER TABLE "secret_slots" ALTER COLUMN "receipt_hash" DROP NOT NULL`);
    await q(`ALTER TABLE "secret_slots" ALTER COLUMN "choice" DROP NOT NULL`);
    await q(`ALTER TABLE "secret_slots" ALTER COLUMN "id" SET DEFAULT gen_random_uuid()`);
    await q(`CREATE UNIQUE INDEX "uq_secret_slots_receipt" ON "secret_slots" ("poll_id", "receipt_hash") WHERE (receipt_hash IS NOT NULL)`);
    await q(`ALTER TABLE "polls" DROP COLUMN "sealed_at"`);
    await q(`ALTER TABLE "ballots" DROP COLUMN "receipt_hash"`);
    await q(`ALTER TABLE "secret_slots" ADD "slot_key" uuid NOT NULL DEFAULT gen_random_uuid()`);
    await q(`DROP INDEX "public"."uq_audit_checkpoints_chain_seq"`);
    await q(`DROP TABLE "audit_checkpoints"`);
    await q(`ALTER TABLE "secret_participations" RENAME COLUMN "idempotency_hash" TO "idempotency_key"`);
    await q(`CREATE INDEX "ix_secret_slots_free" ON "secret_slots" ("poll_id", "slot_key") WHERE (choice IS NULL)`);
  }
}
