import { MembershipRole, Organization, OrganizationKind } from '@brobygge/identity';
import { createOrganization, createUser, TestUser } from '../support/factories';
import { startStack, TestStack } from '../support/stack';

/** Skolverket's shape: BOM, `;`, Swedish headers, decimal commas, a column Brobygge does not know (Kommunkod). */
const SWEDISH =
  '\uFEFFSkolenhetskod;Skolenhetsnamn;Kommunkod;Kommun;Stadsdel;Besöksadress;Latitud;Longitud;Skolformer;Program;Antal elever\r\n' +
  '61000001;Kirsebergsskolan;1280;Malmö;Kirseberg;Västanvägen 2;55,6072;13,0301;"Förskoleklass, Grundskola åk 1-6";;388\r\n' +
  '61000002;Oxievångsskolan;1280;Malmö;Oxie;Oxievångsgatan 1;55,5447;13,0957;Grundskola åk 7-9;;412\r\n' +
  '61000003;Heleneholms gymnasium;1280;Malmö;Västra innerstaden;Ystadvägen 44;55,5873;13,0115;Gymnasieskola;NA|Teknikprogrammet;1 250\r\n';

const ENGLISH = [
  'School unit code,Name,Municipality,District,Latitude,Longitude,School levels,Programmes,Pupils',
  '61000101,Husie skola,Malmö,Husie,55.5822,13.0840,PRIMARY,,230',
].join('\n');

