/**
 * Offers that serve regions across borders (issue 16, point 5): a Copenhagen partner's
 * offer that also serves Malmö is found under Malmö in the catalogue, suggested for and
 * allocated to Malmö's requests (distance still counts), approved by Malmö's coordinators
 * only, seen (read-only) by Copenhagen's, and counted in Malmö's report.
 */
import { CollaborationRequest, Offer } from '@brobygge/catalog';
import { OrganizationKind } from '@brobygge/identity';
import { createOffer, createOrganization, createRequest, createUser, TestUser } from '../support/factories';
import { countQueries, inDays } from '../support/queries';
import { startStack, TestStack } from '../support/stack';

// The contract's operation (next/operations/placements.graphql).
const CREATE_OFFER_ACROSS_REGIONS = `mutation CreateOfferAcrossRegions($input: CreateOfferInput!) {
  createOffer(input: $input) { id alsoServesRegions { code } }
}`;
const UPDATE_OFFER = `mutation($id: ID!, $input: UpdateOfferInput!) { updateOffer(id: $id, input: $input) { id alsoServesRegions { code name } } }`;
const OFFERS = `query($filter: OfferFilter, $first: Int) { offers(filter: $filter, first: $first) { totalCount edges { node { id alsoServesRegions { code } } } } }`;
const SUGGEST_OFFERS = `query($id: ID!) { request(id: $id) { suggestions(first: 20) { score offer { id } factors { factor value explanation } } } }`;
const SUGGEST_REQUESTS = `query($id: ID!) { offer(id: $id) { suggestedRequests(first: 20) { request { id } } } }`;
const RUN = `mutation($input: AllocationInput!) { runAllocation(input: $input) {
  quantityAllocated proposals { quantity request { id } offer { id } } matches { id status origin } } }`;
const PROPOSE = `mutation($input: ProposeMatchInput!) { proposeMatch(input: $input) { id status } }`;
const ACCEPT = `mutation($id: ID!) { acceptMatch(id: $id) { id status } }`;
const APPROVE = `mutation($id: ID!) { approveMatch(id: $id) { id status } }`;
const REJECT = `mutation($id: ID!) { rejectMatch(id: $id, reason: "Nej") { id status } }`;
const CANCEL = `mutation($id: ID!) { cancelMatch(id: $id, reason: "Nej") { id status } }`;
const MATCH = `query($id: ID!) { match(id: $id) { id status request { id } offer { id } } }`;
const MATCHES = `query($filter: MatchFilter) { matches(first: 100, filter: $filter) { totalCount edges { node { id } } } }`;
const REACH_OUT = `mutation($input: ReachOutInput!) { reachOut(input: $input) { id suggestedOffers { id } } }`;
const REPORT = `query($filter: ReportFilter!) { impactReport(filter: $filter) { regionCodes activitiesCompleted partnersEngaged } }`;

const MALMO = { latitude: 55.5886, longitude: 13.0446 }; // Rosengård
const COPENHAGEN = { latitude: 55.6761, longitude: 12.5683 }; // about 31 km from Rosengård
/** The activity of the main pair: a study visit (a placement would need a supervisor and a risk assessment before approval). */
const KIND = 'STUDY_VISIT';

