import { MigrationInterface, QueryRunner } from 'typeorm';

export class Implementation1795613764820 implements MigrationInterface {
  name = 'Implementation1795613764820';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "implementation_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "title" text NOT NULL, "session_id" uuid, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f1c567a8a30f92e31c120ce7e7b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_implementation_plans_council" ON "implementation_plans" ("council_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "reform_packages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "title" text NOT NULL, "announced_on" date NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_reform_packages_title" UNIQUE ("council_id", "title"), CONSTRAINT "PK_ed15f29f984b9d76289d7466c5f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "plan_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "plan_id" uuid NOT NULL, "council_id" uuid NOT NULL, "proposal_id" uuid NOT NULL, "title" text NOT NULL, "responsible_agency_id" uuid NOT NULL, "deliverable" text NOT NULL, "due_on" date NOT NULL, "reform_package_id" uuid, "stage" text NOT NULL DEFAULT 'planned', "progress" integer, "legal_act_ref" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_plan_items_progress" CHECK ("progress" IS NULL OR ("progress" >= 0 AND "progress" <= 100)), CONSTRAINT "ck_plan_items_deliverable" CHECK ("deliverable" IN ('draft_law', 'decree', 'government_resolution', 'concept', 'other')), CONSTRAINT "ck_plan_items_stage" CHECK ("stage" IN ('planned', 'drafting', 'submitted', 'first_reading', 'adopted', 'signed', 'in_force', 'cancelled')), CONSTRAINT "PK_7095e15f5d5d331a9f170564d5b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_plan_items_proposal" ON "plan_items" ("proposal_id") `);
    await queryRunner.query(`CREATE INDEX "ix_plan_items_package" ON "plan_items" ("reform_package_id") `);
    await queryRunner.query(`CREATE INDEX "ix_plan_items_agency" ON "plan_items" ("responsible_agency_id") `);
    await queryRunner.query(`CREATE INDEX "ix_plan_items_council_due" ON "plan_items" ("council_id", "due_on") `);
    await queryRunner.query(`CREATE INDEX "ix_plan_items_plan" ON "plan_items" ("plan_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "plan_item_updates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "from_stage" text NOT NULL, "stage" text NOT NULL, "note" text NOT NULL, "progress" integer, "legal_act_ref" text, "actor_user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f3bda49e1f7deb967e4a473f4ec" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_plan_item_updates_item" ON "plan_item_updates" ("item_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "implementation_plans" ADD CONSTRAINT "fk_implementation_plans_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "implementation_plans" ADD CONSTRAINT "fk_implementation_plans_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reform_packages" ADD CONSTRAINT "fk_reform_packages_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_items" ADD CONSTRAINT "fk_plan_items_plan" FOREIGN KEY ("plan_id") REFERENCES "implementation_plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_items" ADD CONSTRAINT "fk_plan_items_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_items" ADD CONSTRAINT "fk_plan_items_agency" FOREIGN KEY ("responsible_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_items" ADD CONSTRAINT "fk_plan_items_package" FOREIGN KEY ("reform_package_id") REFERENCES "reform_packages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "plan_item_updates" ADD CONSTRAINT "fk_plan_item_updates_item" FOREIGN KEY ("item_id") REFERENCES "plan_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Added by hand: an item's history is immutable in the database too.
    await queryRunner.query(`CREATE FUNCTION plan_item_updates_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'plan item history is append-only: % is not allowed', TG_OP USING ERRCODE = 'integrity_constraint_violation'; END $$`);
    await queryRunner.query(`CREATE TRIGGER plan_item_updates_guard_rows BEFORE UPDATE OR DELETE ON plan_item_updates FOR EACH ROW EXECUTE FUNCTION plan_item_updates_guard()`);
    await queryRunner.query(`CREATE TRIGGER plan_item_updates_guard_truncate BEFORE TRUNCATE ON plan_item_updates FOR EACH STATEMENT EXECUTE FUNCTION plan_item_updates_guard()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER plan_item_updates_guard_truncate ON plan_item_updates`);
    await queryRunner.query(`DROP TRIGGER plan_item_updates_guard_rows ON plan_item_updates`);
    await queryRunner.query(`DROP FUNCTION plan_item_updates_guard()`);
    await queryRunner.query(`ALTER TABLE "plan_item_updates" DROP CONSTRAINT "fk_plan_item_updates_item"`);
    await queryRunner.query(`ALTER TABLE "plan_items" DROP CONSTRAINT "fk_plan_items_package"`);
    await queryRunner.query(`ALTER TABLE "plan_items" DROP CONSTRAINT "fk_plan_items_agency"`);
    await queryRunner.query(`ALTER TABLE "plan_items" DROP CONSTRAINT "fk_plan_items_proposal"`);
    await queryRunner.query(`ALTER TABLE "plan_items" DROP CONSTRAINT "fk_plan_items_plan"`);
    await queryRunner.query(`ALTER TABLE "reform_packages" DROP CONSTRAINT "fk_reform_packages_council"`);
    await queryRunner.query(`ALTER TABLE "implementation_plans" DROP CONSTRAINT "fk_implementation_plans_session"`);
    await queryRunner.query(`ALTER TABLE "implementation_plans" DROP CONSTRAINT "fk_implementation_plans_council"`);
    await queryRunner.query(`DROP INDEX "public"."ix_plan_item_updates_item"`);
    await queryRunner.query(`DROP TABLE "plan_item_updates"`);
    await queryRunner.query(`DROP INDEX "public"."ix_plan_items_plan"`);
    await queryRunner.query(`DROP INDEX "public"."ix_plan_items_council_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_plan_items_agency"`);
    await queryRunner.query(`DROP INDEX "public"."ix_plan_items_package"`);
    await queryRunner.query(`DROP INDEX "public"."ix_plan_items_proposal"`);
    await queryRunner.query(`DROP TABLE "plan_items"`);
    await queryRunner.query(`DROP TABLE "reform_packages"`);
    await queryRunner.query(`DROP INDEX "public"."ix_implementation_plans_council"`);
    await queryRunner.query(`DROP TABLE "implementation_plans"`);
  }
}
