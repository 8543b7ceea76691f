/**
 * The half-year follow-up (issue 15, point 7): the worker produces, for every region with
 * coordinators, the report of the last closed half-year once, stores it and tells each
 * coordinator in their language, with the CSV attached; followUps lists them.
 */
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { parse } from 'csv-parse/sync';
import type { ParsedMail } from 'mailparser';
import { CollaborationModule, LapsingService, MatchSweeps } from '@brobygge/collaboration';
import { APP_CONFIG, ConfigModule } from '@brobygge/config';
import { Clock, ClockModule } from '@brobygge/core';
import { DatabaseModule } from '@brobygge/database';
import { FollowupModule, FollowUps } from '@brobygge/followup';
import { OutboxMessage, OutboxStatus } from '@brobygge/notifications';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createUser, PASSWORD, TestUser } from '../support/factories';
import { buildReportWorld, PERIOD } from '../support/report-world';
import { eventually, startStack, TestStack } from '../support/stack';

/** A clock that stays at one moment. */
class StoppedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }
  now(): Date {
    return new Date(this.at.getTime());
  }
}

const H2_2025 = { from: '2025-07-01', to: '2025-12-31' };
const H2_2026 = { from: '2026-07-01', to: '2026-12-31' };

const REPORT = `query($filter: ReportFilter!) { impactReport(filter: $filter) {
  activitiesCompleted studentsReached schoolsReached fillRate participantsByGender { female male nonBinary unknown }
  byDistrict { key label activities studentsReached } schoolsWithoutActivity { id name } } }`;

const FOLLOW_UPS = `query($regionCode: ID, $first: Int) { followUps(regionCode: $regionCode, first: $first) {
  id from to createdAt region { code }
  report { from to regionCodes activitiesCompleted studentsReached schoolsReached fillRate
    byActivityType { key label activities } byDistrict { key label activities }
    schoolsWithoutActivity { id name region { code } }
    previous { from to activitiesCompleted schoolsWithoutActivity { id } }
    targets { actual met target { measure value region { code } } } } } }`;

/** The CSV's rows of one section (after its `section,<name>` row and header), as objects. */
function csvSection(csv: string, name: string): Array<Record<string, string>> {
  const rows: string[][] = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: false });
  const start = rows.findIndex((r) => r[0] === 'section' && r[1] === name);
  expect(start).toBeGreaterThanOrEqual(0);
  const header = rows[start + 1];
  const out: Array<Record<string, string>> = [];
  for (const row of rows.slice(start + 2)) {
    if (row.length <= 1 && !row[0]) break;
    out.push(Object.fromEntries(header.map((h, i) => [h, row[i]])));
  }
  return out;
}

const followUpMails = (stack: TestStack): ParsedMail[] => stack.smtp!.messages.filter((m) => m.headers.get('x-brobygge-type') === 'follow_up');

