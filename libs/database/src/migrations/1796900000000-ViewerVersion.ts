import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The viewer cache (issue 17; docs/decisions.md, "The viewer cache (issue 17)"). Each
 * person's viewer — the row's e-mail, name, locale, admin flag, erasure, and their
 * memberships and coordinator regions — has a version that triggers change in the same
 * transaction as any write to those, whoever writes (services, seeds, tests, hand-written
 * SQL): a reader that sees the new version sees the change. Versions come from one
 * sequence, so a number never comes back, not even after a row is removed; a person
 * without a row has version 0 (nothing changed since this migration; the API's caches
 * start empty).
 */
export class ViewerVersion1796900000000 implements MigrationInterface {
  name = 'ViewerVersion1796900000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE "viewer_version_seq"`);
    await q.query(`CREATE TABLE "viewer_version" ("user_id" uuid NOT NULL, "version" bigint NOT NULL, CONSTRAINT "pk_viewer_version" PRIMARY KEY ("user_id"))`);
    await q.query(`
      CREATE FUNCTION bump_viewer_version(uid uuid) RETURNS void LANGUAGE sql AS $$
        INSERT INTO viewer_version (user_id, version) VALUES (uid, nextval('viewer_version_seq'))
        ON CONFLICT (user_id) DO UPDATE SET version = EXCLUDED.version
      $$`);
    await q.query(`
      CREATE FUNCTION viewer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE col text := TG_ARGV[0];
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM bump_viewer_version((to_jsonb(NEW) ->> col)::uuid); END IF;
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (to_jsonb(OLD) ->> col) IS DISTINCT FROM (to_jsonb(NEW) ->> col)) THEN
          PERFORM bump_viewer_version((to_jsonb(OLD) ->> col)::uuid);
        END IF;
        RETURN NULL;
      END $$`);
    // app_user: only the columns the viewer is made of (and the password, for whatever
    // comes to depend on it), not the digest bookkeeping that the worker writes often; not
    // INSERT either: a new id has no viewer cached anywhere (version 0 is right for it).
    await q.query(
      `CREATE TRIGGER "tr_app_user_viewer_version" AFTER DELETE OR UPDATE OF "email", "name", "locale", "is_admin", "deleted_at", "password_hash" ON "app_user" FOR EACH ROW EXECUTE FUNCTION viewer_changed('id')`,
    );
    for (const t of ['membership', 'coordinator_region']) {
      await q.query(`CREATE TRIGGER "tr_${t}_viewer_version" AFTER INSERT OR UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION viewer_changed('user_id')`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['app_user', 'membership', 'coordinator_region']) await q.query(`DROP TRIGGER "tr_${t}_viewer_version" ON "${t}"`);
    await q.query(`DROP FUNCTION viewer_changed()`);
    await q.query(`DROP FUNCTION bump_viewer_version(uuid)`);
    await q.query(`DROP TABLE "viewer_version"`);
    await q.query(`DROP SEQUENCE "viewer_version_seq"`);
  }
}
