import { MigrationInterface, QueryRunner } from 'typeorm';

export class Proposals1795609787276 implements MigrationInterface {
  name = 'Proposals1795609787276';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "working_group_id" uuid NOT NULL, "status" text NOT NULL, "current_version" integer NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_proposals_version" CHECK ("current_version" >= 1), CONSTRAINT "PK_db524c8db8e126a38a2f16d8cac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_proposals_group" ON "proposals" ("working_group_id") `);
    await queryRunner.query(`CREATE INDEX "ix_proposals_council_created" ON "proposals" ("council_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_proposals_council_status" ON "proposals" ("council_id", "status") `);
    await queryRunner.query(`CREATE TABLE "consultations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "council_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "version" integer NOT NULL, "aspects" text array NOT NULL, "question" text NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "answered_at" TIMESTAMP(3) WITH TIME ZONE, "overdue_recorded_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_c5b78e9424d9bc68464f6a12103" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_consultations_unanswered_due" ON "consultations" ("due_at") WHERE "answered_at" IS NULL AND "overdue_recorded_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_consultations_proposal" ON "consultations" ("proposal_id") `);
    await queryRunner.query(`CREATE INDEX "ix_consultations_agency_due" ON "consultations" ("agency_id", "due_at") `);
    await queryRunner.query(`CREATE TABLE "consultation_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consultation_id" uuid NOT NULL, "author_membership_id" uuid NOT NULL, "author_kind" text NOT NULL, "aspect" text NOT NULL, "position" text, "body" text NOT NULL, "anchor_version" integer, "anchor_start" integer, "anchor_end" integer, "reply_to_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_consultation_comments_anchor" CHECK (("anchor_version" IS NULL AND "anchor_start" IS NULL AND "anchor_end" IS NULL) OR ("anchor_version" IS NOT NULL AND "anchor_start" >= 0 AND "anchor_end" > "anchor_start")), CONSTRAINT "ck_consultation_comments_kind" CHECK ("author_kind" IN ('agency', 'author')), CONSTRAINT "PK_3db1da6beebcdf7472f063a54a9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_consultation_comments_consultation" ON "consultation_comments" ("consultation_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "consultation_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consultation_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "position" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_consultation_responses_consultation" UNIQUE ("consultation_id"), CONSTRAINT "PK_0828454d802d449776a462a45ce" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "proposal_authors" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "is_primary" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_proposal_authors" UNIQUE ("proposal_id", "membership_id"), CONSTRAINT "PK_e15fc3f41f8171e35ee3a418f91" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_proposal_authors_membership" ON "proposal_authors" ("membership_id") `);
    await queryRunner.query(`CREATE TABLE "proposal_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "author_membership_id" uuid NOT NULL, "body" text NOT NULL, "anchor_version" integer, "anchor_start" integer, "anchor_end" integer, "reply_to_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_proposal_comments_anchor" CHECK (("anchor_version" IS NULL AND "anchor_start" IS NULL AND "anchor_end" IS NULL) OR ("anchor_version" IS NOT NULL AND "anchor_start" >= 0 AND "anchor_end" > "anchor_start")), CONSTRAINT "PK_3dad96e1019f8d511df6b116cc7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_proposal_comments_proposal" ON "proposal_comments" ("proposal_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "proposal_transitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "from_status" text NOT NULL, "to_status" text NOT NULL, "actor_user_id" uuid, "reason" text, "cause" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ee27eee87637efd1509d85be61d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_proposal_transitions_proposal" ON "proposal_transitions" ("proposal_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "proposal_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "version" integer NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "body" text NOT NULL, "author_membership_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_proposal_versions_number" UNIQUE ("proposal_id", "version"), CONSTRAINT "PK_64c09e1dd58aebaa26ab09bb528" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "proposal_trace" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "proposal_id" uuid NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "kind" text NOT NULL, "summary" text NOT NULL, "ref_type" text NOT NULL, "ref_id" uuid NOT NULL, CONSTRAINT "PK_41c184ee7bfa9e8fbf0b96d30e1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_proposal_trace_order" ON "proposal_trace" ("proposal_id", "at", "seq") `);
    await queryRunner.query(`ALTER TABLE "proposals" ADD CONSTRAINT "fk_proposals_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD CONSTRAINT "fk_proposals_working_group" FOREIGN KEY ("working_group_id") REFERENCES "working_groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultations" ADD CONSTRAINT "fk_consultations_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultations" ADD CONSTRAINT "fk_consultations_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultation_comments" ADD CONSTRAINT "fk_consultation_comments_consultation" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultation_comments" ADD CONSTRAINT "fk_consultation_comments_author" FOREIGN KEY ("author_membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultation_comments" ADD CONSTRAINT "fk_consultation_comments_reply_to" FOREIGN KEY ("reply_to_id") REFERENCES "consultation_comments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultation_responses" ADD CONSTRAINT "fk_consultation_responses_consultation" FOREIGN KEY ("consultation_id") REFERENCES "consultations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consultation_responses" ADD CONSTRAINT "fk_consultation_responses_membership" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_authors" ADD CONSTRAINT "fk_proposal_authors_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_authors" ADD CONSTRAINT "fk_proposal_authors_membership" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_comments" ADD CONSTRAINT "fk_proposal_comments_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_comments" ADD CONSTRAINT "fk_proposal_comments_author" FOREIGN KEY ("author_membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_comments" ADD CONSTRAINT "fk_proposal_comments_reply_to" FOREIGN KEY ("reply_to_id") REFERENCES "proposal_comments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_transitions" ADD CONSTRAINT "fk_proposal_transitions_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_versions" ADD CONSTRAINT "fk_proposal_versions_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_versions" ADD CONSTRAINT "fk_proposal_versions_author" FOREIGN KEY ("author_membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proposal_trace" ADD CONSTRAINT "fk_proposal_trace_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "proposal_trace" DROP CONSTRAINT "fk_proposal_trace_proposal"`);
    await queryRunner.query(`ALTER TABLE "proposal_versions" DROP CONSTRAINT "fk_proposal_versions_author"`);
    await queryRunner.query(`ALTER TABLE "proposal_versions" DROP CONSTRAINT "fk_proposal_versions_proposal"`);
    await queryRunner.query(`ALTER TABLE "proposal_transitions" DROP CONSTRAINT "fk_proposal_transitions_proposal"`);
    await queryRunner.query(`ALTER TABLE "proposal_comments" DROP CONSTRAINT "fk_proposal_comments_reply_to"`);
    await queryRunner.query(`ALTER TABLE "proposal_comments" DROP CONSTRAINT "fk_proposal_comments_author"`);
    await queryRunner.query(`ALTER TABLE "proposal_comments" DROP CONSTRAINT "fk_proposal_comments_proposal"`);
    await queryRunner.query(`ALTER TABLE "proposal_authors" DROP CONSTRAINT "fk_proposal_authors_membership"`);
    await queryRunner.query(`ALTER TABLE "proposal_authors" DROP CONSTRAINT "fk_proposal_authors_proposal"`);
    await queryRunner.query(`ALTER TABLE "consultation_responses" DROP CONSTRAINT "fk_consultation_responses_membership"`);
    await queryRunner.query(`ALTER TABLE "consultation_responses" DROP CONSTRAINT "fk_consultation_responses_consultation"`);
    await queryRunner.query(`ALTER TABLE "consultation_comments" DROP CONSTRAINT "fk_consultation_comments_reply_to"`);
    await queryRunner.query(`ALTER TABLE "consultation_comments" DROP CONSTRAINT "fk_consultation_comments_author"`);
    await queryRunner.query(`ALTER TABLE "consultation_comments" DROP CONSTRAINT "fk_consultation_comments_consultation"`);
    await queryRunner.query(`ALTER TABLE "consultations" DROP CONSTRAINT "fk_consultations_agency"`);
    await queryRunner.query(`ALTER TABLE "consultations" DROP CONSTRAINT "fk_consultations_proposal"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "fk_proposals_working_group"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "fk_proposals_council"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proposal_trace_order"`);
    await queryRunner.query(`DROP TABLE "proposal_trace"`);
    await queryRunner.query(`DROP TABLE "proposal_versions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proposal_transitions_proposal"`);
    await queryRunner.query(`DROP TABLE "proposal_transitions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proposal_comments_proposal"`);
    await queryRunner.query(`DROP TABLE "proposal_comments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proposal_authors_membership"`);
    await queryRunner.query(`DROP TABLE "proposal_authors"`);
    await queryRunner.query(`DROP TABLE "consultation_responses"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consultation_comments_consultation"`);
    await queryRunner.query(`DROP TABLE "consultation_comments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consultations_agency_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consultations_proposal"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consultations_unanswered_due"`);
    await queryRunner.query(`DROP TABLE "consultations"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proposals_council_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proposals_council_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proposals_group"`);
    await queryRunner.query(`DROP TABLE "proposals"`);
  }
}
