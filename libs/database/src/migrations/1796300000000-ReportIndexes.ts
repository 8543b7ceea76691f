import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportIndexes1796300000000 implements MigrationInterface {
  name = 'ReportIndexes1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "ix_request_region_created" ON "collaboration_request" ("region_code", "created_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_request_region_created"
        `);
  }
}
