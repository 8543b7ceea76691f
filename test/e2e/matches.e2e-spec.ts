import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { Match, MatchOrigin, MatchStatus, MatchSweeps } from '@brobygge/collaboration';
import { OrganizationKind } from '@brobygge/identity';
import { OutboxMessage } from '@brobygge/notifications';
import { createOffer, createOrganization, createRequest, createUser, TestUser } from '../support/factories';
import { databaseUrl } from '../support/database';
import { readyPlacement } from '../support/placements';
import { spawnApi } from '../support/processes';
import { eventually, startStack, TestStack } from '../support/stack';
import { countQueries, inDays } from '../support/queries';

const at = (days: number, hour = 9) => new Date(`${inDays(days)}T${String(hour).padStart(2, '0')}:00:00.000Z`).toISOString();

const FIELDS = `id quantity score status origin startsAt endsAt
  request { id quantity quantityMatched status } offer { id capacity remainingCapacity }
  history { fromStatus toStatus comment actor { id } }`;
const PROPOSE = `mutation($input: ProposeMatchInput!) { proposeMatch(input: $input) { ${FIELDS} } }`;
const op = (name: string, args = '') =>
  `mutation($id: ID!${args ? ', ' + args : ''}) { ${name}(id: $id${
    args
      ? ', ' +
        args
          .split(',')
          .map((a) => a.trim().split(':')[0].slice(1))
          .map((a) => `${a}: $${a}`)
          .join(', ')
      : ''
  }) { ${FIELDS} } }`;
const ACCEPT = op('acceptMatch');
const DECLINE = op('declineMatch', '$reason: String!');
const APPROVE = op('approveMatch');
const REJECT = op('rejectMatch', '$reason: String!');
const SCHEDULE = op('scheduleMatch', '$startsAt: DateTime!, $endsAt: DateTime!');
const CANCEL = op('cancelMatch', '$reason: String!');
const COMPLETE = op('completeMatch');

