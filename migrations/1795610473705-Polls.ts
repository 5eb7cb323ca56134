import { MigrationInterface, QueryRunner } from 'typeorm';

export class Polls1795610473705 implements MigrationInterface {
  name = 'Polls1795610473705';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "polls" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "working_group_id" uuid, "session_id" uuid, "proposal_id" uuid, "question" text NOT NULL, "secret" boolean NOT NULL, "rule" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'draft', "eligible_count" integer, "present_count" integer, "tally" jsonb, "created_by_user_id" uuid NOT NULL, "opened_at" TIMESTAMP(3) WITH TIME ZONE, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_polls_body" CHECK (("working_group_id" IS NOT NULL) <> ("session_id" IS NOT NULL)), CONSTRAINT "ck_polls_status" CHECK ("status" IN ('draft', 'open', 'closed')), CONSTRAINT "PK_b9bbb8fc7b142553c518ddffbb6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_polls_proposal" ON "polls" ("proposal_id") `);
    await queryRunner.query(`CREATE INDEX "ix_polls_group" ON "polls" ("working_group_id") `);
    await queryRunner.query(`CREATE INDEX "ix_polls_council" ON "polls" ("council_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "poll_voters" ("poll_id" uuid NOT NULL, "membership_id" uuid NOT NULL, CONSTRAINT "PK_7d17358daf04c3f405882dee9f3" PRIMARY KEY ("poll_id", "membership_id"))`);
    await queryRunner.query(`CREATE TABLE "ballots" ("poll_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "choice" text NOT NULL, "reason" text, "receipt" text NOT NULL, "idempotency_key" text, "request_hash" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_ballots_receipt" UNIQUE ("poll_id", "receipt"), CONSTRAINT "PK_bff209e3f16be98d65a44f48fb1" PRIMARY KEY ("poll_id", "membership_id"))`);
    await queryRunner.query(`CREATE TABLE "minority_opinions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "poll_id" uuid NOT NULL, "author_membership_id" uuid NOT NULL, "position" text NOT NULL, "body" text NOT NULL, "acknowledged_at" TIMESTAMP(3) WITH TIME ZONE, "acknowledged_by_user_id" uuid, "acknowledgement_note" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2c37bd69b45e9dc60e6c4c0175b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_minority_opinions_poll" ON "minority_opinions" ("poll_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "minority_opinion_signatures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "opinion_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "position" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_minority_opinion_signatures" UNIQUE ("opinion_id", "membership_id"), CONSTRAINT "PK_46879a40d2a4e195a49e1074602" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "poll_receipt_claims" ("poll_id" uuid NOT NULL, "receipt_hash" text NOT NULL, CONSTRAINT "PK_a0618104e76bbad3b7c520cd58b" PRIMARY KEY ("poll_id", "receipt_hash"))`);
    await queryRunner.query(`CREATE TABLE "secret_participations" ("poll_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "idempotency_key" text, CONSTRAINT "PK_00f3502e565df1df60c3cb7d7c8" PRIMARY KEY ("poll_id", "membership_id"))`);
    await queryRunner.query(`CREATE TABLE "secret_slots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "poll_id" uuid NOT NULL, "slot_key" uuid NOT NULL, "choice" text, "receipt_hash" text, CONSTRAINT "PK_bd1375a9f40a3ae1a297a4072be" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_secret_slots_receipt" ON "secret_slots" ("poll_id", "receipt_hash") WHERE "receipt_hash" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_secret_slots_free" ON "secret_slots" ("poll_id", "slot_key") WHERE "choice" IS NULL`);
    await queryRunner.query(`ALTER TABLE "polls" ADD CONSTRAINT "fk_polls_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "polls" ADD CONSTRAINT "fk_polls_working_group" FOREIGN KEY ("working_group_id") REFERENCES "working_groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "polls" ADD CONSTRAINT "fk_polls_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "poll_voters" ADD CONSTRAINT "fk_poll_voters_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "poll_voters" ADD CONSTRAINT "fk_poll_voters_membership" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ballots" ADD CONSTRAINT "fk_ballots_voter" FOREIGN KEY ("poll_id", "membership_id") REFERENCES "poll_voters"("poll_id","membership_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "minority_opinions" ADD CONSTRAINT "fk_minority_opinions_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "minority_opinions" ADD CONSTRAINT "fk_minority_opinions_author" FOREIGN KEY ("author_membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "minority_opinion_signatures" ADD CONSTRAINT "fk_minority_opinion_signatures_opinion" FOREIGN KEY ("opinion_id") REFERENCES "minority_opinions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "minority_opinion_signatures" ADD CONSTRAINT "fk_minority_opinion_signatures_membership" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "poll_receipt_claims" ADD CONSTRAINT "fk_poll_receipt_claims_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "secret_participations" ADD CONSTRAINT "fk_secret_participations_voter" FOREIGN KEY ("poll_id", "membership_id") REFERENCES "poll_voters"("poll_id","membership_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "secret_slots" ADD CONSTRAINT "fk_secret_slots_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Added by hand (not entity metadata): room on every page, so filling a secret slot rewrites it in place
    // and a choice's physical position keeps saying nothing about when it was cast.
    await queryRunner.query(`ALTER TABLE "secret_slots" SET (fillfactor = 50)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "secret_slots" DROP CONSTRAINT "fk_secret_slots_poll"`);
    await queryRunner.query(`ALTER TABLE "secret_participations" DROP CONSTRAINT "fk_secret_participations_voter"`);
    await queryRunner.query(`ALTER TABLE "poll_receipt_claims" DROP CONSTRAINT "fk_poll_receipt_claims_poll"`);
    await queryRunner.query(`ALTER TABLE "minority_opinion_signatures" DROP CONSTRAINT "fk_minority_opinion_signatures_membership"`);
    await queryRunner.query(`ALTER TABLE "minority_opinion_signatures" DROP CONSTRAINT "fk_minority_opinion_signatures_opinion"`);
    await queryRunner.query(`ALTER TABLE "minority_opinions" DROP CONSTRAINT "fk_minority_opinions_author"`);
    await queryRunner.query(`ALTER TABLE "minority_opinions" DROP CONSTRAINT "fk_minority_opinions_poll"`);
    await queryRunner.query(`ALTER TABLE "ballots" DROP CONSTRAINT "fk_ballots_voter"`);
    await queryRunner.query(`ALTER TABLE "poll_voters" DROP CONSTRAINT "fk_poll_voters_membership"`);
    await queryRunner.query(`ALTER TABLE "poll_voters" DROP CONSTRAINT "fk_poll_voters_poll"`);
    await queryRunner.query(`ALTER TABLE "polls" DROP CONSTRAINT "fk_polls_proposal"`);
    await queryRunner.query(`ALTER TABLE "polls" DROP CONSTRAINT "fk_polls_working_group"`);
    await queryRunner.query(`ALTER TABLE "polls" DROP CONSTRAINT "fk_polls_council"`);
    await queryRunner.query(`DROP INDEX "public"."ix_secret_slots_free"`);
    await queryRunner.query(`DROP INDEX "public"."uq_secret_slots_receipt"`);
    await queryRunner.query(`DROP TABLE "secret_slots"`);
    await queryRunner.query(`DROP TABLE "secret_participations"`);
    await queryRunner.query(`DROP TABLE "poll_receipt_claims"`);
    await queryRunner.query(`DROP TABLE "minority_opinion_signatures"`);
    await queryRunner.query(`DROP INDEX "public"."ix_minority_opinions_poll"`);
    await queryRunner.query(`DROP TABLE "minority_opinions"`);
    await queryRunner.query(`DROP TABLE "ballots"`);
    await queryRunner.query(`DROP TABLE "poll_voters"`);
    await queryRunner.query(`DROP INDEX "public"."ix_polls_council"`);
    await queryRunner.query(`DROP INDEX "public"."ix_polls_group"`);
    await queryRunner.query(`DROP INDEX "public"."ix_polls_proposal"`);
    await queryRunner.query(`DROP TABLE "polls"`);
  }
}
