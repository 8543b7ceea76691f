import { parse } from 'csv-parse/sync';
import { OrganizationKind } from '@brobygge/identity';
import { createOrganization, createUser, TestUser } from '../support/factories';
import { countQueries } from '../support/queries';
import { buildReportWorld, PERIOD, ReportWorld } from '../support/report-world';
import { startStack, TestStack } from '../support/stack';

export const IMPACT_REPORT = `query($filter: ReportFilter!) { impactReport(filter: $filter) {
  from to regionCodes activitiesCompleted studentsReached schoolsReached partnersEngaged quantityRequested quantityMatched fillRate
  medianDaysToMatch averageRating participantsByGender { female male nonBinary unknown }
  byFocusArea { key label activities studentsReached quantityRequested quantityMatched }
  byActivityType { key label activities studentsReached quantityRequested quantityMatched }
  byDistrict { key label activities studentsReached quantityRequested quantityMatched }
  schoolsWithoutActivity { id name district region { code } } } }`;

const b = (key: string, label: string, activities: number, studentsReached: number, quantityRequested: number, quantityMatched: number) => ({
  key,
  label,
  activities,
  studentsReached,
  quantityRequested,
  quantityMatched,
});

describe('the impact report', () => {
  let stack: TestStack;
  let world: ReportWorld;
  let coordinator: TestUser;
  let svCoordinator: TestUser;
  let trCoordinator: TestUser;
  let admin: TestUser;
  let teacher: TestUser;

  beforeAll(async () => {
    stack = await startStack({ api: true });
    world = await buildReportWorld(stack);
    coordinator = await createUser(stack, { coordinatorOf: ['se-malmo'], locale: 'en' });
    svCoordinator = await createUser(stack, { coordinatorOf: ['se-malmo', 'se-skane'], locale: 'sv' });
    trCoordinator = await createUser(stack, { coordinatorOf: ['no-troms'] });
    admin = await createUser(stack, { admin: true });
    teacher = await createUser(stack);
    await stack.dataSource.query(`INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'MEMBER')`, [teacher.user.id, world.schools.A.id]);
  });
  afterAll(() => stack.close());

  const report = (who: TestUser | undefined, filter: Record<string, unknown>) => stack.gql(IMPACT_REPORT, { filter }, { token: who?.token });

  it("says exactly what happened in a coordinator's region in the half-year, edges included", async () => {
    const res = await report(coordinator, PERIOD);
    expect(res.errors).toBeUndefined();
    const r = res.data!.impactReport;
    expect(r).toMatchObject({
      from: '2026-01-01',
      to: '2026-06-30',
      regionCodes: ['se-malmo'],
      activitiesCompleted: 3, // m1 (ends on the first instant), m2 (on the last second), m3; not m4 (1 July) or m5 (31 Dec)
      studentsReached: 48, // 25 counted by the school + 3 placements (no counts, no group size) + a group of 20 (a rating, no counts)
      schoolsReached: 3,
      partnersEngaged: 2,
      quantityRequested: 16, // 4 + 1 + 1 + 2 + 2 + 1 (created on the last millisecond) + 5; not the cancelled 10 or the 7 of 1 July
      quantityMatched: 7,
      fillRate: 0.4375,
      medianDaysToMatch: 4, // of 1, 3, 4, 5 and 10.5 days
      averageRating: 4, // (5 + 4 + 3) / 3: both sides' ratings on the completed matches
      participantsByGender: { female: 10, male: 12, nonBinary: 1, unknown: 2 },
    });
    expect(r.byFocusArea).toEqual([
      b('life-science-health', 'Life science, health and care', 2, 23, 7, 4),
      b('process-technology', 'Process technology', 1, 25, 3, 2), // chemistry and manufacturing count once
      b('tech-energy-green', 'Technology, electricity, energy and green tech', 1, 20, 7, 2),
    ]);
    expect(r.byActivityType).toEqual([
      b('GUEST_LECTURE', 'Guest lecture', 1, 25, 3, 2),
      b('STUDY_VISIT', 'Study visit', 1, 20, 1, 1),
      b('WORKPLACE_PLACEMENT', 'Workplace placement (APL)', 1, 3, 9, 3),
      b('PROJECT', 'Project', 0, 0, 1, 1),
      b('MENTORING', 'Mentoring', 0, 0, 0, 0),
      b('TEACHER_TRAINING', 'Teacher training', 0, 0, 0, 0),
      b('EVENT', 'Event', 0, 0, 2, 0),
    ]);
    expect(r.byDistrict).toEqual([
      b('Fosie', 'Fosie', 1, 3, 7, 5),
      b('Hyllie', 'Hyllie', 0, 0, 5, 0), // asked for 5, got nothing: the gap
      b('Limhamn', 'Limhamn', 0, 0, 2, 0),
      b('Rosengård', 'Rosengård', 1, 25, 1, 1),
      b('unknown', 'Unknown district', 1, 20, 1, 1),
    ]);
    // D had nothing; F only a cancellation and a match that ended before the period; G's approved match lies after it.
    expect(r.schoolsWithoutActivity).toEqual([
      { id: world.schools.D.id, name: 'Dalaskolan', district: 'Hyllie', region: { code: 'se-malmo' } },
      { id: world.schools.F.id, name: 'Fridhemsskolan', district: 'Limhamn', region: { code: 'se-malmo' } },
      { id: world.schools.G.id, name: 'Gullviksskolan', district: 'Rosengård', region: { code: 'se-malmo' } },
    ]);
  });

  it("moves with the period's edges", async () => {
    const later = (await report(coordinator, { from: '2026-01-02', to: '2026-06-30' })).data!.impactReport;
    expect(later).toMatchObject({ activitiesCompleted: 2, studentsReached: 23, quantityRequested: 16 }); // m1 ended on 1 Jan
    const earlier = (await report(coordinator, { from: '2026-01-01', to: '2026-06-29' })).data!.impactReport;
    expect(earlier).toMatchObject({ activitiesCompleted: 2, studentsReached: 45, quantityRequested: 15, medianDaysToMatch: 4.5 }); // m2 and r8 fall out
    const july = (await report(coordinator, { from: '2026-07-01', to: '2026-07-01' })).data!.impactReport;
    expect(july).toMatchObject({
      activitiesCompleted: 1,
      studentsReached: 100,
      participantsByGender: { female: 50, male: 50, nonBinary: 0, unknown: 0 },
      quantityRequested: 7,
      quantityMatched: 0,
      fillRate: 0,
      medianDaysToMatch: null,
      averageRating: 1,
    });
    const empty = (await report(coordinator, { from: '2024-01-01', to: '2024-01-31' })).data!.impactReport;
    expect(empty).toMatchObject({ activitiesCompleted: 0, studentsReached: 0, fillRate: 0, medianDaysToMatch: null, averageRating: null });
    expect(empty.schoolsWithoutActivity).toHaveLength(8);
  });

  it("labels the buckets in the viewer's language and covers all of a coordinator's regions by default", async () => {
    const r = (await report(svCoordinator, PERIOD)).data!.impactReport;
    expect(r.regionCodes).toEqual(['se-malmo', 'se-skane']);
    expect(r.activitiesCompleted).toBe(3);
    expect(r.byActivityType[2].label).toBe('APL (arbetsplatsförlagt lärande)');
    expect(r.byDistrict.at(-1).label).toBe('Okänt område');
    // Directions carry the taxonomy's own Swedish names.
    const [{ name_sv }]: Array<{ name_sv: string }> = await stack.dataSource.query(`SELECT name_sv FROM focus_area WHERE code = 'life-science-health'`);
    expect(r.byFocusArea[0].label).toBe(name_sv);
  });

  it('gives admins any region (all by default), and each coordinator only their own', async () => {
    const all = (await report(admin, PERIOD)).data!.impactReport;
    expect(all.regionCodes).toEqual(expect.arrayContaining(['se-malmo', 'no-troms']));
    expect(all).toMatchObject({
      activitiesCompleted: 4,
      studentsReached: 62,
      schoolsReached: 4,
      partnersEngaged: 3,
      quantityRequested: 19,
      quantityMatched: 9,
      averageRating: 3.5,
      participantsByGender: { female: 17, male: 18, nonBinary: 1, unknown: 3 },
    });
    const malmo = (await report(admin, { ...PERIOD, regionCodes: ['se-malmo'] })).data!.impactReport;
    expect(malmo).toEqual((await report(coordinator, PERIOD)).data!.impactReport);
    const troms = (await report(trCoordinator, PERIOD)).data!.impactReport;
    expect(troms).toMatchObject({ regionCodes: ['no-troms'], activitiesCompleted: 1, studentsReached: 14, byDistrict: [b('Tromsdalen', 'Tromsdalen', 1, 14, 3, 2)] });
  });

  it('refuses everyone else, and bad filters, with clear codes', async () => {
    const codeOf = async (who: TestUser | undefined, filter: Record<string, unknown>) => (await report(who, filter)).errors?.[0]?.extensions ?? { code: 'OK' };
    expect(await codeOf(undefined, PERIOD)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await codeOf(teacher, PERIOD)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(trCoordinator, { ...PERIOD, regionCodes: ['se-malmo'] })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(coordinator, { ...PERIOD, regionCodes: ['se-malmo', 'no-troms'] })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(coordinator, { ...PERIOD, regionCodes: ['atlantis'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCodes' });
    expect(await codeOf(coordinator, { from: '2026-06-30', to: '2026-01-01' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    expect(await codeOf(coordinator, { from: '2000-01-01', to: '2026-01-01' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    expect(await codeOf(coordinator, { from: '2026-02-30', to: '2026-03-01' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await codeOf(coordinator, { from: '1 Jan 2026', to: '2026-03-01' })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('is computed by aggregates: the same number of queries for a region ten times the size', async () => {
    // Stockholm, which no other test here reads: one quiet school, then thirty more schools with a year of activity.
    const stockholm = { ...PERIOD, regionCodes: ['se-stockholm'] };
    const queriesFor = async () =>
      await countQueries(stack.dataSource, async () => {
        const res = await report(admin, stockholm);
        expect(res.errors).toBeUndefined();
        return res.data!.impactReport;
      });
    const ds = stack.dataSource;
    await createOrganization(stack, { name: 'Tyst skola', district: 'Kista', regionCode: 'se-stockholm' });
    const small = await queriesFor();
    expect(small.result).toMatchObject({ activitiesCompleted: 0, schoolsWithoutActivity: [{ name: 'Tyst skola' }] });

    const partner = await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Stockholm AB', regionCode: 'se-stockholm', verified: true });
    const [offer]: Array<{ id: string }> = await ds.query(
      `INSERT INTO offer (organization_id, region_code, activity_type, title, description, focus_areas, delivery_modes, languages, capacity, available_from, available_until, status)
       VALUES ($1, 'se-stockholm', 'GUEST_LECTURE', 'x', 'x', '{physics}', '{REMOTE}', '{sv}', 1000, '2025-01-01', '2027-01-01', 'PUBLISHED') RETURNING id`,
      [partner.id],
    );
    for (let i = 0; i < 30; i++) {
      const school = await createOrganization(stack, { name: `Skola ${i}`, district: `Stadsdel ${i % 7}`, regionCode: 'se-stockholm' });
      if (i % 3 === 0) continue; // a third stay without activity
      const [r]: Array<{ id: string }> = await ds.query(
        `INSERT INTO collaboration_request (organization_id, region_code, activity_type, title, description, focus_areas, delivery_modes, languages, quantity, quantity_matched, earliest_date, latest_date, status, created_at)
         VALUES ($1, 'se-stockholm', 'GUEST_LECTURE', 'x', 'x', '{physics,biology}', '{REMOTE}', '{sv}', 2, 1, '2026-01-01', '2026-06-30', 'PARTIALLY_MATCHED', '2026-02-01T00:00:00Z') RETURNING id`,
        [school.id],
      );
      const [m]: Array<{ id: string }> = await ds.query(
        `INSERT INTO collaboration_match (request_id, offer_id, school_id, partner_id, region_code, quantity, status, origin, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, 'se-stockholm', 1, 'COMPLETED', 'SCHOOL', '2026-03-01T08:00:00Z', '2026-03-01T10:00:00Z') RETURNING id`,
        [r.id, offer.id, school.id, partner.id],
      );
      await ds.query(`INSERT INTO match_event (match_id, at, from_status, to_status) VALUES ($1, '2026-02-03T00:00:00Z', 'PROPOSED', 'AWAITING_APPROVAL')`, [m.id]);
      await ds.query(`INSERT INTO feedback (match_id, side, partner_id, rating, participants_female, participants_male) VALUES ($1, 'SCHOOL', $2, 4, 10, 10)`, [
        m.id,
        partner.id,
      ]);
    }
    const large = await queriesFor();
    expect(large.result).toMatchObject({ activitiesCompleted: 20, studentsReached: 400, medianDaysToMatch: 2 });
    expect(large.result.schoolsWithoutActivity).toHaveLength(11);
    expect(large.queries).toBe(small.queries);
  });

  describe('as CSV', () => {
    const download = (path: string, who?: TestUser) => fetch(`${stack.url}${path}`, { headers: who ? { authorization: `Bearer ${who.token}` } : {} });

    /** Parses the file back with an independent CSV parser and splits it at its `section,<name>` rows. */
    function sections(bytes: Buffer): Map<string, { header: string[]; rows: string[][] }> {
      const records: string[][] = parse(bytes.toString('utf8'), { bom: true, relax_column_count: true, skip_empty_lines: true });
      const out = new Map<string, { header: string[]; rows: string[][] }>();
      let current: { header: string[]; rows: string[][] } | undefined;
      for (const record of records) {
        if (record[0] === 'section') out.set(record[1], (current = { header: [], rows: [] }));
        else if (current!.header.length === 0) current!.header = record;
        else current!.rows.push(record);
      }
      return out;
    }
    // The participant columns of each bucket are checked in report-targets.e2e-spec.ts.
    const asBuckets = (s: { header: string[]; rows: string[][] }) =>
      s.rows.map((r) => Object.fromEntries(s.header.slice(0, 6).map((h, i) => [h, i >= 2 ? Number(r[i]) : r[i]])));

    it("has the GraphQL report's numbers, one section per breakdown, UTF-8 with a BOM", async () => {
      const res = await download(`/reports/impact.csv?from=${PERIOD.from}&to=${PERIOD.to}&region=se-malmo`, svCoordinator);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="brobygge-impact-se-malmo-2026-01-01-2026-06-30.csv"');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8')).toContain('Rosengård');

      const gql = (await report(svCoordinator, { ...PERIOD, regionCodes: ['se-malmo'] })).data!.impactReport;
      const csv = sections(bytes);
      expect([...csv.keys()]).toEqual([
        'report',
        'summary',
        'participantsByGender',
        'byFocusArea',
        'byActivityType',
        'byDistrict',
        'bySchoolLevel',
        'byNeed',
        'schoolsWithoutActivity',
        'targets',
      ]);
      expect(Object.fromEntries(csv.get('report')!.rows.map(([k, v]) => [k, v]))).toMatchObject({ from: gql.from, to: gql.to, regions: 'se-malmo' });
      const summary = Object.fromEntries(csv.get('summary')!.rows.map(([measure, , value]) => [measure, value === '' ? null : Number(value)]));
      for (const m of [
        'activitiesCompleted',
        'studentsReached',
        'schoolsReached',
        'partnersEngaged',
        'quantityRequested',
        'quantityMatched',
        'fillRate',
        'medianDaysToMatch',
        'averageRating',
      ]) {
        expect([m, summary[m]]).toEqual([m, gql[m]]);
      }
      expect(csv.get('summary')!.rows[0][1]).toBe('Genomförda aktiviteter');
      const [gender] = csv.get('participantsByGender')!.rows;
      expect(Object.fromEntries(csv.get('participantsByGender')!.header.map((h, i) => [h, Number(gender[i])]))).toEqual(gql.participantsByGender);
      expect(asBuckets(csv.get('byFocusArea')!)).toEqual(gql.byFocusArea);
      expect(asBuckets(csv.get('byActivityType')!)).toEqual(gql.byActivityType);
      expect(asBuckets(csv.get('byDistrict')!)).toEqual(gql.byDistrict);
      expect(csv.get('schoolsWithoutActivity')!.rows).toEqual(gql.schoolsWithoutActivity.map((s: any) => [s.id, s.name, s.district ?? '']));
    });

    it('takes several regions and answers HTTP errors with the GraphQL codes', async () => {
      const both = await download(`/reports/impact.csv?from=${PERIOD.from}&to=${PERIOD.to}&region=se-malmo,no-troms`, admin);
      expect(both.status).toBe(200);
      const summary = sections(Buffer.from(await both.arrayBuffer())).get('summary')!;
      expect(summary.rows.find((r) => r[0] === 'activitiesCompleted')![2]).toBe('4');

      const errorOf = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error: Record<string, unknown> }).error });
      expect(await errorOf(await download(`/reports/impact.csv?from=${PERIOD.from}&to=${PERIOD.to}`))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      expect(await errorOf(await download(`/reports/impact.csv?from=${PERIOD.from}&to=${PERIOD.to}`, teacher))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(await errorOf(await download(`/reports/impact.csv?from=${PERIOD.from}&to=${PERIOD.to}&region=se-malmo`, trCoordinator))).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
      expect(await errorOf(await download(`/reports/impact.csv?to=${PERIOD.to}`, coordinator))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', field: 'from' });
      expect(await errorOf(await download(`/reports/impact.csv?from=2026-13-01&to=${PERIOD.to}`, coordinator))).toMatchObject({
        status: 400,
        code: 'BAD_USER_INPUT',
        field: 'from',
      });
      expect(await errorOf(await download(`/reports/impact.csv?from=${PERIOD.to}&to=${PERIOD.from}`, coordinator))).toMatchObject({ status: 400, field: 'filter.to' });
      expect(await errorOf(await download(`/reports/impact.csv?from=${PERIOD.from}&to=${PERIOD.to}&region=atlantis`, coordinator))).toMatchObject({
        status: 400,
        field: 'filter.regionCodes',
      });
      const bad = await fetch(`${stack.url}/reports/impact.csv?from=${PERIOD.from}&to=${PERIOD.to}`, { headers: { authorization: 'Bearer nonsense' } });
      expect(await errorOf(bad)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringContaining('Sign in again') });
    });
  });
});
