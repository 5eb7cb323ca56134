import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * membership_revisions: a membership's roles and attributes from a date onwards, so
 * that a change to an ongoing term never alters what the council looked like before.
 */
export class MembershipRevisions1796730000000 implements MigrationInterface {
  name = 'MembershipRevisions1796730000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "membership_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "membership_id" uuid NOT NULL, "effective_on" date NOT NULL, "roles" text array NOT NULL, "attributes" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_membership_revisions_effective" UNIQUE ("membership_id", "effective_on"), CONSTRAINT "PK_cbfb1a4b7bf39aea94f6ddc46ea" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "membership_revisions" ADD CONSTRAINT "fk_membership_revisions_membership" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "membership_revisions" DROP CONSTRAINT "fk_membership_revisions_membership"`);
    await queryRunner.query(`DROP TABLE "membership_revisions"`);
  }
}
