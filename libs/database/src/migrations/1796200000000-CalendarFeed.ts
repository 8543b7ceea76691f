import { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarFeed1796200000000 implements MigrationInterface {
  name = 'CalendarFeed1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "calendar_feed" (
                "user_id" uuid NOT NULL,
                "token" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "rotated_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_calendar_feed" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_calendar_feed_token" ON "calendar_feed" ("token")
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_feed"
            ADD CONSTRAINT "fk_calendar_feed_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "calendar_feed" DROP CONSTRAINT "fk_calendar_feed_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_calendar_feed_token"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_feed"
        `);
  }
}
