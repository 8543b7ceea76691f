import { attachmentsOf, checkAttachments, MAX_ATTACHMENT_BYTES, sentAttachments } from './attachments';

const csv = { filename: 'report.csv', contentType: 'text/csv; charset=utf-8', content: '\uFEFFa,b\r\nå,ö\r\n' };

describe('mail attachments', () => {
  it('accepts small files and refuses what is too large or malformed', () => {
    expect(() => checkAttachments([csv])).not.toThrow();
    expect(() => checkAttachments([{ ...csv, content: 'x'.repeat(MAX_ATTACHMENT_BYTES + 1) }])).toThrow(/exceed the limit/);
    // Counted in bytes as sent: two-byte characters count twice.
    expect(() => checkAttachments([{ ...csv, content: 'å'.repeat(MAX_ATTACHMENT_BYTES / 2 + 1) }])).toThrow(/exceed the limit/);
    expect(() => checkAttachments([{ ...csv, filename: '../etc/passwd' }])).toThrow(/plain file name/);
    expect(() => checkAttachments([{ ...csv, contentType: 'csv' }])).toThrow(/not a content type/);
  });

  it('leaves the payload without the contents once sent, naming what went out', () => {
    const payload = { followUpId: 'f1', attachments: [csv] };
    expect(attachmentsOf(payload)).toEqual([csv]);
    const sent = sentAttachments(payload);
    expect(sent).toEqual({ followUpId: 'f1', attachments: [{ filename: 'report.csv', contentType: 'text/csv; charset=utf-8', bytes: Buffer.byteLength(csv.content) }] });
    expect(attachmentsOf(sent)).toEqual([]);
    expect(sentAttachments({ a: 1 })).toEqual({ a: 1 });
  });
});
