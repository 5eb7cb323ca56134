import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lists of a proposal's polls and consultations page by (created_at, id)
 * within one proposal: their proposal indexes carry that order. A trace line
 * records its facts as data (kind-specific) beside its English summary, so a
 * client tells it in its own language; lines written before stay as they are
 * (the trace is append-only) with a null `data`.
 */
export class ProposalListsAndTraceData1796740000000 implements MigrationInterface {
  name = 'ProposalListsAndTraceData1796740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_consultations_proposal"`);
    await queryRunner.query(`DROP INDEX "public"."ix_polls_proposal"`);
    await queryRunner.query(`ALTER TABLE "proposal_trace" ADD "data" jsonb`);
    await queryRunner.query(`CREATE INDEX "ix_consultations_proposal" ON "consultations" ("proposal_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_polls_proposal" ON "polls" ("proposal_id", "created_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_polls_proposal"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consultations_proposal"`);
    await queryRunner.query(`ALTER TABLE "proposal_trace" DROP COLUMN "data"`);
    await queryRunner.query(`CREATE INDEX "ix_polls_proposal" ON "polls" ("proposal_id") `);
    await queryRunner.query(`CREATE INDEX "ix_consultations_proposal" ON "consultations" ("proposal_id") `);
  }
}
