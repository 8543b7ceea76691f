import { CacheVersion } from '@brobygge/database';
import { OrganizationKind } from '@brobygge/identity';
import { createOrganization, createUser, PASSWORD, TestUser } from '../support/factories';
import { startStack, TestStack } from '../support/stack';
import { inDays } from '../support/queries';

const OFFERS = `query($filter: OfferFilter) { offers(filter: $filter, first: 50) { totalCount edges { node { id title status remainingCapacity
  focusAreas { code name } organization { id name } } } } }`;

/** The catalogue response cache (apps/api/src/graphql/response-cache.ts) and the cache version behind it. */
describe('response cache', () => {
  let stack: TestStack;
  let partner: TestUser;
  let teacher: TestUser;
  let orgId: string;
  let offerIds: string[];
  beforeAll(async () => {
    stack = await startStack({ api: true });
    partner = await createUser(stack);
    teacher = await createUser(stack, { locale: 'sv' });
    orgId = (await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Cacheföretaget AB', verified: true, owner: partner.user })).id;
    offerIds = [];
    for (const title of ['Första', 'Andra']) offerIds.push(await publishedOffer(title));
  });
  afterAll(() => stack.close());

  async function publishedOffer(title: string): Promise<string> {
    const input = {
      organizationId: orgId,
      activityType: 'GUEST_LECTURE',
      title,
      description: 'Kemi för gymnasiet.',
      focusAreas: ['chemistry'],
      deliveryModes: ['AT_SCHOOL'],
      languages: ['sv'],
      capacity: 3,
      availableFrom: inDays(5),
      availableUntil: inDays(50),
    };
    const created = await stack.gql('mutation($input: CreateOfferInput!) { createOffer(input: $input) { id } }', { input }, { token: partner.token });
    const id = created.data!.createOffer.id as string;
    await stack.gql('mutation($id: ID!) { publishOffer(id: $id) { id } }', { id }, { token: partner.token });
    return id;
  }
  const list = (token?: string, query = OFFERS, filter: object = { organizationId: orgId }) => stack.gql(query, { filter }, { token });
  const cacheHeader = (r: { headers: Headers }) => r.headers.get('x-brobygge-cache');

  it('answers a repeated public list from the cache, with the same body', async () => {
    const first = await list(teacher.token);
    const second = await list(teacher.token);
    expect(first.errors).toBeUndefined();
    expect(cacheHeader(first)).toBe('miss');
    expect(cacheHeader(second)).toBe('hit');
    expect(second.data).toEqual(first.data);
    expect(second.data!.offers.totalCount).toBe(2);
  });

  it('shows a committed write at once: new offer, changed offer, renamed organisation', async () => {
    await list(teacher.token);
    const third = await publishedOffer('Tredje');
    const afterCreate = await list(teacher.token);
    expect(cacheHeader(afterCreate)).toBe('miss');
    expect(afterCreate.data!.offers.edges.map((e: any) => e.node.id)).toContain(third);

    await stack.gql('mutation($id: ID!) { updateOffer(id: $id, input: { capacity: 9 }) { id } }', { id: third }, { token: partner.token });
    const afterUpdate = await list(teacher.token);
    expect(afterUpdate.data!.offers.edges.find((e: any) => e.node.id === third).node.remainingCapacity).toBe(9);

    await stack.dataSource.query(`UPDATE organization SET name = 'Nytt namn AB' WHERE id = $1`, [orgId]);
    const afterRename = await list(teacher.token);
    expect(afterRename.data!.offers.edges.every((e: any) => e.node.organization.name === 'Nytt namn AB')).toBe(true);

    await stack.gql('mutation($id: ID!) { pauseOffer(id: $id) { id } }', { id: third }, { token: partner.token });
    expect((await list(teacher.token)).data!.offers.edges.map((e: any) => e.node.id)).not.toContain(third);
  });

  it("keeps each viewer's language: the key includes the locale", async () => {
    const english = await list(partner.token);
    const swedish = await list(teacher.token);
    expect(english.data!.offers.edges[0].node.focusAreas[0].name).toBe('Chemistry');
    expect(swedish.data!.offers.edges[0].node.focusAreas[0].name).toBe('Kemi');
  });

  it('never serves a cached answer to an anonymous caller, a bad token or a deleted account', async () => {
    await list(teacher.token);
    expect(cacheHeader(await list(teacher.token))).toBe('hit');
    expect((await list(undefined)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await list('not-a-token')).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const leaving = await createUser(stack);
    expect((await list(leaving.token)).errors).toBeUndefined();
    const del = await stack.gql('mutation($p: String!) { deleteMyAccount(password: $p) }', { p: PASSWORD }, { token: leaving.token });
    expect(del.errors).toBeUndefined();
    const after = await list(leaving.token);
    expect(after.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: 'This account no longer exists.' });
  });

  it("never stores what depends on the viewer: drafts of one's own organisation, or a query that also reads `me`", async () => {
    const draftsQuery = (token: string) => list(token, OFFERS, { organizationId: orgId, statuses: ['DRAFT', 'PUBLISHED', 'PAUSED'] });
    await draftsQuery(partner.token);
    const again = await draftsQuery(partner.token);
    expect(cacheHeader(again)).toBe('miss');
    expect(again.data!.offers.edges.some((e: any) => e.node.status === 'PAUSED')).toBe(true);
    // The outsider asking the same must not see the owner's paused offer.
    const outsider = await draftsQuery(teacher.token);
    expect(outsider.data!.offers.edges.every((e: any) => e.node.status === 'PUBLISHED')).toBe(true);

    const withMe = `query($filter: OfferFilter) { me { email } offers(filter: $filter) { totalCount } }`;
    const a = await list(teacher.token, withMe);
    const b = await list(teacher.token, withMe);
    expect(cacheHeader(b)).toBe('miss');
    expect(b.data!.me.email).toBe(teacher.user.email);
    expect((await list(partner.token, withMe)).data!.me.email).toBe(partner.user.email);
    expect(a.errors).toBeUndefined();
  });

  it('the version moves once per committed transaction and not for one rolled back', async () => {
    const versions = stack.api!.get(CacheVersion);
    const before = BigInt(await versions.current());
    await stack.dataSource.transaction(async (m) => {
      await m.query(`UPDATE offer SET title = title || '.' WHERE organization_id = $1`, [orgId]);
      await m.query(`UPDATE organization SET priority = NOT priority WHERE id = $1`, [orgId]);
      // Not yet committed: readers still see the old version.
      expect(BigInt(await versions.current())).toBe(before);
    });
    expect(BigInt(await versions.current())).toBe(before + 1n);
    await stack.dataSource
      .transaction(async (m) => {
        await m.query(`UPDATE offer SET title = 'x' WHERE organization_id = $1`, [orgId]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(BigInt(await versions.current())).toBe(before + 1n);
  });

  it('shares version reads under load, yet each caller sees every write committed before it asked', async () => {
    const versions = stack.api!.get(CacheVersion);
    const start = BigInt(await versions.current());
    const concurrent = await Promise.all(Array.from({ length: 50 }, () => versions.current()));
    expect(new Set(concurrent)).toEqual(new Set([String(start)]));
    await stack.dataSource.query(`UPDATE organization SET priority = NOT priority WHERE id = $1`, [orgId]);
    const pending = versions.current(); // asked after the commit
    expect(BigInt(await pending)).toBe(start + 1n);
  });
});