describe('the match workflow', () => {
  let stack: TestStack;
  let teacher: TestUser;
  let schoolOwner: TestUser;
  let partner: TestUser;
  let partnerOwner: TestUser;
  let otherPartner: TestUser;
  let coordinator: TestUser;
  let otherCoordinator: TestUser;
  let admin: TestUser;
  let outsider: TestUser;
  let school: string;
  let company: string;
  let otherCompany: string;

  beforeAll(async () => {
    stack = await startStack({ api: true });
    teacher = await createUser(stack, { locale: 'sv' });
    schoolOwner = await createUser(stack, { locale: 'sv' });
    partner = await createUser(stack, { locale: 'en' });
    partnerOwner = await createUser(stack, { locale: 'da' });
    otherPartner = await createUser(stack);
    coordinator = await createUser(stack, { coordinatorOf: ['se-malmo'], locale: 'sv' });
    otherCoordinator = await createUser(stack, { coordinatorOf: ['no-troms'] });
    admin = await createUser(stack, { admin: true });
    outsider = await createUser(stack);
    school = (await createOrganization(stack, { name: 'Rosengårdsskolan', owner: schoolOwner.user, members: [teacher.user], latitude: 55.5886, longitude: 13.0446 })).id;
    company = (
      await createOrganization(stack, {
        kind: OrganizationKind.COMPANY,
        name: 'Kemi AB',
        verified: true,
        owner: partnerOwner.user,
        members: [partner.user],
        latitude: 55.611,
        longitude: 12.9945,
      })
    ).id;
    otherCompany = (
      await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Annat AB', verified: true, owner: otherPartner.user, latitude: 55.6, longitude: 13.0 })
    ).id;
  });
  afterAll(() => stack.close());

  const newOffer = (over: Partial<Offer> = {}): Promise<Offer> => createOffer(stack, { organizationId: company, ...over });
  const newRequest = (over: Partial<CollaborationRequest> = {}): Promise<CollaborationRequest> => createRequest(stack, { organizationId: school, ...over });
  const gql = (q: string, v: Record<string, unknown>, who?: TestUser, url?: string) => stack.gql(q, v, { token: who?.token, url });
  const ok = async (q: string, v: Record<string, unknown>, who: TestUser) => {
    const res = await gql(q, v, who);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0] as any;
  };
  const codeOf = async (q: string, v: Record<string, unknown>, who?: TestUser) => (await gql(q, v, who)).errors?.[0]?.extensions?.code ?? 'OK';
  const outbox = async (matchId: string, type: string) =>
    (await stack.dataSource.getRepository(OutboxMessage).find({ where: { type } }))
      .filter((o) => o.payload.matchId === matchId)
      .map((o) => o.recipientUserId)
      .sort();
  const ids = (...users: TestUser[]) => users.map((u) => u.user.id).sort();

  it("carries a school's proposal to completion, holding capacity from acceptance, every step in the history", async () => {
    const offer = await newOffer();
    const request = await newRequest();
    const proposed = await ok(PROPOSE, { input: { requestId: request.id, offerId: offer.id, quantity: 2, message: 'Passar det i vår?' } }, teacher);
    expect(proposed).toMatchObject({ status: 'PROPOSED', origin: 'SCHOOL', quantity: 2, offer: { remainingCapacity: 3 }, request: { quantityMatched: 0 } });
    expect(proposed.score).toBeGreaterThan(0);
    expect(await outbox(proposed.id, 'match_proposed')).toEqual(ids(partner, partnerOwner));

    const accepted = await ok(ACCEPT, { id: proposed.id }, partner);
    expect(accepted).toMatchObject({ status: 'AWAITING_APPROVAL', offer: { remainingCapacity: 1 }, request: { quantityMatched: 2, status: 'MATCHED' } });
    expect(await outbox(proposed.id, 'match_accepted')).toEqual(ids(teacher, schoolOwner, coordinator));

    await readyPlacement(stack, proposed.id);

    const approved = await ok(APPROVE, { id: proposed.id }, coordinator);
    expect(approved.status).toBe('APPROVED');
    expect(await outbox(proposed.id, 'match_approved')).toEqual(ids(teacher, schoolOwner, partner, partnerOwner));

    const scheduled = await ok(SCHEDULE, { id: proposed.id, startsAt: at(20), endsAt: at(20, 15) }, partner);
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', startsAt: at(20), endsAt: at(20, 15) });
    const moved = await ok(SCHEDULE, { id: proposed.id, startsAt: at(21), endsAt: at(21, 15) }, teacher);
    expect(moved.startsAt).toBe(at(21));
    expect(await outbox(proposed.id, 'match_rescheduled')).toEqual(ids(schoolOwner, partner, partnerOwner));

    const early = await gql(COMPLETE, { id: proposed.id }, teacher);
    expect(early.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('once it has started') });
    await stack.dataSource.query(`UPDATE collaboration_match SET starts_at = now() - interval '1 hour' WHERE id = $1`, [proposed.id]);
    const done = await ok(COMPLETE, { id: proposed.id }, teacher);
    expect(done).toMatchObject({ status: 'COMPLETED', offer: { remainingCapacity: 1 }, request: { quantityMatched: 2 } });

    expect(done.history.map((h: any) => [h.fromStatus, h.toStatus, h.actor?.id])).toEqual([
      [null, 'PROPOSED', teacher.user.id],
      ['PROPOSED', 'AWAITING_APPROVAL', partner.user.id],
      ['AWAITING_APPROVAL', 'APPROVED', coordinator.user.id],
      ['APPROVED', 'SCHEDULED', partner.user.id],
      ['SCHEDULED', 'SCHEDULED', teacher.user.id],
      ['SCHEDULED', 'COMPLETED', teacher.user.id],
    ]);
    expect(done.history[0].comment).toBe('Passar det i vår?');
    expect(done.history[4].comment).toBe('Rescheduled.');
    expect(await outbox(proposed.id, 'match_completed')).toEqual(ids(schoolOwner, partner, partnerOwner));
  });

  it('lets a coordinator propose; both sides accept and it is APPROVED without a further approval', async () => {
    const offer = await newOffer();
    const request = await newRequest({ quantity: 1 });
    const m = await ok(PROPOSE, { input: { requestId: request.id, offerId: offer.id, quantity: 1 } }, coordinator);
    expect(m).toMatchObject({ status: 'PROPOSED', origin: 'COORDINATOR' });
    expect(await outbox(m.id, 'match_proposed')).toEqual(ids(teacher, schoolOwner, partner, partnerOwner));
    const half = await ok(ACCEPT, { id: m.id }, teacher);
    expect(half).toMatchObject({ status: 'PROPOSED', offer: { remainingCapacity: 3 } });
    expect((await gql(ACCEPT, { id: m.id }, schoolOwner)).errors![0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('already accepted'),
    });
    await readyPlacement(stack, m.id); // a workplace placement is approved by both accepting only when complete (issue 16)
    const both = await ok(ACCEPT, { id: m.id }, partnerOwner);
    expect(both).toMatchObject({ status: 'APPROVED', offer: { remainingCapacity: 2 }, request: { quantityMatched: 1, status: 'MATCHED' } });
  });

  it('gives the quantity back on rejection and cancellation, and not on decline (nothing was held)', async () => {
    const offer = await newOffer({ capacity: 2 });
    const request = await newRequest({ quantity: 2 });
    const propose = () => ok(PROPOSE, { input: { requestId: request.id, offerId: offer.id, quantity: 1 } }, teacher);
    const a = await propose();
    expect((await ok(DECLINE, { id: a.id, reason: 'Inte i vår' }, partner)).status).toBe('DECLINED');
    expect(await outbox(a.id, 'match_declined')).toEqual(ids(teacher, schoolOwner));
    const b = await propose();
    await ok(ACCEPT, { id: b.id }, partner);
    const rejected = await ok(REJECT, { id: b.id, reason: 'Passar inte profilen' }, admin);
    expect(rejected).toMatchObject({ status: 'REJECTED', offer: { remainingCapacity: 2 }, request: { quantityMatched: 0, status: 'OPEN' } });
    const c = await propose();
    await ok(ACCEPT, { id: c.id }, partner);
    await readyPlacement(stack, c.id);
    await ok(APPROVE, { id: c.id }, coordinator);
    const cancelled = await ok(CANCEL, { id: c.id, reason: 'Sjukdom' }, teacher);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', offer: { remainingCapacity: 2 }, request: { quantityMatched: 0, status: 'OPEN' } });
    expect(await outbox(c.id, 'match_cancelled')).toEqual(ids(partner, partnerOwner, coordinator));
  });

  it('refuses every illegal transition with CONFLICT naming the current state', async () => {
    const offer = await newOffer({ capacity: 50 });
    const request = await newRequest({ quantity: 50 });
    const m = await ok(PROPOSE, { input: { requestId: request.id, offerId: offer.id, quantity: 1 } }, teacher);
    const conflict = async (q: string, v: Record<string, unknown>, who: TestUser, state: string, verb: string) => {
      const res = await gql(q, { id: m.id, ...v }, who);
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: `Cannot ${verb} a match that is ${state}.` });
    };
    await conflict(APPROVE, {}, coordinator, 'PROPOSED', 'approve');
    await conflict(REJECT, { reason: 'x' }, coordinator, 'PROPOSED', 'reject');
    await conflict(SCHEDULE, { startsAt: at(20), endsAt: at(20, 12) }, teacher, 'PROPOSED', 'schedule');
    await conflict(COMPLETE, {}, teacher, 'PROPOSED', 'complete');
    await ok(ACCEPT, { id: m.id }, partner);
    await conflict(ACCEPT, {}, partner, 'AWAITING_APPROVAL', 'accept');
    await conflict(DECLINE, { reason: 'x' }, partner, 'AWAITING_APPROVAL', 'decline');
    await conflict(SCHEDULE, { startsAt: at(20), endsAt: at(20, 12) }, teacher, 'AWAITING_APPROVAL', 'schedule');
    await readyPlacement(stack, m.id);
    await ok(APPROVE, { id: m.id }, coordinator);
    await conflict(APPROVE, {}, coordinator, 'APPROVED', 'approve');
    await conflict(REJECT, { reason: 'x' }, coordinator, 'APPROVED', 'reject');
    await conflict(COMPLETE, {}, teacher, 'APPROVED', 'complete');
    await ok(CANCEL, { id: m.id, reason: 'x' }, teacher);
    for (const [q, v, verb] of [
      [CANCEL, { reason: 'x' }, 'cancel'],
      [ACCEPT, {}, 'accept'],
      [SCHEDULE, { startsAt: at(20), endsAt: at(20, 12) }, 'schedule'],
    ] as const) {
      await conflict(q, v, teacher, 'CANCELLED', verb);
    }
    await conflict(ACCEPT, {}, partner, 'CANCELLED', 'accept');
  });

  it('allows exactly the transitions of RULES.md from each state; every other is CONFLICT naming the state', async () => {
    const offer = await newOffer({ capacity: 1000 });
    const repo = stack.dataSource.getRepository(Match);
    const started = { startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 3600_000) };
    const actions: Array<[string, string, Record<string, unknown>, TestUser]> = [
      ['accept', ACCEPT, {}, partner],
      ['decline', DECLINE, { reason: 'nej' }, partner],
      ['approve', APPROVE, {}, coordinator],
      ['reject', REJECT, { reason: 'nej' }, coordinator],
      ['schedule', SCHEDULE, { startsAt: at(20), endsAt: at(20, 12) }, teacher],
      ['cancel', CANCEL, { reason: 'nej' }, teacher],
      ['complete', COMPLETE, {}, teacher],
    ];
    const allowed: Record<MatchStatus, string[]> = {
      PROPOSED: ['accept', 'decline', 'cancel'],
      AWAITING_APPROVAL: ['approve', 'reject', 'cancel'],
      APPROVED: ['schedule', 'cancel'],
      SCHEDULED: ['schedule', 'cancel', 'complete'],
      COMPLETED: [],
      DECLINED: [],
      REJECTED: [],
      CANCELLED: [],
    };
    const got: Record<string, string[]> = {};
    for (const state of Object.values(MatchStatus)) {
      got[state] = [];
      for (const [verb, q, v, who] of actions) {
        const holding = ![MatchStatus.PROPOSED, MatchStatus.DECLINED].includes(state);
        const request = await newRequest({ quantity: 1000 }); // one open match per request and offer
        const m = await repo.save(
          repo.create({
            requestId: request.id,
            offerId: offer.id,
            schoolId: school,
            partnerId: company,
            regionCode: 'se-malmo',
            quantity: 1,
            status: state,
            origin: MatchOrigin.SCHOOL,
            schoolAccepted: true,
            partnerAccepted: state !== MatchStatus.PROPOSED,
            ...started,
          }),
        );
        await readyPlacement(stack, m.id);
        if (holding) {
          await stack.dataSource.query(`UPDATE offer SET capacity_held = capacity_held + 1 WHERE id = $1`, [offer.id]);
          await stack.dataSource.query(`UPDATE collaboration_request SET quantity_matched = quantity_matched + 1 WHERE id = $1`, [request.id]);
        }
        const res = await gql(q, { id: m.id, ...v }, who);
        if (!res.errors) got[state].push(verb);
        else expect(res.errors[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: `Cannot ${verb} a match that is ${state}.` });
      }
    }
    expect(got).toEqual(allowed);
  });

  it('will not hold a place on a paused offer or a cancelled request', async () => {
    const offer = await newOffer();
    const request = await newRequest();
    const m = await ok(PROPOSE, { input: { requestId: request.id, offerId: offer.id, quantity: 1 } }, teacher);
    await stack.dataSource.query(`UPDATE offer SET status = 'PAUSED' WHERE id = $1`, [offer.id]);
    expect((await gql(ACCEPT, { id: m.id }, partner)).errors![0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: 'The offer is PAUSED; only a PUBLISHED offer can be matched.',
    });
    await stack.dataSource.query(`UPDATE offer SET status = 'PUBLISHED' WHERE id = $1`, [offer.id]);
    await stack.dataSource.query(`UPDATE collaboration_request SET status = 'CANCELLED' WHERE id = $1`, [request.id]);
    expect((await gql(ACCEPT, { id: m.id }, partner)).errors![0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: 'The request is CANCELLED; it can no longer be matched.',
    });
  });

  it('validates proposals and schedules with field-named errors', async () => {
    const offer = await newOffer();
    const request = await newRequest();
    const input = { requestId: request.id, offerId: offer.id, quantity: 1 };
    const err = async (q: string, v: Record<string, unknown>, who: TestUser = teacher) => (await gql(q, v, who)).errors![0];
    expect(await err(PROPOSE, { input: { ...input, quantity: 0 } })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.quantity' } });
    expect(await err(PROPOSE, { input: { ...input, quantity: 3 } })).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: 'The request still wants 2; this proposal asks for 3.',
    });
    const danish = await newOffer({ languages: ['da'], title: 'Praktik' });
    expect(await err(PROPOSE, { input: { ...input, offerId: danish.id } })).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.offerId' },
      message: 'This offer does not fit the request: they share no language.',
    });
    const paused = await newOffer({ status: OfferStatus.PAUSED });
    expect(await err(PROPOSE, { input: { ...input, offerId: paused.id } }, partner)).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(await err(PROPOSE, { input: { ...input, offerId: paused.id } })).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await err(PROPOSE, { input: { ...input, requestId: 'nope' } })).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const m = await ok(PROPOSE, { input }, teacher);
    expect(await err(PROPOSE, { input })).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: 'A match between this request and this offer is already in progress.',
    });
    await ok(ACCEPT, { id: m.id }, partner);
    await readyPlacement(stack, m.id);
    await ok(APPROVE, { id: m.id }, coordinator);
    expect(await err(SCHEDULE, { id: m.id, startsAt: at(20, 12), endsAt: at(20, 9) })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'endsAt' } });
    expect(await err(SCHEDULE, { id: m.id, startsAt: at(-1), endsAt: at(1) })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'startsAt' } });
    expect(await err(SCHEDULE, { id: m.id, startsAt: at(7), endsAt: at(7, 12) })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'startsAt' } });
    expect(await err(SCHEDULE, { id: m.id, startsAt: at(20), endsAt: at(200) })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'endsAt' } });
    expect(await err(DECLINE, { id: m.id, reason: '   ' }, partner)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'reason' } });
  });

  it('answers each mutation as RULES.md says, for every role (the permission matrix)', async () => {
    const offer = await newOffer({ capacity: 1000 });
    /** A fresh match in `status`, made directly, holding its unit where the state holds. */
    const matchIn = async (status: MatchStatus, extra: Partial<Match> = {}) => {
      const repo = stack.dataSource.getRepository(Match);
      const request = await newRequest({ quantity: 1000 }); // one open match per request and offer
      const m = await repo.save(
        repo.create({
          requestId: request.id,
          offerId: offer.id,
          schoolId: school,
          partnerId: company,
          regionCode: 'se-malmo',
          quantity: 1,
          status,
          origin: MatchOrigin.SCHOOL,
          schoolAccepted: true,
          partnerAccepted: status !== MatchStatus.PROPOSED,
          ...extra,
        }),
      );
      await readyPlacement(stack, m.id);
      if (status !== MatchStatus.PROPOSED) {
        await stack.dataSource.query(`UPDATE offer SET capacity_held = capacity_held + 1 WHERE id = $1`, [offer.id]);
        await stack.dataSource.query(`UPDATE collaboration_request SET quantity_matched = quantity_matched + 1 WHERE id = $1`, [request.id]);
      }
      return m.id;
    };
    type Role = 'anonymous' | 'outsider' | 'teacher' | 'partner' | 'coordinator' | 'otherCoordinator' | 'admin';
    const who: Record<Role, TestUser | undefined> = { anonymous: undefined, outsider, teacher, partner, coordinator, otherCoordinator, admin };
    const started = { startsAt: new Date(Date.now() - 3600_000), endsAt: new Date(Date.now() + 3600_000) };
    const cases: Array<[string, () => Promise<[string, Record<string, unknown>]>, Record<Role, string>]> = [
      [
        'proposeMatch',
        async () => [PROPOSE, { input: { requestId: (await newRequest({ quantity: 1 })).id, offerId: offer.id, quantity: 1 } }],
        { anonymous: 'UNAUTHENTICATED', outsider: 'FORBIDDEN', teacher: 'OK', partner: 'OK', coordinator: 'OK', otherCoordinator: 'FORBIDDEN', admin: 'FORBIDDEN' },
      ],
      [
        'acceptMatch',
        async () => [ACCEPT, { id: await matchIn(MatchStatus.PROPOSED) }],
        {
          anonymous: 'UNAUTHENTICATED',
          outsider: 'NOT_FOUND',
          teacher: 'FORBIDDEN',
          partner: 'OK',
          coordinator: 'FORBIDDEN',
          otherCoordinator: 'NOT_FOUND',
          admin: 'FORBIDDEN',
        },
      ],
      [
        'declineMatch',
        async () => [DECLINE, { id: await matchIn(MatchStatus.PROPOSED), reason: 'nej' }],
        {
          anonymous: 'UNAUTHENTICATED',
          outsider: 'NOT_FOUND',
          teacher: 'FORBIDDEN',
          partner: 'OK',
          coordinator: 'FORBIDDEN',
          otherCoordinator: 'NOT_FOUND',
          admin: 'FORBIDDEN',
        },
      ],
      [
        'approveMatch',
        async () => [APPROVE, { id: await matchIn(MatchStatus.AWAITING_APPROVAL) }],
        {
          anonymous: 'UNAUTHENTICATED',
          outsider: 'NOT_FOUND',
          teacher: 'FORBIDDEN',
          partner: 'FORBIDDEN',
          coordinator: 'OK',
          otherCoordinator: 'NOT_FOUND',
          admin: 'OK',
        },
      ],
      [
        'rejectMatch',
        async () => [REJECT, { id: await matchIn(MatchStatus.AWAITING_APPROVAL), reason: 'nej' }],
        {
          anonymous: 'UNAUTHENTICATED',
          outsider: 'NOT_FOUND',
          teacher: 'FORBIDDEN',
          partner: 'FORBIDDEN',
          coordinator: 'OK',
          otherCoordinator: 'NOT_FOUND',
          admin: 'OK',
        },
      ],
      [
        'scheduleMatch',
        async () => [SCHEDULE, { id: await matchIn(MatchStatus.APPROVED), startsAt: at(20), endsAt: at(20, 12) }],
        {
          anonymous: 'UNAUTHENTICATED',
          outsider: 'NOT_FOUND',
          teacher: 'OK',
          partner: 'OK',
          coordinator: 'FORBIDDEN',
          otherCoordinator: 'NOT_FOUND',
          admin: 'FORBIDDEN',
        },
      ],
      [
        'cancelMatch',
        async () => [CANCEL, { id: await matchIn(MatchStatus.APPROVED), reason: 'nej' }],
        { anonymous: 'UNAUTHENTICATED', outsider: 'NOT_FOUND', teacher: 'OK', partner: 'OK', coordinator: 'OK', otherCoordinator: 'NOT_FOUND', admin: 'OK' },
      ],
      [
        'completeMatch',
        async () => [COMPLETE, { id: await matchIn(MatchStatus.SCHEDULED, started) }],
        {
          anonymous: 'UNAUTHENTICATED',
          outsider: 'NOT_FOUND',
          teacher: 'OK',
          partner: 'OK',
          coordinator: 'FORBIDDEN',
          otherCoordinator: 'NOT_FOUND',
          admin: 'FORBIDDEN',
        },
      ],
    ];
    const got: Record<string, Record<string, string>> = {};
    const want: Record<string, Record<string, string>> = {};
    for (const [name, setup, expected] of cases) {
      got[name] = {};
      want[name] = expected;
      for (const role of Object.keys(who) as Role[]) {
        const [q, v] = await setup();
        got[name][role] = await codeOf(q, v, who[role]);
      }
    }
    expect(got).toEqual(want);
  });

  it("shows matches only to the two sides, the region's coordinators and admins; a request lists the ones you may see", async () => {
    const offer = await newOffer();
    const other = await newOffer({ organizationId: otherCompany, title: 'Annat erbjudande' });
    const request = await newRequest();
    const mine = await ok(PROPOSE, { input: { requestId: request.id, offerId: offer.id, quantity: 1 } }, teacher);
    const theirs = await ok(PROPOSE, { input: { requestId: request.id, offerId: other.id, quantity: 1 } }, otherPartner);
    const read = async (u: TestUser, id: string) => codeOf(`query($id: ID!) { match(id: $id) { id } }`, { id }, u);
    expect([await read(teacher, mine.id), await read(partner, mine.id), await read(coordinator, mine.id), await read(admin, mine.id)]).toEqual(['OK', 'OK', 'OK', 'OK']);
    expect([await read(outsider, mine.id), await read(otherCoordinator, mine.id), await read(otherPartner, mine.id)]).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    const listOf = async (u: TestUser) =>
      ((await gql(`query($id: ID!) { request(id: $id) { matches { id } } }`, { id: request.id }, u)).data!.request.matches as Array<{ id: string }>)
        .map((m) => m.id)
        .sort();
    expect(await listOf(teacher)).toEqual([mine.id, theirs.id].sort());
    expect(await listOf(otherPartner)).toEqual([theirs.id]);
    expect(await listOf(outsider)).toEqual([]);
    const page = await gql(`query { matches(first: 100, filter: { statuses: [PROPOSED] }) { totalCount edges { node { id } } } }`, {}, otherPartner);
    expect(page.data!.matches.edges.map((e: any) => e.node.id)).toEqual([theirs.id]);
  });

  it('never over-books: 50 concurrent accepts on capacity 5 hold exactly 5, the rest CONFLICT — on one API and on two processes', async () => {
    const api2 = await spawnApi({ DATABASE_URL: databaseUrl(stack.dbName), REDIS_URL: stack.config.REDIS_URL, REDIS_PREFIX: stack.config.REDIS_PREFIX });
    try {
      for (const urls of [[stack.url], [stack.url, api2.url]]) {
        const offer = await newOffer({ capacity: 5 });
        const proposals: string[] = [];
        for (let i = 0; i < 50; i++) {
          const request = await newRequest({ quantity: 1, title: `APL ${i}` });
          proposals.push((await ok(PROPOSE, { input: { requestId: request.id, offerId: offer.id, quantity: 1 } }, teacher)).id);
        }
        const results = await Promise.all(proposals.map((id, i) => gql(ACCEPT, { id }, partner, urls[i % urls.length])));
        const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK');
        expect(codes.filter((c) => c === 'OK')).toHaveLength(5);
        expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(45);
        const [row] = await stack.dataSource.query(`SELECT capacity_held FROM offer WHERE id = $1`, [offer.id]);
        expect(row.capacity_held).toBe(5);
        const held = await stack.dataSource.query(`SELECT count(*)::int AS n FROM collaboration_match WHERE offer_id = $1 AND status = 'AWAITING_APPROVAL'`, [offer.id]);
        expect(held[0].n).toBe(5);
      }
    } finally {
      await api2.stop();
    }
  });

  it('lists 100 matches with their request, offer, organisations and history in a bounded number of SQL queries', async () => {
    const offer = await newOffer({ capacity: 1000 });
    const repo = stack.dataSource.getRepository(Match);
    for (let i = 0; i < 100; i++) {
      const request = await newRequest({ quantity: 1, title: `Lista ${i}` });
      const m = await repo.save(
        repo.create({
          requestId: request.id,
          offerId: offer.id,
          schoolId: school,
          partnerId: company,
          regionCode: 'se-malmo',
          quantity: 1,
          status: MatchStatus.PROPOSED,
          origin: MatchOrigin.SCHOOL,
          schoolAccepted: true,
        }),
      );
      await stack.dataSource.query(`INSERT INTO match_event (match_id, actor_id, to_status) VALUES ($1, $2, 'PROPOSED')`, [m.id, teacher.user.id]);
    }
    const Q = `query { matches(first: 100, filter: { statuses: [PROPOSED] }) { totalCount edges { node { id
      request { id title organization { id name } } offer { id title organization { id name } } history { toStatus actor { id name } } } } } }`;
    await gql(Q, {}, partner); // warm the viewer and reference data
    const { result: res, queries } = await countQueries(stack.dataSource, () => gql(Q, {}, partner));
    expect(res.errors).toBeUndefined();
    expect(res.data!.matches.edges.length).toBe(100);
    expect(res.data!.matches.edges[0].node.history[0].actor.id).toBe(teacher.user.id);
    // version, count, page, requests, offers, organisations, history, users: one each.
    expect(queries).toBeGreaterThanOrEqual(5);
    expect(queries).toBeLessThanOrEqual(9);
  });

  it('turns an allocation round into ALLOCATION matches that both sides accept', async () => {
    const region = 'se-stockholm';
    const offer = await newOffer({ regionCode: region, capacity: 2, activityType: 'PROJECT' as never });
    const request = await newRequest({ regionCode: region, quantity: 2, activityType: 'PROJECT' as never });
    const RUN = `mutation($input: AllocationInput!) { runAllocation(input: $input) { quantityAllocated matches { id status origin quantity } } }`;
    const res = await ok(RUN, { input: { regionCode: region, activityType: 'PROJECT', dryRun: false } }, admin);
    expect(res.quantityAllocated).toBe(2);
    expect(res.matches).toEqual([{ id: expect.any(String), status: 'PROPOSED', origin: 'ALLOCATION', quantity: 2 }]);
    const again = await ok(RUN, { input: { regionCode: region, activityType: 'PROJECT', dryRun: false } }, admin);
    expect(again.matches).toEqual([]); // the pair is already in progress
    const id = res.matches[0].id;
    await ok(ACCEPT, { id }, teacher);
    const both = await ok(ACCEPT, { id }, partner);
    expect(both).toMatchObject({ status: 'APPROVED', offer: { id: offer.id, remainingCapacity: 0 }, request: { id: request.id, quantityMatched: 2 } });
  });

  it('completes ended matches once, however many sweeps run at the same time', async () => {
    const offer = await newOffer({ capacity: 10 });
    const repo = stack.dataSource.getRepository(Match);
    const ended = await Promise.all(
      [1, 2, 3].map(async () =>
        repo.save(
          repo.create({
            requestId: (await newRequest({ quantity: 10 })).id,
            offerId: offer.id,
            schoolId: school,
            partnerId: company,
            regionCode: 'se-malmo',
            quantity: 1,
            status: MatchStatus.SCHEDULED,
            origin: MatchOrigin.SCHOOL,
            schoolAccepted: true,
            partnerAccepted: true,
            startsAt: new Date(Date.now() - 7200_000),
            endsAt: new Date(Date.now() - 3600_000),
          }),
        ),
      ),
    );
    const service = stack.api!.get(MatchSweeps);
    const counts = await Promise.all([service.completeEnded(), service.completeEnded(), service.completeEnded()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    for (const m of ended) {
      const events = await stack.dataSource.query(`SELECT from_status, to_status, actor_id FROM match_event WHERE match_id = $1`, [m.id]);
      expect(events).toEqual([{ from_status: 'SCHEDULED', to_status: 'COMPLETED', actor_id: null }]);
      expect(await outbox(m.id, 'match_completed')).toEqual(ids(teacher, schoolOwner, partner, partnerOwner));
    }
  });
});

