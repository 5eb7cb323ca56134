import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (a function is not entity metadata): `kenes_integrity_failure`
 * raises an integrity_constraint_violation with a message. A single statement
 * that writes several tables calls it where an invariant does not hold, so
 * the whole statement (and so its autocommit) is undone, as a transaction
 * that throws would be. Used by the secret cast: a participation recorded
 * without a filled slot must never be committed.
 */
export class IntegrityFailure1795620000000 implements MigrationInterface {
  name = 'IntegrityFailure1795620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION kenes_integrity_failure(message text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        RAISE EXCEPTION '%', message USING ERRCODE = 'integrity_constraint_violation';
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION kenes_integrity_failure(text)`);
  }
}
