import { MigrationInterface, QueryRunner } from 'typeorm';

export class OpenData1795613826981 implements MigrationInterface {
  name = 'OpenData1795613826981';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "councils" ADD "publish_open_data" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "users" ADD "public_name_consent" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "public_name_consent"`);
    await queryRunner.query(`ALTER TABLE "councils" DROP COLUMN "publish_open_data"`);
  }
}
