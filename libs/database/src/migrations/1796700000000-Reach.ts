import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reach every school (issue 15): school profiles (register code, levels, programmes, pupils,
 * need index, contact person, claimed), a coordinator's outreach (collaboration), targets
 * and half-year follow-ups (follow-up), and requests a coordinator made for a school.
 * Existing organisations are claimed (they were created by their owners).
 */
export class Reach1796700000000 implements MigrationInterface {
  name = 'Reach1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "outreach" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "organization_id" uuid NOT NULL,
                "region_code" character varying(64) NOT NULL,
                "coordinator_id" uuid,
                "email" character varying(320),
                "message" text,
                "offer_ids" uuid array NOT NULL DEFAULT '{}',
                "invitation_id" uuid,
                "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "responded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_outreach" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outreach_coordinator" ON "outreach" ("coordinator_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outreach_organization_sent" ON "outreach" ("organization_id", "sent_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "follow_up" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "region_code" character varying(64) NOT NULL,
                "from_date" date NOT NULL,
                "to_date" date NOT NULL,
                "report" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_follow_up" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_follow_up_created" ON "follow_up" ("created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_follow_up_region_period" ON "follow_up" ("region_code", "from_date", "to_date")
        `);
    await queryRunner.query(`
            CREATE TABLE "target" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "region_code" character varying(64) NOT NULL,
                "measure" character varying(32) NOT NULL,
                "focus_area_code" character varying(64),
                "activity_type" character varying(32),
                "value" double precision NOT NULL,
                "from_date" date NOT NULL,
                "to_date" date NOT NULL,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_target_value" CHECK ("value" >= 0),
                CONSTRAINT "ck_target_period" CHECK ("from_date" <= "to_date"),
                CONSTRAINT "pk_target" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_target_region_period" ON "target" ("region_code", "from_date", "to_date")
        `);
    await queryRunner.query(`
            ALTER TABLE "collaboration_request"
            ADD "created_by_coordinator" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD "registry_code" character varying(32)
        `);
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD "school_levels" character varying array NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD "programmes" character varying array NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD "pupil_count" integer
        `);
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD "need_index" double precision
        `);
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD "contact" jsonb
        `);
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD "claimed" boolean NOT NULL DEFAULT true
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organization_registry_code" ON "organization" ("country_code", "registry_code")
            WHERE "registry_code" IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD CONSTRAINT "ck_organization_need_index" CHECK (
                    "need_index" IS NULL
                    OR (
                        "need_index" >= 0
                        AND "need_index" <= 100
                    )
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD CONSTRAINT "ck_organization_pupil_count" CHECK (
                    "pupil_count" IS NULL
                    OR "pupil_count" >= 0
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "outreach"
            ADD CONSTRAINT "fk_outreach_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "outreach"
            ADD CONSTRAINT "fk_outreach_coordinator" FOREIGN KEY ("coordinator_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up"
            ADD CONSTRAINT "fk_follow_up_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "target"
            ADD CONSTRAINT "fk_target_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "target"
            ADD CONSTRAINT "fk_target_focus_area" FOREIGN KEY ("focus_area_code") REFERENCES "focus_area"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "target" DROP CONSTRAINT "fk_target_focus_area"
        `);
    await queryRunner.query(`
            ALTER TABLE "target" DROP CONSTRAINT "fk_target_region"
        `);
    await queryRunner.query(`
            ALTER TABLE "follow_up" DROP CONSTRAINT "fk_follow_up_region"
        `);
    await queryRunner.query(`
            ALTER TABLE "outreach" DROP CONSTRAINT "fk_outreach_coordinator"
        `);
    await queryRunner.query(`
            ALTER TABLE "outreach" DROP CONSTRAINT "fk_outreach_organization"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization" DROP CONSTRAINT "ck_organization_pupil_count"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization" DROP CONSTRAINT "ck_organization_need_index"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_organization_registry_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization" DROP COLUMN "claimed"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization" DROP COLUMN "contact"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization" DROP COLUMN "need_index"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization" DROP COLUMN "pupil_count"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization" DROP COLUMN "programmes"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization" DROP COLUMN "school_levels"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization" DROP COLUMN "registry_code"
        `);
    await queryRunner.query(`
            ALTER TABLE "collaboration_request" DROP COLUMN "created_by_coordinator"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_target_region_period"
        `);
    await queryRunner.query(`
            DROP TABLE "target"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_follow_up_region_period"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_follow_up_created"
        `);
    await queryRunner.query(`
            DROP TABLE "follow_up"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outreach_organization_sent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outreach_coordinator"
        `);
    await queryRunner.query(`
            DROP TABLE "outreach"
        `);
  }
}
