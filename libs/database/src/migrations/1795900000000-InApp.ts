import { MigrationInterface, QueryRunner } from 'typeorm';

export class InApp1795900000000 implements MigrationInterface {
  name = 'InApp1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "user_id" uuid NOT NULL,
                "outbox_id" uuid NOT NULL,
                "type" character varying(64) NOT NULL,
                "title" character varying(300) NOT NULL,
                "body" text NOT NULL,
                "link" character varying(500),
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_notification" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notification_outbox" ON "notification" ("outbox_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_user" ON "notification" ("user_id", "created_at", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "notification"
            ADD CONSTRAINT "fk_notification_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notification_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_notification_outbox"
        `);
    await queryRunner.query(`
            DROP TABLE "notification"
        `);
  }
}
