import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Petitions from the public: petitions with kept counters, signatures unique per petition on a keyed hash
 * of the signer (no name, no address), per-key rate counters; a council's petition settings; a proposal's
 * origin (one proposal per petition at most); a proposal version without a member author (a petition's).
 */
export class Petitions1796720000000 implements MigrationInterface {
  name = 'Petitions1796720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "petition_rate_counters" ("key" text NOT NULL, "window_start" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_0af718793d1a35cecdbdae67943" PRIMARY KEY ("key", "window_start"))`);
    await queryRunner.query(`CREATE TABLE "petitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "title" text NOT NULL, "summary" text NOT NULL, "body" text NOT NULL, "author_name" text NOT NULL, "author_email" text NOT NULL, "status" text NOT NULL, "rejection_reason" text, "agenda_threshold" integer NOT NULL, "response_threshold" integer, "signature_days" integer NOT NULL, "response_days" integer NOT NULL, "published_at" TIMESTAMP(3) WITH TIME ZONE, "closes_at" TIMESTAMP(3) WITH TIME ZONE, "signatures" integer NOT NULL DEFAULT '0', "by_region" jsonb NOT NULL DEFAULT '{}', "proposal_id" uuid, "referred_at" TIMESTAMP(3) WITH TIME ZONE, "response_due_on" date, "response" text, "responded_at" TIMESTAMP(3) WITH TIME ZONE, "resolution" text, "answered_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_petitions_open" CHECK (status = 'submitted' OR status = 'rejected' OR closes_at IS NOT NULL), CONSTRAINT "ck_petitions_rejection" CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL), CONSTRAINT "ck_petitions_signatures" CHECK (signatures >= 0), CONSTRAINT "ck_petitions_status" CHECK (status IN ('submitted', 'open', 'rejected', 'referred', 'expired', 'withdrawn', 'answered')), CONSTRAINT "PK_db291e9a07cb5e6850128379cf1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_petitions_open_closing" ON "petitions" ("closes_at") WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX "ix_petitions_council_status" ON "petitions" ("council_id", "status", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "petition_signatures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "petition_id" uuid NOT NULL, "signer_hash" bytea NOT NULL, "method" text NOT NULL, "status" text NOT NULL, "region" text, "token_hash" bytea, "expires_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "validated_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "ck_petition_signatures_pending" CHECK (status <> 'pending' OR (token_hash IS NOT NULL AND expires_at IS NOT NULL)), CONSTRAINT "ck_petition_signatures_status" CHECK (status IN ('pending', 'validated')), CONSTRAINT "ck_petition_signatures_method" CHECK (method IN ('email', 'certificate')), CONSTRAINT "PK_ad36f70dd623fe07dc514ca5892" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_petition_signatures_pending_expiry" ON "petition_signatures" ("expires_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_petition_signatures_token" ON "petition_signatures" ("token_hash") WHERE token_hash IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_petition_signatures_signer" ON "petition_signatures" ("petition_id", "signer_hash") `);
    await queryRunner.query(`ALTER TABLE "councils" ADD "petitions" jsonb`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD "origin_type" text`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD "origin_id" uuid`);
    await queryRunner.query(`ALTER TABLE "proposal_versions" ALTER COLUMN "author_membership_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_proposals_origin" ON "proposals" ("origin_type", "origin_id") WHERE "origin_type" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "proposals" ADD CONSTRAINT "ck_proposals_origin" CHECK (("origin_type" IS NULL) = ("origin_id" IS NULL))`);
    await queryRunner.query(`ALTER TABLE "petitions" ADD CONSTRAINT "fk_petitions_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "petitions" ADD CONSTRAINT "fk_petitions_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "petition_signatures" ADD CONSTRAINT "fk_petition_signatures_petition" FOREIGN KEY ("petition_id") REFERENCES "petitions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "petition_signatures" DROP CONSTRAINT "fk_petition_signatures_petition"`);
    await queryRunner.query(`ALTER TABLE "petitions" DROP CONSTRAINT "fk_petitions_proposal"`);
    await queryRunner.query(`ALTER TABLE "petitions" DROP CONSTRAINT "fk_petitions_council"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "ck_proposals_origin"`);
    await queryRunner.query(`DROP INDEX "public"."uq_proposals_origin"`);
    await queryRunner.query(`ALTER TABLE "proposal_versions" ALTER COLUMN "author_membership_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "origin_id"`);
    await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "origin_type"`);
    await queryRunner.query(`ALTER TABLE "councils" DROP COLUMN "petitions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_petition_signatures_signer"`);
    await queryRunner.query(`DROP INDEX "public"."uq_petition_signatures_token"`);
    await queryRunner.query(`DROP INDEX "public"."ix_petition_signatures_pending_expiry"`);
    await queryRunner.query(`DROP TABLE "petition_signatures"`);
    await queryRunner.query(`DROP INDEX "public"."ix_petitions_council_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_petitions_open_closing"`);
    await queryRunner.query(`DROP TABLE "petitions"`);
    await queryRunner.query(`DROP TABLE "petition_rate_counters"`);
  }
}
