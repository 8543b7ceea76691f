import { readdir, readFile } from 'node:fs/promises';
import { OutboxMessage, OutboxStatus } from '@brobygge/notifications';
import { runScript } from '../support/processes';
import { eventually, startStack, TestStack } from '../support/stack';

describe('mail end to end: CLI → outbox → relay → BullMQ → nodemailer → SMTP', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: false, worker: true, smtp: true });
  });
  afterAll(() => stack.close());

  it('delivers a test e-mail that an admin queues from the CLI', async () => {
    const run = await runScript('apps/worker/src/cli.ts', ['send-test-email', 'teacher@rosengard.example', '--locale', 'sv', '--note', 'Hej från testet'], {
      DATABASE_URL: stack.config.DATABASE_URL,
      REDIS_URL: stack.config.REDIS_URL,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const outboxId = /queued test e-mail ([0-9a-f-]{36})/.exec(run.stdout)![1];

    const [mail] = await stack.smtp!.waitFor(1);
    expect(mail.subject).toBe('Testmeddelande från Brobygge');
    expect(mail.messageId).toBe(`<${outboxId}@brobygge>`);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('teacher@rosengard.example');
    expect(mail.from?.text).toContain('no-reply@brobygge.local');
    expect(mail.headers.get('x-brobygge-type')).toBe('test_email');
    expect(mail.text).toContain('Om du läser det här fungerar e-posten.');
    expect(mail.text).toContain('Hej från testet');
    expect(mail.html).toContain('<a href="https://brobygge.test">');

    const row = await eventually(async () => {
      const r = await stack.dataSource.getRepository(OutboxMessage).findOneByOrFail({ id: outboxId });
      return r.status === OutboxStatus.SENT && r;
    });
    expect(row.messageId).toBe(`<${outboxId}@brobygge>`);
    expect(row.attempts).toBe(1);
  });

  it('refuses a bad CLI call with a usage line and exit code 2', async () => {
    const run = await runScript('apps/worker/src/cli.ts', ['send-test-email', 'not-an-address'], {
      DATABASE_URL: stack.config.DATABASE_URL,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^send-test-email needs an e-mail address\nusage:/);
  });
});

describe('mail without SMTP_URL', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: false, worker: true });
  });
  afterAll(() => stack.close());

  it('writes the message as an .eml file to MAIL_OUTBOX_DIR', async () => {
    const { OutboxService } = await import('@brobygge/notifications');
    const [row] = await stack.dataSource.transaction((m) =>
      stack.worker!.get(OutboxService).add(m, [{ type: 'test_email', recipientEmail: 'x@example.org', locale: 'nb' }]),
    );
    const dir = stack.config.MAIL_OUTBOX_DIR;
    const file = await eventually(async () => (await readdir(dir).catch(() => [] as string[])).find((f) => f.includes(row.id)));
    const eml = await readFile(`${dir}/${file}`, 'utf8');
    expect(eml).toMatch(/^Subject: Testmelding fra Brobygge$/m);
    expect(eml).toContain(`Message-ID: <${row.id}@brobygge>`);
  });
});
