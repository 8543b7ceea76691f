import type { AddressObject, ParsedMail } from 'mailparser';
import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { Outreach } from '@brobygge/collaboration';
import { Membership, Organization, OrganizationKind, SchoolLevel } from '@brobygge/identity';
import { OutboxMessage, OutboxStatus } from '@brobygge/notifications';
import { createOffer, createOrganization, createRequest, createUser, PASSWORD, TestUser } from '../support/factories';
import { countQueries, inDays } from '../support/queries';
import { eventually, GqlResponse, startStack, TestStack } from '../support/stack';

const REACH_OUT = `mutation ReachOut($input: ReachOutInput!) {
  reachOut(input: $input) { id sentAt message respondedAt organization { id name claimed } coordinator { id name } suggestedOffers { id title } } }`;
const OUTREACH_OF = `query($id: ID!, $first: Int) { organization(id: $id) { id claimed outreach(first: $first) { id sentAt respondedAt message coordinator { id } suggestedOffers { id } } } }`;
const ACCEPT = 'mutation($token: String!) { acceptInvitation(token: $token) { role organization { id claimed } } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
const CREATE_REQUEST = 'mutation($input: CreateRequestInput!) { createRequest(input: $input) { id status title organization { id } } }';
const UPDATE_REQUEST = 'mutation($id: ID!, $input: UpdateRequestInput!) { updateRequest(id: $id, input: $input) { id title quantity } }';
const CANCEL_REQUEST = 'mutation($id: ID!) { cancelRequest(id: $id, reason: "Inte längre aktuellt") { id status } }';
const SUGGESTIONS = 'query($id: ID!) { request(id: $id) { suggestions(first: 20) { offer { id } } } }';

const codeOf = (res: GqlResponse) => res.errors?.[0]?.extensions?.code ?? 'OK';
const errorOf = (res: GqlResponse) => res.errors?.[0]?.extensions;
const to = (mail: ParsedMail) => (mail.to as AddressObject).value.map((a) => a.address).join(',');
const tokenIn = (mail: ParsedMail) => /invitations\/accept\?token=([A-Za-z0-9_-]+)/.exec(mail.text!)![1];

const requestInput = (organizationId: string, over: Record<string, unknown> = {}) => ({
  organizationId,
  activityType: 'GUEST_LECTURE',
  title: 'Föreläsning om energi',
  description: 'En lektion för åk 8.',
  focusAreas: ['physics'],
  deliveryModes: ['REMOTE'],
  languages: ['sv'],
  quantity: 1,
  earliestDate: inDays(10),
  latestDate: inDays(60),
  ...over,
});

