import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795400080717 implements MigrationInterface {
  name = 'Identity1795400080717';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "email" character varying(320),
                "name" character varying(200) NOT NULL,
                "password_hash" text,
                "locale" character varying(2) NOT NULL DEFAULT 'sv',
                "is_admin" boolean NOT NULL DEFAULT false,
                "email_notifications" boolean NOT NULL DEFAULT true,
                "digest" character varying(8) NOT NULL DEFAULT 'NEVER',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_app_user" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ux_app_user_email" ON "app_user" ("email")
            WHERE "email" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "coordinator_region" (
                "user_id" uuid NOT NULL,
                "region_code" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_coordinator_region" PRIMARY KEY ("user_id", "region_code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "organization" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "kind" character varying(16) NOT NULL,
                "name" character varying(200) NOT NULL,
                "region_code" character varying(64) NOT NULL,
                "municipality" character varying(200) NOT NULL,
                "district" character varying(200),
                "country_code" character(2) NOT NULL,
                "latitude" double precision,
                "longitude" double precision,
                "description" text,
                "verified" boolean NOT NULL DEFAULT false,
                "priority" boolean NOT NULL DEFAULT false,
                "created_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_organization" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_organization_name_id" ON "organization" ("name", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_organization_region_kind" ON "organization" ("region_code", "kind")
        `);
    await queryRunner.query(`
            CREATE TABLE "invitation" (
                "id" uuid NOT NULL DEFAULT uuid_generate_v4(),
                "organization_id" uuid NOT NULL,
                "email" character varying(320),
                "role" character varying(8) NOT NULL,
                "token_hash" character(64) NOT NULL,
                "invited_by_id" uuid,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "accepted_by_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_invitation" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_invitation_organization_id" ON "invitation" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ux_invitation_token_hash" ON "invitation" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "membership" (
                "user_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "role" character varying(8) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_membership" PRIMARY KEY ("user_id", "organization_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_membership_organization_id" ON "membership" ("organization_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_region"
            ADD CONSTRAINT "fk_coordinator_region_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_region"
            ADD CONSTRAINT "fk_coordinator_region_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "organization"
            ADD CONSTRAINT "fk_organization_region" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD CONSTRAINT "fk_invitation_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "fk_membership_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "membership"
            ADD CONSTRAINT "fk_membership_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_organization"
        `);
    await queryRunner.query(`
            ALTER TABLE "membership" DROP CONSTRAINT "fk_membership_user"
        `);
    await queryRunner.query(`
            ALTER TABLE "invitation" DROP CONSTRAINT "fk_invitation_organization"
        `);
    await queryRunner.query(`
            ALTER TABLE "organization" DROP CONSTRAINT "fk_organization_region"
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_region" DROP CONSTRAINT "fk_coordinator_region_region"
        `);
    await queryRunner.query(`
            ALTER TABLE "coordinator_region" DROP CONSTRAINT "fk_coordinator_region_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_membership_organization_id"
        `);
    await queryRunner.query(`
            DROP TABLE "membership"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ux_invitation_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_invitation_organization_id"
        `);
    await queryRunner.query(`
            DROP TABLE "invitation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_organization_region_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_organization_name_id"
        `);
    await queryRunner.query(`
            DROP TABLE "organization"
        `);
    await queryRunner.query(`
            DROP TABLE "coordinator_region"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ux_app_user_email"
        `);
    await queryRunner.query(`
            DROP TABLE "app_user"
        `);
  }
}
