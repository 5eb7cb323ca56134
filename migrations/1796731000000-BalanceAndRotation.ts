import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Balance targets and seats per council, the pool of candidates (one available
 * entry per user and council), and rotation plans with the hash of their inputs.
 */
export class BalanceAndRotation1796731000000 implements MigrationInterface {
  name = 'BalanceAndRotation1796731000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "balance_settings" ("council_id" uuid NOT NULL, "seats" integer, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_balance_settings_seats" CHECK ("seats" IS NULL OR "seats" >= 0), CONSTRAINT "PK_ee27a4b8f3070099ff5b765045e" PRIMARY KEY ("council_id"))`);
    await queryRunner.query(`CREATE TABLE "balance_targets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "dimension" text NOT NULL, "value" text NOT NULL, "min" integer, "max" integer, "weight" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_balance_targets_value" UNIQUE ("council_id", "dimension", "value"), CONSTRAINT "ck_balance_targets_weight" CHECK ("weight" BETWEEN 1 AND 1000), CONSTRAINT "ck_balance_targets_bounds" CHECK (("min" IS NULL OR "min" >= 0) AND ("max" IS NULL OR "max" >= 0) AND ("min" IS NULL OR "max" IS NULL OR "min" <= "max")), CONSTRAINT "PK_508d2a0ec691a133b4b0a2a0e60" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "rotation_candidates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "user_id" uuid NOT NULL, "attributes" jsonb NOT NULL DEFAULT '{}', "note" text, "status" text NOT NULL DEFAULT 'available', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b202c9e775705a8d67735ad1708" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_rotation_candidates_council" ON "rotation_candidates" ("council_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_rotation_candidates_available" ON "rotation_candidates" ("council_id", "user_id") WHERE "status" = 'available'`);
    await queryRunner.query(`CREATE TABLE "rotation_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "created_by_user_id" uuid NOT NULL, "effective_on" date NOT NULL, "status" text NOT NULL, "request" jsonb NOT NULL, "result" jsonb NOT NULL, "inputs_hash" text NOT NULL, "applied_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_96e117b49dc1256a0d8b17ab09b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_rotation_plans_council" ON "rotation_plans" ("council_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "balance_settings" ADD CONSTRAINT "fk_balance_settings_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "balance_targets" ADD CONSTRAINT "fk_balance_targets_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rotation_candidates" ADD CONSTRAINT "fk_rotation_candidates_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rotation_candidates" ADD CONSTRAINT "fk_rotation_candidates_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rotation_plans" ADD CONSTRAINT "fk_rotation_plans_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rotation_plans" DROP CONSTRAINT "fk_rotation_plans_council"`);
    await queryRunner.query(`ALTER TABLE "rotation_candidates" DROP CONSTRAINT "fk_rotation_candidates_user"`);
    await queryRunner.query(`ALTER TABLE "rotation_candidates" DROP CONSTRAINT "fk_rotation_candidates_council"`);
    await queryRunner.query(`ALTER TABLE "balance_targets" DROP CONSTRAINT "fk_balance_targets_council"`);
    await queryRunner.query(`ALTER TABLE "balance_settings" DROP CONSTRAINT "fk_balance_settings_council"`);
    await queryRunner.query(`DROP INDEX "public"."ix_rotation_plans_council"`);
    await queryRunner.query(`DROP TABLE "rotation_plans"`);
    await queryRunner.query(`DROP INDEX "public"."uq_rotation_candidates_available"`);
    await queryRunner.query(`DROP INDEX "public"."ix_rotation_candidates_council"`);
    await queryRunner.query(`DROP TABLE "rotation_candidates"`);
    await queryRunner.query(`DROP TABLE "balance_targets"`);
    await queryRunner.query(`DROP TABLE "balance_settings"`);
  }
}
