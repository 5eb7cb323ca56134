import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * login_failures: one row per email (the failures within the window as an
 * array) instead of one row per failure, so that counting an attempt is one
 * statement serialised by the row's lock, with no transaction around the
 * password hash; `last_at` lets expired rows be pruned by index.
 * Failures still within the 15-minute window are carried over.
 */
export class LoginFailuresPerEmail1796600000000 implements MigrationInterface {
  name = 'LoginFailuresPerEmail1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "login_failures" RENAME TO "login_failures_old"`);
    await queryRunner.query(`ALTER INDEX "ix_login_failures_email_at" RENAME TO "ix_login_failures_old_email_at"`);
    await queryRunner.query(
      `CREATE TABLE "login_failures" ("email" text NOT NULL, "failed_at" TIMESTAMP(3) WITH TIME ZONE array NOT NULL, "last_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "pk_login_failures" PRIMARY KEY ("email"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_login_failures_last_at" ON "login_failures" ("last_at") `);
    await queryRunner.query(
      `INSERT INTO "login_failures" ("email", "failed_at", "last_at")
       SELECT email, (array_agg(at ORDER BY at DESC))[1:10], max(at) FROM "login_failures_old"
        WHERE at > now() - interval '15 minutes' GROUP BY email`,
    );
    await queryRunner.query(`UPDATE "login_failures" SET "failed_at" = ARRAY(SELECT a FROM unnest("failed_at") a ORDER BY a)`);
    await queryRunner.query(`DROP TABLE "login_failures_old"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_login_failures_last_at"`);
    await queryRunner.query(`ALTER TABLE "login_failures" RENAME TO "login_failures_new"`);
    await queryRunner.query(
      `CREATE TABLE "login_failures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_login_failures_email_at" ON "login_failures" ("email", "at") `);
    await queryRunner.query(`INSERT INTO "login_failures" ("email", "at") SELECT email, unnest(failed_at) FROM "login_failures_new"`);
    await queryRunner.query(`DROP TABLE "login_failures_new"`);
  }
}
