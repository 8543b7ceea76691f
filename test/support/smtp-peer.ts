/**
 * A real SMTP server on a free port (the npm smtp-server), collecting what arrives, parsed
 * with mailparser. `refuse(true)` makes it answer 421 to every message, like a server
 * that is down for maintenance; `slow(ms)` makes it answer each message that much later.
 */
import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpPeer {
  url: string;
  port: number;
  messages: ParsedMail[];
  refuse(on: boolean): void;
  slow(ms: number): void;
  /** Messages whose data has started to arrive (accepted, refused or still being answered). */
  receiving(): number;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const messages: ParsedMail[] = [];
  let refusing = false;
  let delayMs = 0;
  let started = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      started++;
      if (refusing) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Service not available'), { responseCode: 421 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => new Promise((r) => setTimeout(r, delayMs)).then(() => mail))
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    refuse: (on) => {
      refusing = on;
    },
    slow: (ms) => {
      delayMs = ms;
    },
    receiving: () => started,
    async waitFor(count, timeoutMs = 20000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} e-mails, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
