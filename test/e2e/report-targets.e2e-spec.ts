/**
 * Issue 15, points 5 and 6: a region's targets (who may set, delete and read them; what
 * they accept) and how the impact report measures them; the equity breakdowns (school
 * level, need band, participants by gender on every bucket); the previous period. The
 * world is test/support/report-world.ts; the numbers below follow from its comments.
 */
import { parse } from 'csv-parse/sync';
import { createOrganization, createUser, TestUser } from '../support/factories';
import { countQueries } from '../support/queries';
import { buildReportWorld, PERIOD, ReportWorld } from '../support/report-world';
import { startStack, TestStack } from '../support/stack';

const SET_TARGET = `mutation($input: SetTargetInput!) { setTarget(input: $input) { id measure value from to region { code } focusArea { code } activityType } }`;
const DELETE_TARGET = `mutation($id: ID!) { deleteTarget(id: $id) }`;
const TARGETS = `query($regionCode: ID!) { targets(regionCode: $regionCode) { id measure value from to focusArea { code } activityType } }`;
const GENDER = `participantsByGender { female male nonBinary unknown }`;
const BUCKET = `key label activities studentsReached quantityRequested quantityMatched ${GENDER}`;
const REPORT = `query($filter: ReportFilter!) { impactReport(filter: $filter) {
  from to activitiesCompleted studentsReached schoolsReached quantityRequested quantityMatched fillRate medianDaysToMatch averageRating ${GENDER}
  byFocusArea { ${BUCKET} } byActivityType { ${BUCKET} } byDistrict { ${BUCKET} } bySchoolLevel { ${BUCKET} } byNeed { ${BUCKET} }
  previous { from to activitiesCompleted studentsReached schoolsReached quantityRequested quantityMatched fillRate medianDaysToMatch averageRating
             partnersEngaged ${GENDER} schoolsWithoutActivity { name } previous { from } targets { actual } }
  targets { target { id measure value from to region { code } focusArea { code } activityType } actual met } } }`;

const zero = { female: 0, male: 0, nonBinary: 0, unknown: 0 };
const m1Counts = { female: 10, male: 12, nonBinary: 1, unknown: 2 };
const b = (key: string, label: string, activities: number, studentsReached: number, quantityRequested: number, quantityMatched: number, gender = zero) => ({
  key,
  label,
  activities,
  studentsReached,
  quantityRequested,
  quantityMatched,
  participantsByGender: gender,
});