describe('the school register import (POST /imports/schools)', () => {
  let stack: TestStack;
  let coordinator: TestUser;
  let skaneCoordinator: TestUser;
  let admin: TestUser;
  let teacher: TestUser;

  beforeAll(async () => {
    stack = await startStack({ api: true });
    coordinator = await createUser(stack, { coordinatorOf: ['se-malmo'] });
    skaneCoordinator = await createUser(stack, { coordinatorOf: ['se-skane'] });
    admin = await createUser(stack, { admin: true });
    teacher = await createUser(stack);
    await createOrganization(stack, { owner: teacher.user, name: 'Teacher school' });
  });
  afterAll(() => stack.close());

  const post = (query: string, body: string | Buffer, opts: { token?: string; type?: string } = {}) =>
    fetch(`${stack.url}/imports/schools${query}`, {
      method: 'POST',
      headers: { 'content-type': opts.type ?? 'text/csv; charset=utf-8', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
      body,
    });
  const answer = async (res: Response): Promise<Record<string, unknown> & { status: number }> => ({
    status: res.status,
    ...((await res.json()) as Record<string, unknown>),
  });
  const imported = (who: TestUser, csv: string | Buffer, query = '?region=se-malmo') => post(query, csv, { token: who.token }).then(answer);
  const byCode = async (code: string) => stack.dataSource.getRepository(Organization).findOneBy({ registryCode: code, countryCode: 'SE' });
  const schoolCount = () => stack.dataSource.getRepository(Organization).countBy({ kind: OrganizationKind.SCHOOL });

  it('lets the region’s coordinators and admins import; others get 401, 403 or 400 in the shared error shape', async () => {
    const before = await schoolCount();
    const dry = '?region=se-malmo&dryRun=true';
    expect(await imported(coordinator, SWEDISH, dry)).toEqual({ status: 200, created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(await imported(admin, SWEDISH, dry)).toMatchObject({ status: 200, created: 3 });
    expect(await imported(skaneCoordinator, SWEDISH, dry)).toEqual({
      status: 403,
      error: { code: 'FORBIDDEN', message: 'Only a coordinator of region se-malmo or an admin can import its schools.' },
    });
    expect(await imported(teacher, SWEDISH, dry)).toMatchObject({ status: 403, error: { code: 'FORBIDDEN' } });
    expect(await answer(await post(dry, SWEDISH))).toMatchObject({ status: 401, error: { code: 'UNAUTHENTICATED' } });
    expect(await answer(await post(dry, SWEDISH, { token: 'not-a-token' }))).toMatchObject({ status: 401, error: { code: 'UNAUTHENTICATED' } });
    expect(await imported(admin, SWEDISH, '?region=atlantis')).toMatchObject({ status: 400, error: { code: 'BAD_USER_INPUT', field: 'region' } });
    expect(await imported(coordinator, SWEDISH, '')).toMatchObject({ status: 400, error: { code: 'BAD_USER_INPUT', field: 'region' } });
    expect(await imported(coordinator, SWEDISH, '?region=se-malmo&region=se-skane')).toMatchObject({ status: 400, error: { field: 'region' } });
    expect(await imported(coordinator, SWEDISH, '?region=se-malmo&dryRun=yes')).toMatchObject({ status: 400, error: { field: 'dryRun' } });
    expect(await schoolCount()).toBe(before); // dry runs and refusals wrote nothing
  });

  it('imports a Skolverket-style file (BOM, `;`, Swedish headers) as unclaimed, verified schools without members, in one go', async () => {
    const before = await schoolCount();
    expect(await imported(coordinator, SWEDISH)).toEqual({ status: 200, created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(await schoolCount()).toBe(before + 3);
    const school = await byCode('61000003');
    expect(school).toMatchObject({
      kind: OrganizationKind.SCHOOL,
      name: 'Heleneholms gymnasium',
      regionCode: 'se-malmo',
      countryCode: 'SE',
      municipality: 'Malmö',
      district: 'Västra innerstaden',
      latitude: 55.5873,
      longitude: 13.0115,
      schoolLevels: ['UPPER_SECONDARY'],
      programmes: ['NA', 'TE'],
      pupilCount: 1250,
      claimed: false,
      verified: true,
      priority: false,
      contact: null,
      createdById: coordinator.user.id,
    });
    expect((await byCode('61000001'))!.schoolLevels).toEqual(['PRIMARY']);
    expect((await byCode('61000002'))!.schoolLevels).toEqual(['LOWER_SECONDARY']);
    const members = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM membership m JOIN organization o ON o.id = m.organization_id WHERE o.registry_code LIKE '61%'`,
    );
    expect(members[0].n).toBe(0);
  });

  it('changes nothing when the same file comes again: all unchanged, no row written', async () => {
    const rows = async () =>
      stack.dataSource.query(`SELECT id, xmin::text AS version FROM organization WHERE registry_code = ANY($1) ORDER BY id`, [['61000001', '61000002', '61000003']]);
    const cache = async () => (await stack.dataSource.query(`SELECT version::text FROM cache_version`))[0].version;
    const [before, cacheBefore] = [await rows(), await cache()];
    expect(await imported(coordinator, SWEDISH)).toEqual({ status: 200, created: 0, updated: 0, unchanged: 3, errors: [] });
    expect(await rows()).toEqual(before);
    expect(await cache()).toBe(cacheBefore);
  });

  it('reads English headers with `,`; a changed field updates that school only', async () => {
    expect(await imported(coordinator, ENGLISH)).toEqual({ status: 200, created: 1, updated: 0, unchanged: 0, errors: [] });
    expect(await byCode('61000101')).toMatchObject({ name: 'Husie skola', district: 'Husie', schoolLevels: ['PRIMARY'], pupilCount: 230, claimed: false });
    const grown = SWEDISH.replace(';388\r\n', ';401\r\n');
    expect(await imported(coordinator, grown)).toEqual({ status: 200, created: 0, updated: 1, unchanged: 2, errors: [] });
    expect((await byCode('61000001'))!.pupilCount).toBe(401);
    // A file without a column leaves that field alone.
    expect(await imported(coordinator, 'Skolenhetskod;Skolenhetsnamn;Kommun\n61000101;Husie skola;Malmö\n')).toMatchObject({ status: 200, unchanged: 1 });
    expect((await byCode('61000101'))!.pupilCount).toBe(230);
  });

  it("updates a claimed school's register fields and keeps its members, contact, description and claim", async () => {
    const owner = await createUser(stack);
    const claimed = await createOrganization(stack, {
      owner: owner.user,
      name: 'Old name',
      district: 'Fosie',
      registryCode: '61000201',
      description: 'Our own words',
      contact: { name: 'Rektor', email: 'rektor@example.org', phone: null, role: 'principal' },
      verified: false,
    });
    const csv = 'Skolenhetskod;Skolenhetsnamn;Kommun;Stadsdel;Antal elever\n61000201;Lindängeskolan;Malmö;Fosie;510\n';
    expect(await imported(coordinator, csv)).toEqual({ status: 200, created: 0, updated: 1, unchanged: 0, errors: [] });
    expect(await byCode('61000201')).toMatchObject({
      id: claimed.id,
      name: 'Lindängeskolan',
      pupilCount: 510,
      description: 'Our own words',
      contact: { name: 'Rektor', email: 'rektor@example.org', phone: null, role: 'principal' },
      claimed: true,
      verified: false,
    });
    const members = await stack.dataSource.query(`SELECT user_id, role FROM membership WHERE organization_id = $1`, [claimed.id]);
    expect(members).toEqual([{ user_id: owner.user.id, role: MembershipRole.OWNER }]);
  });

  it('answers 422 with every bad line and field, plus what would have happened, and writes nothing', async () => {
    await createOrganization(stack, { regionCode: 'se-skane', municipality: 'Lund', registryCode: '62000001', name: 'Lund school' });
    const before = await schoolCount();
    const csv = [
      'Skolenhetskod;Skolenhetsnamn;Kommun;Latitud;Longitud;Program;Antal elever',
      '61000301;Ny skola;Malmö;55,6;13,0;;100', // would be created
      '61000001;Kirsebergsskolan;Malmö;55,6072;13,0301;;388', // would be updated (coordinates and levels column absent → kept; pupils back to 388)
      ';Utan kod;Malmö;;;;',
      '61000302;Fel skola;Malmö;95;13,0;XX-1;tolv',
      '62000001;Lund school;Lund;;;;', // a code of another region
      '61000301;Dubblett;Malmö;;;;',
    ].join('\n');
    const res = await imported(coordinator, csv);
    expect(res).toMatchObject({ status: 422, created: 1, updated: 1, unchanged: 0 });
    expect((res.errors as Array<{ line: number; field: string }>).map((e) => [e.line, e.field])).toEqual([
      [4, 'schoolUnitCode'],
      [5, 'latitude'],
      [5, 'programmes'],
      [5, 'pupilCount'],
      [6, 'schoolUnitCode'],
      [7, 'schoolUnitCode'],
    ]);
    expect(res.errors).toContainEqual({ line: 6, field: 'schoolUnitCode', message: expect.stringContaining('region se-skane') });
    expect(res.errors).toContainEqual({ line: 7, field: 'schoolUnitCode', message: expect.stringContaining('also on line 2') });
    expect(await schoolCount()).toBe(before);
    expect((await byCode('61000001'))!.pupilCount).toBe(401);
    expect(await byCode('62000001')).toMatchObject({ regionCode: 'se-skane', name: 'Lund school' });
  });

  it('checks a file without writing it on dryRun=true (200 clean, 422 with errors)', async () => {
    const before = await schoolCount();
    const csv = 'Skolenhetskod;Skolenhetsnamn;Kommun\n61000401;Torn skola;Malmö\n61000402;Bro skola;Malmö\n';
    expect(await imported(coordinator, csv, '?region=se-malmo&dryRun=true')).toEqual({ status: 200, created: 2, updated: 0, unchanged: 0, errors: [] });
    // A line of separators only (spreadsheets leave them) is skipped; one with a value is checked.
    expect(await imported(coordinator, csv + ';;\n;Utan kod;\n', '?region=se-malmo&dryRun=true')).toMatchObject({
      status: 422,
      created: 2,
      errors: [
        { line: 5, field: 'schoolUnitCode' },
        { line: 5, field: 'municipality' },
      ],
    });
    expect(await schoolCount()).toBe(before);
    expect(await byCode('61000401')).toBeNull();
  });

  it('refuses a header without the required columns, bytes that are not UTF-8, the wrong content type, too big and too long files', async () => {
    expect(await imported(coordinator, 'Namn;Kommun\nSkola;Malmö\n')).toEqual({
      status: 422,
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [{ line: 1, field: null, message: expect.stringContaining('Skolenhetskod') }],
    });
    const latin1 = Buffer.from('Skolenhetskod;Skolenhetsnamn;Kommun\n61000501;Sk\xf6la;Malm\xf6\n', 'latin1');
    expect(await imported(coordinator, latin1)).toMatchObject({ status: 422, errors: [{ line: 2, field: null, message: expect.stringContaining('not UTF-8') }] });

    const wrongTypes: Array<[string, string]> = [
      ['application/json', '{"schools": []}'],
      ['text/plain', SWEDISH],
      ['text/csv; charset=windows-1252', SWEDISH],
    ];
    for (const [type, body] of wrongTypes) {
      expect(await answer(await post('?region=se-malmo', body, { token: coordinator.token, type }))).toMatchObject({
        status: 415,
        error: { code: 'UNSUPPORTED_MEDIA_TYPE' },
      });
    }
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
    expect(await imported(coordinator, huge)).toMatchObject({ status: 413, error: { code: 'PAYLOAD_TOO_LARGE', maxBytes: 10 * 1024 * 1024 } });

    const lines = Array.from({ length: 20_001 }, (_, i) => `${70_000_000 + i},Skola ${i},Malmö`);
    const before = await schoolCount();
    expect(await imported(coordinator, ['code,name,municipality', ...lines].join('\n'))).toMatchObject({
      status: 422,
      errors: [{ line: 20_002, field: null, message: expect.stringContaining('at most 20,000') }],
    });
    expect(await schoolCount()).toBe(before);
  });

  it('imports 5,000 schools in one request, and imported schools count in the report at once', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${80_000_000 + i};Skola ${i};Malmö;Bulkstad ${i % 10};${55 + (i % 100) / 1000};13,0`);
    const csv = ['Skolenhetskod;Skolenhetsnamn;Kommun;Stadsdel;Latitud;Longitud', ...lines].join('\n');
    expect(await imported(coordinator, csv)).toEqual({ status: 200, created: 5000, updated: 0, unchanged: 0, errors: [] });
    expect(await imported(coordinator, csv)).toEqual({ status: 200, created: 0, updated: 0, unchanged: 5000, errors: [] });

    const today = new Date().toISOString().slice(0, 10);
    const res = await stack.gql(
      `query($f: ReportFilter!) { impactReport(filter: $f) { byDistrict { key activities } schoolsWithoutActivity { name district claimed registryCode } } }`,
      { f: { from: today, to: today, regionCodes: ['se-malmo'] } },
      { token: coordinator.token },
    );
    expect(res.errors).toBeUndefined();
    const r = res.data!.impactReport;
    const quiet = r.schoolsWithoutActivity as Array<{ name: string; district: string; claimed: boolean; registryCode: string }>;
    expect(quiet).toContainEqual({ name: 'Kirsebergsskolan', district: 'Kirseberg', claimed: false, registryCode: '61000001' });
    expect(quiet.filter((s) => s.name.startsWith('Skola ')).length).toBe(5000);
    const districts = (r.byDistrict as Array<{ key: string }>).map((d) => d.key);
    expect(districts).toEqual(expect.arrayContaining(['Kirseberg', 'Oxie', 'Husie', 'Bulkstad 0', 'Bulkstad 9']));
  });
});
