import { Offer, OfferStatus } from '@brobygge/catalog';
import { OrganizationKind } from '@brobygge/identity';
import { createOrganization, createUser, TestUser } from '../support/factories';
import { startStack, TestStack } from '../support/stack';
import { countQueries, inDays } from '../support/queries';

const OFFER = `id activityType title status capacity remainingCapacity availableFrom availableUntil languages deliveryModes
  focusAreas { code name } organization { id name kind municipality district region { code } }`;
const CREATE_OFFER = `mutation($input: CreateOfferInput!) { createOffer(input: $input) { ${OFFER} } }`;
const OFFERS = `query($filter: OfferFilter, $first: Int, $after: String) { offers(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${OFFER} } } } }`;
const REQUEST = 'id title status quantity quantityMatched earliestDate latestDate organization { id name priority region { code } } focusAreas { code }';

const offerInput = (organizationId: string, over: Record<string, unknown> = {}) => ({
  organizationId,
  activityType: 'GUEST_LECTURE',
  title: 'Kemi i vardagen',
  description: 'En forskare berättar om kemins roll i livsmedelsproduktion.',
  focusAreas: ['chemistry'],
  deliveryModes: ['AT_SCHOOL'],
  languages: ['sv'],
  capacity: 5,
  availableFrom: inDays(10),
  availableUntil: inDays(100),
  ...over,
});

