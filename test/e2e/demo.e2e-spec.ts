import { Organization, OrganizationKind, User } from '@brobygge/identity';
import { DEMO_ORGS, DEMO_PASSWORD, demoEmail, seedDemo } from '../../scripts/seed/demo';
import { startStack, TestStack } from '../support/stack';

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
    });
    const first = await counts();
    await seedDemo(stack.config, stack.dataSource);
    expect(await counts()).toEqual(first);

    const schools = await stack.dataSource.getRepository(Organization).findBy({ kind: OrganizationKind.SCHOOL });
    expect(schools.length).toBeGreaterThanOrEqual(12);
    const districts = schools.map((s) => s.district);
    expect(districts).toEqual(expect.arrayContaining(['Rosengård', 'Fosie', 'Hyllie', 'Limhamn-Bunkeflo']));
    expect(new Set(schools.map((s) => s.regionCode))).toEqual(new Set(['se-malmo', 'dk-hovedstaden', 'no-troms']));
    const partners = await stack.dataSource.getRepository(Organization).find({ where: [{ kind: OrganizationKind.UNIVERSITY }, { kind: OrganizationKind.PUBLIC_AGENCY }, { kind: OrganizationKind.COMPANY }] });
    expect(partners.map((p) => p.name)).toEqual(expect.arrayContaining(['Malmö universitet', 'Lunds universitet', 'Skånes universitetssjukhus', 'Miljöförvaltningen, Malmö stad']));

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
});
