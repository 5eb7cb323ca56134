import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795609002594 implements MigrationInterface {
  name = 'Foundation1795609002594';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Added by hand: the exclusion constraint on memberships (terms never overlap) needs btree_gist (trusted since PostgreSQL 13).
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`CREATE TABLE "audit_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "council_id" uuid, "chain" text NOT NULL, "actor_user_id" uuid, "action" text NOT NULL, "object_type" text NOT NULL, "object_id" text, "summary" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "chain_seq" bigint, "prev_hash" text, "hash" text, CONSTRAINT "uq_audit_entries_chain_seq" UNIQUE ("chain", "chain_seq"), CONSTRAINT "ck_audit_entries_chain" CHECK ("chain" = coalesce("council_id"::text, 'platform')), CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_audit_entries_unsealed" ON "audit_entries" ("chain", "seq") WHERE "hash" IS NULL`);
    await queryRunner.query(`CREATE TABLE "councils" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "slug" text NOT NULL, "balance_dimensions" text array NOT NULL DEFAULT '{}', "minority_opinion_window_hours" integer NOT NULL, "plenary_quorum" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_councils_slug" UNIQUE ("slug"), CONSTRAINT "PK_4966fa6c4948bab2ea3e31e054d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "agencies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "name" text NOT NULL, "code" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_agencies_council_code" UNIQUE ("council_id", "code"), CONSTRAINT "PK_8ab1f1f53f56c8255b0d7e68b28" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "password_hash" text NOT NULL, "full_name" text NOT NULL, "is_admin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_users_email" UNIQUE ("email"), CONSTRAINT "ck_users_email_lower" CHECK ("email" = lower("email")), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "user_id" uuid NOT NULL, "roles" text array NOT NULL, "agency_id" uuid, "attributes" jsonb NOT NULL DEFAULT '{}', "starts_on" date NOT NULL, "ends_on" date, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_memberships_roles" CHECK (cardinality("roles") > 0), CONSTRAINT "ck_memberships_agency_rep" CHECK (("agency_id" IS NOT NULL) = ('agency_rep' = ANY ("roles"))), CONSTRAINT "ck_memberships_term" CHECK ("ends_on" IS NULL OR "ends_on" >= "starts_on"), CONSTRAINT "ex_memberships_term_overlap" EXCLUDE USING gist ("council_id" WITH =, "user_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&), CONSTRAINT "PK_25d28bd932097a9e90495ede7b4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_memberships_user" ON "memberships" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_memberships_council_term" ON "memberships" ("council_id", "starts_on") `);
    await queryRunner.query(`CREATE TABLE "working_groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "name" text NOT NULL, "mandate" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_working_groups_council_name" UNIQUE ("council_id", "name"), CONSTRAINT "PK_95e6a3cace78635e0e7c85ddc98" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "working_group_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "working_group_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "role" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_working_group_members_group_membership" UNIQUE ("working_group_id", "membership_id"), CONSTRAINT "ck_working_group_members_role" CHECK ("role" IN ('coordinator', 'member')), CONSTRAINT "PK_79c2082b2ac58b4cd21a155503d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_working_group_members_membership" ON "working_group_members" ("membership_id") `);
    await queryRunner.query(`CREATE TABLE "login_failures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_login_failures_email_at" ON "login_failures" ("email", "at") `);
    await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "secret_hash" text NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family_id") `);
    await queryRunner.query(`ALTER TABLE "agencies" ADD CONSTRAINT "fk_agencies_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "memberships" ADD CONSTRAINT "fk_memberships_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "memberships" ADD CONSTRAINT "fk_memberships_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "memberships" ADD CONSTRAINT "fk_memberships_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "working_groups" ADD CONSTRAINT "fk_working_groups_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "working_group_members" ADD CONSTRAINT "fk_working_group_members_group" FOREIGN KEY ("working_group_id") REFERENCES "working_groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "working_group_members" ADD CONSTRAINT "fk_working_group_members_membership" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_user"`);
    await queryRunner.query(`ALTER TABLE "working_group_members" DROP CONSTRAINT "fk_working_group_members_membership"`);
    await queryRunner.query(`ALTER TABLE "working_group_members" DROP CONSTRAINT "fk_working_group_members_group"`);
    await queryRunner.query(`ALTER TABLE "working_groups" DROP CONSTRAINT "fk_working_groups_council"`);
    await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "fk_memberships_agency"`);
    await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "fk_memberships_user"`);
    await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "fk_memberships_council"`);
    await queryRunner.query(`ALTER TABLE "agencies" DROP CONSTRAINT "fk_agencies_council"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_family"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_user"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."ix_login_failures_email_at"`);
    await queryRunner.query(`DROP TABLE "login_failures"`);
    await queryRunner.query(`DROP INDEX "public"."ix_working_group_members_membership"`);
    await queryRunner.query(`DROP TABLE "working_group_members"`);
    await queryRunner.query(`DROP TABLE "working_groups"`);
    await queryRunner.query(`DROP INDEX "public"."ix_memberships_council_term"`);
    await queryRunner.query(`DROP INDEX "public"."ix_memberships_user"`);
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "agencies"`);
    await queryRunner.query(`DROP TABLE "councils"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entries_unsealed"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
  }
}
