import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data only (issue 13, point 9): brings stored data in line with the data-protection
 * rules that the code now follows for new data.
 *
 * - In-app copies of invitations held the live one-time token in `link`: invitations are
 *   e-mail only, so those copies go; any other stored link with a token parameter loses it.
 * - Accounts erased before erasure covered every table: their in-app notifications go;
 *   match history, proposals, offers and requests keep the record without the person; the
 *   invitation e-mails they sent lose their name (found through the invitation written in
 *   the same transaction, which erasure left without an inviter).
 *
 * Nothing to undo: what was removed was not meant to be stored.
 */
export class DataProtection1796600000000 implements MigrationInterface {
  name = 'DataProtection1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DELETE FROM "notification" WHERE "type" = 'invitation'
        `);
    await queryRunner.query(`
            UPDATE "notification" SET "link" = NULL WHERE "link" ~* '[?&](token|secret)[^=&]*='
        `);
    const erased = `SELECT "id" FROM "app_user" WHERE "deleted_at" IS NOT NULL`;
    await queryRunner.query(`DELETE FROM "notification" WHERE "user_id" IN (${erased})`);
    await queryRunner.query(`UPDATE "match_event" SET "actor_id" = NULL WHERE "actor_id" IN (${erased})`);
    await queryRunner.query(`UPDATE "collaboration_match" SET "proposed_by_id" = NULL WHERE "proposed_by_id" IN (${erased})`);
    await queryRunner.query(`UPDATE "offer" SET "created_by_id" = NULL WHERE "created_by_id" IN (${erased})`);
    await queryRunner.query(`UPDATE "collaboration_request" SET "created_by_id" = NULL WHERE "created_by_id" IN (${erased})`);
    await queryRunner.query(`
            UPDATE "outbox_message" o SET "payload" = o."payload" - 'inviterName'
              FROM "invitation" i
             WHERE o."type" = 'invitation' AND o."payload"->>'inviterName' IS NOT NULL
               AND i."invited_by_id" IS NULL AND i."created_at" = o."created_at"
               AND o."recipient_email" IS NOT DISTINCT FROM i."email"
        `);
  }

  public async down(): Promise<void> {
    // Data that should not have been stored is not restored.
  }
}
