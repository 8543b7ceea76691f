import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback on completed matches. Its writes move the cache version (migration
 * CacheVersion), because the matching score's "past feedback" is read per version.
 */

export class Feedback1796100000000 implements MigrationInterface {
  name = 'Feedback1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "feedback" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "match_id" uuid NOT NULL,
                "side" character varying(8) NOT NULL,
                "partner_id" uuid NOT NULL,
                "submitted_by_id" uuid,
                "rating" smallint NOT NULL,
                "comment" text,
                "participants_female" integer,
                "participants_male" integer,
                "participants_non_binary" integer,
                "participants_unknown" integer,
                "would_repeat" boolean,
                "submitted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_feedback_participants" CHECK (
                    coalesce("participants_female", 0) >= 0
                    AND coalesce("participants_male", 0) >= 0
                    AND coalesce("participants_non_binary", 0) >= 0
                    AND coalesce("participants_unknown", 0) >= 0
                ),
                CONSTRAINT "ck_feedback_rating" CHECK (
                    "rating" BETWEEN 1 AND 5
                ),
                CONSTRAINT "ck_feedback_side" CHECK ("side" IN ('SCHOOL', 'PARTNER')),
                CONSTRAINT "pk_feedback" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_feedback_partner" ON "feedback" ("partner_id", "side")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_feedback_match_side" ON "feedback" ("match_id", "side")
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback"
            ADD CONSTRAINT "fk_feedback_match" FOREIGN KEY ("match_id") REFERENCES "collaboration_match"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER "tr_feedback_cache_version" AFTER INSERT OR UPDATE OR DELETE ON "feedback"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_cache_version()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_feedback_cache_version" ON "feedback"`);
    await queryRunner.query(`
            ALTER TABLE "feedback" DROP CONSTRAINT "fk_feedback_match"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_feedback_match_side"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_feedback_partner"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback"
        `);
  }
}
