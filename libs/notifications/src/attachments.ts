/**
 * Files sent with an e-mail (the half-year follow-up's CSV). They travel in the outbox
 * row's payload under `attachments`, so the row still holds everything the delivery needs;
 * the cap keeps rows (and messages) small. Once the row is SENT the contents leave the
 * payload (name, type and size stay, as a record of what was sent), and erasure clears the
 * payload as before.
 */
export interface MailAttachment {
  filename: string;
  contentType: string;
  /** The file's text (UTF-8), or base64 when `encoding` says so. */
  content: string;
  encoding?: 'base64';
}

/** The most one notification may carry, all attachments together (bytes as sent). */
export const MAX_ATTACHMENT_BYTES = 512 * 1024;

/** The payload key; a template never reads it. */
export const ATTACHMENTS_KEY = 'attachments';

export function attachmentBytes(a: Pick<MailAttachment, 'content' | 'encoding'>): number {
  return a.encoding === 'base64' ? Buffer.from(a.content, 'base64').length : Buffer.byteLength(a.content, 'utf8');
}

/** Throws (a programming error: callers check the size first) when the attachments are malformed or too large. */
export function checkAttachments(attachments: readonly MailAttachment[]): void {
  let total = 0;
  for (const a of attachments) {
    if (!a.filename || /[\r\n/\\]/.test(a.filename)) throw new Error(`An attachment needs a plain file name (got ${JSON.stringify(a.filename)})`);
    if (!/^[\w.+-]+\/[\w.+-]+(;.*)?$/.test(a.contentType)) throw new Error(`Attachment ${a.filename}: ${JSON.stringify(a.contentType)} is not a content type`);
    total += attachmentBytes(a);
  }
  if (total > MAX_ATTACHMENT_BYTES) throw new Error(`Attachments of ${total} bytes exceed the limit of ${MAX_ATTACHMENT_BYTES}`);
}

/** The attachments a row's payload carries (none when it carries none, or after sending). */
export function attachmentsOf(payload: Record<string, unknown>): MailAttachment[] {
  const list = payload[ATTACHMENTS_KEY];
  return Array.isArray(list) ? (list as MailAttachment[]).filter((a) => typeof a?.content === 'string') : [];
}

/** What stays in the payload once sent: which files went out, without their contents. */
export function sentAttachments(payload: Record<string, unknown>): Record<string, unknown> {
  const list = payload[ATTACHMENTS_KEY];
  if (!Array.isArray(list)) return payload;
  return {
    ...payload,
    [ATTACHMENTS_KEY]: (list as MailAttachment[]).map((a) =>
      typeof a?.content === 'string' ? { filename: a.filename, contentType: a.contentType, bytes: attachmentBytes(a) } : a,
    ),
  };
}
