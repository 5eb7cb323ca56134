import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proxy voting (API.md, "Proxy voting"). Generated, then completed by hand:
 *
 * - proxies: one active proxy per delegator per sitting or poll (partial
 *   unique indexes); chains and the cap are checked under row locks.
 * - poll_proxies: the proxies fixed when a poll opens, written in its opening
 *   transaction (while it is still a draft) and never changed; a statement
 *   trigger refuses a chain or more than the poll's fixed maxPerDelegate in
 *   force, whatever the application does.
 * - A ballot or secret participation cast by proxy references the poll's
 *   fixed proxy (poll, delegator, delegate): the database refuses a proxy
 *   ballot for which no proxy was fixed.
 */
export class ProxyVoting1796710000000 implements MigrationInterface {
  name = 'ProxyVoting1796710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "proxies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "council_id" uuid NOT NULL, "delegator_membership_id" uuid NOT NULL, "delegate_membership_id" uuid NOT NULL, "session_id" uuid, "poll_id" uuid, "instruction" text, "status" text NOT NULL DEFAULT 'active', "created_by_user_id" uuid NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_by_user_id" uuid, CONSTRAINT "ck_proxies_status" CHECK ("status" IN ('active', 'revoked')), CONSTRAINT "ck_proxies_not_self" CHECK ("delegator_membership_id" <> "delegate_membership_id"), CONSTRAINT "ck_proxies_one_scope" CHECK (("session_id" IS NULL) <> ("poll_id" IS NULL)), CONSTRAINT "pk_proxies" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_proxies_delegate" ON "proxies" ("delegate_membership_id", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_proxies_poll" ON "proxies" ("poll_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_proxies_session" ON "proxies" ("session_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_proxies_active_poll" ON "proxies" ("delegator_membership_id", "poll_id") WHERE "status" = 'active' AND "poll_id" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_proxies_active_session" ON "proxies" ("delegator_membership_id", "session_id") WHERE "status" = 'active' AND "session_id" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "poll_proxies" ("poll_id" uuid NOT NULL, "delegator_membership_id" uuid NOT NULL, "delegate_membership_id" uuid NOT NULL, "proxy_id" uuid NOT NULL, "status" text NOT NULL, CONSTRAINT "ck_poll_proxies_status" CHECK ("status" IN ('in_force', 'suspended')), CONSTRAINT "ck_poll_proxies_not_self" CHECK ("delegator_membership_id" <> "delegate_membership_id"), CONSTRAINT "pk_poll_proxies" PRIMARY KEY ("poll_id", "delegator_membership_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_poll_proxies_delegate" ON "poll_proxies" ("poll_id", "delegate_membership_id") `);
    await queryRunner.query(`ALTER TABLE "councils" ADD "proxy_voting" jsonb NOT NULL DEFAULT '{"enabled": false, "onSecretPolls": false, "maxPerDelegate": 1, "delegatorMayVote": false, "countTowardQuorum": false}'`);
    await queryRunner.query(`ALTER TABLE "polls" ADD "proxy_settings" jsonb`);
    await queryRunner.query(`ALTER TABLE "ballots" ADD "cast_by_membership_id" uuid`);
    await queryRunner.query(`ALTER TABLE "secret_participations" ADD "cast_by_membership_id" uuid`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "represented_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "proxies" ADD CONSTRAINT "fk_proxies_council" FOREIGN KEY ("council_id") REFERENCES "councils"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proxies" ADD CONSTRAINT "fk_proxies_delegator" FOREIGN KEY ("delegator_membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proxies" ADD CONSTRAINT "fk_proxies_delegate" FOREIGN KEY ("delegate_membership_id") REFERENCES "memberships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "proxies" ADD CONSTRAINT "fk_proxies_poll" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "poll_proxies" ADD CONSTRAINT "fk_poll_proxies_delegator" FOREIGN KEY ("poll_id", "delegator_membership_id") REFERENCES "poll_voters"("poll_id","membership_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "poll_proxies" ADD CONSTRAINT "fk_poll_proxies_delegate" FOREIGN KEY ("poll_id", "delegate_membership_id") REFERENCES "poll_voters"("poll_id","membership_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "poll_proxies" ADD CONSTRAINT "fk_poll_proxies_proxy" FOREIGN KEY ("proxy_id") REFERENCES "proxies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Written by hand from here on.
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE "poll_proxies" ADD CONSTRAINT "uq_poll_proxies_pair" UNIQUE ("poll_id", "delegator_membership_id", "delegate_membership_id")`);
    for (const table of ['ballots', 'secret_participations']) {
      await q(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_proxy" FOREIGN KEY ("poll_id", "membership_id", "cast_by_membership_id")
           REFERENCES "poll_proxies"("poll_id", "delegator_membership_id", "delegate_membership_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }
    await q(`CREATE TRIGGER poll_proxies_state AFTER INSERT ON poll_proxies REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION poll_rows_guard('draft')`);
    await q(`CREATE TRIGGER poll_proxies_immutable BEFORE UPDATE OR DELETE ON poll_proxies FOR EACH ROW EXECUTE FUNCTION kenes_refuse_change()`);
    await q(`CREATE TRIGGER poll_proxies_no_truncate BEFORE TRUNCATE ON poll_proxies FOR EACH STATEMENT EXECUTE FUNCTION kenes_refuse_change()`);
    await q(`
      CREATE FUNCTION poll_proxies_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        bad uuid;
      BEGIN
        -- No chain: nobody in force is both a delegator and a delegate of one poll.
        SELECT a.poll_id INTO bad FROM public.poll_proxies a JOIN public.poll_proxies b ON b.poll_id = a.poll_id AND b.delegator_membership_id = a.delegate_membership_id
         WHERE a.poll_id IN (SELECT poll_id FROM inserted) AND a.status = 'in_force' AND b.status = 'in_force' LIMIT 1;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION 'the proxies of poll % would chain', bad USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        -- No delegate above the cap fixed with the poll.
        SELECT pp.poll_id INTO bad FROM public.poll_proxies pp JOIN public.polls p ON p.id = pp.poll_id
         WHERE pp.poll_id IN (SELECT poll_id FROM inserted) AND pp.status = 'in_force'
         GROUP BY pp.poll_id, pp.delegate_membership_id, p.proxy_settings
        HAVING p.proxy_settings IS NULL OR NOT coalesce((p.proxy_settings->>'enabled')::boolean, false)
            OR count(*) > coalesce((p.proxy_settings->>'maxPerDelegate')::int, 1)
         LIMIT 1;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION 'a delegate of poll % would hold more proxies than its statute allows', bad USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NULL;
      END
      $$`);
    await q(`CREATE TRIGGER poll_proxies_guard AFTER INSERT ON poll_proxies REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION poll_proxies_guard()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER poll_proxies_guard ON poll_proxies`);
    await queryRunner.query(`DROP FUNCTION poll_proxies_guard()`);
    await queryRunner.query(`DROP TRIGGER poll_proxies_no_truncate ON poll_proxies`);
    await queryRunner.query(`DROP TRIGGER poll_proxies_immutable ON poll_proxies`);
    await queryRunner.query(`DROP TRIGGER poll_proxies_state ON poll_proxies`);
    await queryRunner.query(`ALTER TABLE "secret_participations" DROP CONSTRAINT "fk_secret_participations_proxy"`);
    await queryRunner.query(`ALTER TABLE "ballots" DROP CONSTRAINT "fk_ballots_proxy"`);
    await queryRunner.query(`ALTER TABLE "poll_proxies" DROP CONSTRAINT "uq_poll_proxies_pair"`);
    await queryRunner.query(`ALTER TABLE "poll_proxies" DROP CONSTRAINT "fk_poll_proxies_proxy"`);
    await queryRunner.query(`ALTER TABLE "poll_proxies" DROP CONSTRAINT "fk_poll_proxies_delegate"`);
    await queryRunner.query(`ALTER TABLE "poll_proxies" DROP CONSTRAINT "fk_poll_proxies_delegator"`);
    await queryRunner.query(`ALTER TABLE "proxies" DROP CONSTRAINT "fk_proxies_poll"`);
    await queryRunner.query(`ALTER TABLE "proxies" DROP CONSTRAINT "fk_proxies_delegate"`);
    await queryRunner.query(`ALTER TABLE "proxies" DROP CONSTRAINT "fk_proxies_delegator"`);
    await queryRunner.query(`ALTER TABLE "proxies" DROP CONSTRAINT "fk_proxies_council"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "represented_count"`);
    await queryRunner.query(`ALTER TABLE "secret_participations" DROP COLUMN "cast_by_membership_id"`);
    await queryRunner.query(`ALTER TABLE "ballots" DROP COLUMN "cast_by_membership_id"`);
    await queryRunner.query(`ALTER TABLE "polls" DROP COLUMN "proxy_settings"`);
    await queryRunner.query(`ALTER TABLE "councils" DROP COLUMN "proxy_voting"`);
    await queryRunner.query(`DROP INDEX "public"."ix_poll_proxies_delegate"`);
    await queryRunner.query(`DROP TABLE "poll_proxies"`);
    await queryRunner.query(`DROP INDEX "public"."uq_proxies_active_session"`);
    await queryRunner.query(`DROP INDEX "public"."uq_proxies_active_poll"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proxies_session"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proxies_poll"`);
    await queryRunner.query(`DROP INDEX "public"."ix_proxies_delegate"`);
    await queryRunner.query(`DROP TABLE "proxies"`);
  }
}
