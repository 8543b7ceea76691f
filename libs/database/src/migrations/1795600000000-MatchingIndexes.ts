import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the matching pre-filter (libs/collaboration MatchingData): candidates are
 * published offers / open requests of one activity type whose dates overlap.
 */
export class MatchingIndexes1795600000000 implements MigrationInterface {
  name = 'MatchingIndexes1795600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_offer_match" ON "offer" ("activity_type", "available_from", "available_until") WHERE status = 'PUBLISHED'`);
    await q.query(
      `CREATE INDEX "ix_request_match" ON "collaboration_request" ("activity_type", "earliest_date", "latest_date") WHERE status IN ('OPEN', 'PARTIALLY_MATCHED')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_request_match"`);
    await q.query(`DROP INDEX "ix_offer_match"`);
  }
}
