import { MigrationInterface, QueryRunner } from 'typeorm';

export class BallotKeys1795620355802 implements MigrationInterface {
  name = 'BallotKeys1795620355802';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "ballot_keys" ("poll_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "idempotency_key" text NOT NULL, "request_hash" text NOT NULL, "receipt" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_128591522c177169ebdca787347" PRIMARY KEY ("poll_id", "membership_id", "idempotency_key"))`);
    await queryRunner.query(`ALTER TABLE "ballot_keys" ADD CONSTRAINT "fk_ballot_keys_voter" FOREIGN KEY ("poll_id", "membership_id") REFERENCES "poll_voters"("poll_id","membership_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ballot_keys" DROP CONSTRAINT "fk_ballot_keys_voter"`);
    await queryRunner.query(`DROP TABLE "ballot_keys"`);
  }
}
