import { MigrationInterface, QueryRunner } from 'typeorm';

export class Matches1795800000000 implements MigrationInterface {
  name = 'Matches1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "collaboration_match" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "request_id" uuid NOT NULL,
                "offer_id" uuid NOT NULL,
                "school_id" uuid NOT NULL,
                "partner_id" uuid NOT NULL,
                "region_code" character varying(64) NOT NULL,
                "quantity" integer NOT NULL,
                "score" double precision NOT NULL DEFAULT '0',
                "status" character varying(24) NOT NULL,
                "origin" character varying(16) NOT NULL,
                "school_accepted" boolean NOT NULL DEFAULT false,
                "partner_accepted" boolean NOT NULL DEFAULT false,
                "starts_at" TIMESTAMP WITH TIME ZONE,
                "ends_at" TIMESTAMP WITH TIME ZONE,
                "sequence" integer NOT NULL DEFAULT '0',
                "proposed_by_id" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_collaboration_match" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_due" ON "collaboration_match" ("status", "ends_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_created" ON "collaboration_match" ("created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_region" ON "collaboration_match" ("region_code", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_partner" ON "collaboration_match" ("partner_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_school" ON "collaboration_match" ("school_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_offer" ON "collaboration_match" ("offer_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_request" ON "collaboration_match" ("request_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "match_event" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "match_id" uuid NOT NULL,
                "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "actor_id" uuid,
                "from_status" character varying(24),
                "to_status" character varying(24) NOT NULL,
                "comment" text,
                CONSTRAINT "pk_match_event" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_event_match" ON "match_event" ("match_id", "at")
        `);
    await queryRunner.query(`
            ALTER TABLE "collaboration_match"
            ADD CONSTRAINT "fk_match_request" FOREIGN KEY ("request_id") REFERENCES "collaboration_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "collaboration_match"
            ADD CONSTRAINT "fk_match_offer" FOREIGN KEY ("offer_id") REFERENCES "offer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "match_event"
            ADD CONSTRAINT "fk_match_event_match" FOREIGN KEY ("match_id") REFERENCES "collaboration_match"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "match_event" DROP CONSTRAINT "fk_match_event_match"
        `);
    await queryRunner.query(`
            ALTER TABLE "collaboration_match" DROP CONSTRAINT "fk_match_offer"
        `);
    await queryRunner.query(`
            ALTER TABLE "collaboration_match" DROP CONSTRAINT "fk_match_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_event_match"
        `);
    await queryRunner.query(`
            DROP TABLE "match_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_offer"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_school"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_partner"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_region"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_due"
        `);
    await queryRunner.query(`
            DROP TABLE "collaboration_match"
        `);
  }
}