describe('the worker completes ended matches on its own', () => {
  it('runs the sweep on a schedule', async () => {
    const stack = await startStack({ api: true, worker: true, env: { MATCH_SWEEP_SECONDS: '1' } });
    try {
      const teacher = await createUser(stack);
      const school = (await createOrganization(stack, { owner: teacher.user })).id;
      const company = (await createOrganization(stack, { kind: OrganizationKind.COMPANY, verified: true })).id;
      const offer = await stack.dataSource.getRepository(Offer).save(
        stack.dataSource.getRepository(Offer).create({
          organizationId: company,
          regionCode: 'se-malmo',
          activityType: 'PROJECT' as never,
          title: 'x',
          description: 'x',
          focusAreas: ['chemistry'],
          deliveryModes: ['REMOTE' as never],
          languages: ['sv'],
          capacity: 1,
          capacityHeld: 1,
          availableFrom: inDays(-10),
          availableUntil: inDays(10),
          status: OfferStatus.PUBLISHED,
        }),
      );
      const request = await stack.dataSource.getRepository(CollaborationRequest).save(
        stack.dataSource.getRepository(CollaborationRequest).create({
          organizationId: school,
          regionCode: 'se-malmo',
          activityType: 'PROJECT' as never,
          title: 'x',
          description: 'x',
          focusAreas: ['chemistry'],
          deliveryModes: ['REMOTE' as never],
          languages: ['sv'],
          quantity: 1,
          quantityMatched: 1,
          earliestDate: inDays(-10),
          latestDate: inDays(10),
          status: RequestStatus.MATCHED,
        }),
      );
      const repo = stack.dataSource.getRepository(Match);
      const m = await repo.save(
        repo.create({
          requestId: request.id,
          offerId: offer.id,
          schoolId: school,
          partnerId: company,
          regionCode: 'se-malmo',
          quantity: 1,
          status: MatchStatus.SCHEDULED,
          origin: MatchOrigin.PARTNER,
          schoolAccepted: true,
          partnerAccepted: true,
          startsAt: new Date(Date.now() - 7200_000),
          endsAt: new Date(Date.now() - 60_000),
        }),
      );
      const done = await eventually(async () => (await repo.findOneBy({ id: m.id }))?.status === MatchStatus.COMPLETED, 20000);
      expect(done).toBe(true);
    } finally {
      await stack.close();
    }
  });
});
