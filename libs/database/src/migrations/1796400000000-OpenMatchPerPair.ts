import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database backs up the match workflow's locks (issue 13): at most one open match
 * (PROPOSED, AWAITING_APPROVAL, APPROVED, SCHEDULED) per request and offer, a partial
 * unique index; and never more held than an offer has, or more matched than a request
 * asks for, CHECKs.
 *
 * Concurrent allocation rounds could make two open matches of one pair before this. Such
 * duplicates are settled first: per pair the furthest along (then the oldest) stays, the
 * others become CANCELLED with a system event ("duplicate") and give back what they held.
 * The SQL below is a one-off copy of the workflow's rules (release, statusForMatched),
 * frozen here as they are today. Nobody is notified: these were never meant to exist.
 */
export class OpenMatchPerPair1796400000000 implements MigrationInterface {
  name = 'OpenMatchPerPair1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TEMPORARY TABLE "duplicate_open_match" AS
            SELECT "id", "request_id", "offer_id", "quantity", "status"
              FROM (SELECT *, row_number() OVER (
                               PARTITION BY "request_id", "offer_id"
                               ORDER BY CASE "status" WHEN 'SCHEDULED' THEN 0 WHEN 'APPROVED' THEN 1 WHEN 'AWAITING_APPROVAL' THEN 2 ELSE 3 END,
                                        "created_at", "id") AS "rank"
                      FROM "collaboration_match"
                     WHERE "status" IN ('PROPOSED', 'AWAITING_APPROVAL', 'APPROVED', 'SCHEDULED')) "ranked"
             WHERE "rank" > 1
        `);
    await queryRunner.query(`
            UPDATE "offer" o SET "capacity_held" = o."capacity_held" - h."held", "updated_at" = now()
              FROM (SELECT "offer_id", sum("quantity")::int AS "held" FROM "duplicate_open_match"
                     WHERE "status" <> 'PROPOSED' GROUP BY "offer_id") h
             WHERE o."id" = h."offer_id"
        `);
    await queryRunner.query(`
            UPDATE "collaboration_request" r
               SET "quantity_matched" = r."quantity_matched" - h."held",
                   "status" = CASE WHEN r."status" NOT IN ('OPEN', 'PARTIALLY_MATCHED', 'MATCHED') THEN r."status"
                                   WHEN r."quantity_matched" - h."held" <= 0 THEN 'OPEN'
                                   WHEN r."quantity_matched" - h."held" >= r."quantity" THEN 'MATCHED'
                                   ELSE 'PARTIALLY_MATCHED' END,
                   "updated_at" = now()
              FROM (SELECT "request_id", sum("quantity")::int AS "held" FROM "duplicate_open_match"
                     WHERE "status" <> 'PROPOSED' GROUP BY "request_id") h
             WHERE r."id" = h."request_id"
        `);
    await queryRunner.query(`
            INSERT INTO "match_event" ("match_id", "actor_id", "from_status", "to_status", "comment")
            SELECT "id", NULL, "status", 'CANCELLED', 'duplicate' FROM "duplicate_open_match"
        `);
    await queryRunner.query(`
            UPDATE "collaboration_match" SET "status" = 'CANCELLED', "sequence" = "sequence" + 1, "updated_at" = now()
             WHERE "id" IN (SELECT "id" FROM "duplicate_open_match")
        `);
    await queryRunner.query(`
            DROP TABLE "duplicate_open_match"
        `);
    // The cache-version triggers (migration CacheVersion) are deferred; fire them now, or ALTER TABLE refuses.
    await queryRunner.query(`
            SET CONSTRAINTS ALL IMMEDIATE
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ux_match_open_pair" ON "collaboration_match" ("request_id", "offer_id")
            WHERE "status" IN (
                    'PROPOSED',
                    'AWAITING_APPROVAL',
                    'APPROVED',
                    'SCHEDULED'
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "offer"
            ADD CONSTRAINT "ck_offer_capacity_held" CHECK ("capacity_held" <= "capacity")
        `);
    await queryRunner.query(`
            ALTER TABLE "collaboration_request"
            ADD CONSTRAINT "ck_request_quantity_matched" CHECK ("quantity_matched" <= "quantity")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "collaboration_request" DROP CONSTRAINT "ck_request_quantity_matched"
        `);
    await queryRunner.query(`
            ALTER TABLE "offer" DROP CONSTRAINT "ck_offer_capacity_held"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ux_match_open_pair"
        `);
  }
}
