import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (triggers are not entity metadata): audit entries are
 * append-only in the database itself. An entry is inserted unsealed; the only
 * update allowed is the sequencer's one-time sealing, which sets chain_seq,
 * prev_hash and hash and touches nothing else. Deletes and truncation are
 * refused. Tampering is still possible for a superuser who disables the
 * triggers, and that is what the hash chain detects.
 */
export class AuditEntryGuards1795609100000 implements MigrationInterface {
  name = 'AuditEntryGuards1795609100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.hash IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.chain_seq IS NOT NULL THEN
            RAISE EXCEPTION 'audit entries are inserted unsealed' USING ERRCODE = 'integrity_constraint_violation';
          END IF;
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
    await queryRunner.query(
      `CREATE TRIGGER audit_entries_guard_rows BEFORE INSERT OR UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_guard()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_entries_guard_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_guard()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_entries_guard_truncate ON audit_entries`);
    await queryRunner.query(`DROP TRIGGER audit_entries_guard_rows ON audit_entries`);
    await queryRunner.query(`DROP FUNCTION audit_entries_guard()`);
  }
}
