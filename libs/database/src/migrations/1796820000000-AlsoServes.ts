import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offers across borders (issue 16, point 5). `offer.also_serves_region_codes`: regions
 * beyond the organisation's own that an offer serves — an array on the offer, so that the
 * catalogue filter, the matching pre-filter and allocation rounds stay on the offer row
 * and its indexes (a GIN index for "serves region X"; the matching index covers the column
 * so the pre-filter stays index-only). An array cannot carry foreign keys, so a trigger
 * refuses codes that are not regions (the service validates first and names the field).
 *
 * `collaboration_match.offer_region_code`: the offer's region, copied by a trigger when a
 * match is made (whoever inserts it), so that the coordinators of the offer's region can
 * see cross-border matches (read-only) without a join per match.
 */
export class AlsoServes1796820000000 implements MigrationInterface {
  name = 'AlsoServes1796820000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "offer" ADD "also_serves_region_codes" character varying(64) array NOT NULL DEFAULT '{}'`);
    await q.query(
      `ALTER TABLE "offer" ADD CONSTRAINT "ck_offer_also_serves" CHECK (cardinality("also_serves_region_codes") <= 10 AND NOT ("region_code" = ANY("also_serves_region_codes")))`,
    );
    await q.query(`
      CREATE FUNCTION check_offer_also_serves() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE missing varchar;
      BEGIN
        SELECT c INTO missing FROM unnest(NEW.also_serves_region_codes) c WHERE NOT EXISTS (SELECT 1 FROM region r WHERE r.code = c) LIMIT 1;
        IF missing IS NOT NULL THEN
          RAISE foreign_key_violation USING MESSAGE = format('offer.also_serves_region_codes: there is no region %L', missing);
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_offer_also_serves" BEFORE INSERT OR UPDATE OF also_serves_region_codes ON "offer" FOR EACH ROW EXECUTE FUNCTION check_offer_also_serves()`,
    );
    await q.query(`CREATE INDEX "ix_offer_also_serves" ON "offer" USING gin ("also_serves_region_codes")`);
    await q.query(`DROP INDEX "ix_offer_match"`);
    await q.query(
      `CREATE INDEX "ix_offer_match" ON "offer" ("activity_type", "available_from")
       INCLUDE ("available_until", "id", "organization_id", "capacity", "capacity_held", "languages", "delivery_modes", "focus_areas",
                "group_size_max", "min_student_age", "travel_radius_km", "status", "region_code", "latitude", "longitude", "also_serves_region_codes")
       WHERE status = 'PUBLISHED'`,
    );

    await q.query(`ALTER TABLE "collaboration_match" ADD "offer_region_code" character varying(64)`);
    await q.query(`UPDATE "collaboration_match" x SET offer_region_code = o.region_code FROM offer o WHERE o.id = x.offer_id`);
    await q.query(`ALTER TABLE "collaboration_match" ALTER COLUMN "offer_region_code" SET NOT NULL`);
    await q.query(
      `ALTER TABLE "collaboration_match" ADD CONSTRAINT "fk_match_offer_region" FOREIGN KEY ("offer_region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(`
      CREATE FUNCTION copy_offer_region() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT o.region_code INTO NEW.offer_region_code FROM offer o WHERE o.id = NEW.offer_id;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER "tr_match_offer_region" BEFORE INSERT OR UPDATE OF offer_id, offer_region_code ON "collaboration_match" FOR EACH ROW EXECUTE FUNCTION copy_offer_region()`,
    );
    // The backfill may have queued deferred trigger events; Postgres builds no index on a table with events pending.
    await q.query(`SET CONSTRAINTS ALL IMMEDIATE`);
    await q.query(`CREATE INDEX "ix_match_offer_region" ON "collaboration_match" ("offer_region_code", "created_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_match_offer_region"`);
    await q.query(`DROP TRIGGER "tr_match_offer_region" ON "collaboration_match"`);
    await q.query(`DROP FUNCTION copy_offer_region()`);
    await q.query(`ALTER TABLE "collaboration_match" DROP CONSTRAINT "fk_match_offer_region"`);
    await q.query(`ALTER TABLE "collaboration_match" DROP COLUMN "offer_region_code"`);
    await q.query(`DROP INDEX "ix_offer_match"`);
    await q.query(
      `CREATE INDEX "ix_offer_match" ON "offer" ("activity_type", "available_from")
       INCLUDE ("available_until", "id", "organization_id", "capacity", "capacity_held", "languages", "delivery_modes", "focus_areas",
                "group_size_max", "min_student_age", "travel_radius_km", "status", "region_code", "latitude", "longitude")
       WHERE status = 'PUBLISHED'`,
    );
    await q.query(`DROP INDEX "ix_offer_also_serves"`);
    await q.query(`DROP TRIGGER "tr_offer_also_serves" ON "offer"`);
    await q.query(`DROP FUNCTION check_offer_also_serves()`);
    await q.query(`ALTER TABLE "offer" DROP CONSTRAINT "ck_offer_also_serves"`);
    await q.query(`ALTER TABLE "offer" DROP COLUMN "also_serves_region_codes"`);
  }
}