describe('outreach and requests on a school’s behalf (issue 15)', () => {
  let stack: TestStack;
  let coordinator: TestUser;
  let trCoordinator: TestUser;
  let admin: TestUser;
  let owner: TestUser;
  let teacher: TestUser;
  let partnerPerson: TestUser;
  let outsider: TestUser;
  let school: Organization;
  let partner: Organization;
  let offer: Offer;
  let draft: Offer;
  let full: Offer;
  let elsewhere: Offer;

  const reachOut = (who: TestUser | undefined, input: Record<string, unknown>) => stack.gql(REACH_OUT, { input }, { token: who?.token });
  const outreachOf = (who: TestUser | undefined, id: string, first?: number) => stack.gql(OUTREACH_OF, { id, first }, { token: who?.token });
  const outreachRows = (organizationId: string) => stack.dataSource.getRepository(Outreach).find({ where: { organizationId }, order: { sentAt: 'ASC' } });
  const mailsTo = (address: string) => stack.smtp!.messages.filter((m) => to(m) === address);

  beforeAll(async () => {
    stack = await startStack({ api: true, worker: true, smtp: true });
    coordinator = await createUser(stack, { name: 'Cecilia Coordinator', coordinatorOf: ['se-malmo'] });
    trCoordinator = await createUser(stack, { coordinatorOf: ['no-troms'] });
    admin = await createUser(stack, { admin: true });
    owner = await createUser(stack, { name: 'Olle Owner', locale: 'sv' });
    teacher = await createUser(stack, { name: 'Tess Teacher', locale: 'en' });
    partnerPerson = await createUser(stack);
    outsider = await createUser(stack);
    school = await createOrganization(stack, { name: 'Sofielundsskolan', verified: true, owner: owner.user, members: [teacher.user] });
    partner = await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Energibolaget AB', verified: true, owner: partnerPerson.user });
    const physics = { organizationId: partner.id, activityType: 'GUEST_LECTURE' as never, focusAreas: ['physics'], deliveryModes: ['REMOTE' as never] };
    offer = await createOffer(stack, { ...physics, title: 'Solceller i praktiken' });
    draft = await createOffer(stack, { ...physics, title: 'Utkast', status: OfferStatus.DRAFT });
    full = await createOffer(stack, { ...physics, title: 'Fullbokad', capacity: 1, capacityHeld: 1 });
    elsewhere = await createOffer(stack, { ...physics, title: 'I Skåne', regionCode: 'se-skane' });
  });
  afterAll(() => stack.close());

  describe('reachOut: who may, and what it checks', () => {
    it('is for coordinators of the school’s region and admins; others are FORBIDDEN, unknown ids NOT_FOUND, non-schools CONFLICT', async () => {
      const input = { organizationId: school.id, offerIds: [offer.id] };
      expect(codeOf(await reachOut(undefined, input))).toBe('UNAUTHENTICATED');
      for (const who of [owner, teacher, partnerPerson, outsider, trCoordinator]) expect(codeOf(await reachOut(who, input))).toBe('FORBIDDEN');
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        expect(codeOf(await reachOut(coordinator, { organizationId: id }))).toBe('NOT_FOUND');
      }
      const company = await reachOut(coordinator, { organizationId: partner.id, offerIds: [] });
      expect(codeOf(company)).toBe('CONFLICT');
      expect(company.errors![0].message).toMatch(/for schools/);
      expect(await outreachRows(school.id)).toHaveLength(0);

      const byCoordinator = await reachOut(coordinator, input);
      expect(byCoordinator.errors).toBeUndefined();
      expect(byCoordinator.data!.reachOut).toMatchObject({
        message: null,
        respondedAt: null,
        organization: { id: school.id, name: 'Sofielundsskolan', claimed: true },
        coordinator: { id: coordinator.user.id, name: 'Cecilia Coordinator' },
        suggestedOffers: [{ id: offer.id, title: 'Solceller i praktiken' }],
      });
      expect(codeOf(await reachOut(admin, input))).toBe('OK');
      expect(await outreachRows(school.id)).toHaveLength(2);
    });

    it.each([
      [{ message: 'x'.repeat(2001) }, 'input.message'],
      [{ offerIds: ['a', 'b', 'c', 'd', 'e', 'f'].map((c) => `00000000-0000-4000-8000-00000000000${c}`) }, 'input.offerIds'],
      [{ offerIds: ['00000000-0000-4000-8000-000000000000'] }, 'input.offerIds'],
      [{ offerIds: ['not-a-uuid'] }, 'input.offerIds'],
      [{ email: 'rektor@example.org' }, 'input.email'],
    ])('names the bad field: %j → %s', async (over, field) => {
      const before = (await outreachRows(school.id)).length;
      const res = await reachOut(coordinator, { organizationId: school.id, ...over });
      expect(errorOf(res)).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(await outreachRows(school.id)).toHaveLength(before);
    });

    it('suggests only published offers of the school’s region with places left', async () => {
      for (const o of [draft, full, elsewhere]) {
        const res = await reachOut(coordinator, { organizationId: school.id, offerIds: [offer.id, o.id] });
        expect(errorOf(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.offerIds' });
        expect(res.errors![0].message).toContain(o.id);
      }
    });

    it('requires an address for an unclaimed school, and a valid one', async () => {
      const unclaimed = await createOrganization(stack, { name: 'Oklarad skola', claimed: false });
      expect(errorOf(await reachOut(coordinator, { organizationId: unclaimed.id, offerIds: [] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.email' });
      expect(errorOf(await reachOut(coordinator, { organizationId: unclaimed.id, email: '  ', offerIds: [] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.email' });
      expect(errorOf(await reachOut(coordinator, { organizationId: unclaimed.id, email: 'not an address' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.email' });
      expect(await outreachRows(unclaimed.id)).toHaveLength(0);
    });
  });

  describe('Organization.outreach', () => {
    it('is for the region’s coordinators and admins, newest first, `first` of them (1 to 50); FORBIDDEN for anyone else', async () => {
      const s = await createOrganization(stack, { owner: (await createUser(stack)).user });
      const sent: string[] = [];
      for (const message of ['första', 'andra', 'tredje']) sent.push((await reachOut(coordinator, { organizationId: s.id, message, offerIds: [] })).data!.reachOut.id);
      for (const who of [coordinator, admin]) {
        const res = await outreachOf(who, s.id);
        expect(res.errors).toBeUndefined();
        expect(res.data!.organization.outreach.map((o: { message: string }) => o.message)).toEqual(['tredje', 'andra', 'första']);
        expect(res.data!.organization.outreach.map((o: { id: string }) => o.id)).toEqual([...sent].reverse());
        expect((await outreachOf(who, s.id, 2)).data!.organization.outreach.map((o: { id: string }) => o.id)).toEqual([sent[2], sent[1]]);
      }
      for (const who of [owner, partnerPerson, outsider, trCoordinator]) {
        const res = await outreachOf(who, s.id);
        expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN' });
        expect(res.errors![0].path).toEqual(['organization', 'outreach']);
      }
      // A school's own members do not see it either.
      const member = await createUser(stack);
      await stack.dataSource.getRepository(Membership).insert({ userId: member.user.id, organizationId: s.id, role: 'OWNER' as never });
      expect(errorOf(await outreachOf(member, s.id))).toMatchObject({ code: 'FORBIDDEN' });
      expect(errorOf(await outreachOf(coordinator, s.id, 51))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(errorOf(await outreachOf(coordinator, s.id, 0))).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    });
  });

  describe('the e-mail', () => {
    it('goes to every member of a claimed school in their own language, with the message as text (escaped in HTML), the offers, and in-app', async () => {
      const message = 'Hej! <b>Välkomna</b> till Brobygge & "våra" partner.\n<script>alert(1)</script>';
      const res = await reachOut(coordinator, { organizationId: school.id, message, offerIds: [offer.id] });
      expect(res.errors).toBeUndefined();
      const id = res.data!.reachOut.id;
      await stack.smtp!.waitFor(1);
      const [sv, en] = await eventually(async () => {
        const found = [mailsTo(owner.user.email!), mailsTo(teacher.user.email!)].map((list) => list.find((m) => m.text?.includes('<b>Välkomna</b>')));
        return found.every(Boolean) && (found as ParsedMail[]);
      });
      expect(sv.subject).toBe('Sofielundsskolan: samarbeten med arbetslivet via Brobygge');
      expect(sv.text).toContain('En samordnare för Brobygge i Malmö har skrivit till Sofielundsskolan.');
      expect(en.subject).toBe('Sofielundsskolan: working with employers through Brobygge');
      expect(en.text).toContain('A Brobygge coordinator for Malmö has written to Sofielundsskolan.');
      for (const mail of [sv, en]) {
        expect(mail.text).toContain(message);
        expect(mail.text).toContain(`Solceller i praktiken (Energibolaget AB): https://brobygge.test/offers/${offer.id}`);
        expect(mail.html).toContain('&lt;b&gt;Välkomna&lt;/b&gt; till Brobygge &amp; &quot;våra&quot; partner.');
        expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(mail.html).not.toContain('<b>Välkomna</b>');
        expect(mail.html).not.toContain('<script>');
        expect(mail.text).not.toContain('invitations/accept');
      }
      const rows = await stack.dataSource.getRepository(OutboxMessage).find({ where: { type: 'outreach' } });
      const mine = rows.filter((r) => r.payload.outreachId === id);
      expect(mine.map((r) => [r.recipientUserId, r.locale]).sort()).toEqual(
        [
          [owner.user.id, 'sv'],
          [teacher.user.id, 'en'],
        ].sort(),
      );
      const inApp = await eventually(async () => {
        const r = await stack.gql('{ notifications { edges { node { title body } } } }', {}, { token: teacher.token });
        const n = r.data?.notifications.edges.find((e: { node: { body: string } }) => e.node.body.includes('<b>Välkomna</b>'));
        return n?.node;
      });
      expect(inApp.title).toBe('Sofielundsskolan: working with employers through Brobygge');
    });

    it('is sent even to members who turned e-mail notifications off', async () => {
      const quiet = await createUser(stack, { locale: 'da' });
      await stack.dataSource.query(`UPDATE app_user SET email_notifications = false WHERE id = $1`, [quiet.user.id]);
      const s = await createOrganization(stack, { name: 'Tyst skola', members: [quiet.user] });
      expect(codeOf(await reachOut(coordinator, { organizationId: s.id, offerIds: [] }))).toBe('OK');
      const mail = await eventually(async () => mailsTo(quiet.user.email!)[0]);
      expect(mail.subject).toBe('Tyst skola: samarbejde med erhvervslivet via Brobygge');
    });
  });

  describe('an unclaimed school', () => {
    it('gets an invitation in its region’s language; the first to accept becomes OWNER and the school claimed; the other invitations expire', async () => {
      const unclaimed = await createOrganization(stack, { name: 'Möllevångsskolan', claimed: false });
      const first = await reachOut(coordinator, { organizationId: unclaimed.id, email: ' Rektor@Mollevang.se ', message: 'Välkomna!', offerIds: [offer.id] });
      expect(first.errors).toBeUndefined();
      expect(first.data!.reachOut.organization).toEqual({ id: unclaimed.id, name: 'Möllevångsskolan', claimed: false });
      const second = await reachOut(admin, { organizationId: unclaimed.id, email: 'kansli@mollevang.se', offerIds: [] });
      expect(second.errors).toBeUndefined();
      const [row1, row2] = await outreachRows(unclaimed.id);
      expect(row1).toMatchObject({ email: 'rektor@mollevang.se', coordinatorId: coordinator.user.id, offerIds: [offer.id], respondedAt: null });
      expect(row1.invitationId).toEqual(expect.any(String));
      expect(row2).toMatchObject({ email: 'kansli@mollevang.se', coordinatorId: admin.user.id, offerIds: [] });

      const mail = await eventually(async () => mailsTo('rektor@mollevang.se')[0]);
      expect(mail.subject).toBe('Möllevångsskolan: samarbeten med arbetslivet via Brobygge');
      expect(mail.text).toContain('Välkomna!');
      expect(mail.text).toContain('Ta emot inbjudan så blir du ägare');
      expect(mail.text).toContain(`https://brobygge.test/offers/${offer.id}`);
      const token = tokenIn(mail);
      const otherToken = tokenIn(await eventually(async () => mailsTo('kansli@mollevang.se')[0]));
      // The token leaves the outbox once sent, and the invitation has no in-app copy.
      const sentRow = await eventually(async () => {
        const r = await stack.dataSource.getRepository(OutboxMessage).findOneBy({ type: 'outreach', recipientEmail: 'rektor@mollevang.se' });
        return r?.status === OutboxStatus.SENT && r;
      });
      expect(JSON.stringify(sentRow.payload)).not.toContain(token);

      const stranger = await createUser(stack);
      expect(codeOf(await stack.gql(ACCEPT, { token }, { token: stranger.token }))).toBe('FORBIDDEN');
      const rektor = await createUser(stack, { email: 'rektor@mollevang.se' });
      const accepted = await stack.gql(ACCEPT, { token }, { token: rektor.token });
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data!.acceptInvitation).toEqual({ role: 'OWNER', organization: { id: unclaimed.id, claimed: true } });
      const after = await outreachRows(unclaimed.id);
      expect(after.every((o) => o.respondedAt !== null)).toBe(true);
      expect(after[0].respondedAt!.getTime()).toBeGreaterThanOrEqual(after[1].sentAt.getTime());

      const kansli = await createUser(stack, { email: 'kansli@mollevang.se' });
      const late = await stack.gql(ACCEPT, { token: otherToken }, { token: kansli.token });
      expect(errorOf(late)).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });
      expect(late.errors![0].message).toMatch(/expired/);

      // Claimed now: the next outreach goes to its members, and an address is refused.
      expect(errorOf(await reachOut(coordinator, { organizationId: unclaimed.id, email: 'x@mollevang.se', offerIds: [] }))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'input.email',
      });
      expect(codeOf(await reachOut(coordinator, { organizationId: unclaimed.id, offerIds: [] }))).toBe('OK');
      expect((await stack.dataSource.getRepository(OutboxMessage).find({ where: { type: 'outreach', recipientUserId: rektor.user.id } })).length).toBe(1);
    });

    it('two people accepting invitations to the same unclaimed school at once: one becomes OWNER, the other is told the invitation expired', async () => {
      const unclaimed = await createOrganization(stack, { name: 'Lönngårdsskolan', claimed: false });
      for (const email of ['a@lonngard.se', 'b@lonngard.se'])
        expect(codeOf(await reachOut(coordinator, { organizationId: unclaimed.id, email, offerIds: [] }))).toBe('OK');
      const tokens = await Promise.all(['a@lonngard.se', 'b@lonngard.se'].map(async (email) => tokenIn(await eventually(async () => mailsTo(email)[0]))));
      const people = await Promise.all(['a@lonngard.se', 'b@lonngard.se'].map((email) => createUser(stack, { email })));
      const answers = await Promise.all(people.map((p, i) => stack.gql(ACCEPT, { token: tokens[i] }, { token: p.token })));
      const codes = answers.map(codeOf).sort();
      expect(codes).toEqual(['BAD_USER_INPUT', 'OK']);
      expect(answers.find((a) => a.errors)!.errors![0].message).toMatch(/expired/);
      const owners = await stack.dataSource.query(`SELECT role FROM membership WHERE organization_id = $1`, [unclaimed.id]);
      expect(owners).toEqual([{ role: 'OWNER' }]);
    });
  });

  describe('respondedAt', () => {
    const login = (user: TestUser) => stack.gql(LOGIN, { input: { email: user.user.email!, password: PASSWORD } });

    it('is set once, when a member of the school first signs in after the outreach', async () => {
      const member = await createUser(stack);
      const s = await createOrganization(stack, { members: [member.user] });
      expect(codeOf(await login(member))).toBe('OK'); // before any outreach: nothing to answer
      await reachOut(coordinator, { organizationId: s.id, offerIds: [] });
      expect(codeOf(await login(outsider))).toBe('OK');
      expect((await outreachRows(s.id))[0].respondedAt).toBeNull();
      expect(codeOf(await login(member))).toBe('OK');
      const responded = (await outreachRows(s.id))[0].respondedAt;
      expect(responded).not.toBeNull();
      await new Promise((r) => setTimeout(r, 20));
      expect(codeOf(await login(member))).toBe('OK');
      expect((await outreachRows(s.id))[0].respondedAt).toEqual(responded);
      const seen = await outreachOf(coordinator, s.id);
      expect(seen.data!.organization.outreach[0].respondedAt).toBe(responded!.toISOString());
    });

    it('is set when the school posts a request itself, not when a coordinator posts one for it', async () => {
      const member = await createUser(stack);
      const s = await createOrganization(stack, { members: [member.user] });
      await reachOut(coordinator, { organizationId: s.id, offerIds: [] });
      expect(codeOf(await stack.gql(CREATE_REQUEST, { input: requestInput(s.id) }, { token: coordinator.token }))).toBe('OK');
      expect((await outreachRows(s.id))[0].respondedAt).toBeNull();
      expect(codeOf(await stack.gql(CREATE_REQUEST, { input: requestInput(s.id) }, { token: member.token }))).toBe('OK');
      expect((await outreachRows(s.id))[0].respondedAt).not.toBeNull();
    });
  });

  describe('offers chosen by matching when offerIds is absent', () => {
    it('are those of the school’s open request, as its suggestions rank them, within the school’s region, at most five', async () => {
      const skolan = await createOrganization(stack, { name: 'Lundaskolan', regionCode: 'se-skane', members: [(await createUser(stack)).user] });
      const company = await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Skånsk Kemi', regionCode: 'se-skane', verified: true });
      const tt = { organizationId: company.id, regionCode: 'se-skane', activityType: 'TEACHER_TRAINING' as never, deliveryModes: ['REMOTE' as never] };
      const offers: Offer[] = [];
      for (const [i, focusAreas] of [['physics'], ['physics', 'chemistry'], ['physics'], ['chemistry'], ['chemistry'], ['care'], ['care']].entries()) {
        offers.push(await createOffer(stack, { ...tt, title: `Fortbildning ${i}`, focusAreas, availableUntil: inDays(60 + i * 10) }));
      }
      // As good a fit, but in another region that it does not also serve (issue 16): neither suggested nor chosen.
      const malmo = await createOffer(stack, { ...tt, regionCode: 'se-malmo', title: 'Fortbildning i Malmö', focusAreas: ['physics'], availableUntil: inDays(200) });
      const wrongType = await createOffer(stack, { ...tt, activityType: 'STUDY_VISIT' as never, title: 'Studiebesök', focusAreas: ['physics'] });
      const request = await createRequest(stack, {
        organizationId: skolan.id,
        regionCode: 'se-skane',
        activityType: 'TEACHER_TRAINING' as never,
        focusAreas: ['physics'],
        deliveryModes: ['REMOTE' as never],
        earliestDate: inDays(10),
        latestDate: inDays(150),
      });
      const skane = await createUser(stack, { coordinatorOf: ['se-skane'] });
      const suggested = (await stack.gql(SUGGESTIONS, { id: request.id }, { token: skane.token })).data!.request.suggestions.map(
        (s: { offer: { id: string } }) => s.offer.id,
      ) as string[];
      expect(suggested).not.toContain(malmo.id);
      const expected = suggested.filter((id) => offers.some((o) => o.id === id)).slice(0, 5);
      expect(expected).toHaveLength(5);

      const res = await reachOut(skane, { organizationId: skolan.id });
      expect(res.errors).toBeUndefined();
      const chosen = res.data!.reachOut.suggestedOffers.map((o: { id: string }) => o.id);
      expect(chosen).toEqual(expected);
      expect(chosen).not.toContain(malmo.id);
      expect(chosen).not.toContain(wrongType.id);
      // Seven fit in the region; the five best, the three about physics first.
      expect(new Set(chosen.slice(0, 3))).toEqual(new Set([offers[0].id, offers[1].id, offers[2].id]));
      expect((await outreachRows(skolan.id))[0].offerIds).toEqual(chosen);
    });

    it('without an open request: the school as a profile — its levels’ ages, its language, the focus areas of its earlier requests', async () => {
      const skolan = await createOrganization(stack, {
        name: 'Småskolan',
        regionCode: 'se-stockholm',
        schoolLevels: [SchoolLevel.PRIMARY],
        members: [(await createUser(stack)).user],
      });
      const earlier = await createRequest(stack, { organizationId: skolan.id, regionCode: 'se-stockholm', focusAreas: ['chemistry'], status: RequestStatus.CANCELLED });
      expect(earlier.status).toBe(RequestStatus.CANCELLED);
      const company = await createOrganization(stack, { kind: OrganizationKind.COMPANY, regionCode: 'se-stockholm', verified: true });
      const base = { organizationId: company.id, regionCode: 'se-stockholm', activityType: 'MENTORING' as never, deliveryModes: ['REMOTE' as never] };
      const chemistry = await createOffer(stack, { ...base, title: 'Kemi', focusAreas: ['chemistry'] });
      const care = await createOffer(stack, { ...base, title: 'Vård', focusAreas: ['care'] });
      const visit = await createOffer(stack, { ...base, activityType: 'STUDY_VISIT' as never, title: 'Besök', focusAreas: ['care'] });
      const tooOld = await createOffer(stack, { ...base, title: 'För äldre', focusAreas: ['chemistry'], minStudentAge: 16 });
      const booked = await createOffer(stack, { ...base, title: 'Fullt', focusAreas: ['chemistry'], capacity: 2, capacityHeld: 2 });
      const danish = await createOffer(stack, { ...base, title: 'Kemi på dansk', focusAreas: ['chemistry'], languages: ['da'] });
      const paused = await createOffer(stack, { ...base, title: 'Pausad', focusAreas: ['chemistry'], status: OfferStatus.PAUSED });

      const stockholm = await createUser(stack, { coordinatorOf: ['se-stockholm'] });
      const res = await reachOut(stockholm, { organizationId: skolan.id, message: 'Hej' });
      expect(res.errors).toBeUndefined();
      const chosen = res.data!.reachOut.suggestedOffers.map((o: { id: string }) => o.id);
      expect(chosen.slice(0, 1)).toEqual([chemistry.id]); // the focus area it asked for before comes first
      expect(new Set(chosen)).toEqual(new Set([chemistry.id, care.id, visit.id]));
      for (const excluded of [tooOld, booked, danish, paused]) expect(chosen).not.toContain(excluded.id);

      // And with nothing that fits, none.
      const empty = await createOrganization(stack, { regionCode: 'dk-hovedstaden', countryCode: 'DK', members: [(await createUser(stack)).user] });
      const dk = await createUser(stack, { coordinatorOf: ['dk-hovedstaden'] });
      expect((await reachOut(dk, { organizationId: empty.id })).data!.reachOut.suggestedOffers).toEqual([]);
    });
  });

  describe('requests on a school’s behalf', () => {
    it('a coordinator of the region posts one; the members are told and may edit and cancel it; others may not post', async () => {
      const input = requestInput(school.id, { title: 'Energiföreläsning för 8B' });
      for (const who of [trCoordinator, admin, partnerPerson, outsider]) {
        expect(codeOf(await stack.gql(CREATE_REQUEST, { input }, { token: who.token }))).toBe('FORBIDDEN');
      }
      expect(codeOf(await stack.gql(CREATE_REQUEST, { input: requestInput(partner.id) }, { token: coordinator.token }))).toBe('FORBIDDEN');
      const created = await stack.gql(CREATE_REQUEST, { input }, { token: coordinator.token });
      expect(created.errors).toBeUndefined();
      const id = created.data!.createRequest.id;
      expect(created.data!.createRequest).toMatchObject({ status: 'OPEN', organization: { id: school.id } });
      const stored = await stack.dataSource.getRepository(CollaborationRequest).findOneByOrFail({ id });
      expect(stored).toMatchObject({ createdByCoordinator: true, createdById: coordinator.user.id });

      const told = await stack.dataSource.getRepository(OutboxMessage).find({ where: { type: 'request_created_for_school' } });
      expect(
        told
          .filter((r) => r.payload.requestId === id)
          .map((r) => [r.recipientUserId, r.locale])
          .sort(),
      ).toEqual(
        [
          [owner.user.id, 'sv'],
          [teacher.user.id, 'en'],
        ].sort(),
      );
      const mail = await eventually(async () => mailsTo(owner.user.email!).find((m) => m.subject?.includes('Energiföreläsning för 8B')));
      expect(mail.subject).toBe('Ny förfrågan för Sofielundsskolan: Energiföreläsning för 8B');
      expect(mail.text).toContain(`https://brobygge.test/requests/${id}`);

      const edited = await stack.gql(UPDATE_REQUEST, { id, input: { title: 'Energiföreläsning för 8B och 8C', quantity: 2 } }, { token: teacher.token });
      expect(edited.data!.updateRequest).toEqual({ id, title: 'Energiföreläsning för 8B och 8C', quantity: 2 });
      expect(codeOf(await stack.gql(UPDATE_REQUEST, { id, input: { quantity: 3 } }, { token: partnerPerson.token }))).toBe('FORBIDDEN');
      expect(codeOf(await stack.gql(UPDATE_REQUEST, { id, input: { quantity: 3 } }, { token: trCoordinator.token }))).toBe('FORBIDDEN');
      expect(codeOf(await stack.gql(UPDATE_REQUEST, { id, input: { quantity: 3 } }, { token: coordinator.token }))).toBe('OK');
      const cancelled = await stack.gql(CANCEL_REQUEST, { id }, { token: owner.token });
      expect(cancelled.data!.cancelRequest).toEqual({ id, status: 'CANCELLED' });
    });

    it('a request the school posted itself stays the school’s: the coordinator may not change it', async () => {
      const own = await stack.gql(CREATE_REQUEST, { input: requestInput(school.id) }, { token: teacher.token });
      const id = own.data!.createRequest.id;
      expect((await stack.dataSource.getRepository(CollaborationRequest).findOneByOrFail({ id })).createdByCoordinator).toBe(false);
      expect(codeOf(await stack.gql(UPDATE_REQUEST, { id, input: { quantity: 2 } }, { token: coordinator.token }))).toBe('FORBIDDEN');
      expect(codeOf(await stack.gql(CANCEL_REQUEST, { id }, { token: coordinator.token }))).toBe('FORBIDDEN');
    });

    it('works for an unclaimed school (nobody to tell); whoever claims it may cancel it', async () => {
      const unclaimed = await createOrganization(stack, { name: 'Ny skola', claimed: false });
      const created = await stack.gql(CREATE_REQUEST, { input: requestInput(unclaimed.id, { title: 'Studiebesök för åk 9' }) }, { token: coordinator.token });
      expect(created.errors).toBeUndefined();
      const id = created.data!.createRequest.id;
      const told = await stack.dataSource.getRepository(OutboxMessage).find({ where: { type: 'request_created_for_school' } });
      expect(told.filter((r) => r.payload.requestId === id)).toEqual([]);

      await reachOut(coordinator, { organizationId: unclaimed.id, email: 'rektor@nyskola.se', offerIds: [] });
      const token = tokenIn(await eventually(async () => mailsTo('rektor@nyskola.se')[0]));
      const rektor = await createUser(stack, { email: 'rektor@nyskola.se' });
      expect(codeOf(await stack.gql(ACCEPT, { token }, { token: rektor.token }))).toBe('OK');
      const login = await stack.gql(LOGIN, { input: { email: 'rektor@nyskola.se', password: PASSWORD } });
      expect(codeOf(await stack.gql(CANCEL_REQUEST, { id }, { token: login.data!.login.accessToken }))).toBe('OK');
    });
  });

  describe('personal data', () => {
    it('exports and erases the coordinator’s outreach and the address an invitation went to; the record stays', async () => {
      const sender = await createUser(stack, { coordinatorOf: ['se-malmo'] });
      const unclaimed = await createOrganization(stack, { name: 'Glömda skolan', claimed: false });
      const sent = await reachOut(sender, { organizationId: unclaimed.id, email: 'glomd@skola.se', message: 'Hej', offerIds: [] });
      const id = sent.data!.reachOut.id;
      const invitee = await createUser(stack, { email: 'glomd@skola.se' });

      const senderData = JSON.parse((await stack.gql('mutation { exportMyData }', {}, { token: sender.token })).data!.exportMyData);
      expect(senderData.outreachSent).toEqual([expect.objectContaining({ id, organizationId: unclaimed.id, email: 'glomd@skola.se', message: 'Hej' })]);
      const inviteeData = JSON.parse((await stack.gql('mutation { exportMyData }', {}, { token: invitee.token })).data!.exportMyData);
      expect(inviteeData.outreachReceived).toEqual([expect.objectContaining({ id, organizationId: unclaimed.id, message: 'Hej' })]);

      for (const who of [sender, invitee]) {
        expect((await stack.gql('mutation($p: String!) { deleteMyAccount(password: $p) }', { p: PASSWORD }, { token: who.token })).data!.deleteMyAccount).toBe(true);
      }
      const [row] = await outreachRows(unclaimed.id);
      expect(row).toMatchObject({ id, coordinatorId: null, email: null, message: 'Hej' });
      const seen = await outreachOf(coordinator, unclaimed.id);
      expect(seen.data!.organization.outreach).toEqual([expect.objectContaining({ id, coordinator: null, message: 'Hej' })]);
    });
  });

  describe('the gap list', () => {
    it('shows when each school was last contacted, in a number of queries that does not grow with the schools', async () => {
      const period = { from: inDays(-30), to: inDays(0), regionCodes: ['dk-hovedstaden'] };
      const dk = await createUser(stack, { coordinatorOf: ['dk-hovedstaden'] });
      const GAPS = `query($filter: ReportFilter!) { impactReport(filter: $filter) { schoolsWithoutActivity { id name claimed outreach(first: 1) { sentAt respondedAt } } } }`;
      const addSchools = async (n: number, from: number) => {
        for (let i = from; i < from + n; i++) {
          const s = await createOrganization(stack, { name: `Skole ${String(i).padStart(3, '0')}`, regionCode: 'dk-hovedstaden', countryCode: 'DK', claimed: false });
          await stack.dataSource.getRepository(Outreach).insert([
            { organizationId: s.id, regionCode: 'dk-hovedstaden', coordinatorId: dk.user.id, email: `a${i}@skole.dk`, sentAt: new Date(Date.now() - 86_400_000) },
            { organizationId: s.id, regionCode: 'dk-hovedstaden', coordinatorId: dk.user.id, email: `b${i}@skole.dk`, sentAt: new Date(Date.now() - 3_600_000 - i) },
          ]);
        }
      };
      const measure = () =>
        countQueries(stack.dataSource, async () => {
          const res = await stack.gql(GAPS, { filter: period }, { token: dk.token });
          expect(res.errors).toBeUndefined();
          return res.data!.impactReport.schoolsWithoutActivity as Array<{ name: string; outreach: Array<{ sentAt: string }> }>;
        });
      await measure(); // warms the viewer cache (issue 17): both measures below find the viewer there
      await addSchools(10, 0);
      const small = await measure();
      await addSchools(90, 10);
      const large = await measure();
      const mine = (list: typeof large.result) => list.filter((s) => s.name.startsWith('Skole '));
      expect(mine(small.result)).toHaveLength(10);
      expect(mine(large.result)).toHaveLength(100);
      for (const s of mine(large.result)) {
        expect(s.outreach).toHaveLength(1);
        // The newest of the two: an hour ago, not a day ago.
        expect(Date.now() - Date.parse(s.outreach[0].sentAt)).toBeLessThan(2 * 3_600_000);
      }
      expect(large.queries).toBe(small.queries);
    });
  });
});

describe('reachOut is throttled per coordinator', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true, env: { RATE_LIMITS: 'reachOut=2/3600' } });
  });
  afterAll(() => stack.close());

  it('answers RATE_LIMITED after the configured count, for that coordinator only', async () => {
    const coordinator = await createUser(stack, { coordinatorOf: ['se-malmo'] });
    const other = await createUser(stack, { coordinatorOf: ['se-malmo'] });
    const school = await createOrganization(stack, { members: [(await createUser(stack)).user] });
    const send = (who: TestUser) => stack.gql(REACH_OUT, { input: { organizationId: school.id, offerIds: [] } }, { token: who.token });
    expect(codeOf(await send(coordinator))).toBe('OK');
    expect(codeOf(await send(coordinator))).toBe('OK');
    const limited = await send(coordinator);
    expect(errorOf(limited)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(errorOf(limited)!.retryAfterSeconds).toBeGreaterThan(0);
    expect(codeOf(await send(other))).toBe('OK');
    expect(await stack.dataSource.getRepository(Outreach).count({ where: { organizationId: school.id } })).toBe(3);
  });
});
