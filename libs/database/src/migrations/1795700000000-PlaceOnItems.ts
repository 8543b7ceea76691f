import { MigrationInterface, QueryRunner } from 'typeorm';

const ITEMS = ['offer', 'collaboration_request'];

/**
 * The organisation's coordinates copied onto its offers and requests, so that the matching
 * pre-filter reads distance from the offer index alone (no join per candidate). Triggers
 * keep the copies right, whoever writes: set on insert, followed when an organisation
 * moves.
 */
export class PlaceOnItems1795700000000 implements MigrationInterface {
  name = 'PlaceOnItems1795700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION copy_organization_place() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT g.latitude, g.longitude INTO NEW.latitude, NEW.longitude FROM organization g WHERE g.id = NEW.organization_id;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION follow_organization_place() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE offer SET latitude = NEW.latitude, longitude = NEW.longitude WHERE organization_id = NEW.id;
        UPDATE collaboration_request SET latitude = NEW.latitude, longitude = NEW.longitude WHERE organization_id = NEW.id;
        RETURN NULL;
      END $$`);
    for (const t of ITEMS) {
      await q.query(`ALTER TABLE "${t}" ADD "latitude" double precision, ADD "longitude" double precision`);
      await q.query(`UPDATE "${t}" x SET latitude = g.latitude, longitude = g.longitude FROM organization g WHERE g.id = x.organization_id`);
      await q.query(
        `CREATE TRIGGER "tr_${t}_place" BEFORE INSERT OR UPDATE OF organization_id, latitude, longitude ON "${t}" FOR EACH ROW EXECUTE FUNCTION copy_organization_place()`,
      );
    }
    await q.query(
      `CREATE TRIGGER "tr_organization_place" AFTER UPDATE OF latitude, longitude ON "organization" FOR EACH ROW
       WHEN (OLD.latitude IS DISTINCT FROM NEW.latitude OR OLD.longitude IS DISTINCT FROM NEW.longitude)
       EXECUTE FUNCTION follow_organization_place()`,
    );
    // The backfill queued the deferred cache-version triggers; fire them now, since
    // Postgres will not build an index on a table with trigger events pending.
    await q.query(`SET CONSTRAINTS ALL IMMEDIATE`);
    await q.query(`DROP INDEX "ix_offer_match"`);
    await q.query(
      `CREATE INDEX "ix_offer_match" ON "offer" ("activity_type", "available_from")
       INCLUDE ("available_until", "id", "organization_id", "capacity", "capacity_held", "languages", "delivery_modes", "focus_areas",
                "group_size_max", "min_student_age", "travel_radius_km", "status", "region_code", "latitude", "longitude")
       WHERE status = 'PUBLISHED'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_offer_match"`);
    await q.query(
      `CREATE INDEX "ix_offer_match" ON "offer" ("activity_type", "available_from")
       INCLUDE ("available_until", "id", "organization_id", "capacity", "capacity_held", "languages", "delivery_modes", "focus_areas",
                "group_size_max", "min_student_age", "travel_radius_km", "status", "region_code")
       WHERE status = 'PUBLISHED'`,
    );
    await q.query(`DROP TRIGGER "tr_organization_place" ON "organization"`);
    for (const t of ITEMS) {
      await q.query(`DROP TRIGGER "tr_${t}_place" ON "${t}"`);
      await q.query(`ALTER TABLE "${t}" DROP COLUMN "latitude", DROP COLUMN "longitude"`);
    }
    await q.query(`DROP FUNCTION follow_organization_place()`);
    await q.query(`DROP FUNCTION copy_organization_place()`);
  }
}
