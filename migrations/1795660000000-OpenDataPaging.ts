import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The open-data feed pages: a council's published proposals by (created_at, id), and the plan
 * items of each by (due_on, id). Written by hand.
 */
export class OpenDataPaging1795660000000 implements MigrationInterface {
  name = 'OpenDataPaging1795660000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_proposals_open_data" ON "proposals" ("council_id", "created_at", "id") WHERE status IN ('supported', 'supported_with_changes', 'in_implementation', 'implemented')`,
    );
    await queryRunner.query(`CREATE INDEX "ix_plan_items_proposal_due" ON "plan_items" ("proposal_id", "due_on", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_plan_items_council_due_id" ON "plan_items" ("council_id", "due_on", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_plan_items_council_due_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_plan_items_proposal_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proposals_open_data"`);
  }
}
