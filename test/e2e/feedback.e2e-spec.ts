import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { Match, MatchOrigin, MatchStatus } from '@brobygge/collaboration';
import { OrganizationKind } from '@brobygge/identity';
import { OutboxMessage, OutboxStatus } from '@brobygge/notifications';
import { createOrganization, createUser, PASSWORD, TestUser } from '../support/factories';
import { inDays } from '../support/queries';
import { eventually, startStack, TestStack } from '../support/stack';

const SUBMIT = `mutation($input: FeedbackInput!) { submitFeedback(input: $input) {
  id side rating comment wouldRepeat submittedAt participants { female male nonBinary unknown } match { id status } } }`;
const MATCH_FEEDBACK = 'query($id: ID!) { match(id: $id) { feedback { side rating comment participants { female male nonBinary unknown } } } }';
const SUGGESTIONS = 'query($id: ID!) { request(id: $id) { suggestions { offer { id } factors { factor value explanation } } } }';

const addressOf = (mail: { to?: unknown }) => (mail.to as { value: Array<{ address: string }> }).value[0].address;

describe('feedback on completed matches', () => {
  let stack: TestStack;
  let teacher: TestUser;
  let schoolOwner: TestUser;
  let partner: TestUser;
  let partnerOwner: TestUser;
  let coordinator: TestUser;
  let otherCoordinator: TestUser;
  let admin: TestUser;
  let outsider: TestUser;
  let school: string;
  let company: string;

  beforeAll(async () => {
    stack = await startStack({ api: true, worker: true, smtp: true });
    teacher = await createUser(stack, { locale: 'sv' });
    schoolOwner = await createUser(stack, { locale: 'sv' });
    partner = await createUser(stack, { locale: 'en' });
    partnerOwner = await createUser(stack, { locale: 'da' });
    coordinator = await createUser(stack, { coordinatorOf: ['se-malmo'] });
    otherCoordinator = await createUser(stack, { coordinatorOf: ['no-troms'] });
    admin = await createUser(stack, { admin: true });
    outsider = await createUser(stack);
    school = (await createOrganization(stack, { name: 'Rosengårdsskolan', verified: true, owner: schoolOwner.user, members: [teacher.user] })).id;
    company = (await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Kemi AB', verified: true, owner: partnerOwner.user, members: [partner.user] }))
      .id;
  });
  afterAll(() => stack.close());

  /** An offer, a request and a match between them in `status` (ended yesterday when COMPLETED). */
  async function matchIn(status: MatchStatus): Promise<Match> {
    const ds = stack.dataSource;
    const offer = await ds.getRepository(Offer).save(
      ds.getRepository(Offer).create({
        organizationId: company,
        regionCode: 'se-malmo',
        activityType: 'GUEST_LECTURE' as never,
        title: 'Kemi i vardagen',
        description: 'x',
        focusAreas: ['chemistry'],
        deliveryModes: ['REMOTE' as never],
        languages: ['sv'],
        capacity: 5,
        availableFrom: inDays(-30),
        availableUntil: inDays(60),
        status: OfferStatus.PUBLISHED,
        capacityHeld: 1,
      }),
    );
    const request = await ds.getRepository(CollaborationRequest).save(
      ds.getRepository(CollaborationRequest).create({
        organizationId: school,
        regionCode: 'se-malmo',
        activityType: 'GUEST_LECTURE' as never,
        title: 'Kemi för åk 9',
        description: 'x',
        focusAreas: ['chemistry'],
        deliveryModes: ['REMOTE' as never],
        languages: ['sv'],
        quantity: 1,
        quantityMatched: 1,
        groupSize: 25,
        earliestDate: inDays(-30),
        latestDate: inDays(30),
        status: RequestStatus.MATCHED,
      }),
    );
    const done = status === MatchStatus.COMPLETED;
    return ds.getRepository(Match).save(
      ds.getRepository(Match).create({
        requestId: request.id,
        offerId: offer.id,
        schoolId: school,
        partnerId: company,
        regionCode: 'se-malmo',
        quantity: 1,
        status,
        origin: MatchOrigin.SCHOOL,
        schoolAccepted: true,
        partnerAccepted: true,
        startsAt: done ? new Date(Date.now() - 2 * 86400_000) : null,
        endsAt: done ? new Date(Date.now() - 86400_000) : null,
      }),
    );
  }
  const submit = (who: TestUser | undefined, input: Record<string, unknown>) => stack.gql(SUBMIT, { input }, { token: who?.token });
  const codeOf = async (who: TestUser | undefined, input: Record<string, unknown>) => (await submit(who, input)).errors?.[0]?.extensions?.code ?? 'OK';

  it('takes one feedback per side: the school with participant counts, the partner without', async () => {
    const m = await matchIn(MatchStatus.COMPLETED);
    const mine = await submit(teacher, {
      matchId: m.id,
      rating: 5,
      comment: '  Mycket bra!  ',
      participantsFemale: 12,
      participantsMale: 10,
      participantsNonBinary: 1,
      wouldRepeat: true,
    });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.submitFeedback).toMatchObject({
      side: 'SCHOOL',
      rating: 5,
      comment: 'Mycket bra!',
      wouldRepeat: true,
      match: { id: m.id, status: 'COMPLETED' },
      participants: { female: 12, male: 10, nonBinary: 1, unknown: 0 },
    });
    expect(Date.parse(mine.data!.submitFeedback.submittedAt)).toBeGreaterThan(Date.now() - 60_000);

    // The same side again — another member included — is a CONFLICT, and nothing changes.
    const again = await submit(schoolOwner, { matchId: m.id, rating: 1 });
    expect(again.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('school has already given feedback') });

    // A partner's counts are refused, naming the field; without them the partner's feedback is taken.
    const counted = await submit(partner, { matchId: m.id, rating: 4, participantsMale: 3 });
    expect(counted.errors![0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.participantsMale' },
      message: expect.stringContaining('school only'),
    });
    const theirs = await submit(partner, { matchId: m.id, rating: 4, comment: 'Engaged pupils.' });
    expect(theirs.data!.submitFeedback).toMatchObject({ side: 'PARTNER', rating: 4, participants: null });

    const both = await stack.gql(MATCH_FEEDBACK, { id: m.id }, { token: coordinator.token });
    expect(both.data!.match.feedback).toEqual([
      { side: 'SCHOOL', rating: 5, comment: 'Mycket bra!', participants: { female: 12, male: 10, nonBinary: 1, unknown: 0 } },
      { side: 'PARTNER', rating: 4, comment: 'Engaged pupils.', participants: null },
    ]);
  });

  it('lets only members of either side give it: the permission matrix', async () => {
    const cases: Array<[string, TestUser | undefined, string]> = [
      ['teacher (school member)', teacher, 'OK'],
      ['partner member', partner, 'OK'],
      ['coordinator of the region', coordinator, 'FORBIDDEN'],
      ['admin', admin, 'FORBIDDEN'],
      ['coordinator of another region', otherCoordinator, 'NOT_FOUND'],
      ['outsider', outsider, 'NOT_FOUND'],
      ['anonymous', undefined, 'UNAUTHENTICATED'],
    ];
    for (const [who, user, expected] of cases) {
      const m = await matchIn(MatchStatus.COMPLETED);
      expect([who, await codeOf(user, { matchId: m.id, rating: 3 })]).toEqual([who, expected]);
    }
  });

  it('refuses matches that are not completed, unknown ids and bad values, each with its own code', async () => {
    for (const status of [MatchStatus.PROPOSED, MatchStatus.APPROVED, MatchStatus.SCHEDULED, MatchStatus.CANCELLED]) {
      const m = await matchIn(status);
      const res = await submit(teacher, { matchId: m.id, rating: 4 });
      expect(res.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: `Feedback can be given once the match is COMPLETED; it is ${status}.` });
    }
    const m = await matchIn(MatchStatus.COMPLETED);
    expect(await codeOf(teacher, { matchId: 'not-an-id', rating: 4 })).toBe('NOT_FOUND');
    expect(await codeOf(teacher, { matchId: '00000000-0000-4000-8000-000000000000', rating: 4 })).toBe('NOT_FOUND');
    for (const [input, field] of [
      [{ rating: 0 }, 'input.rating'],
      [{ rating: 6 }, 'input.rating'],
      [{ rating: 4, participantsFemale: -1 }, 'input.participantsFemale'],
      [{ rating: 4, participantsUnknown: 100000 }, 'input.participantsUnknown'],
      [{ rating: 4, comment: 'x'.repeat(4001) }, 'input.comment'],
    ] as const) {
      const res = await submit(teacher, { matchId: m.id, ...input });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // None of the refused attempts used up the school's one feedback.
    expect((await submit(teacher, { matchId: m.id, rating: 4 })).errors).toBeUndefined();
  });

  it('links the completion e-mail to the feedback form and reminds, once, the side that has not answered', async () => {
    const m = await matchIn(MatchStatus.SCHEDULED);
    await stack.dataSource.query(`UPDATE collaboration_match SET starts_at = now() - interval '2 hours', ends_at = now() + interval '1 hour' WHERE id = $1`, [m.id]);
    const before = stack.smtp!.messages.length;
    const done = await stack.gql('mutation($id: ID!) { completeMatch(id: $id) { status } }', { id: m.id }, { token: teacher.token });
    expect(done.data!.completeMatch.status).toBe('COMPLETED');
    // "Completed" to everyone but the one who completed it, each linking to the feedback form.
    await stack.smtp!.waitFor(before + 3);
    const completed = stack.smtp!.messages.slice(before).filter((x) => x.headers.get('x-brobygge-type') === 'match_completed');
    expect(completed.map(addressOf).sort()).toEqual([schoolOwner, partner, partnerOwner].map((u) => u.user.email).sort());
    for (const mail of completed) expect(mail.text).toContain(`https://brobygge.test/matches/${m.id}/feedback`);

    // A reminder per member of each side waits a week in the outbox.
    const reminders = async () => (await stack.dataSource.getRepository(OutboxMessage).findBy({ type: 'feedback_reminder' })).filter((o) => o.payload.matchId === m.id);
    const waiting = await reminders();
    expect(waiting.map((o) => [o.recipientUserId, o.payload.side]).sort()).toEqual(
      [
        [teacher, 'SCHOOL'],
        [schoolOwner, 'SCHOOL'],
        [partner, 'PARTNER'],
        [partnerOwner, 'PARTNER'],
      ]
        .map(([u, s]) => [(u as TestUser).user.id, s])
        .sort(),
    );
    for (const o of waiting) {
      expect(o.status).toBe(OutboxStatus.PENDING);
      expect(o.availableAt.getTime() - Date.now()).toBeGreaterThan(7 * 86400_000 - 120_000);
    }

    // The school answers; a week passes: only the partner's members are reminded, once each.
    expect((await submit(schoolOwner, { matchId: m.id, rating: 4, participantsFemale: 5, participantsMale: 6 })).errors).toBeUndefined();
    const sentBefore = stack.smtp!.messages.length;
    await stack.dataSource.query(`UPDATE outbox_message SET available_at = now() WHERE type = 'feedback_reminder' AND payload->>'matchId' = $1`, [m.id]);
    const settled = await eventually(async () => {
      const rows = await reminders();
      return rows.every((o) => o.status === OutboxStatus.SENT || o.status === OutboxStatus.SKIPPED) ? rows : undefined;
    });
    expect(settled.filter((o) => o.status === OutboxStatus.SKIPPED).map((o) => o.payload.side)).toEqual(['SCHOOL', 'SCHOOL']);
    await stack.smtp!.waitFor(sentBefore + 2);
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
    const reminded = stack.smtp!.messages.slice(sentBefore).filter((x) => x.headers.get('x-brobygge-type') === 'feedback_reminder');
    expect(reminded.map(addressOf).sort()).toEqual([partner.user.email, partnerOwner.user.email].sort());
    const en = reminded.find((x) => addressOf(x) === partner.user.email)!;
    expect(en.subject).toBe('How did it go? Kemi i vardagen — Rosengårdsskolan');
    expect(en.text).toContain(`Give feedback: https://brobygge.test/matches/${m.id}/feedback`);
    expect(reminded.find((x) => addressOf(x) === partnerOwner.user.email)!.subject).toBe('Hvordan gik det? Kemi i vardagen — Rosengårdsskolan');
  });

  it('feeds the schools\' ratings into the partner\'s "past feedback" score factor', async () => {
    const m = await matchIn(MatchStatus.COMPLETED);
    expect((await submit(teacher, { matchId: m.id, rating: 5 })).errors).toBeUndefined();
    expect((await submit(partner, { matchId: m.id, rating: 1 })).errors).toBeUndefined(); // the partner's own view does not count
    const ratings: Array<{ avg: number; n: number }> = await stack.dataSource.query(
      `SELECT avg(rating)::float8 AS avg, count(*)::int AS n FROM feedback WHERE partner_id = $1 AND side = 'SCHOOL'`,
      [company],
    );
    const request = await stack.dataSource.getRepository(CollaborationRequest).save(
      stack.dataSource.getRepository(CollaborationRequest).create({
        organizationId: school,
        regionCode: 'se-malmo',
        activityType: 'GUEST_LECTURE' as never,
        title: 'Mer kemi',
        description: 'x',
        focusAreas: ['chemistry'],
        deliveryModes: ['REMOTE' as never],
        languages: ['sv'],
        quantity: 1,
        earliestDate: inDays(1),
        latestDate: inDays(30),
        status: RequestStatus.OPEN,
      }),
    );
    const res = await stack.gql(SUGGESTIONS, { id: request.id }, { token: teacher.token });
    expect(res.errors).toBeUndefined();
    // Every offer here is the same partner's, so each suggestion carries its feedback.
    expect(res.data!.request.suggestions.length).toBeGreaterThan(0);
    const factor = res.data!.request.suggestions[0].factors.find((f: any) => f.factor === 'feedback');
    expect(factor.value).toBeCloseTo((ratings[0].avg - 1) / 4, 3);
    expect(factor.explanation).toContain(`(${ratings[0].n} svar)`); // in the teacher's Swedish
  });

  it('exports what a person gave (GDPR) and keeps it, anonymised, when they delete their account', async () => {
    const leaver = await createUser(stack);
    await stack.dataSource.query(`INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'MEMBER')`, [leaver.user.id, school]);
    const m = await matchIn(MatchStatus.COMPLETED);
    const given = await submit(leaver, { matchId: m.id, rating: 2, comment: 'För svårt' });
    expect(given.errors).toBeUndefined();
    const exported = JSON.parse((await stack.gql('mutation { exportMyData }', {}, { token: leaver.token })).data!.exportMyData);
    expect(exported.feedbackGiven).toEqual([expect.objectContaining({ id: given.data!.submitFeedback.id, rating: 2, comment: 'För svårt' })]);
    const del = await stack.gql('mutation($p: String!) { deleteMyAccount(password: $p) }', { p: PASSWORD }, { token: leaver.token });
    expect(del.data!.deleteMyAccount).toBe(true);
    const [row]: Array<{ submitted_by_id: string | null; rating: number }> = await stack.dataSource.query(`SELECT submitted_by_id, rating FROM feedback WHERE id = $1`, [
      given.data!.submitFeedback.id,
    ]);
    expect(row).toEqual({ submitted_by_id: null, rating: 2 });
  });
});
