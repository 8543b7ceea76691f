import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workplace placements (issue 16): a WORKPLACE_PLACEMENT match's supervisor and risk
 * assessment, one row per match, gone with the match.
 */
export class Placements1796800000000 implements MigrationInterface {
  name = 'Placements1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "placement" (
                "match_id" uuid NOT NULL,
                "supervisor" jsonb,
                "risk_assessment" jsonb,
                "submitted_at" TIMESTAMP(3) WITH TIME ZONE,
                "submitted_by_id" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_placement" PRIMARY KEY ("match_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "placement"
            ADD CONSTRAINT "fk_placement_match" FOREIGN KEY ("match_id") REFERENCES "collaboration_match"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "placement" DROP CONSTRAINT "fk_placement_match"
        `);
    await queryRunner.query(`
            DROP TABLE "placement"
        `);
  }
}
