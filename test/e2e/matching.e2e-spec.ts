import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { Match, MatchOrigin, MatchStatus } from '@brobygge/collaboration';
import { OrganizationKind } from '@brobygge/identity';
import { createOrganization, createUser, TestUser } from '../support/factories';
import { startStack, TestStack } from '../support/stack';
import { inDays } from '../support/queries';

const SUGGEST_OFFERS = `query($id: ID!, $first: Int) { request(id: $id) { id suggestions(first: $first) {
  score factors { factor weight value explanation } offer { id title remainingCapacity organization { id name } } } } }`;
const SUGGEST_REQUESTS = `query($id: ID!, $first: Int) { offer(id: $id) { id suggestedRequests(first: $first) {
  score factors { factor weight value explanation } request { id title quantity quantityMatched organization { id name priority } } } } }`;
const RUN = `mutation($input: AllocationInput!) { runAllocation(input: $input) { quantityRequested quantityAllocated totalScore
  proposals { quantity score request { id } offer { id } } matches { id status origin quantity } } }`;

describe('matching through the API: suggestions both ways and allocation rounds', () => {
  let stack: TestStack;
  let teacher: TestUser;
  let partner: TestUser;
  let coordinator: TestUser;
  let otherCoordinator: TestUser;
  let admin: TestUser;
  let outsider: TestUser;
  let school: string;
  let quietSchool: string;
  let near: string;
  let lund: string;
  let requestId: string;
  const offers: Record<string, string> = {};

  const offerRow = (organizationId: string, over: Partial<Offer> = {}): Partial<Offer> => ({
    organizationId,
    regionCode: 'se-malmo',
    activityType: 'WORKPLACE_PLACEMENT' as never,
    title: 'APL i kemilabbet',
    description: 'Fyra veckor i labbet.',
    focusAreas: ['chemistry'],
    deliveryModes: ['AT_PARTNER' as never],
    languages: ['sv'],
    capacity: 2,
    capacityHeld: 0,
    minStudentAge: 16,
    groupSizeMax: null,
    availableFrom: inDays(10),
    availableUntil: inDays(120),
    travelRadiusKm: null,
    status: OfferStatus.PUBLISHED,
    ...over,
  });
  const requestRow = (organizationId: string, over: Partial<CollaborationRequest> = {}): Partial<CollaborationRequest> => ({
    organizationId,
    regionCode: 'se-malmo',
    activityType: 'WORKPLACE_PLACEMENT' as never,
    title: 'APL för kemielever',
    description: 'Två elever söker APL.',
    focusAreas: ['chemistry'],
    deliveryModes: ['AT_PARTNER' as never],
    languages: ['sv'],
    quantity: 2,
    quantityMatched: 0,
    studentAge: 17,
    groupSize: null,
    earliestDate: inDays(20),
    latestDate: inDays(80),
    maxTravelKm: 10,
    status: RequestStatus.OPEN,
    ...over,
  });

  beforeAll(async () => {
    stack = await startStack({ api: true });
    teacher = await createUser(stack, { locale: 'sv' });
    partner = await createUser(stack, { locale: 'en' });
    coordinator = await createUser(stack, { coordinatorOf: ['se-malmo'] });
    otherCoordinator = await createUser(stack, { coordinatorOf: ['dk-hovedstaden'] });
    admin = await createUser(stack, { admin: true });
    outsider = await createUser(stack);
    school = (await createOrganization(stack, { name: 'Rosengårdsskolan', priority: true, latitude: 55.5886, longitude: 13.0446, owner: teacher.user })).id;
    quietSchool = (await createOrganization(stack, { name: 'Fosie gymnasium', latitude: 55.5671, longitude: 13.0291 })).id;
    near = (
      await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Kemi AB', verified: true, latitude: 55.611, longitude: 12.9945, owner: partner.user })
    ).id;
    lund = (await createOrganization(stack, { kind: OrganizationKind.UNIVERSITY, name: 'Lunds universitet', verified: true, latitude: 55.7113, longitude: 13.2032 })).id;

    const repo = stack.dataSource.getRepository(Offer);
    const add = async (key: string, row: Partial<Offer>) => (offers[key] = (await repo.save(repo.create(row))).id);
    await add('best', offerRow(near));
    await add('related', offerRow(near, { title: 'APL i materiallabbet', focusAreas: ['materials'] }));
    await add('danish', offerRow(near, { title: 'Praktik', languages: ['da'] }));
    await add('tooFar', offerRow(lund, { title: 'APL i Lund' }));
    await add('draft', offerRow(near, { title: 'Utkast', status: OfferStatus.DRAFT }));
    await add('lecture', offerRow(near, { title: 'Föreläsning', activityType: 'GUEST_LECTURE' as never }));
    await add('full', offerRow(near, { title: 'Fullbokad', capacity: 1, capacityHeld: 1 }));
    await add('tooYoung', offerRow(near, { title: 'För äldre', minStudentAge: 18 }));
    await add('late', offerRow(near, { title: 'Senare', availableFrom: inDays(90), availableUntil: inDays(150) }));
    const requests = stack.dataSource.getRepository(CollaborationRequest);
    requestId = (await requests.save(requests.create(requestRow(school)))).id;
  });
  afterAll(() => stack.close());

  it("suggests offers for a request: never one that breaks a hard rule, best first, explained in the viewer's language", async () => {
    const res = await stack.gql(SUGGEST_OFFERS, { id: requestId }, { token: teacher.token });
    expect(res.errors).toBeUndefined();
    const list = res.data!.request.suggestions as Array<{
      score: number;
      offer: { id: string };
      factors: Array<{ factor: string; explanation: string; weight: number; value: number }>;
    }>;
    expect(list.map((s) => s.offer.id)).toEqual([offers.best, offers.related]);
    expect(list[0].score).toBeGreaterThan(list[1].score);
    for (const s of list) {
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(100);
      expect(s.factors.map((f) => f.factor)).toEqual(['focusArea', 'distance', 'dates', 'equity', 'spread']);
    }
    expect(list[0].factors[0].explanation).toBe('Matchar 1 av 1 önskade fokusområden (Kemi).');
    expect(list[1].factors[0].explanation).toBe('Inget exakt fokusområde, men närliggande: Material.');
    expect(list[0].factors[3].explanation).toBe('Prioriterad skola; ingen aktivitet de senaste 12 månaderna.');
    // The same again, in the same order; `first` bounds the list.
    expect((await stack.gql(SUGGEST_OFFERS, { id: requestId }, { token: teacher.token })).data).toEqual(res.data);
    const one = await stack.gql(SUGGEST_OFFERS, { id: requestId, first: 1 }, { token: teacher.token });
    expect(one.data!.request.suggestions.map((s: any) => s.offer.id)).toEqual([offers.best]);
  });

  it("counts the school's activities of the last 12 months in equity", async () => {
    const repo = stack.dataSource.getRepository(Match);
    const done = await repo.save(
      repo.create({
        requestId,
        offerId: offers.related,
        schoolId: school,
        partnerId: near,
        regionCode: 'se-malmo',
        quantity: 1,
        status: MatchStatus.COMPLETED,
        origin: MatchOrigin.SCHOOL,
        schoolAccepted: true,
        partnerAccepted: true,
        startsAt: new Date(Date.now() - 30 * 86400000),
        endsAt: new Date(Date.now() - 29 * 86400000),
      }),
    );
    const old = await repo.save(repo.create({ ...done, id: undefined, startsAt: new Date(Date.now() - 400 * 86400000), endsAt: new Date(Date.now() - 399 * 86400000) }));
    try {
      const res = await stack.gql(SUGGEST_OFFERS, { id: requestId }, { token: teacher.token });
      expect(res.data!.request.suggestions[0].factors[3].explanation).toBe('Prioriterad skola; 1 aktivitet de senaste 12 månaderna.');
    } finally {
      await repo.delete([done.id, old.id]);
    }
  });

  it('suggests requests for an offer, in English for an English-speaking partner', async () => {
    const res = await stack.gql(SUGGEST_REQUESTS, { id: offers.best }, { token: partner.token });
    expect(res.errors).toBeUndefined();
    const list = res.data!.offer.suggestedRequests;
    expect(list.map((s: any) => s.request.id)).toEqual([requestId]);
    expect(list[0].request.organization).toMatchObject({ id: school, priority: true });
    expect(list[0].factors[0].explanation).toBe('Matches 1 of the 1 focus areas asked for (Chemistry).');
    // An offer that breaks a rule for that request gets no suggestion of it.
    const danish = await stack.gql(SUGGEST_REQUESTS, { id: offers.danish }, { token: partner.token });
    expect(danish.data!.offer.suggestedRequests).toEqual([]);
  });

  it('shows suggestions to whoever may see the item, and checks `first`', async () => {
    expect((await stack.gql(SUGGEST_REQUESTS, { id: offers.draft }, { token: outsider.token })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await stack.gql(SUGGEST_REQUESTS, { id: offers.draft }, { token: partner.token })).errors).toBeUndefined();
    expect((await stack.gql(SUGGEST_OFFERS, { id: requestId }, {})).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const tooMany = await stack.gql(SUGGEST_OFFERS, { id: requestId, first: 101 }, { token: teacher.token });
    expect(tooMany.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
  });

  it('runs an allocation round as a dry run: proposals within capacities, nothing written', async () => {
    const held = async () =>
      stack.dataSource.query(`SELECT sum(capacity_held)::int AS o, (SELECT sum(quantity_matched)::int FROM collaboration_request) AS r FROM offer`);
    const before = await held();
    const res = await stack.gql(RUN, { input: { regionCode: 'se-malmo' } }, { token: coordinator.token });
    expect(res.errors).toBeUndefined();
    const result = res.data!.runAllocation;
    expect(result.quantityRequested).toBe(2);
    expect(result.quantityAllocated).toBe(2);
    expect(result.proposals).toEqual([{ quantity: 2, score: expect.any(Number), request: { id: requestId }, offer: { id: offers.best } }]);
    expect(result.totalScore).toBeCloseTo(result.proposals[0].score * 2, 0);
    expect(result.matches).toEqual([]);
    expect(await held()).toEqual(before);
  });

  it('spreads placements over schools when the fairness bonus asks for it', async () => {
    const requests = stack.dataSource.getRepository(CollaborationRequest);
    const repo = stack.dataSource.getRepository(Offer);
    const region = 'se-skane';
    const lundOffer = (await repo.save(repo.create(offerRow(lund, { regionCode: region, activityType: 'PROJECT' as never, capacity: 2 })))).id;
    // The priority school scores higher on equity, so without a bonus it gets both units.
    const a = (await requests.save(requests.create(requestRow(school, { regionCode: region, activityType: 'PROJECT' as never, maxTravelKm: null })))).id;
    const b = (await requests.save(requests.create(requestRow(quietSchool, { regionCode: region, activityType: 'PROJECT' as never, maxTravelKm: null })))).id;
    const run = async (fairnessBonus: number) =>
      (await stack.gql(RUN, { input: { regionCode: region, activityType: 'PROJECT', fairnessBonus } }, { token: admin.token })).data!.runAllocation;
    const plain = await run(0);
    expect(plain.proposals).toEqual([{ quantity: 2, score: expect.any(Number), request: { id: a }, offer: { id: lundOffer } }]);
    const fair = await run(1000);
    expect(fair.quantityAllocated).toBe(2);
    expect(fair.proposals.map((p: any) => [p.request.id, p.quantity]).sort()).toEqual(
      [
        [a, 1],
        [b, 1],
      ].sort(),
    );
  });

  it("lets only the region's coordinators and admins run a round, and names bad input", async () => {
    const input = { regionCode: 'se-malmo' };
    const code = async (token?: string, i: object = input) => (await stack.gql(RUN, { input: i }, { token })).errors?.[0]?.extensions?.code ?? 'OK';
    expect(await code(undefined)).toBe('UNAUTHENTICATED');
    expect(await code(teacher.token)).toBe('FORBIDDEN');
    expect(await code(partner.token)).toBe('FORBIDDEN');
    expect(await code(otherCoordinator.token)).toBe('FORBIDDEN');
    expect(await code(coordinator.token)).toBe('OK');
    expect(await code(admin.token)).toBe('OK');
    const err = async (i: object) => (await stack.gql(RUN, { input: i }, { token: coordinator.token })).errors![0];
    expect(await err({ regionCode: 'xx-nowhere' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.regionCode' } });
    expect(await err({ ...input, fairnessBonus: -1 })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.fairnessBonus' } });
    expect(await err({ ...input, activityType: 'PICNIC' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
