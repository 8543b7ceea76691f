import { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795400683109 implements MigrationInterface {
  name = 'Catalog1795400683109';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "collaboration_request" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "organization_id" uuid NOT NULL,
                "region_code" character varying(64) NOT NULL,
                "activity_type" character varying(32) NOT NULL,
                "title" character varying(200) NOT NULL,
                "description" text NOT NULL,
                "focus_areas" character varying array NOT NULL,
                "delivery_modes" character varying array NOT NULL,
                "languages" character varying array NOT NULL,
                "quantity" integer NOT NULL,
                "quantity_matched" integer NOT NULL DEFAULT '0',
                "group_size" integer,
                "student_age" integer,
                "earliest_date" date NOT NULL,
                "latest_date" date NOT NULL,
                "max_travel_km" integer,
                "status" character varying(24) NOT NULL DEFAULT 'OPEN',
                "cancel_reason" text,
                "created_by_id" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_collaboration_request" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_request_dates" ON "collaboration_request" ("earliest_date", "latest_date")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_request_organization" ON "collaboration_request" ("organization_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_request_created" ON "collaboration_request" ("created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_request_browse" ON "collaboration_request" (
                "status",
                "region_code",
                "activity_type",
                "created_at"
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "offer" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "organization_id" uuid NOT NULL,
                "region_code" character varying(64) NOT NULL,
                "activity_type" character varying(32) NOT NULL,
                "title" character varying(200) NOT NULL,
                "description" text NOT NULL,
                "focus_areas" character varying array NOT NULL,
                "delivery_modes" character varying array NOT NULL,
                "languages" character varying array NOT NULL,
                "capacity" integer NOT NULL,
                "capacity_held" integer NOT NULL DEFAULT '0',
                "group_size_max" integer,
                "min_student_age" integer,
                "available_from" date NOT NULL,
                "available_until" date NOT NULL,
                "travel_radius_km" integer,
                "requires_background_check" boolean NOT NULL DEFAULT false,
                "status" character varying(16) NOT NULL DEFAULT 'DRAFT',
                "created_by_id" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_offer" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_offer_dates" ON "offer" ("available_from", "available_until")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_offer_organization" ON "offer" ("organization_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_offer_created" ON "offer" ("created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_offer_browse" ON "offer" (
                "status",
                "region_code",
                "activity_type",
                "created_at"
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "collaboration_request"
            ADD CONSTRAINT "fk_collaboration_request_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "collaboration_request"
            ADD CONSTRAINT "fk_collaboration_request_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "offer"
            ADD CONSTRAINT "fk_offer_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "offer"
            ADD CONSTRAINT "fk_offer_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Not expressible in the entities (synchronize: false there): array and full-text indexes.
    for (const table of ['offer', 'collaboration_request']) {
      const prefix = table === 'offer' ? 'ix_offer' : 'ix_request';
      await queryRunner.query(`CREATE INDEX "${prefix}_focus_areas" ON "${table}" USING gin ("focus_areas")`);
      await queryRunner.query(`CREATE INDEX "${prefix}_search" ON "${table}" USING gin (to_tsvector('simple'::regconfig, "title" || ' ' || "description"))`);
    }
    await queryRunner.query(`CREATE INDEX "ix_offer_delivery_modes" ON "offer" USING gin ("delivery_modes")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['ix_offer_focus_areas', 'ix_offer_search', 'ix_offer_delivery_modes', 'ix_request_focus_areas', 'ix_request_search']) {
      await queryRunner.query(`DROP INDEX IF EXISTS "${name}"`);
    }
    await queryRunner.query(`
            ALTER TABLE "offer" DROP CONSTRAINT "fk_offer_region"
        `);
    await queryRunner.query(`
            ALTER TABLE "offer" DROP CONSTRAINT "fk_offer_organization"
        `);
    await queryRunner.query(`
            ALTER TABLE "collaboration_request" DROP CONSTRAINT "fk_collaboration_request_region"
        `);
    await queryRunner.query(`
            ALTER TABLE "collaboration_request" DROP CONSTRAINT "fk_collaboration_request_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_offer_browse"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_offer_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_offer_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_offer_dates"
        `);
    await queryRunner.query(`
            DROP TABLE "offer"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_request_browse"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_request_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_request_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_request_dates"
        `);
    await queryRunner.query(`
            DROP TABLE "collaboration_request"
        `);
  }
}
