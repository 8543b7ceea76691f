import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One number that changes whenever data the API caches changes (docs/decisions.md,
 * "Read cache"). Deferred constraint triggers bump it at COMMIT of any transaction that
 * wrote one of the tables below, once per transaction; so a reader that sees the new
 * number also sees the write, and the version row is always the last lock a writer takes
 * (no deadlocks with the row locks of the match workflow).
 */
const TABLES = ['offer', 'collaboration_request', 'organization', 'app_user', 'membership', 'coordinator_region', 'region', 'focus_area'];

export class CacheVersion1795500000000 implements MigrationInterface {
  name = 'CacheVersion1795500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "cache_version" ("id" smallint NOT NULL DEFAULT 1, "version" bigint NOT NULL, CONSTRAINT "pk_cache_version" PRIMARY KEY ("id"), CONSTRAINT "ck_cache_version_one_row" CHECK ("id" = 1))`,
    );
    await q.query(`INSERT INTO "cache_version" ("id", "version") VALUES (1, 1)`);
    await q.query(`
      CREATE FUNCTION bump_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('brobygge.cache_bumped', true) IS DISTINCT FROM txid_current()::text THEN
          PERFORM set_config('brobygge.cache_bumped', txid_current()::text, true);
          UPDATE cache_version SET version = version + 1 WHERE id = 1;
        END IF;
        RETURN NULL;
      END $$`);
    for (const t of TABLES) {
      await q.query(
        `CREATE CONSTRAINT TRIGGER "tr_${t}_cache_version" AFTER INSERT OR UPDATE OR DELETE ON "${t}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_version()`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of TABLES) await q.query(`DROP TRIGGER "tr_${t}_cache_version" ON "${t}"`);
    await q.query(`DROP FUNCTION bump_cache_version()`);
    await q.query(`DROP TABLE "cache_version"`);
  }
}
