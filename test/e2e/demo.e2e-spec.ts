import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { Organization, OrganizationKind, User } from '@brobygge/identity';
import { DEMO_ORGS, DEMO_PASSWORD, demoEmail, seedDemo } from '../../scripts/seed/demo';
import { DEMO_OFFERS, DEMO_REQUESTS } from '../../scripts/seed/demo-catalog';
import { DEMO_PLACEMENT_OFFER } from '../../scripts/seed/demo-placements';
import { DEMO_SCHOOLS_FILE } from '../../scripts/seed/demo-schools';
import { startStack, TestStack } from '../support/stack';

/** The school names of the demo register file (read here with csv-parse, not with the import's parser). */
const registerSchoolNames = (): string[] =>
  (parse(readFileSync(DEMO_SCHOOLS_FILE), { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>).map((r) => r.Skolenhetsnamn);

describe('demo data', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true });
  });
  afterAll(() => stack.close());

  it('seeds schools in Malmö districts, Copenhagen and Tromsø, partners, coordinators — idempotently', async () => {
    const logins = await seedDemo(stack.config, stack.dataSource);
    const counts = async () => ({
      users: await stack.dataSource.getRepository(User).count(),
      orgs: await stack.dataSource.getRepository(Organization).count(),
      offers: await stack.dataSource.getRepository(Offer).count(),
      requests: await stack.dataSource.getRepository(CollaborationRequest).count(),
      matches: Number((await stack.dataSource.query(`SELECT count(*) AS n FROM collaboration_match`))[0].n),
      events: Number((await stack.dataSource.query(`SELECT count(*) AS n FROM match_event`))[0].n),
      feedback: Number((await stack.dataSource.query(`SELECT count(*) AS n FROM feedback`))[0].n),
      targets: Number((await stack.dataSource.query(`SELECT count(*) AS n FROM target`))[0].n),
    });
    const first = await counts();
    await seedDemo(stack.config, stack.dataSource);
    expect(await counts()).toEqual(first);

    const schools = await stack.dataSource.getRepository(Organization).findBy({ kind: OrganizationKind.SCHOOL });
    expect(schools.length).toBeGreaterThanOrEqual(12);
    const districts = schools.map((s) => s.district);
    expect(districts).toEqual(expect.arrayContaining(['Rosengård', 'Fosie', 'Hyllie', 'Limhamn-Bunkeflo']));
    expect(new Set(schools.map((s) => s.regionCode))).toEqual(new Set(['se-malmo', 'dk-hovedstaden', 'no-troms']));
    const partners = await stack.dataSource
      .getRepository(Organization)
      .find({ where: [{ kind: OrganizationKind.UNIVERSITY }, { kind: OrganizationKind.PUBLIC_AGENCY }, { kind: OrganizationKind.COMPANY }] });
    expect(partners.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Malmö universitet', 'Lunds universitet', 'Skånes universitetssjukhus', 'Miljöförvaltningen, Malmö stad']),
    );

    // Every printed login works, and a coordinator sees their regions.
    const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { user { roles coordinatorRegions { code } memberships { role } } } }';
    for (const l of logins.filter((x) => !x.email.includes('<'))) {
      const res = await stack.gql(LOGIN, { i: { email: l.email, password: l.password } });
      expect(res.errors).toBeUndefined();
    }
    const coord = await stack.gql(LOGIN, { i: { email: logins[1].email, password: DEMO_PASSWORD } });
    expect(coord.data!.login.user.coordinatorRegions.map((r: { code: string }) => r.code)).toEqual(['se-malmo', 'se-skane']);
    const member = await stack.gql(LOGIN, { i: { email: demoEmail(DEMO_ORGS[0].slug, 'member'), password: DEMO_PASSWORD } });
    expect(member.data!.login.user.memberships).toEqual([{ role: 'MEMBER' }]);
  });

  it("has at least 60 offers and 60 requests, in the organisations' languages, across the three Malmö focus areas", async () => {
    await seedDemo(stack.config, stack.dataSource);
    // The current catalogue (the past year's collaborations have their own, lapsed, items).
    const offerTitles = new Set(DEMO_OFFERS.map((o) => o.title));
    const requestTitles = new Set(DEMO_REQUESTS.map((r) => r.title));
    const offers = (await stack.dataSource.getRepository(Offer).find()).filter((o) => offerTitles.has(o.title));
    const requests = (await stack.dataSource.getRepository(CollaborationRequest).find()).filter((r) => requestTitles.has(r.title));
    expect(offers.length).toBeGreaterThanOrEqual(60);
    expect(requests.length).toBeGreaterThanOrEqual(60);
    expect(requests.every((r) => r.status === RequestStatus.OPEN)).toBe(true);
    // Only verified partners publish: the unverified food company's offers stay drafts.
    const orgs = new Map((await stack.dataSource.getRepository(Organization).find()).map((o) => [o.id, o]));
    for (const o of offers) expect(o.status).toBe(orgs.get(o.organizationId)!.verified ? OfferStatus.PUBLISHED : OfferStatus.DRAFT);
    expect(offers.filter((o) => o.status === OfferStatus.DRAFT).length).toBeGreaterThan(0);
    // The language of the region comes first; items lie in their organisation's region.
    const language = { 'se-malmo': 'sv', 'se-skane': 'sv', 'dk-hovedstaden': 'da', 'no-troms': 'nb' } as Record<string, string>;
    for (const item of [...offers, ...requests]) {
      expect(item.regionCode).toBe(orgs.get(item.organizationId)!.regionCode);
      expect(item.languages[0]).toBe(language[item.regionCode]);
    }
    for (const region of ['dk-hovedstaden', 'no-troms']) {
      expect(offers.filter((o) => o.regionCode === region).length).toBeGreaterThanOrEqual(5);
      expect(requests.filter((r) => r.regionCode === region).length).toBeGreaterThanOrEqual(5);
    }
    // Through the API: each Malmö focus area (a direction covers its subjects) has published offers and open requests.
    const teacher = await stack.gql('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
      i: { email: demoEmail('rosengard', 'member'), password: DEMO_PASSWORD },
    });
    const token = teacher.data!.login.accessToken as string;
    for (const direction of ['life-science-health', 'process-technology', 'tech-energy-green']) {
      const res = await stack.gql(
        `query($f: OfferFilter, $r: RequestFilter) { offers(filter: $f, first: 100) { totalCount } requests(filter: $r, first: 100) { totalCount } }`,
        { f: { regionCodes: ['se-malmo'], focusAreas: [direction] }, r: { regionCodes: ['se-malmo'], focusAreas: [direction] } },
        { token },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.offers.totalCount).toBeGreaterThanOrEqual(5);
      expect(res.data!.requests.totalCount).toBeGreaterThanOrEqual(3);
    }
    // Every item keeps the catalogue's own rules.
    for (const o of offers) {
      expect(o.capacity).toBeGreaterThanOrEqual(1);
      expect(o.availableUntil >= o.availableFrom).toBe(true);
    }
    for (const r of requests) expect(r.latestDate >= r.earliestDate).toBe(true);
  });

  it('imports the Malmö school register (scripts/seed/schools-se-malmo.csv): unclaimed schools without members, once', async () => {
    await seedDemo(stack.config, stack.dataSource);
    const names = registerSchoolNames();
    expect(names.length).toBeGreaterThanOrEqual(25);
    const imported = await stack.dataSource.query(
      `SELECT o.name, o.region_code, o.claimed, o.verified, o.registry_code, o.district, (SELECT count(*)::int FROM membership m WHERE m.organization_id = o.id) AS members
         FROM organization o WHERE o.name = ANY($1) AND o.kind = 'SCHOOL'`,
      [names],
    );
    expect(imported.map((o: { name: string }) => o.name).sort()).toEqual([...names].sort()); // each once: the second seed imported nothing new
    for (const o of imported) {
      expect(o).toMatchObject({ region_code: 'se-malmo', claimed: false, verified: true, members: 0, registry_code: expect.stringMatching(/^\d{8}$/) });
    }
    expect(new Set(imported.map((o: { district: string }) => o.district))).toEqual(
      new Set(['Rosengård', 'Hyllie', 'Fosie', 'Husie', 'Oxie', 'Centrum', 'Södra Innerstaden', 'Västra Innerstaden', 'Limhamn-Bunkeflo', 'Kirseberg']),
    );
  });

  it('has a year of completed collaborations with feedback, so that the report, its CSV and the calendars show real numbers', async () => {
    await seedDemo(stack.config, stack.dataSource);
    const login = async (email: string) =>
      (await stack.gql('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { email, password: DEMO_PASSWORD } })).data!.login.accessToken as string;
    const coordinator = await login('coordinator.malmo@demo.brobygge.example');
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 365 * 86400_000).toISOString().slice(0, 10);
    const res = await stack.gql(
      `query($f: ReportFilter!) { impactReport(filter: $f) { activitiesCompleted studentsReached schoolsReached partnersEngaged averageRating
         participantsByGender { female male nonBinary unknown } byDistrict { key activities } byFocusArea { key activities } schoolsWithoutActivity { name }
         targets { target { measure } actual met } } }`,
      { f: { from, to, regionCodes: ['se-malmo'] } },
      { token: coordinator },
    );
    expect(res.errors).toBeUndefined();
    const r = res.data!.impactReport;
    expect(r.activitiesCompleted).toBeGreaterThanOrEqual(12);
    expect(r.studentsReached).toBeGreaterThan(100);
    expect(r.schoolsReached).toBeGreaterThanOrEqual(5);
    expect(r.partnersEngaged).toBeGreaterThanOrEqual(4);
    expect(r.averageRating).toBeGreaterThan(3);
    expect(r.participantsByGender.female + r.participantsByGender.male).toBeGreaterThan(50);
    for (const bucket of r.byFocusArea) expect([bucket.key, bucket.activities > 0]).toEqual([bucket.key, true]);
    expect(r.byDistrict.filter((d: { activities: number }) => d.activities > 0).length).toBeGreaterThanOrEqual(4);
    // Two demo schools nobody collaborated with, and every school of the register that nobody has claimed (demo-schools.ts).
    expect(r.schoolsWithoutActivity.map((o: { name: string }) => o.name).sort()).toEqual(['Limhamns gymnasium', 'Värnhemsskolan', ...registerSchoolNames()].sort());
    // The coordinator's targets for the year: one met, one not (scripts/seed/demo-targets.ts).
    const targets = Object.fromEntries(r.targets.map((t: { target: { measure: string }; actual: number; met: boolean }) => [t.target.measure, t]));
    expect(targets.ACTIVITIES_COMPLETED).toEqual({ target: { measure: 'ACTIVITIES_COMPLETED' }, actual: r.activitiesCompleted, met: true });
    expect(targets.SCHOOLS_REACHED_SHARE).toMatchObject({ met: false });
    expect(targets.SCHOOLS_REACHED_SHARE.actual).toBeLessThanOrEqual(0.75);

    const csv = await fetch(`${stack.url}/reports/impact.csv?from=${from}&to=${to}&region=se-malmo`, { headers: { authorization: `Bearer ${coordinator}` } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain(`activitiesCompleted,Genomförda aktiviteter,${r.activitiesCompleted}`);

    // A teacher's calendar shows what is booked for the coming weeks.
    const teacher = await login(demoEmail('rosengard', 'member'));
    const url = (await stack.gql('{ me { calendarUrl } }', {}, { token: teacher })).data!.me.calendarUrl as string;
    const ics = await (await fetch(url.replace(stack.config.PUBLIC_URL, stack.url))).text();
    expect(ics).toContain('Studiebesök i vårdlabbet (bokat)');
    expect(ics).toContain('STATUS:CONFIRMED');
  });

  it('has a short conversation on an open demo match, once, with one message the partner has not read (issue 16)', async () => {
    await seedDemo(stack.config, stack.dataSource);
    await seedDemo(stack.config, stack.dataSource);
    const rows: Array<{ match_id: string; n: number; sides: string[] }> = await stack.dataSource.query(
      `SELECT match_id, count(*)::int AS n, array_agg(side ORDER BY created_at) AS sides FROM match_message GROUP BY match_id`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].sides).toEqual(['SCHOOL', 'PARTNER', 'COORDINATOR', 'SCHOOL']);
    const [{ partner_id: partnerId }] = await stack.dataSource.query(`SELECT partner_id FROM collaboration_match WHERE id = $1`, [rows[0].match_id]);
    const [{ email }] = await stack.dataSource.query(
      `SELECT u.email FROM membership ms JOIN app_user u ON u.id = ms.user_id WHERE ms.organization_id = $1 AND ms.role = 'OWNER'`,
      [partnerId],
    );
    const token = (await stack.gql('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { email, password: DEMO_PASSWORD } })).data!.login.accessToken;
    const res = await stack.gql(
      'query($id: ID!) { match(id: $id) { status unreadMessages messages { totalCount edges { node { side body author { name } } } } } }',
      { id: rows[0].match_id },
      { token },
    );
    expect(res.errors).toBeUndefined();
    expect(['AWAITING_APPROVAL', 'APPROVED', 'SCHEDULED']).toContain(res.data!.match.status);
    expect(res.data!.match.unreadMessages).toBe(1);
    expect(res.data!.match.messages.totalCount).toBe(4);
    expect(res.data!.match.messages.edges.every((e: { node: { author: { name: string } | null } }) => e.node.author?.name)).toBe(true);
  });

  it('has an approved workplace placement with its supervisor, risk assessment and agreement, once (issue 16)', async () => {
    await seedDemo(stack.config, stack.dataSource);
    await seedDemo(stack.config, stack.dataSource);
    const rows: Array<{ id: string }> = await stack.dataSource.query(
      `SELECT x.id FROM collaboration_match x JOIN offer o ON o.id = x.offer_id JOIN placement p ON p.match_id = x.id WHERE o.title = $1`,
      [DEMO_PLACEMENT_OFFER],
    );
    expect(rows).toHaveLength(1);
    const token = (
      await stack.gql('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { email: demoEmail('borgar', 'member'), password: DEMO_PASSWORD } })
    ).data!.login.accessToken;
    const res = await stack.gql(
      'query($id: ID!) { match(id: $id) { status placement { missing agreementUrl supervisor { name } riskAssessment { answers { key answer note } } } contacts { name } } }',
      { id: rows[0].id },
      { token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.match).toMatchObject({ status: 'APPROVED', placement: { missing: [], supervisor: { name: 'Jonas Åkesson' } } });
    expect(res.data!.match.contacts.length).toBeGreaterThanOrEqual(2);
    const pdf = await fetch(res.data!.match.placement.agreementUrl.replace(stack.config.PUBLIC_URL, stack.url), { headers: { authorization: `Bearer ${token}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });
});