describe('catalogue: offers and requests', () => {
  let stack: TestStack;
  let partner: TestUser;
  let teacher: TestUser;
  let outsider: TestUser;
  let coordinator: TestUser;
  let partnerOrg: string;
  let schoolOrg: string;
  beforeAll(async () => {
    stack = await startStack({ api: true });
    partner = await createUser(stack);
    teacher = await createUser(stack);
    outsider = await createUser(stack);
    coordinator = await createUser(stack, { coordinatorOf: ['se-malmo'] });
    partnerOrg = (await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Kemiföretaget AB', verified: true, owner: partner.user })).id;
    schoolOrg = (await createOrganization(stack, { name: 'Fosie gymnasium', district: 'Fosie', owner: teacher.user })).id;
  });
  afterAll(() => stack.close());

  it('carries an offer through DRAFT → PUBLISHED ⇄ PAUSED → ARCHIVED, visible as RULES.md says', async () => {
    const created = await stack.gql(CREATE_OFFER, { input: offerInput(partnerOrg) }, { token: partner.token });
    expect(created.errors).toBeUndefined();
    const offer = created.data!.createOffer;
    expect(offer).toMatchObject({ status: 'DRAFT', remainingCapacity: 5, focusAreas: [{ code: 'chemistry', name: 'Chemistry' }] });
    const read = (token: string) => stack.gql('query($id: ID!) { offer(id: $id) { id status } }', { id: offer.id }, { token });
    expect((await read(outsider.token)).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await read(coordinator.token)).data!.offer.status).toBe('DRAFT');

    const move = (op: string, token = partner.token) => stack.gql(`mutation($id: ID!) { ${op}(id: $id) { id status } }`, { id: offer.id }, { token });
    expect((await move('pauseOffer')).errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: 'Cannot pause an offer that is DRAFT.' });
    expect((await move('publishOffer')).data!.publishOffer.status).toBe('PUBLISHED');
    expect((await read(outsider.token)).data!.offer.status).toBe('PUBLISHED');
    expect((await move('publishOffer', outsider.token)).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await move('pauseOffer')).data!.pauseOffer.status).toBe('PAUSED');
    expect((await read(outsider.token)).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await move('publishOffer')).data!.publishOffer.status).toBe('PUBLISHED');
    expect((await move('archiveOffer')).data!.archiveOffer.status).toBe('ARCHIVED');
    expect((await move('publishOffer')).errors![0].message).toBe('Cannot publish an offer that is ARCHIVED.');
  });

  it('lets only a verified, non-school organisation publish, and only schools request', async () => {
    const unverified = (await createOrganization(stack, { kind: OrganizationKind.COMPANY, owner: partner.user })).id;
    const draft = (await stack.gql(CREATE_OFFER, { input: offerInput(unverified) }, { token: partner.token })).data!.createOffer;
    const pub = await stack.gql('mutation($id: ID!) { publishOffer(id: $id) { id } }', { id: draft.id }, { token: partner.token });
    expect(pub.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('verified') });
    expect((await stack.gql(CREATE_OFFER, { input: offerInput(schoolOrg) }, { token: teacher.token })).errors![0].extensions!.code).toBe('FORBIDDEN');
    const req = `mutation($input: CreateRequestInput!) { createRequest(input: $input) { ${REQUEST} } }`;
    const input = {
      organizationId: partnerOrg,
      activityType: 'STUDY_VISIT',
      title: 'Studiebesök',
      description: 'Åk 2 vill se en processindustri.',
      focusAreas: ['process-technology'],
      deliveryModes: ['AT_PARTNER'],
      languages: ['sv'],
      quantity: 1,
      earliestDate: inDays(5),
      latestDate: inDays(60),
    };
    expect((await stack.gql(req, { input }, { token: partner.token })).errors![0].extensions!.code).toBe('FORBIDDEN');
    const ok = await stack.gql(req, { input: { ...input, organizationId: schoolOrg } }, { token: teacher.token });
    expect(ok.data!.createRequest).toMatchObject({ status: 'OPEN', quantity: 1, quantityMatched: 0, organization: { id: schoolOrg, region: { code: 'se-malmo' } } });
    const cancel = await stack.gql(
      'mutation($id: ID!) { cancelRequest(id: $id, reason: "Fel termin") { id status } }',
      { id: ok.data!.createRequest.id },
      { token: teacher.token },
    );
    expect(cancel.data!.cancelRequest.status).toBe('CANCELLED');
    const again = await stack.gql('mutation($id: ID!) { cancelRequest(id: $id) { id } }', { id: ok.data!.createRequest.id }, { token: teacher.token });
    expect(again.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: 'Cannot cancel a request that is CANCELLED.' });
  });

  it.each([
    [{ capacity: 0 }, 'input.capacity'],
    [{ capacity: 1001 }, 'input.capacity'],
    [{ availableFrom: inDays(-1) }, 'input.availableFrom'],
    [{ availableUntil: inDays(5) }, 'input.availableUntil'],
    [{ languages: ['xx'] }, 'input.languages'],
    [{ languages: [] }, 'input.languages'],
    [{ focusAreas: ['astrology'] }, 'input.focusAreas'],
    [{ deliveryModes: [] }, 'input.deliveryModes'],
    [{ title: '' }, 'input.title'],
    [{ minStudentAge: 3 }, 'input.minStudentAge'],
    [{ groupSizeMax: 100000 }, 'input.groupSizeMax'],
  ])('names the bad field of an offer: %j → %s', async (over, field) => {
    const res = await stack.gql(CREATE_OFFER, { input: offerInput(partnerOrg, over) }, { token: partner.token });
    expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('rejects unknown enum values and malformed dates through GraphQL itself', async () => {
    const bad = await stack.gql(CREATE_OFFER, { input: offerInput(partnerOrg, { activityType: 'PARTY' }) }, { token: partner.token });
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const date = await stack.gql(CREATE_OFFER, { input: offerInput(partnerOrg, { availableFrom: '2027-02-30' }) }, { token: partner.token });
    expect(date.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('filters with AND, searches with prefixes, and pages with stable cursors', async () => {
    const org = (
      await createOrganization(stack, {
        kind: OrganizationKind.UNIVERSITY,
        name: 'Tromsø Uni',
        regionCode: 'no-troms',
        countryCode: 'NO',
        verified: true,
        owner: partner.user,
      })
    ).id;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const input = offerInput(org, {
        title: i % 2 ? `Havbruk og biologi ${i}` : `Programmering ${i}`,
        focusAreas: i % 2 ? ['biology'] : ['computing-ai'],
        languages: ['nb'],
      });
      const id = (await stack.gql(CREATE_OFFER, { input }, { token: partner.token })).data!.createOffer.id;
      await stack.gql('mutation($id: ID!) { publishOffer(id: $id) { id } }', { id }, { token: partner.token });
      ids.push(id);
    }
    const q = (filter: Record<string, unknown>, first = 20, after?: string) => stack.gql(OFFERS, { filter, first, after }, { token: outsider.token });
    expect((await q({ regionCodes: ['no-troms'] })).data!.offers.totalCount).toBe(7);
    expect((await q({ regionCodes: ['no-troms'], focusAreas: ['life-science-health'] })).data!.offers.totalCount).toBe(3);
    expect((await q({ regionCodes: ['no-troms'], search: 'havb' })).data!.offers.totalCount).toBe(3);
    expect((await q({ regionCodes: ['no-troms'], search: 'havb progr' })).data!.offers.totalCount).toBe(0);
    expect((await q({ regionCodes: ['no-troms'], activityTypes: ['STUDY_VISIT'] })).data!.offers.totalCount).toBe(0);

    const first = await q({ regionCodes: ['no-troms'] }, 3);
    expect(first.data!.offers.edges.map((e: any) => e.node.id)).toEqual(ids.slice(-3).reverse());
    // A new offer published meanwhile does not shift the next page.
    const late = (await stack.gql(CREATE_OFFER, { input: offerInput(org, { languages: ['nb'] }) }, { token: partner.token })).data!.createOffer.id;
    await stack.gql('mutation($id: ID!) { publishOffer(id: $id) { id } }', { id: late }, { token: partner.token });
    const second = await q({ regionCodes: ['no-troms'] }, 3, first.data!.offers.pageInfo.endCursor);
    expect(second.data!.offers.edges.map((e: any) => e.node.id)).toEqual(ids.slice(1, 4).reverse());
    expect((await q({}, 101)).errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    // A hand-made cursor never reaches a SQL cast: it is the client's mistake, not ours.
    const forged = Buffer.from(JSON.stringify(['yesterday', 'some-id'])).toString('base64url');
    expect((await q({}, 5, forged)).errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect((await q({ organizationId: 'nope' })).errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.organizationId' });
  });

  it('costs at most 5 SQL queries for a page of 100 offers with organisations and focus areas', async () => {
    const orgs: string[] = [];
    for (let i = 0; i < 10; i++) orgs.push((await createOrganization(stack, { kind: OrganizationKind.COMPANY, regionCode: 'se-stockholm', verified: true })).id);
    const repo = stack.dataSource.getRepository(Offer);
    await repo.insert(
      Array.from({ length: 100 }, (_, i) => ({
        organizationId: orgs[i % 10],
        regionCode: 'se-stockholm',
        activityType: 'PROJECT' as never,
        title: `Projekt ${i}`,
        description: 'x',
        focusAreas: ['physics', 'mathematics'],
        deliveryModes: ['REMOTE' as never],
        languages: ['sv'],
        capacity: 3,
        availableFrom: inDays(1),
        availableUntil: inDays(30),
        status: OfferStatus.PUBLISHED,
      })),
    );
    await stack.gql(OFFERS, { first: 1 }, { token: outsider.token }); // warm the process's reference-data cache
    const filter = { regionCodes: ['se-stockholm'], focusAreas: ['tech-energy-green'] }; // a direction: its subjects match
    const { result: res, queries } = await countQueries(stack.dataSource, () => stack.gql(OFFERS, { filter, first: 100 }, { token: outsider.token }));
    expect(res.errors).toBeUndefined();
    expect(res.data!.offers.edges).toHaveLength(100);
    expect(res.data!.offers.edges[0].node.organization.region.code).toBe('se-stockholm');
    expect(res.data!.offers.edges[0].node.focusAreas.map((f: any) => f.code)).toEqual(['physics', 'mathematics']);
    // The counter does count: cache version, count, page, organisations (the viewer is cached per version).
    expect(queries).toBeGreaterThanOrEqual(4);
    expect(queries).toBeLessThanOrEqual(5);
  });
});