describe('targets and equity in the impact report', () => {
  let stack: TestStack;
  let world: ReportWorld;
  let coordinator: TestUser;
  let trCoordinator: TestUser;
  let admin: TestUser;
  let teacher: TestUser;

  beforeAll(async () => {
    stack = await startStack({ api: true });
    world = await buildReportWorld(stack);
    coordinator = await createUser(stack, { coordinatorOf: ['se-malmo'], locale: 'en' });
    trCoordinator = await createUser(stack, { coordinatorOf: ['no-troms'] });
    admin = await createUser(stack, { admin: true });
    teacher = await createUser(stack);
    const ds = stack.dataSource;
    await ds.query(`INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'MEMBER')`, [teacher.user.id, world.schools.A.id]);
    // Levels and need indexes (band edges on purpose); C, F, G, H have neither.
    const profile = (id: string, levels: string[], need: number | null) =>
      ds.query(`UPDATE organization SET school_levels = $2, need_index = $3 WHERE id = $1`, [id, levels, need]);
    await profile(world.schools.A.id, ['PRIMARY', 'LOWER_SECONDARY'], 80);
    await profile(world.schools.B.id, ['UPPER_SECONDARY'], 25);
    await profile(world.schools.D.id, ['UPPER_SECONDARY'], 100);
    await profile(world.schools.E.id, ['LOWER_SECONDARY'], 24.99);
    // An imported school nobody has claimed: a school of the region all the same (9 in se-malmo).
    await createOrganization(stack, { name: 'Importerad skola', regionCode: 'se-malmo', claimed: false, schoolLevels: ['PRIMARY' as never], needIndex: 60 });
  });
  afterAll(() => stack.close());

  const gql = (query: string, variables: Record<string, unknown>, who?: TestUser) => stack.gql(query, variables, { token: who?.token });
  const outcome = async (query: string, variables: Record<string, unknown>, who?: TestUser) => {
    const res = await gql(query, variables, who);
    return res.errors ? { code: res.errors[0].extensions?.code, field: res.errors[0].extensions?.field } : { code: 'OK' };
  };
  const input = (o: Record<string, unknown> = {}) => ({ regionCode: 'se-malmo', measure: 'STUDENTS_REACHED', value: 40, from: '2026-01-01', to: '2026-12-31', ...o });
  const setTarget = async (o: Record<string, unknown>, who: TestUser = coordinator) => {
    const res = await gql(SET_TARGET, { input: input(o) }, who);
    expect(res.errors).toBeUndefined();
    return res.data!.setTarget as { id: string };
  };
  const report = async (who: TestUser, filter: Record<string, unknown> = { ...PERIOD, regionCodes: ['se-malmo'] }) => {
    const res = await gql(REPORT, { filter }, who);
    expect(res.errors).toBeUndefined();
    return res.data!.impactReport;
  };

  describe('setting, reading and deleting targets', () => {
    it('is for coordinators of the region and admins (a matrix)', async () => {
      const set = (who?: TestUser, regionCode = 'se-malmo') => outcome(SET_TARGET, { input: input({ regionCode }) }, who);
      expect(await set(undefined)).toEqual({ code: 'UNAUTHENTICATED' });
      expect(await set(teacher)).toEqual({ code: 'FORBIDDEN' });
      expect(await set(trCoordinator)).toEqual({ code: 'FORBIDDEN' });
      expect(await set(coordinator)).toEqual({ code: 'OK' });
      expect(await set(admin)).toEqual({ code: 'OK' });
      expect(await set(trCoordinator, 'no-troms')).toEqual({ code: 'OK' });

      const list = (who?: TestUser, regionCode = 'se-malmo') => outcome(TARGETS, { regionCode }, who);
      expect(await list(undefined)).toEqual({ code: 'UNAUTHENTICATED' });
      expect(await list(teacher)).toEqual({ code: 'FORBIDDEN' });
      expect(await list(trCoordinator)).toEqual({ code: 'FORBIDDEN' });
      expect(await list(coordinator)).toEqual({ code: 'OK' });
      expect(await list(admin)).toEqual({ code: 'OK' });
      expect(await list(coordinator, 'atlantis')).toEqual({ code: 'BAD_USER_INPUT', field: 'regionCode' });

      const mine = await setTarget({ measure: 'ACTIVITIES_COMPLETED', value: 3, from: '2030-01-01', to: '2030-12-31' });
      const del = (who: TestUser | undefined, id = mine.id) => outcome(DELETE_TARGET, { id }, who);
      expect(await del(undefined)).toEqual({ code: 'UNAUTHENTICATED' });
      expect(await del(teacher)).toEqual({ code: 'NOT_FOUND' });
      expect(await del(trCoordinator)).toEqual({ code: 'NOT_FOUND' }); // someone else's target says nothing
      expect(await del(coordinator, '00000000-0000-4000-8000-000000000000')).toEqual({ code: 'NOT_FOUND' });
      expect(await del(coordinator, 'not-an-id')).toEqual({ code: 'NOT_FOUND' });
      expect(await del(coordinator)).toEqual({ code: 'OK' });
      expect(await del(coordinator)).toEqual({ code: 'NOT_FOUND' }); // gone
      const theirs = await setTarget({ measure: 'ACTIVITIES_COMPLETED', value: 3, from: '2030-01-01', to: '2030-12-31' });
      expect(await del(admin, theirs.id)).toEqual({ code: 'OK' });
      const left = (await gql(TARGETS, { regionCode: 'se-malmo' }, coordinator)).data!.targets.map((t: { id: string }) => t.id);
      expect(left).not.toContain(mine.id);
      expect(left).not.toContain(theirs.id);
      await stack.dataSource.query(`DELETE FROM target`);
    });

    it('keeps a region to at most 100 targets at once (each adds to every report)', async () => {
      const dk = await createUser(stack, { coordinatorOf: ['dk-hovedstaden'] });
      await stack.dataSource.query(
        `INSERT INTO target (region_code, measure, value, from_date, to_date) SELECT 'dk-hovedstaden', 'STUDENTS_REACHED', n, '2026-01-01', '2026-12-31' FROM generate_series(1, 100) n`,
      );
      const dkInput = { regionCode: 'dk-hovedstaden' };
      expect(await outcome(SET_TARGET, { input: input(dkInput) }, dk)).toEqual({ code: 'CONFLICT', field: undefined });
      const [{ id }] = await stack.dataSource.query(`SELECT id FROM target WHERE region_code = 'dk-hovedstaden' LIMIT 1`);
      expect(await outcome('mutation($id: ID!) { deleteTarget(id: $id) }', { id }, dk)).toEqual({ code: 'OK' });
      expect(await outcome(SET_TARGET, { input: input(dkInput) }, dk)).toEqual({ code: 'OK' });
      await stack.dataSource.query(`DELETE FROM target WHERE region_code = 'dk-hovedstaden'`);
    });

    it('refuses what cannot be a target, naming the field', async () => {
      const set = (o: Record<string, unknown>) => outcome(SET_TARGET, { input: input(o) }, coordinator);
      expect(await set({ regionCode: 'atlantis' })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
      expect(await set({ focusArea: 'astrology' })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.focusArea' });
      expect(await set({ measure: 'FEMALE_SHARE', value: 1.5 })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.value' });
      expect(await set({ measure: 'FILL_RATE', value: -0.1 })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.value' });
      expect(await set({ value: -1 })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.value' });
      expect(await set({ value: 10.5 })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.value' });
      expect(await set({ from: '2026-12-31', to: '2026-01-01' })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.to' });
      expect(await set({ from: '2016-01-01', to: '2026-01-08' })).toEqual({ code: 'BAD_USER_INPUT', field: 'input.to' }); // 3,661 days
      expect(await set({ from: '2026-02-30' })).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(await set({ measure: 'HAPPINESS' })).toMatchObject({ code: expect.stringMatching(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/) });
      // The edges that are allowed: a share of exactly 1, a one-day period, 3,660 days.
      expect(await set({ measure: 'FEMALE_SHARE', value: 1, from: '2026-05-05', to: '2026-05-05' })).toEqual({ code: 'OK' });
      expect(await set({ from: '2016-01-01', to: '2026-01-07', value: 0 })).toEqual({ code: 'OK' });
      await stack.dataSource.query(`DELETE FROM target`);
    });

    it('lists a region by first day, then measure, with what was set', async () => {
      await setTarget({ measure: 'STUDENTS_REACHED', from: '2026-03-01', to: '2026-06-30', value: 100 });
      await setTarget({ measure: 'FEMALE_SHARE', from: '2026-03-01', to: '2026-06-30', value: 0.5, focusArea: 'chemistry', activityType: 'GUEST_LECTURE' });
      await setTarget({ measure: 'QUANTITY_MATCHED', from: '2026-01-01', to: '2026-12-31', value: 20 });
      await setTarget({ regionCode: 'no-troms', measure: 'QUANTITY_MATCHED', value: 1 }, admin);
      const res = await gql(TARGETS, { regionCode: 'se-malmo' }, coordinator);
      expect(res.data!.targets.map((t: Record<string, unknown>) => ({ ...t, id: undefined }))).toEqual([
        { id: undefined, measure: 'QUANTITY_MATCHED', value: 20, from: '2026-01-01', to: '2026-12-31', focusArea: null, activityType: null },
        { id: undefined, measure: 'FEMALE_SHARE', value: 0.5, from: '2026-03-01', to: '2026-06-30', focusArea: { code: 'chemistry' }, activityType: 'GUEST_LECTURE' },
        { id: undefined, measure: 'STUDENTS_REACHED', value: 100, from: '2026-03-01', to: '2026-06-30', focusArea: null, activityType: null },
      ]);
      await stack.dataSource.query(`DELETE FROM target`);
    });
  });

  describe('in the report', () => {
    it('measures each target that overlaps the period, over the overlap, narrowed by focus area and activity type', async () => {
      const id = {
        students: (await setTarget({ measure: 'STUDENTS_REACHED', value: 40 })).id, // 25 + 3 + 20 = 48: met
        femaleProcess: (await setTarget({ measure: 'FEMALE_SHARE', value: 0.4, focusArea: 'process-technology' })).id, // m1: 10 / 23: met
        femaleChemistry: (await setTarget({ measure: 'FEMALE_SHARE', value: 0.5, focusArea: 'chemistry' })).id, // a subject: m1 again, 0.4348: not met
        femaleLife: (await setTarget({ measure: 'FEMALE_SHARE', value: 0.1, focusArea: 'life-science-health' })).id, // nobody reported: 0
        schools: (await setTarget({ measure: 'SCHOOLS_REACHED_SHARE', value: 0.5 })).id, // A, B, C of 9 schools (the unclaimed one too)
        lectures: (await setTarget({ measure: 'ACTIVITIES_COMPLETED', value: 1, activityType: 'GUEST_LECTURE' })).id, // m1
        matched: (await setTarget({ measure: 'QUANTITY_MATCHED', value: 10 })).id, // 7 of the period's requests
        placements: (await setTarget({ measure: 'FILL_RATE', value: 0.3, activityType: 'WORKPLACE_PLACEMENT' })).id, // 3 of 4 + 5
        spring: (await setTarget({ measure: 'ACTIVITIES_COMPLETED', value: 2, from: '2026-03-01', to: '2026-12-31' })).id, // m2, m3 (not m1, 1 January)
      };
      await setTarget({ measure: 'STUDENTS_REACHED', value: 1, from: '2026-07-01', to: '2026-12-31' }); // after the period: not shown
      await setTarget({ measure: 'STUDENTS_REACHED', value: 1, from: '2025-01-01', to: '2025-12-31' }); // before it: not shown
      await setTarget({ regionCode: 'no-troms', measure: 'STUDENTS_REACHED', value: 1 }, trCoordinator); // another region

      const r = await report(coordinator);
      const progress = Object.fromEntries(r.targets.map((t: { target: { id: string }; actual: number; met: boolean }) => [t.target.id, [t.actual, t.met]]));
      expect(progress).toEqual({
        [id.students]: [48, true],
        [id.femaleProcess]: [0.4348, true],
        [id.femaleChemistry]: [0.4348, false],
        [id.femaleLife]: [0, false],
        [id.schools]: [0.3333, false],
        [id.lectures]: [1, true],
        [id.matched]: [7, false],
        [id.placements]: [0.3333, true],
        [id.spring]: [2, true],
      });
      // By first day, then measure.
      expect(r.targets.map((t: { target: { from: string; measure: string } }) => `${t.target.from} ${t.target.measure}`)).toEqual([
        '2026-01-01 ACTIVITIES_COMPLETED',
        '2026-01-01 FEMALE_SHARE',
        '2026-01-01 FEMALE_SHARE',
        '2026-01-01 FEMALE_SHARE',
        '2026-01-01 FILL_RATE',
        '2026-01-01 QUANTITY_MATCHED',
        '2026-01-01 SCHOOLS_REACHED_SHARE',
        '2026-01-01 STUDENTS_REACHED',
        '2026-03-01 ACTIVITIES_COMPLETED',
      ]);
      expect(r.targets.find((t: { target: { id: string } }) => t.target.id === id.femaleProcess).target).toEqual({
        id: id.femaleProcess,
        measure: 'FEMALE_SHARE',
        value: 0.4,
        from: '2026-01-01',
        to: '2026-12-31',
        region: { code: 'se-malmo' },
        focusArea: { code: 'process-technology' },
        activityType: null,
      });
      // A later report (the second half-year) measures the same yearly target over its own days.
      const autumn = await report(coordinator, { from: '2026-07-01', to: '2026-12-31', regionCodes: ['se-malmo'] });
      expect(autumn.targets.find((t: { target: { id: string } }) => t.target.id === id.students)).toMatchObject({ actual: 100, met: true }); // m4: 50 + 50
      // Troms' coordinator sees Troms' target only.
      const troms = await report(trCoordinator, PERIOD);
      expect(troms.targets).toEqual([expect.objectContaining({ actual: 14, met: true })]);
    });

    it('reads the targets in a bounded number of queries, however many there are', async () => {
      const filter = { ...PERIOD, regionCodes: ['se-malmo'] };
      const few = await countQueries(stack.dataSource, () => report(admin, filter));
      for (let i = 0; i < 40; i++)
        await setTarget({ measure: i % 2 ? 'FEMALE_SHARE' : 'STUDENTS_REACHED', value: i % 2 ? 0.5 : i, focusArea: i % 3 ? 'chemistry' : null });
      const many = await countQueries(stack.dataSource, () => report(admin, filter));
      expect(many.result.targets.length).toBe(few.result.targets.length + 40);
      expect(many.queries).toBe(few.queries);
    });
  });

  it('breaks the report down by school level, need band and gender, with the same numbers as the totals', async () => {
    const r = await report(coordinator);
    expect(r.bySchoolLevel).toEqual([
      b('PRIMARY', 'Primary', 1, 25, 1, 1, m1Counts), // A (two levels: in both)
      b('LOWER_SECONDARY', 'Lower secondary', 1, 25, 2, 2, m1Counts), // A, and E's request
      b('UPPER_SECONDARY', 'Upper secondary', 1, 3, 11, 4), // B's placements and request, D's unmet 5
      b('ADULT_EDUCATION', 'Adult education', 0, 0, 0, 0),
      b('SPECIAL', 'Special education', 0, 0, 0, 0),
      b('OTHER', 'Other level', 0, 0, 0, 0),
      b('unknown', 'Unknown level', 1, 20, 3, 1), // C, and F's request
    ]);
    expect(r.byNeed).toEqual([
      b('0-25', 'Need index 0–25', 0, 0, 1, 1), // E at 24.99
      b('25-50', 'Need index 25–50', 1, 3, 6, 4), // B at exactly 25
      b('50-75', 'Need index 50–75', 0, 0, 0, 0), // only the imported school, with nothing
      b('75-100', 'Need index 75–100', 1, 25, 6, 1, m1Counts), // A at 80, D at exactly 100
      b('unknown', 'Unknown need index', 1, 20, 3, 1), // C, F, G, H
    ]);
    expect(r.byFocusArea.map((x: { key: string; participantsByGender: unknown }) => [x.key, x.participantsByGender])).toEqual([
      ['life-science-health', zero],
      ['process-technology', m1Counts],
      ['tech-energy-green', zero],
    ]);
    expect(r.byActivityType[0]).toEqual(b('GUEST_LECTURE', 'Guest lecture', 1, 25, 3, 2, m1Counts));
    expect(r.byDistrict.find((x: { key: string }) => x.key === 'Rosengård').participantsByGender).toEqual(m1Counts);
    // Sweden in Swedish.
    const sv = await createUser(stack, { coordinatorOf: ['se-malmo'], locale: 'sv' });
    const svReport = await report(sv);
    expect(svReport.bySchoolLevel.map((x: { label: string }) => x.label)).toContain('Gymnasieskolan');
    expect(svReport.byNeed.at(-1).label).toBe('Okänt behovsindex');
  });

  it('has the report of the equal-length period just before, one level deep', async () => {
    const r = await report(coordinator);
    // 181 days before 1 January 2026: 4 July to 31 December 2025. Only m5 ended there (no counts, no group size: its quantity, 1).
    expect(r.previous).toEqual({
      from: '2025-07-04',
      to: '2025-12-31',
      activitiesCompleted: 1,
      studentsReached: 1,
      schoolsReached: 1,
      partnersEngaged: 1,
      quantityRequested: 4, // r1, r5, G's and H's requests
      quantityMatched: 4,
      fillRate: 1,
      medianDaysToMatch: 2,
      averageRating: null,
      participantsByGender: zero,
      // A (m1 ended on 1 January) and F (m5) are active; G's and H's matches lie after; B, C, D, E had nothing yet.
      schoolsWithoutActivity: ['Bulltoftaskolan', 'Citadellskolan', 'Dalaskolan', 'Ekbackeskolan', 'Gullviksskolan', 'Holmaskolan', 'Importerad skola'].map((name) => ({
        name,
      })),
      previous: null,
      targets: [],
    });
    // Asked through a fragment too; not asked for, it is not computed (and null).
    const viaFragment = await gql(
      `query($filter: ReportFilter!) { impactReport(filter: $filter) { ...P } } fragment P on ImpactReport { ... on ImpactReport { previous { from activitiesCompleted } } }`,
      { filter: { ...PERIOD, regionCodes: ['se-malmo'] } },
      coordinator,
    );
    expect(viaFragment.data!.impactReport.previous).toEqual({ from: '2025-07-04', activitiesCompleted: 1 });
    const day = await report(coordinator, { from: '2026-07-01', to: '2026-07-01', regionCodes: ['se-malmo'] });
    expect(day.previous).toMatchObject({ from: '2026-06-30', to: '2026-06-30', activitiesCompleted: 1, studentsReached: 3 }); // m2
  });

  it('puts the new sections, the previous period and the targets in the CSV, with the GraphQL numbers', async () => {
    await setTarget({ measure: 'ACTIVITIES_COMPLETED', value: 5 });
    const res = await fetch(`${stack.url}/reports/impact.csv?from=${PERIOD.from}&to=${PERIOD.to}&region=se-malmo`, {
      headers: { authorization: `Bearer ${coordinator.token}` },
    });
    expect(res.status).toBe(200);
    const records: string[][] = parse(await res.text(), { bom: true, relax_column_count: true, skip_empty_lines: true });
    const section = (name: string) => {
      const start = records.findIndex((x) => x[0] === 'section' && x[1] === name);
      const end = records.findIndex((x, i) => i > start && x[0] === 'section');
      const [header, ...rows] = records.slice(start + 1, end === -1 ? undefined : end);
      return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
    };
    const gqlReport = await report(coordinator);
    const asCsv = (x: typeof b extends (...a: never[]) => infer R ? R : never) => ({
      key: x.key,
      label: x.label,
      ...Object.fromEntries(
        Object.entries({ ...x, ...x.participantsByGender })
          .filter(([k]) => !['key', 'label', 'participantsByGender'].includes(k))
          .map(([k, v]) => [k, String(v)]),
      ),
    });
    for (const name of ['byFocusArea', 'byActivityType', 'byDistrict', 'bySchoolLevel', 'byNeed']) expect(section(name)).toEqual(gqlReport[name].map(asCsv));
    const summary = Object.fromEntries(section('summary').map((row) => [row.measure, row.previous]));
    expect(summary).toMatchObject({ activitiesCompleted: '1', studentsReached: '1', quantityRequested: '4', fillRate: '1', averageRating: '' });
    expect(Object.fromEntries(section('report').map((row) => [row.field, row.value]))).toMatchObject({ previousFrom: '2025-07-04', previousTo: '2025-12-31' });
    expect(section('targets')).toEqual(
      gqlReport.targets.map((t: { target: Record<string, any>; actual: number; met: boolean }) =>
        expect.objectContaining({ id: t.target.id, measure: t.target.measure, value: String(t.target.value), actual: String(t.actual), met: String(t.met) }),
      ),
    );
    expect(section('targets')).toContainEqual(expect.objectContaining({ measure: 'ACTIVITIES_COMPLETED', label: 'Activities completed', actual: '3', met: 'false' }));
  });
});
