import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the matching pre-filter (libs/collaboration MatchingData): candidates are
 * published offers / open requests of one activity type whose dates overlap. The offer
 * index covers every column the pre-filter and the score read, so that Postgres answers
 * from the index alone; partners' loads (held / capacity) come from a covering index too.
 */
export class MatchingIndexes1795600000000 implements MigrationInterface {
  name = 'MatchingIndexes1795600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_offer_match" ON "offer" ("activity_type", "available_from")
       INCLUDE ("available_until", "id", "organization_id", "capacity", "capacity_held", "languages", "delivery_modes", "focus_areas",
                "group_size_max", "min_student_age", "travel_radius_km", "status", "region_code")
       WHERE status = 'PUBLISHED'`,
    );
    await q.query(`CREATE INDEX "ix_offer_partner_load" ON "offer" ("organization_id") INCLUDE ("capacity", "capacity_held") WHERE status = 'PUBLISHED'`);
    await q.query(
      `CREATE INDEX "ix_request_match" ON "collaboration_request" ("activity_type", "earliest_date", "latest_date") WHERE status IN ('OPEN', 'PARTIALLY_MATCHED')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_request_match"`);
    await q.query(`DROP INDEX "ix_offer_partner_load"`);
    await q.query(`DROP INDEX "ix_offer_match"`);
  }
}