describe('the half-year follow-up', () => {
  let stack: TestStack;
  let sv: TestUser;
  let en: TestUser;
  let admin: TestUser;
  let teacher: TestUser;
  let worker: INestApplicationContext | undefined;
  const extra: INestApplicationContext[] = [];

  beforeAll(async () => {
    // The worker runs the job every second; its clock says the first half of 2026 has just closed.
    stack = await startStack({ api: true, smtp: true, env: { FOLLOW_UP_CHECK_SECONDS: '1', FOLLOW_UP_PERIODS: '01-01..06-30,07-01..12-31' } });
    await buildReportWorld(stack);
    sv = await createUser(stack, { coordinatorOf: ['se-malmo'], locale: 'sv' });
    en = await createUser(stack, { coordinatorOf: ['se-malmo', 'se-skane'], locale: 'en' });
    admin = await createUser(stack, { admin: true });
    teacher = await createUser(stack);
    // A target of the half-year, so that the follow-up has one to report.
    await stack.dataSource.query(
      `INSERT INTO target (region_code, measure, value, from_date, to_date) VALUES ('se-malmo', 'ACTIVITIES_COMPLETED', 2, '2026-01-01', '2026-06-30')`,
    );
  });
  afterAll(async () => {
    for (const app of [worker, ...extra]) await app?.close();
    await stack.close();
  });

  /** A context of the follow-up service alone (its own connection pool), at a fixed time: a second producer. */
  async function producer(at: string): Promise<FollowUps> {
    const app = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, ClockModule, FollowupModule] })
      .overrideProvider(APP_CONFIG)
      .useValue(stack.config)
      .overrideProvider(Clock)
      .useValue(new StoppedClock(new Date(at)))
      .compile();
    await app.init();
    extra.push(app);
    return app.get(FollowUps);
  }

  /**
   * What the worker's other sweeps would do at `at` first (complete the matches that ended,
   * lapse what lapsed), so that the live report the test compares with is the one the
   * follow-up sees, whichever job the worker runs first.
   */
  async function settle(at: Date): Promise<void> {
    const app = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, ClockModule, CollaborationModule] })
      .overrideProvider(APP_CONFIG)
      .useValue(stack.config)
      .overrideProvider(Clock)
      .useValue(new StoppedClock(at))
      .compile();
    await app.init();
    while ((await app.get(MatchSweeps).completeEnded()) > 0);
    await app.get(LapsingService).lapseDue();
    await app.close();
  }

  it("produces the closed half-year's follow-up once, and e-mails each coordinator in their language with the CSV", async () => {
    const at = new Date('2026-07-01T03:00:00Z');
    await settle(at);
    const live = (await stack.gql(REPORT, { filter: { ...PERIOD, regionCodes: ['se-malmo'] } }, { token: en.token })).data!.impactReport;
    const before = (await stack.gql(REPORT, { filter: { ...H2_2025, regionCodes: ['se-malmo'] } }, { token: en.token })).data!.impactReport;
    expect(live.activitiesCompleted).toBeGreaterThan(0);

    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(APP_CONFIG)
      .useValue(stack.config)
      .overrideProvider(Clock)
      .useValue(new StoppedClock(at))
      .compile();
    worker = moduleRef;
    await moduleRef.init();

    // se-malmo: two coordinators; se-skane: one (en); no-troms, with activity but no coordinator: none.
    const mails = await eventually(async () => (followUpMails(stack).length >= 3 ? followUpMails(stack) : undefined), 30000);
    const rows = await stack.dataSource.query(`SELECT id, region_code, from_date::text AS "from", to_date::text AS "to" FROM follow_up ORDER BY region_code`);
    expect(rows).toEqual([
      { id: expect.any(String), region_code: 'se-malmo', ...PERIOD },
      { id: expect.any(String), region_code: 'se-skane', ...PERIOD },
    ]);
    const id = rows[0].id;
    const malmo = mails.filter((m) => m.attachments[0]?.filename?.includes('se-malmo'));
    expect(malmo).toHaveLength(2);
    expect(mails.filter((m) => m.attachments[0]?.filename?.includes('se-skane')).map((m) => JSON.stringify(m.to))).toEqual([expect.stringContaining(en.user.email!)]);

    const svMail = malmo.find((m) => JSON.stringify(m.to).includes(sv.user.email!))!;
    const enMail = malmo.find((m) => JSON.stringify(m.to).includes(en.user.email!))!;
    expect(svMail.subject).toMatch(/^Halvårsuppföljning för /);
    expect(enMail.subject).toMatch(/^Half-year follow-up for .*2026$/);
    const svText = svMail.text!.replace(/\u00a0/g, ' ');
    const enText = enMail.text!.replace(/\u00a0/g, ' ');
    const delta = (now: number, then: number) => (now > then ? `+${now - then}` : now < then ? `−${then - now}` : '±0');
    expect(svText).toContain(`Genomförda aktiviteter: ${live.activitiesCompleted} (${delta(live.activitiesCompleted, before.activitiesCompleted)})`);
    expect(svText).toContain(`Nådda elever: ${live.studentsReached} (${delta(live.studentsReached, before.studentsReached)})`);
    expect(enText).toContain(`Activities completed: ${live.activitiesCompleted} (${delta(live.activitiesCompleted, before.activitiesCompleted)})`);
    expect(enText).toContain(`Schools reached: ${live.schoolsReached} (${delta(live.schoolsReached, before.schoolsReached)})`);
    expect(enText).toMatch(/Changes are against the previous period, 1 July\s–\s31 December 2025/);
    const g = live.participantsByGender;
    expect(enText).toContain(`Female share: ${((100 * g.female) / (g.female + g.male + g.nonBinary)).toFixed(1).replace(/\.0$/, '')}%`);
    expect(enText).toContain(`Activities completed: ${live.activitiesCompleted} of 2 — met`);
    expect(svText).toContain(`Genomförda aktiviteter: ${live.activitiesCompleted} av 2 — uppnått`);
    // The five districts with the least activity, the quietest first.
    const quiet = live.byDistrict
      .filter((d: { key: string }) => d.key !== 'unknown')
      .sort(
        (a: { activities: number; studentsReached: number }, b: { activities: number; studentsReached: number }) =>
          a.activities - b.activities || a.studentsReached - b.studentsReached,
      )
      .slice(0, 5);
    expect(enText).toContain(
      `Districts with the least activity:\n\n${quiet
        .map(
          (d: { label: string; activities: number; studentsReached: number }) =>
            `${d.label}: activities completed ${d.activities}, students reached ${d.studentsReached}`,
        )
        .join('\n\n')}\n\n`,
    );
    expect(enText).toContain(`https://brobygge.test/reports/follow-ups/${id}`);

    // The CSV: the stored report in the coordinator's language.
    for (const [mail, label] of [
      [svMail, 'Genomförda aktiviteter'],
      [enMail, 'Activities completed'],
    ] as const) {
      expect(mail.attachments).toHaveLength(1);
      const [file] = mail.attachments;
      expect(file.filename).toBe('brobygge-follow-up-se-malmo-2026-01-01-2026-06-30.csv');
      expect(file.contentType).toBe('text/csv');
      const csv = file.content.toString('utf8');
      const summary = csvSection(csv, 'summary');
      expect(summary.find((r) => r.measure === 'activitiesCompleted')).toEqual({
        measure: 'activitiesCompleted',
        label,
        value: String(live.activitiesCompleted),
        previous: String(before.activitiesCompleted),
      });
      expect(csvSection(csv, 'report')).toEqual(expect.arrayContaining([{ field: 'previousFrom', value: '2025-07-01' }]));
      expect(csvSection(csv, 'schoolsWithoutActivity').map((s) => s.name)).toEqual(live.schoolsWithoutActivity.map((s: { name: string }) => s.name));
      expect(csvSection(csv, 'targets')).toHaveLength(1);
    }
    expect(csvSection(svMail.attachments[0].content.toString('utf8'), 'byActivityType')[0].label).toBe('Gästföreläsning');

    // In-app: one notification per coordinator with the link; the outbox rows keep which file went out, not its contents.
    const inApp = await stack.dataSource.query(`SELECT user_id, link FROM notification WHERE type = 'follow_up' AND link LIKE '%' || $1 ORDER BY user_id`, [id]);
    expect(inApp).toEqual([sv.user.id, en.user.id].sort().map((userId) => ({ user_id: userId, link: `https://brobygge.test/reports/follow-ups/${id}` })));
    const sent = await eventually(async () => {
      const outbox = await stack.dataSource.getRepository(OutboxMessage).findBy({ type: 'follow_up' });
      return outbox.every((o) => o.status === OutboxStatus.SENT) ? outbox : undefined;
    });
    expect(sent).toHaveLength(3);
    for (const row of sent.filter((o) => o.payload.followUpId === id)) {
      expect(row.payload.attachments).toEqual([
        { filename: 'brobygge-follow-up-se-malmo-2026-01-01-2026-06-30.csv', contentType: 'text/csv; charset=utf-8', bytes: expect.any(Number) },
      ]);
    }

    // The worker keeps looking every second: nothing more.
    await new Promise((r) => setTimeout(r, 2500));
    expect(followUpMails(stack)).toHaveLength(3);
    expect(await stack.dataSource.query(`SELECT count(*)::int AS n FROM follow_up`)).toEqual([{ n: 2 }]);
    await worker!.close();
    worker = undefined;
  });

  it('is produced once when several workers run the job at the same moment, and not again on a restart', async () => {
    const at = '2027-01-01T00:00:05Z';
    const producers = await Promise.all([producer(at), producer(at), producer(at)]);
    const produced = await Promise.all(producers.map((p) => p.produceDue()));
    // Two regions have coordinators: each follow-up by exactly one of the three.
    expect(produced.reduce((a, b) => a + b, 0)).toBe(2);
    const rows = await stack.dataSource.query(
      `SELECT f.region_code, count(o.id)::int AS messages FROM follow_up f LEFT JOIN outbox_message o ON o.payload->>'followUpId' = f.id::text
        WHERE f.from_date = $1 GROUP BY f.region_code ORDER BY f.region_code`,
      [H2_2026.from],
    );
    expect(rows).toEqual([
      { region_code: 'se-malmo', messages: 2 },
      { region_code: 'se-skane', messages: 1 },
    ]);
    // A restart (a new process) at the same moment, and later in the half-year: nothing more.
    expect(await (await producer(at)).produceDue()).toBe(0);
    expect(await (await producer('2027-05-01T00:00:00Z')).produceDue()).toBe(0);
    expect(await stack.dataSource.query(`SELECT count(*)::int AS n FROM follow_up`)).toEqual([{ n: 4 }]);
    expect(await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbox_message WHERE type = 'follow_up'`)).toEqual([{ n: 6 }]);
  });

  it("keeps personal data rules: the export lists the e-mails without their content, erasure drops the unsent ones' attachment", async () => {
    const exported = JSON.parse((await stack.gql('mutation { exportMyData }', {}, { token: sv.token })).data!.exportMyData);
    const mine = exported.messages.filter((m: { type: string }) => m.type === 'follow_up');
    expect(mine).toHaveLength(2); // the first half-year's (sent) and the second's (not relayed: no worker runs now)
    expect(JSON.stringify(mine)).not.toMatch(/attachments|csv|payload/i);
    // Erasure while the second half-year's e-mail is still pending: skipped, and the CSV leaves the row.
    const leaver = await createUser(stack, { coordinatorOf: ['se-skane'] });
    const [row] = await stack.dataSource.query(`SELECT id FROM follow_up WHERE region_code = 'se-skane' AND from_date = $1`, [H2_2026.from]);
    await stack.dataSource.transaction((m) =>
      m.query(
        `INSERT INTO outbox_message (id, type, recipient_user_id, recipient_email, locale, payload, status)
         SELECT gen_random_uuid(), type, $1, $2, locale, payload, 'PENDING' FROM outbox_message WHERE payload->>'followUpId' = $3 LIMIT 1`,
        [leaver.user.id, leaver.user.email, row.id],
      ),
    );
    const before = await stack.dataSource.query(`SELECT payload->'attachments'->0->>'filename' AS file FROM outbox_message WHERE recipient_user_id = $1`, [
      leaver.user.id,
    ]);
    expect(before).toEqual([{ file: 'brobygge-follow-up-se-skane-2026-07-01-2026-12-31.csv' }]);
    const del = await stack.gql('mutation($p: String!) { deleteMyAccount(password: $p) }', { p: PASSWORD }, { token: leaver.token });
    expect(del.errors).toBeUndefined();
    const after = await stack.dataSource.query(`SELECT status, payload, recipient_email FROM outbox_message WHERE recipient_user_id = $1`, [leaver.user.id]);
    expect(after).toEqual([{ status: 'SKIPPED', payload: {}, recipient_email: null }]);
  });

  describe('followUps', () => {
    const list = (who: TestUser | undefined, variables: Record<string, unknown> = {}) => stack.gql(FOLLOW_UPS, variables, { token: who?.token });
    const periods = (res: { data?: Record<string, any> }) => res.data!.followUps.map((f: { region: { code: string }; from: string }) => `${f.region.code} ${f.from}`);

    it("lists a coordinator's regions, newest first, with the stored report in the viewer's language", async () => {
      const res = await list(sv);
      expect(res.errors).toBeUndefined();
      expect(periods(res)).toEqual(['se-malmo 2026-07-01', 'se-malmo 2026-01-01']);
      const h1 = res.data!.followUps[1];
      const live = (await stack.gql(REPORT, { filter: { ...PERIOD, regionCodes: ['se-malmo'] } }, { token: sv.token })).data!.impactReport;
      expect(h1.report).toMatchObject({ ...PERIOD, regionCodes: ['se-malmo'], activitiesCompleted: live.activitiesCompleted, studentsReached: live.studentsReached });
      expect(h1.report.byActivityType[0]).toMatchObject({ key: 'GUEST_LECTURE', label: 'Gästföreläsning' });
      expect(h1.report.schoolsWithoutActivity.map((x: { name: string }) => x.name)).toEqual(live.schoolsWithoutActivity.map((x: { name: string }) => x.name));
      expect(h1.report.schoolsWithoutActivity.every((x: { region: { code: string } }) => x.region.code === 'se-malmo')).toBe(true);
      expect(h1.report.previous).toMatchObject({ ...H2_2025 });
      expect(h1.report.targets).toEqual([
        { actual: live.activitiesCompleted, met: true, target: { measure: 'ACTIVITIES_COMPLETED', value: 2, region: { code: 'se-malmo' } } },
      ]);
      // The same stored report in English for the English-speaking coordinator.
      const enRes = await list(en, { regionCode: 'se-malmo', first: 1 });
      expect(periods(enRes)).toEqual(['se-malmo 2026-07-01']);
      const enH1 = (await list(en, { regionCode: 'se-malmo' })).data!.followUps[1];
      expect(enH1.report.byActivityType[0]).toMatchObject({ key: 'GUEST_LECTURE', label: 'Guest lecture' });
      expect(enH1.id).toBe(h1.id);
      // Every region of a coordinator of two.
      expect(periods(await list(en))).toEqual(['se-malmo 2026-07-01', 'se-skane 2026-07-01', 'se-malmo 2026-01-01', 'se-skane 2026-01-01']);
    });

    it('is for the coordinators of the region and admins (the matrix)', async () => {
      const code = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) => res.errors?.[0]?.extensions?.code;
      expect(code(await list(undefined))).toBe('UNAUTHENTICATED');
      expect(code(await list(teacher))).toBe('FORBIDDEN');
      expect(code(await list(teacher, { regionCode: 'se-malmo' }))).toBe('FORBIDDEN');
      expect(code(await list(sv, { regionCode: 'se-skane' }))).toBe('FORBIDDEN');
      expect(code(await list(sv, { regionCode: 'no-troms' }))).toBe('FORBIDDEN');
      const unknown = await list(sv, { regionCode: 'atlantis' });
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
      expect(code(await list(admin, { regionCode: 'atlantis' }))).toBe('BAD_USER_INPUT');
      for (const first of [0, 51, -1]) expect((await list(admin, { first })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      // Admins: every region's, or one region's (none for a region without coordinators).
      expect(periods(await list(admin))).toHaveLength(4);
      expect(periods(await list(admin, { first: 50 }))).toHaveLength(4);
      expect(periods(await list(admin, { regionCode: 'se-skane' }))).toEqual(['se-skane 2026-07-01', 'se-skane 2026-01-01']);
      expect((await list(admin, { regionCode: 'no-troms' })).data!.followUps).toEqual([]);
      // A coordinator of a region without follow-ups (appointed after they were produced).
      const troms = await createUser(stack, { coordinatorOf: ['no-troms'] });
      expect((await list(troms)).data!.followUps).toEqual([]);
      expect(code(await list(troms, { regionCode: 'se-malmo' }))).toBe('FORBIDDEN');
    });
  });
});
