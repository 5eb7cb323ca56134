import { MigrationInterface, QueryRunner } from 'typeorm';

export class Presence1795612931791 implements MigrationInterface {
  name = 'Presence1795612931791';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" ADD "present_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "session_check_ins" ADD "connected_until" TIMESTAMP(3) WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session_check_ins" DROP COLUMN "connected_until"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "present_count"`);
  }
}
