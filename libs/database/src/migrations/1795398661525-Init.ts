import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reference data of the first release: regions and the focus-area taxonomy (sv, da, nb, en). */
const REGIONS: Array<[string, string, string]> = [
  ['se-malmo', 'Malmö', 'SE'],
  ['se-skane', 'Skåne', 'SE'],
  ['se-stockholm', 'Stockholm', 'SE'],
  ['dk-hovedstaden', 'Region Hovedstaden (Capital Region of Denmark)', 'DK'],
  ['no-troms', 'Troms', 'NO'],
];

// code, parent, sv, da, nb, en
const FOCUS_AREAS: Array<[string, string | null, string, string, string, string]> = [
  ['life-science-health', null, 'Life science, hälsa och vård', 'Life science, sundhed og omsorg', 'Livsvitenskap, helse og omsorg', 'Life science, health and care'],
  ['biology', 'life-science-health', 'Biologi', 'Biologi', 'Biologi', 'Biology'],
  ['care', 'life-science-health', 'Vård och omsorg', 'Sundhed og omsorg', 'Helse og omsorg', 'Health and care'],
  ['medicine-pharmacy', 'life-science-health', 'Medicin och farmaci', 'Medicin og farmaci', 'Medisin og farmasi', 'Medicine and pharmacy'],
  ['biotechnology', 'life-science-health', 'Bioteknik', 'Bioteknologi', 'Bioteknologi', 'Biotechnology'],
  ['process-technology', null, 'Processteknik', 'Procesteknologi', 'Prosessteknologi', 'Process technology'],
  ['chemistry', 'process-technology', 'Kemi', 'Kemi', 'Kjemi', 'Chemistry'],
  ['food-production', 'process-technology', 'Livsmedelsproduktion', 'Fødevareproduktion', 'Matproduksjon', 'Food production'],
  ['manufacturing', 'process-technology', 'Tillverkning och produktion', 'Fremstilling og produktion', 'Tilvirkning og produksjon', 'Manufacturing and production'],
  ['materials', 'process-technology', 'Material', 'Materialer', 'Materialer', 'Materials'],
  [
    'tech-energy-green',
    null,
    'Teknik, el, energi och grön teknik',
    'Teknik, el, energi og grøn teknologi',
    'Teknologi, elektro, energi og grønn teknologi',
    'Technology, electricity, energy and green tech',
  ],
  ['mathematics', 'tech-energy-green', 'Matematik', 'Matematik', 'Matematikk', 'Mathematics'],
  ['physics', 'tech-energy-green', 'Fysik', 'Fysik', 'Fysikk', 'Physics'],
  ['computing-ai', 'tech-energy-green', 'Programmering och AI', 'Programmering og AI', 'Programmering og KI', 'Computing and AI'],
  ['engineering', 'tech-energy-green', 'Teknik och ingenjörskonst', 'Ingeniørfag', 'Ingeniørfag', 'Engineering'],
  ['electricity-energy', 'tech-energy-green', 'El och energi', 'El og energi', 'Elektro og energi', 'Electricity and energy'],
  ['environment-climate', 'tech-energy-green', 'Miljö och klimat', 'Miljø og klima', 'Miljø og klima', 'Environment and climate'],
];

export class Init1795398661525 implements MigrationInterface {
  name = 'Init1795398661525';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "region" (
                "code" character varying(64) NOT NULL,
                "name" character varying(200) NOT NULL,
                "country_code" character(2) NOT NULL,
                CONSTRAINT "pk_region" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "focus_area" (
                "code" character varying(64) NOT NULL,
                "parent_code" character varying(64),
                "name_sv" character varying(200) NOT NULL,
                "name_da" character varying(200) NOT NULL,
                "name_nb" character varying(200) NOT NULL,
                "name_en" character varying(200) NOT NULL,
                "position" smallint NOT NULL DEFAULT '0',
                CONSTRAINT "pk_focus_area" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_focus_area_parent_code" ON "focus_area" ("parent_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox_message" (
                "id" uuid NOT NULL,
                "type" character varying(64) NOT NULL,
                "recipient_user_id" uuid,
                "recipient_email" character varying(320),
                "locale" character varying(2) NOT NULL,
                "payload" jsonb NOT NULL,
                "send_email" boolean NOT NULL DEFAULT true,
                "status" character varying(16) NOT NULL DEFAULT 'PENDING',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "enqueued_at" TIMESTAMP WITH TIME ZONE,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "message_id" character varying(200),
                CONSTRAINT "pk_outbox_message" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_message_recipient_user_id" ON "outbox_message" ("recipient_user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_message_status" ON "outbox_message" ("status", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_message_pending" ON "outbox_message" ("available_at")
            WHERE "status" = 'PENDING'
        `);
    await queryRunner.query(`
            ALTER TABLE "focus_area"
            ADD CONSTRAINT "fk_focus_area_parent" FOREIGN KEY ("parent_code") REFERENCES "focus_area"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    for (const [code, name, country] of REGIONS) {
      await queryRunner.query(`INSERT INTO "region" ("code", "name", "country_code") VALUES ($1, $2, $3)`, [code, name, country]);
    }
    let position = 0;
    for (const [code, parent, sv, da, nb, en] of FOCUS_AREAS) {
      await queryRunner.query(
        `INSERT INTO "focus_area" ("code", "parent_code", "name_sv", "name_da", "name_nb", "name_en", "position") VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [code, parent, sv, da, nb, en, position++],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "focus_area" DROP CONSTRAINT "fk_focus_area_parent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_message_pending"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_message_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_message_recipient_user_id"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_message"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_focus_area_parent_code"
        `);
    await queryRunner.query(`
            DROP TABLE "focus_area"
        `);
    await queryRunner.query(`
            DROP TABLE "region"
        `);
  }
}