describe('offers across borders (issue 16, point 5)', () => {
  let stack: TestStack;
  let partner: TestUser;
  let teacher: TestUser;
  let malmoCoordinator: TestUser;
  let cphCoordinator: TestUser;
  let skaneCoordinator: TestUser;
  let admin: TestUser;
  let company: string;
  let school: string;
  /** Copenhagen's offers: one also serving Malmö, one serving only its own region. */
  let serving: Offer;
  let homeOnly: Offer;
  let request: CollaborationRequest;

  const gql = (query: string, variables: Record<string, unknown>, who?: TestUser) => stack.gql(query, variables, { token: who?.token });
  const ok = async (query: string, variables: Record<string, unknown>, who?: TestUser) => {
    const res = await gql(query, variables, who);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const errorOf = async (query: string, variables: Record<string, unknown>, who?: TestUser) => {
    const res = await gql(query, variables, who);
    expect(res.errors).toHaveLength(1);
    return res.errors![0] as { message: string; extensions: Record<string, unknown> };
  };
  const ids = (edges: Array<{ node: { id: string } }>) => edges.map((e) => e.node.id);

  beforeAll(async () => {
    stack = await startStack({ api: true });
    partner = await createUser(stack, { locale: 'da' });
    teacher = await createUser(stack, { locale: 'sv' });
    malmoCoordinator = await createUser(stack, { coordinatorOf: ['se-malmo'] });
    cphCoordinator = await createUser(stack, { coordinatorOf: ['dk-hovedstaden'] });
    skaneCoordinator = await createUser(stack, { coordinatorOf: ['se-skane'] });
    admin = await createUser(stack, { admin: true });
    company = (
      await createOrganization(stack, {
        kind: OrganizationKind.COMPANY,
        name: 'Øresund Biotek',
        regionCode: 'dk-hovedstaden',
        countryCode: 'DK',
        municipality: 'København',
        verified: true,
        owner: partner.user,
        ...COPENHAGEN,
      })
    ).id;
    school = (await createOrganization(stack, { name: 'Rosengårdsskolan', owner: teacher.user, ...MALMO })).id;
    const offer = { organizationId: company, regionCode: 'dk-hovedstaden', activityType: KIND as never, languages: ['sv', 'da'], title: 'Besøg i laboratoriet' };
    serving = await createOffer(stack, { ...offer, alsoServesRegionCodes: ['se-malmo'] });
    homeOnly = await createOffer(stack, { ...offer, title: 'Kun i København' });
    request = await createRequest(stack, { organizationId: school, activityType: KIND as never, maxTravelKm: 50 });
  });
  afterAll(() => stack.close());

  describe('createOffer and updateOffer', () => {
    const input = () => ({
      organizationId: company,
      activityType: 'GUEST_LECTURE',
      title: 'Foredrag om laboratoriet',
      description: 'En formiddag.',
      focusAreas: ['chemistry'],
      deliveryModes: ['AT_PARTNER'],
      languages: ['da', 'sv'],
      capacity: 4,
      availableFrom: inDays(3),
      availableUntil: inDays(60),
    });

    it("takes the regions an offer also serves: known codes, once each, in the regions' order, its own region dropped", async () => {
      const data = await ok(
        CREATE_OFFER_ACROSS_REGIONS,
        { input: { ...input(), alsoServesRegionCodes: ['se-skane', 'dk-hovedstaden', 'se-malmo', 'se-skane'] } },
        partner,
      );
      expect(data.createOffer.alsoServesRegions).toEqual([{ code: 'se-malmo' }, { code: 'se-skane' }]);
      const row = await stack.dataSource.getRepository(Offer).findOneByOrFail({ id: data.createOffer.id });
      expect(row).toMatchObject({ regionCode: 'dk-hovedstaden', alsoServesRegionCodes: ['se-malmo', 'se-skane'] });

      const plain = await ok(CREATE_OFFER_ACROSS_REGIONS, { input: input() }, partner);
      expect(plain.createOffer.alsoServesRegions).toEqual([]);
    });

    it('refuses an unknown region as BAD_USER_INPUT on input.alsoServesRegionCodes, and creates nothing', async () => {
      const before = await stack.dataSource.getRepository(Offer).countBy({ organizationId: company });
      const e = await errorOf(CREATE_OFFER_ACROSS_REGIONS, { input: { ...input(), alsoServesRegionCodes: ['se-malmo', 'xx-nowhere'] } }, partner);
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.alsoServesRegionCodes' });
      expect(e.message).toContain('"xx-nowhere"');
      expect(await stack.dataSource.getRepository(Offer).countBy({ organizationId: company })).toBe(before);
    });

    it('changes them with updateOffer: a new list replaces the old, [] clears it, leaving the field out keeps it', async () => {
      const id = (await ok(CREATE_OFFER_ACROSS_REGIONS, { input: { ...input(), alsoServesRegionCodes: ['se-malmo'] } }, partner)).createOffer.id;
      const changed = await ok(UPDATE_OFFER, { id, input: { alsoServesRegionCodes: ['se-stockholm', 'no-troms'] } }, partner);
      expect(changed.updateOffer.alsoServesRegions.map((r: { code: string }) => r.code)).toEqual(['se-stockholm', 'no-troms']);
      expect(changed.updateOffer.alsoServesRegions[0].name).toEqual(expect.any(String));
      const kept = await ok(UPDATE_OFFER, { id, input: { title: 'Nyt navn' } }, partner);
      expect(kept.updateOffer.alsoServesRegions.map((r: { code: string }) => r.code)).toEqual(['se-stockholm', 'no-troms']);
      const e = await errorOf(UPDATE_OFFER, { id, input: { alsoServesRegionCodes: ['se-nowhere'] } }, partner);
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.alsoServesRegionCodes' });
      const cleared = await ok(UPDATE_OFFER, { id, input: { alsoServesRegionCodes: [] } }, partner);
      expect(cleared.updateOffer.alsoServesRegions).toEqual([]);
      // Only the offer's organisation changes it, as any other field: not a served region's coordinator or school.
      for (const who of [teacher, malmoCoordinator]) {
        expect((await errorOf(UPDATE_OFFER, { id: serving.id, input: { alsoServesRegionCodes: [] } }, who)).extensions.code).toBe('FORBIDDEN');
      }
    });

    it('is backed by the database: no code that is not a region, never its own region', async () => {
      const insert = (codes: string[]) =>
        stack.dataSource.query(
          `INSERT INTO offer (organization_id, region_code, activity_type, title, description, focus_areas, delivery_modes, languages, capacity,
                              available_from, available_until, also_serves_region_codes)
           VALUES ($1, 'dk-hovedstaden', 'PROJECT', 't', 'd', '{chemistry}', '{REMOTE}', '{da}', 1, now(), now(), $2)`,
          [company, codes],
        );
      await expect(insert(['xx-nowhere'])).rejects.toMatchObject({ driverError: { code: '23503' } });
      await expect(insert(['dk-hovedstaden'])).rejects.toMatchObject({ driverError: { code: '23514' } });
    });
  });

  it('lists an offer under the regions it also serves: the catalogue filter by region', async () => {
    const under = async (regionCodes: string[]) => ids((await ok(OFFERS, { filter: { regionCodes, activityTypes: [KIND] }, first: 100 }, teacher)).offers.edges);
    expect(await under(['se-malmo'])).toContain(serving.id);
    expect(await under(['se-malmo'])).not.toContain(homeOnly.id);
    expect(await under(['dk-hovedstaden'])).toEqual(expect.arrayContaining([serving.id, homeOnly.id]));
    expect(await under(['se-stockholm'])).toEqual([]);
    expect(await under(['se-stockholm', 'se-malmo'])).toEqual([serving.id]);
  });

  it('resolves alsoServesRegions of a list without a query per offer', async () => {
    for (let i = 0; i < 8; i++)
      await createOffer(stack, {
        organizationId: company,
        regionCode: 'dk-hovedstaden',
        activityType: 'EVENT' as never,
        alsoServesRegionCodes: ['se-malmo', 'se-skane'],
      });
    const page = (first: number) => countQueries(stack.dataSource, () => ok(OFFERS, { filter: { activityTypes: ['EVENT'], regionCodes: ['se-skane'] }, first }, admin));
    await page(1); // warm: the viewer, read again after the inserts moved the cache version
    const two = await page(2);
    const eight = await page(8);
    expect(two.result.offers.edges).toHaveLength(2);
    expect(eight.result.offers.edges).toHaveLength(8);
    for (const e of eight.result.offers.edges) expect(e.node.alsoServesRegions).toEqual([{ code: 'se-malmo' }, { code: 'se-skane' }]);
    expect(eight.queries).toBe(two.queries);
  });

  it('suggests an offer for a request of a region it also serves — not one that serves only its own — and distance still counts', async () => {
    const list = (await ok(SUGGEST_OFFERS, { id: request.id }, teacher)).request.suggestions as Array<{
      offer: { id: string };
      factors: Array<{ factor: string; value: number; explanation: string }>;
    }>;
    expect(list.map((s) => s.offer.id)).toEqual([serving.id]);
    const distance = list[0].factors.find((f) => f.factor === 'distance')!;
    expect(distance.value).toBeGreaterThan(0.3);
    expect(distance.value).toBeLessThan(0.5); // 1 − ~31 km / 50 km
    expect(distance.explanation).toMatch(/^3\d km/);

    // Beyond the school's travel limit, serving the region does not help.
    const nearOnly = await createRequest(stack, { organizationId: school, activityType: KIND as never, maxTravelKm: 10 });
    expect((await ok(SUGGEST_OFFERS, { id: nearOnly.id }, teacher)).request.suggestions).toEqual([]);

    // And the other way: the offer's suggested requests are of the regions it serves.
    const forServing = (await ok(SUGGEST_REQUESTS, { id: serving.id }, partner)).offer.suggestedRequests.map((s: any) => s.request.id);
    expect(forServing).toContain(request.id);
    expect(forServing).not.toContain(nearOnly.id);
    const forHome = (await ok(SUGGEST_REQUESTS, { id: homeOnly.id }, partner)).offer.suggestedRequests.map((s: any) => s.request.id);
    expect(forHome).not.toContain(request.id);
  });

  it("refuses a proposal of an offer that does not serve the request's region (BAD_USER_INPUT naming the rule)", async () => {
    const e = await errorOf(PROPOSE, { input: { requestId: request.id, offerId: homeOnly.id, quantity: 1 } }, teacher);
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.offerId' });
    expect(e.message).toContain("does not serve the request's region");
  });

  it("offers a school's coordinator the offers serving its region in an outreach, those of other regions included", async () => {
    const chosen = (await ok(REACH_OUT, { input: { organizationId: school } }, malmoCoordinator)).reachOut.suggestedOffers;
    expect(chosen).toEqual([{ id: serving.id }]);
    const given = (await ok(REACH_OUT, { input: { organizationId: school, offerIds: [serving.id] } }, malmoCoordinator)).reachOut.suggestedOffers;
    expect(given).toEqual([{ id: serving.id }]);
    const e = await errorOf(REACH_OUT, { input: { organizationId: school, offerIds: [homeOnly.id] } }, malmoCoordinator);
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.offerIds' });
  });

  it("allocates a cross-border offer in a round of the region it serves (not one that doesn't), as the request's region's match", async () => {
    const project = {
      organizationId: company,
      regionCode: 'dk-hovedstaden',
      activityType: 'PROJECT' as never,
      languages: ['sv'],
      capacity: 2,
      deliveryModes: ['REMOTE' as never],
    };
    const across = await createOffer(stack, { ...project, title: 'Projekt over sundet', alsoServesRegionCodes: ['se-malmo'] });
    const home = await createOffer(stack, { ...project, title: 'Projekt i København' });
    const wants = await createRequest(stack, { organizationId: school, activityType: 'PROJECT' as never, deliveryModes: ['REMOTE' as never], quantity: 3 });

    const dry = (await ok(RUN, { input: { regionCode: 'se-malmo', activityType: 'PROJECT' } }, malmoCoordinator)).runAllocation;
    expect(dry.proposals).toEqual([{ quantity: 2, request: { id: wants.id }, offer: { id: across.id } }]);
    // Copenhagen's round has no Malmö requests; its offers wait for its own.
    expect((await ok(RUN, { input: { regionCode: 'dk-hovedstaden', activityType: 'PROJECT' } }, cphCoordinator)).runAllocation.proposals).toEqual([]);

    const run = (await ok(RUN, { input: { regionCode: 'se-malmo', activityType: 'PROJECT', dryRun: false } }, malmoCoordinator)).runAllocation;
    expect(run.matches).toEqual([{ id: expect.any(String), status: 'PROPOSED', origin: 'ALLOCATION' }]);
    const [row] = await stack.dataSource.query(`SELECT offer_id, region_code, offer_region_code FROM collaboration_match WHERE id = $1`, [run.matches[0].id]);
    expect(row).toEqual({ offer_id: across.id, region_code: 'se-malmo', offer_region_code: 'dk-hovedstaden' });
    expect(home.id).not.toBe(across.id);
  });

  describe('a cross-border match', () => {
    let matchId: string;

    beforeAll(async () => {
      const proposed = (await ok(PROPOSE, { input: { requestId: request.id, offerId: serving.id, quantity: 1 } }, teacher)).proposeMatch;
      expect(proposed.status).toBe('PROPOSED');
      matchId = proposed.id;
      expect((await ok(ACCEPT, { id: matchId }, partner)).acceptMatch.status).toBe('AWAITING_APPROVAL');
    });

    it("is approved by a coordinator of the request's region only; the offer's region's coordinators see it, read-only", async () => {
      for (const op of [APPROVE, REJECT, CANCEL]) {
        expect((await errorOf(op, { id: matchId }, cphCoordinator)).extensions.code).toBe('FORBIDDEN');
      }
      expect((await ok(MATCH, { id: matchId }, cphCoordinator)).match).toEqual({
        id: matchId,
        status: 'AWAITING_APPROVAL',
        request: { id: request.id },
        offer: { id: serving.id },
      });
      const [row] = await stack.dataSource.query(`SELECT region_code, offer_region_code FROM collaboration_match WHERE id = $1`, [matchId]);
      expect(row).toEqual({ region_code: 'se-malmo', offer_region_code: 'dk-hovedstaden' });
      // Another region's coordinator does not learn that it exists.
      for (const op of [MATCH, APPROVE]) expect((await errorOf(op, { id: matchId }, skaneCoordinator)).extensions.code).toBe('NOT_FOUND');
      expect((await ok(APPROVE, { id: matchId }, malmoCoordinator)).approveMatch.status).toBe('APPROVED');
    });

    it('is in the match lists of both regions’ coordinators, under either region, and of nobody else', async () => {
      const listed = async (who: TestUser, filter: Record<string, unknown> = {}) => ids((await ok(MATCHES, { filter }, who)).matches.edges);
      expect(await listed(malmoCoordinator)).toContain(matchId);
      expect(await listed(cphCoordinator)).toContain(matchId);
      expect(await listed(cphCoordinator, { regionCodes: ['dk-hovedstaden'] })).toContain(matchId);
      expect(await listed(admin, { regionCodes: ['dk-hovedstaden'] })).toContain(matchId);
      expect(await listed(admin, { regionCodes: ['se-malmo'] })).toContain(matchId);
      expect(await listed(admin, { regionCodes: ['se-skane'] })).not.toContain(matchId);
      expect(await listed(skaneCoordinator)).toEqual([]);
    });

    it("counts in the request's region's report, not in the offer's region's", async () => {
      await stack.dataSource.query(
        `UPDATE collaboration_match SET status = 'COMPLETED', starts_at = now() - interval '3 days', ends_at = now() - interval '2 days' WHERE id = $1`,
        [matchId],
      );
      const period = { from: inDays(-30), to: inDays(0) };
      const malmo = (await ok(REPORT, { filter: { ...period, regionCodes: ['se-malmo'] } }, malmoCoordinator)).impactReport;
      expect(malmo).toEqual({ regionCodes: ['se-malmo'], activitiesCompleted: 1, partnersEngaged: 1 });
      const cph = (await ok(REPORT, { filter: { ...period, regionCodes: ['dk-hovedstaden'] } }, cphCoordinator)).impactReport;
      expect(cph).toEqual({ regionCodes: ['dk-hovedstaden'], activitiesCompleted: 0, partnersEngaged: 0 });
    });
  });
});
