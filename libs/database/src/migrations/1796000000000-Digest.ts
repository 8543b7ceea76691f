import { MigrationInterface, QueryRunner } from 'typeorm';

export class Digest1796000000000 implements MigrationInterface {
  name = 'Digest1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD "last_digest_at" TIMESTAMP WITH TIME ZONE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "app_user" DROP COLUMN "last_digest_at"
        `);
  }
}
