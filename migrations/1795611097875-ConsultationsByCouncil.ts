import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsultationsByCouncil1795611097875 implements MigrationInterface {
  name = 'ConsultationsByCouncil1795611097875';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_consultations_council_due" ON "consultations" ("council_id", "due_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_consultations_council_due"`);
  }
}
