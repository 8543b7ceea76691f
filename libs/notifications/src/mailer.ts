import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import type { MailAttachment } from './attachments';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

/**
 * Sends e-mail over SMTP_URL, with time limits on connecting, the greeting and a silent
 * socket (SMTP_*_TIMEOUT_MS); without it, writes each message as an .eml file to
 * MAIL_OUTBOX_DIR so that the system runs with no mail server.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly transport: Transporter;
  private readonly outboxDir: string | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.SMTP_URL) {
      // nodemailer waits 2 min to connect and 10 min on a silent socket by default: far
      // longer than a job should hold a worker slot or than shutdown may take.
      this.transport = createTransport(
        {
          url: config.SMTP_URL,
          connectionTimeout: config.SMTP_CONNECTION_TIMEOUT_MS,
          greetingTimeout: config.SMTP_GREETING_TIMEOUT_MS,
          socketTimeout: config.SMTP_SOCKET_TIMEOUT_MS,
        },
        { from: config.MAIL_FROM },
      );
      this.outboxDir = null;
    } else {
      this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.outboxDir = resolve(config.MAIL_OUTBOX_DIR);
    }
  }

  /** Where messages go, for logs: an SMTP host or a folder. */
  describe(): string {
    if (this.outboxDir) return `files in ${this.outboxDir}`;
    const u = new URL(this.config.SMTP_URL!);
    return `smtp ${u.hostname}:${u.port || 25}`;
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
      attachments: mail.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, encoding: a.encoding })),
    });
    if (this.outboxDir) {
      await mkdir(this.outboxDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[<>@]/g, '_')}.eml`;
      await writeFile(join(this.outboxDir, name), info.message as Buffer);
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
