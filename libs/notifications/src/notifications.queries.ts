import type { EntityManager } from 'typeorm';
import { OutboxStatus } from './outbox-message.entity';

/** Anything that runs SQL: a transaction's EntityManager or the DataSource. */
type Sql = Pick<EntityManager, 'query'>;

/**
 * The notifications context's hand-written SQL, named, with typed parameters: the outbox
 * updates the ORM cannot say (payload keys, erasure) and the recipient's e-mail settings
 * that delivery reads from identity's `app_user` (a read only). Everything else goes
 * through the entities.
 */
export const notificationsQueries = {
  /** PENDING rows of `type` whose payload has `payloadKey` = `value` become SKIPPED with `lastError`. */
  async skipPending(m: Sql, type: string, payloadKey: string, value: string, lastError: string): Promise<void> {
    await m.query(
      `UPDATE outbox_message SET status = $4, last_error = $5
        WHERE type = $1 AND status = $6 AND payload->>$2 = $3`,
      [type, payloadKey, value, OutboxStatus.SKIPPED, lastError, OutboxStatus.PENDING],
    );
  },

  /** The invitation e-mails of these invitations lose `inviterName` (by invitationId, or by transaction time and address for older rows). */
  async forgetInviter(m: Sql, invitations: ReadonlyArray<{ id: string; createdAt: string; email: string | null }>): Promise<void> {
    await m.query(
      `UPDATE outbox_message o SET payload = o.payload - 'inviterName'
         FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS i(id, created_at, email)
        WHERE o.type = 'invitation' AND o.payload->>'inviterName' IS NOT NULL
          AND (o.payload->>'invitationId' = i.id::text
               OR (o.payload->>'invitationId' IS NULL AND o.created_at = i.created_at AND o.recipient_email IS NOT DISTINCT FROM i.email))`,
      [invitations.map((i) => i.id), invitations.map((i) => i.createdAt), invitations.map((i) => i.email)],
    );
  },

  /** Erasure: the rows addressed to a person (by account or address) lose address and content; those not yet sent are skipped. */
  async eraseRecipient(m: Sql, userId: string, email: string | null): Promise<void> {
    await m.query(
      `UPDATE outbox_message
            SET recipient_email = NULL, payload = '{}'::jsonb,
                status = CASE WHEN status IN ($3, $4, $5) THEN $6 ELSE status END,
                last_error = CASE WHEN status IN ($3, $4, $5) THEN 'skipped: the recipient erased their account' ELSE last_error END
          WHERE recipient_user_id = $1 OR ($2::varchar IS NOT NULL AND recipient_email = $2)`,
      [userId, email, OutboxStatus.PENDING, OutboxStatus.ENQUEUED, OutboxStatus.FAILED, OutboxStatus.SKIPPED],
    );
  },

  /** Whether a user wants e-mail and whether the account is gone (undefined: no such user). */
  async recipientSettings(m: Sql, userId: string): Promise<{ email_notifications: boolean; deleted: boolean } | undefined> {
    const [user]: Array<{ email_notifications: boolean; deleted: boolean }> = await m.query(
      `SELECT email_notifications, deleted_at IS NOT NULL OR email IS NULL AS deleted FROM app_user WHERE id = $1`,
      [userId],
    );
    return user;
  },
};
