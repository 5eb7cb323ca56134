import { MigrationInterface, QueryRunner } from 'typeorm';

export class Sessions1795611346776 implements MigrationInterface {
  name = 'Sessions1795611346776';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "council_id" uuid NOT NULL, "kind" text NOT NULL, "working_group_id" uuid, "title" text NOT NULL, "scheduled_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "public" boolean NOT NULL DEFAULT false, "state" text NOT NULL DEFAULT 'scheduled', "last_seq" integer NOT NULL DEFAULT '0', "current_item_id" uuid, "floor" jsonb, "queue" jsonb NOT NULL DEFAULT '[]', "created_by_user_id" uuid NOT NULL, "started_at" TIMESTAMP(3) WITH TIME ZONE, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_sessions_state" CHECK ("state" IN ('scheduled', 'live', 'paused', 'closed')), CONSTRAINT "ck_sessions_kind" CHECK (("kind" = 'plenary' AND "working_group_id" IS NULL) OR ("kind" = 'working_group' AND "working_group_id" IS NOT NULL)), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_sessions_council" ON "sessions" ("council_id", "scheduled_at") `);
    await queryRunner.query(`CREATE TABLE "agenda_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "proposal_id" uuid, "speaker_membership_ids" uuid array NOT NULL DEFAULT '{}', "minutes" integer NOT NULL, "status" text NOT NULL DEFAULT 'pending', "resolution" text, "instruction" text, "decided_at" TIMESTAMP(3) WITH TIME ZONE, "decided_by_user_id" uuid, "opened_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_agenda_items_position" UNIQUE ("session_id", "position"), CONSTRAINT "ck_agenda_items_resolution" CHECK ("resolution" IS NULL OR "resolution" IN ('supported', 'supported_with_changes', 'deferred', 'not_supported')), CONSTRAINT "ck_agenda_items_status" CHECK ("status" IN ('pending', 'open', 'done')), CONSTRAINT "PK_7274c40301175b4b4b347820d0c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_agenda_items_proposal" ON "agenda_items" ("proposal_id") `);
    await queryRunner.query(`CREATE TABLE "session_check_ins" ("session_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "checked_in_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_466e67fcef6567600f17d455332" PRIMARY KEY ("session_id", "membership_id"))`);
    await queryRunner.query(`CREATE TABLE "session_events" ("session_id" uuid NOT NULL, "seq" integer NOT NULL, "type" text NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid, "payload" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_56d90f60fc4ae6e46b9afa3182a" PRIMARY KEY ("session_id", "seq"))`);
    await queryRunner.query(`ALTER TABLE "polls" ADD "electorate_group_id" uuid`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "fk_sessions_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "fk_sessions_working_group" FOREIGN KEY ("working_group_id") REFERENCES "working_groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "agenda_items" ADD CONSTRAINT "fk_agenda_items_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "agenda_items" ADD CONSTRAINT "fk_agenda_items_proposal" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_check_ins" ADD CONSTRAINT "fk_session_check_ins_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_check_ins" ADD CONSTRAINT "fk_session_check_ins_membership" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_events" ADD CONSTRAINT "fk_session_events_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Added by hand: polls created before this migration vote in their own working group.
    await queryRunner.query(`UPDATE "polls" SET "electorate_group_id" = "working_group_id" WHERE "working_group_id" IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session_events" DROP CONSTRAINT "fk_session_events_session"`);
    await queryRunner.query(`ALTER TABLE "session_check_ins" DROP CONSTRAINT "fk_session_check_ins_membership"`);
    await queryRunner.query(`ALTER TABLE "session_check_ins" DROP CONSTRAINT "fk_session_check_ins_session"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "fk_agenda_items_proposal"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "fk_agenda_items_session"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "fk_sessions_working_group"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "fk_sessions_council"`);
    await queryRunner.query(`ALTER TABLE "polls" DROP COLUMN "electorate_group_id"`);
    await queryRunner.query(`DROP TABLE "session_events"`);
    await queryRunner.query(`DROP TABLE "session_check_ins"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agenda_items_proposal"`);
    await queryRunner.query(`DROP TABLE "agenda_items"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sessions_council"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
  }
}
