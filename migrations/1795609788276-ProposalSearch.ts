import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (a trigger-kept table is not entity metadata): the full-text
 * document of each proposal, kept by the database from the proposal's current
 * title (weight A), summary (B) and body (C), GIN-indexed. The `russian`
 * configuration stems Russian words and sends ASCII words to english_stem, so
 * one document serves Russian and English; Kazakh words match as written.
 */
export class ProposalSearch1795609788276 implements MigrationInterface {
  name = 'ProposalSearch1795609788276';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE proposal_search (
        proposal_id uuid PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
        document tsvector NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX ix_proposal_search_document ON proposal_search USING gin (document)`);
    await queryRunner.query(`
      CREATE FUNCTION proposal_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO proposal_search (proposal_id, document)
        VALUES (NEW.id,
                setweight(to_tsvector('russian'::regconfig, coalesce(NEW.title, '')), 'A') ||
                setweight(to_tsvector('russian'::regconfig, coalesce(NEW.summary, '')), 'B') ||
                setweight(to_tsvector('russian'::regconfig, coalesce(NEW.body, '')), 'C'))
        ON CONFLICT (proposal_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER proposals_search_refresh AFTER INSERT OR UPDATE OF title, summary, body ON proposals
      FOR EACH ROW EXECUTE FUNCTION proposal_search_refresh()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER proposals_search_refresh ON proposals`);
    await queryRunner.query(`DROP FUNCTION proposal_search_refresh()`);
    await queryRunner.query(`DROP TABLE proposal_search`);
  }
}
