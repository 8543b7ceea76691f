import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conversation on a match (issue 16): its messages (plain text, at most 4,000
 * characters; kept without an author when the account is erased) and each person's read
 * marker and last message e-mail per match (the hourly e-mail cap).
 */
export class Messages1796810000000 implements MigrationInterface {
  name = 'Messages1796810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "match_message" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "match_id" uuid NOT NULL,
                "author_id" uuid,
                "side" character varying(16) NOT NULL,
                "body" text NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_match_message_body" CHECK (
                    char_length("body") BETWEEN 1 AND 4000
                ),
                CONSTRAINT "ck_match_message_side" CHECK ("side" IN ('SCHOOL', 'PARTNER', 'COORDINATOR')),
                CONSTRAINT "pk_match_message" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_message_author" ON "match_message" ("author_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_message_match" ON "match_message" ("match_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "match_message_reader" (
                "match_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "last_read_at" TIMESTAMP(3) WITH TIME ZONE,
                "last_emailed_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "pk_match_message_reader" PRIMARY KEY ("match_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_message_reader_user" ON "match_message_reader" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "match_message"
            ADD CONSTRAINT "fk_match_message_match" FOREIGN KEY ("match_id") REFERENCES "collaboration_match"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "match_message"
            ADD CONSTRAINT "fk_match_message_author" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "match_message_reader"
            ADD CONSTRAINT "fk_match_message_reader_match" FOREIGN KEY ("match_id") REFERENCES "collaboration_match"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "match_message_reader"
            ADD CONSTRAINT "fk_match_message_reader_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "match_message_reader" DROP CONSTRAINT "fk_match_message_reader_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "match_message_reader" DROP CONSTRAINT "fk_match_message_reader_match"
        `);
    await queryRunner.query(`
            ALTER TABLE "match_message" DROP CONSTRAINT "fk_match_message_author"
        `);
    await queryRunner.query(`
            ALTER TABLE "match_message" DROP CONSTRAINT "fk_match_message_match"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_message_reader_user"
        `);
    await queryRunner.query(`
            DROP TABLE "match_message_reader"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_message_match"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_message_author"
        `);
    await queryRunner.query(`
            DROP TABLE "match_message"
        `);
  }
}
