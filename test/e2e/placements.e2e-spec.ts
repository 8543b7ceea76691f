import { PDFParse } from 'pdf-parse';
import { CollaborationRequest, Offer } from '@brobygge/catalog';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { Match, MatchOrigin, MatchStatus, RISK_QUESTIONS } from '@brobygge/collaboration';
import { OrganizationKind } from '@brobygge/identity';
import { OutboxMessage } from '@brobygge/notifications';
import { createOffer, createOrganization, createRequest, createUser, PASSWORD, TestUser } from '../support/factories';
import { readyPlacement, riskAnswers } from '../support/placements';
import { countQueries } from '../support/queries';
import { eventually, startStack, TestStack } from '../support/stack';

const PROPOSE = `mutation($input: ProposeMatchInput!) { proposeMatch(input: $input) { id status } }`;
const ACCEPT = `mutation($id: ID!) { acceptMatch(id: $id) { id status } }`;
const APPROVE = `mutation($id: ID!) { approveMatch(id: $id) { id status } }`;
const CANCEL = `mutation($id: ID!) { cancelMatch(id: $id, reason: "nej") { id status } }`;
const QUESTIONS = `query($locale: Locale) { riskQuestions { key text(locale: $locale) minorsOnly } }`;
const SET_SUPERVISOR = `mutation($matchId: ID!, $input: SupervisorInput!) {
  setPlacementSupervisor(matchId: $matchId, input: $input) { id status placement { supervisor { name email phone } missing } } }`;
const SUBMIT = `mutation($matchId: ID!, $input: RiskAssessmentInput!) {
  submitRiskAssessment(matchId: $matchId, input: $input) {
    id status placement { missing riskAssessment { submittedAt summary answers { key answer note } submittedBy { id name } } } } }`;
const PLACEMENT = `query($id: ID!) { match(id: $id) { id status
  placement { missing agreementUrl supervisor { name email phone } riskAssessment { submittedAt summary answers { key answer note } } }
  contacts { name email phone role } } }`;
const ORG_CONTACT = `query($id: ID!) { organization(id: $id) { id contact { name email phone role } } }`;

const SUPERVISOR = { name: 'Åsa Öberg', email: 'asa.oberg@kemi.example', phone: '+46 40 12 34 56' };
const KEMI_CONTACT = { name: 'Karin Kontakt', email: 'karin@kemi.example', phone: '+46 40 11 22 33', role: 'HR' };

describe('workplace placements: supervisor, risk assessment, agreement, contacts (issue 16)', () => {
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
  let offer: Offer;

  beforeAll(async () => {
    stack = await startStack({ api: true, worker: true, smtp: true });
    teacher = await createUser(stack, { name: 'Tove Lärare', email: 'tove@rosengard.example', locale: 'sv' });
    schoolOwner = await createUser(stack, { name: 'Sven Rektor', locale: 'sv' });
    partner = await createUser(stack, { name: 'Pelle Partner', locale: 'en' });
    partnerOwner = await createUser(stack, { locale: 'da' });
    otherPartner = await createUser(stack);
    coordinator = await createUser(stack, { coordinatorOf: ['se-malmo'], locale: 'sv' });
    otherCoordinator = await createUser(stack, { coordinatorOf: ['no-troms'] });
    admin = await createUser(stack, { admin: true });
    outsider = await createUser(stack);
    school = (await createOrganization(stack, { name: 'Rosengårdsskolan', verified: true, owner: schoolOwner.user, members: [teacher.user] })).id;
    company = (
      await createOrganization(stack, {
        kind: OrganizationKind.COMPANY,
        name: 'Kemi AB',
        verified: true,
        owner: partnerOwner.user,
        members: [partner.user],
        contact: KEMI_CONTACT,
      })
    ).id;
    await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Annat AB', verified: true, owner: otherPartner.user });
    offer = await createOffer(stack, { organizationId: company, capacity: 1000, title: 'APL i labbet' });
  });
  afterAll(() => stack.close());

  const gql = (q: string, v: Record<string, unknown>, who?: TestUser) => stack.gql(q, v, { token: who?.token });
  const ok = async (q: string, v: Record<string, unknown>, who: TestUser) => {
    const res = await gql(q, v, who);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0] as any;
  };
  const err = async (q: string, v: Record<string, unknown>, who?: TestUser) => (await gql(q, v, who)).errors?.[0];
  const codeOf = async (q: string, v: Record<string, unknown>, who?: TestUser) => (await err(q, v, who))?.extensions?.code ?? 'OK';
  const newRequest = (over: Partial<CollaborationRequest> = {}) => createRequest(stack, { organizationId: school, quantity: 1000, ...over });
  /** Proposed by the teacher; accepted by the partner unless `to` is PROPOSED. */
  const newMatch = async (
    to: MatchStatus.PROPOSED | MatchStatus.AWAITING_APPROVAL = MatchStatus.AWAITING_APPROVAL,
    over: Partial<CollaborationRequest> = {},
    on = offer,
  ) => {
    const request = await newRequest(over);
    const m = await ok(PROPOSE, { input: { requestId: request.id, offerId: on.id, quantity: 2 } }, teacher);
    if (to === MatchStatus.AWAITING_APPROVAL) await ok(ACCEPT, { id: m.id }, partner);
    return m.id as string;
  };
  const download = (id: string, who?: TestUser) => fetch(`${stack.url}/matches/${id}/agreement.pdf`, { headers: who ? { authorization: `Bearer ${who.token}` } : {} });
  const outbox = async (matchId: string, type: string) =>
    (await stack.dataSource.getRepository(OutboxMessage).find({ where: { type } })).filter((o) => o.payload.matchId === matchId);

  it('serves the versioned checklist in every language, minors-only questions flagged', async () => {
    const en = (await gql(QUESTIONS, { locale: 'EN' })).data!.riskQuestions;
    expect(en.map((q: any) => q.key)).toEqual(RISK_QUESTIONS.map((q) => q.key));
    expect(en.length).toBeGreaterThanOrEqual(10);
    expect(en.find((q: any) => q.key === 'night_work')).toEqual({ key: 'night_work', text: 'Will the pupil work in the evening or at night?', minorsOnly: true });
    expect(en.find((q: any) => q.key === 'lone_work').minorsOnly).toBe(false);
    const da = (await gql(QUESTIONS, { locale: 'DA' })).data!.riskQuestions;
    expect(da.find((q: any) => q.key === 'night_work').text).toBe('Skal eleven arbejde om aftenen eller om natten?');
    // The viewer's language when none is given; anonymous readers get English.
    const sv = await ok(QUESTIONS, {}, teacher);
    expect(sv.find((q: any) => q.key === 'night_work').text).toBe('Kommer eleven att arbeta kvällstid eller nattetid?');
    expect((await gql(QUESTIONS, {})).data!.riskQuestions[0].text).toBe(en[0].text);
    expect(new Set([...sv, ...da, ...en].map((q: any) => q.text)).size).toBe(3 * en.length);
  });

  it('blocks approval while the supervisor or the risk assessment is missing, naming what is missing; then allows it', async () => {
    const id = await newMatch();
    const before = await ok(PLACEMENT, { id }, coordinator);
    expect(before.placement).toEqual({ missing: ['SUPERVISOR', 'RISK_ASSESSMENT'], agreementUrl: null, supervisor: null, riskAssessment: null });

    const blocked = await err(APPROVE, { id }, coordinator);
    expect(blocked).toMatchObject({
      message: 'Cannot approve: missing SUPERVISOR, RISK_ASSESSMENT.',
      extensions: { code: 'CONFLICT', missing: ['SUPERVISOR', 'RISK_ASSESSMENT'] },
    });

    const withSupervisor = await ok(SET_SUPERVISOR, { matchId: id, input: SUPERVISOR }, partner);
    expect(withSupervisor.placement).toEqual({ supervisor: SUPERVISOR, missing: ['RISK_ASSESSMENT'] });
    expect(await err(APPROVE, { id }, coordinator)).toMatchObject({ message: 'Cannot approve: missing RISK_ASSESSMENT.', extensions: { code: 'CONFLICT' } });

    const answers = riskAnswers({ protective_equipment: 'Skyddsglasögon och handskar, som arbetsplatsen lånar ut.' });
    const submitted = await ok(SUBMIT, { matchId: id, input: { answers, summary: '  Låg risk med handledare på plats.  ' } }, partnerOwner);
    expect(submitted.placement.missing).toEqual([]);
    expect(submitted.placement.riskAssessment).toMatchObject({ summary: 'Låg risk med handledare på plats.', answers, submittedBy: { id: partnerOwner.user.id } });

    // The coordinator reads the assessment before approving.
    const seen = await ok(PLACEMENT, { id }, coordinator);
    expect(seen.placement.riskAssessment.answers.find((a: any) => a.key === 'protective_equipment')).toEqual(answers.find((a) => a.key === 'protective_equipment'));
    expect((await ok(APPROVE, { id }, coordinator)).status).toBe('APPROVED');
    const after = await ok(PLACEMENT, { id }, teacher);
    expect(after.placement.agreementUrl).toBe(`${stack.api!.get<AppConfig>(APP_CONFIG).PUBLIC_URL.replace(/\/$/, '')}/matches/${id}/agreement.pdf`);
  });

  it('leaves a coordinator-proposed placement AWAITING_APPROVAL when both accept without it, and APPROVED when it is complete', async () => {
    const propose = async () => (await ok(PROPOSE, { input: { requestId: (await newRequest()).id, offerId: offer.id, quantity: 1 } }, coordinator)).id as string;
    const incomplete = await propose();
    await ok(ACCEPT, { id: incomplete }, teacher);
    expect((await ok(ACCEPT, { id: incomplete }, partner)).status).toBe('AWAITING_APPROVAL');
    expect((await outbox(incomplete, 'match_accepted')).map((o) => o.recipientUserId)).toContain(coordinator.user.id);

    const complete = await propose();
    await ok(ACCEPT, { id: complete }, teacher);
    await ok(SET_SUPERVISOR, { matchId: complete, input: SUPERVISOR }, partner);
    await ok(SUBMIT, { matchId: complete, input: { answers: riskAnswers() } }, partner);
    expect((await ok(ACCEPT, { id: complete }, partner)).status).toBe('APPROVED');
  });

  it('lets only members of the offer organisation set the supervisor and submit the assessment (the matrix)', async () => {
    const id = await newMatch();
    const input = { answers: riskAnswers() };
    const who: Array<[string, TestUser | undefined, string]> = [
      ['partner member', partner, 'OK'],
      ['partner owner', partnerOwner, 'OK'],
      ['teacher (the school)', teacher, 'FORBIDDEN'],
      ['school owner', schoolOwner, 'FORBIDDEN'],
      ["the region's coordinator", coordinator, 'FORBIDDEN'],
      ['admin', admin, 'FORBIDDEN'],
      ['another partner', otherPartner, 'NOT_FOUND'],
      ["another region's coordinator", otherCoordinator, 'NOT_FOUND'],
      ['outsider', outsider, 'NOT_FOUND'],
      ['anonymous', undefined, 'UNAUTHENTICATED'],
    ];
    const got = [];
    for (const [name, user] of who) {
      got.push([name, user, await codeOf(SET_SUPERVISOR, { matchId: id, input: SUPERVISOR }, user), await codeOf(SUBMIT, { matchId: id, input }, user)]);
    }
    expect(got).toEqual(who.map(([name, user, code]) => [name, user, code, code]));
    expect(await codeOf(SET_SUPERVISOR, { matchId: 'nope', input: SUPERVISOR }, partner)).toBe('NOT_FOUND');
    expect(await codeOf(SUBMIT, { matchId: '00000000-0000-4000-8000-000000000000', input }, partner)).toBe('NOT_FOUND');

    // Not a placement; not open any more.
    const project = await createOffer(stack, { organizationId: company, activityType: 'PROJECT' as never, capacity: 100 });
    const other = await newMatch(MatchStatus.AWAITING_APPROVAL, { activityType: 'PROJECT' as never }, project);
    expect(await err(SET_SUPERVISOR, { matchId: other, input: SUPERVISOR }, partner)).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringContaining('WORKPLACE_PLACEMENT'),
    });
    expect((await ok(PLACEMENT, { id: other }, teacher)).placement).toBeNull();
    const cancelled = await newMatch();
    await ok(CANCEL, { id: cancelled }, teacher);
    expect(await err(SUBMIT, { matchId: cancelled, input }, partner)).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('CANCELLED') });
    // A PROPOSED placement can be prepared already.
    expect((await ok(SET_SUPERVISOR, { matchId: await newMatch(MatchStatus.PROPOSED), input: SUPERVISOR }, partner)).status).toBe('PROPOSED');
  });

  it('validates the supervisor and the answers field by field', async () => {
    const id = await newMatch(MatchStatus.AWAITING_APPROVAL, { studentAge: 16 });
    const field = async (q: string, input: unknown) => {
      const e = await err(q, { matchId: id, input }, partner);
      expect(e?.extensions?.code).toBe('BAD_USER_INPUT');
      return { field: e!.extensions!.field, message: e!.message };
    };
    expect((await field(SET_SUPERVISOR, { ...SUPERVISOR, name: '  ' })).field).toBe('input.name');
    expect((await field(SET_SUPERVISOR, { ...SUPERVISOR, email: 'asa' })).field).toBe('input.email');
    expect((await field(SET_SUPERVISOR, { ...SUPERVISOR, phone: 'call me' })).field).toBe('input.phone');
    expect((await field(SET_SUPERVISOR, { ...SUPERVISOR, name: 'x'.repeat(201) })).field).toBe('input.name');

    const all = riskAnswers();
    expect(await field(SUBMIT, { answers: [...all, { key: 'astrology', answer: false }] })).toEqual({
      field: 'input.answers',
      message: expect.stringContaining('astrology'),
    });
    expect(await field(SUBMIT, { answers: [...all, all[0]] })).toEqual({ field: 'input.answers', message: expect.stringContaining('more than once') });
    expect(await field(SUBMIT, { answers: all.filter((a) => a.key !== 'night_work') })).toEqual({
      field: 'input.answers',
      message: expect.stringContaining('night_work'),
    });
    const lone = all.findIndex((a) => a.key === 'lone_work');
    const yesWithoutNote = all.map((a, i) => (i === lone ? { ...a, answer: true, note: '  ' } : a));
    expect(await field(SUBMIT, { answers: yesWithoutNote })).toEqual({ field: `input.answers.${lone}.note`, message: expect.stringContaining('lone_work') });
    const longNote = all.map((a, i) => (i === 2 ? { ...a, note: 'x'.repeat(1001) } : a));
    expect((await field(SUBMIT, { answers: longNote })).field).toBe('input.answers.2.note');
    expect((await field(SUBMIT, { answers: all, summary: 'x'.repeat(4001) })).field).toBe('input.summary');
    // A "yes" to a question that names no hazard needs no note.
    const yesSupervision = all.map((a) => (a.key === 'supervision' ? { ...a, answer: true } : a));
    expect((await ok(SUBMIT, { matchId: id, input: { answers: yesSupervision } }, partner)).placement.missing).toEqual(['SUPERVISOR']);
    // Nothing was stored by the refused attempts but the last one.
    const stored = await ok(PLACEMENT, { id }, partner);
    expect(stored.placement.riskAssessment.answers).toEqual(yesSupervision);

    // Pupils of 18 and over: the minors-only questions may be left out.
    const adults = await newMatch(MatchStatus.AWAITING_APPROVAL, { studentAge: 19 });
    const adultAnswers = riskAnswers().filter((a) => !RISK_QUESTIONS.find((q) => q.key === a.key)!.minorsOnly);
    await ok(SET_SUPERVISOR, { matchId: adults, input: SUPERVISOR }, partner);
    expect((await ok(SUBMIT, { matchId: adults, input: { answers: adultAnswers } }, partner)).placement.missing).toEqual([]);
    expect((await ok(APPROVE, { id: adults }, coordinator)).status).toBe('APPROVED');
  });

  it('tells the school, by e-mail in its language, when the supervisor changes after approval (and only then)', async () => {
    const id = await newMatch();
    await ok(SET_SUPERVISOR, { matchId: id, input: SUPERVISOR }, partner);
    await ok(SET_SUPERVISOR, { matchId: id, input: { ...SUPERVISOR, name: 'Bo Före' } }, partner); // before approval: no notice
    await ok(SET_SUPERVISOR, { matchId: id, input: SUPERVISOR }, partner);
    await ok(SUBMIT, { matchId: id, input: { answers: riskAnswers() } }, partner);
    await ok(APPROVE, { id }, coordinator);
    expect(await outbox(id, 'placement_supervisor_changed')).toEqual([]);

    await ok(SET_SUPERVISOR, { matchId: id, input: SUPERVISOR }, partner); // the same person: no notice
    expect(await outbox(id, 'placement_supervisor_changed')).toEqual([]);
    await ok(SET_SUPERVISOR, { matchId: id, input: { name: 'Märta Ny', email: 'marta@kemi.example' } }, partner);
    const notices = await outbox(id, 'placement_supervisor_changed');
    expect(notices.map((o) => o.recipientUserId).sort()).toEqual([teacher.user.id, schoolOwner.user.id].sort());
    expect(notices[0].payload).toMatchObject({ supervisorName: 'Märta Ny', supervisorEmail: 'marta@kemi.example', supervisorPhone: null });

    const mail = await eventually(async () =>
      stack.smtp!.messages.find((m) => m.subject?.startsWith('Ny handledare') && JSON.stringify(m.to).includes('tove@rosengard.example')),
    );
    expect(mail.subject).toBe('Ny handledare för praktiken: APL i labbet, Kemi AB');
    expect(mail.text).toContain('Märta Ny, marta@kemi.example');
  });

  it('serves the agreement PDF from APPROVED on to both sides, the region and admins, in the school’s language', async () => {
    const id = await newMatch(MatchStatus.AWAITING_APPROVAL, { studentAge: 16, focusAreas: ['chemistry'] });
    expect((await download(id, teacher)).status).toBe(409);
    await ok(SET_SUPERVISOR, { matchId: id, input: SUPERVISOR }, partner);
    const answers = riskAnswers({ protective_equipment: 'Skyddsglasögon och handskar lånas ut.', forbidden_tasks: 'Får inte hantera frätande ämnen på egen hand.' });
    await ok(SUBMIT, { matchId: id, input: { answers, summary: 'Låg risk.' } }, partner);
    await ok(APPROVE, { id }, coordinator);

    const statuses: Array<[string, TestUser | undefined, number]> = [
      ['teacher', teacher, 200],
      ['partner', partner, 200],
      ['coordinator', coordinator, 200],
      ['admin', admin, 200],
      ['other coordinator', otherCoordinator, 404],
      ['other partner', otherPartner, 404],
      ['outsider', outsider, 404],
      ['anonymous', undefined, 401],
    ];
    const got = [];
    for (const [name, user] of statuses) got.push([name, user, (await download(id, user)).status]);
    expect(got).toEqual(statuses);
    const missing = await download('00000000-0000-4000-8000-000000000000', teacher);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const res = await download(id, teacher);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="brobygge-agreement-${id}.pdf"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await new PDFParse({ data: bytes }).getText()).text.replace(/\s+/g, ' ');
    for (const expected of [
      'Avtal om arbetsplatsförlagt lärande (APL)',
      'Rosengårdsskolan, Malmö',
      'Kemi AB',
      // The school names no contact: the teacher who acted on the match; Kemi AB names its own.
      'Tove Lärare, tove@rosengard.example',
      'Karin Kontakt, HR, karin@kemi.example, +46 40 11 22 33',
      'Handledare: Åsa Öberg, asa.oberg@kemi.example, +46 40 12 34 56',
      'Antal elever: 2',
      'Elevernas ålder: 16',
      'Inriktning: Kemi',
      'Kräver någon uppgift personlig skyddsutrustning?',
      'Kommentar: Skyddsglasögon och handskar lånas ut.',
      'Kommentar: Får inte hantera frätande ämnen på egen hand.',
      'Kommer eleven att arbeta kvällstid eller nattetid? Nej',
      'Sammanfattning: Låg risk.',
      'För skolan',
      'För arbetsplatsen',
      'Samordnare (regionen)',
      'Underskrift',
      'Pelle Partner',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Sven Rektor'); // acted on nothing

    // Not a placement: no agreement.
    const project = await createOffer(stack, { organizationId: company, activityType: 'PROJECT' as never, capacity: 100 });
    const other = await newMatch(MatchStatus.AWAITING_APPROVAL, { activityType: 'PROJECT' as never }, project);
    await ok(APPROVE, { id: other }, coordinator);
    expect((await download(other, teacher)).status).toBe(404);
  });

  it('writes the agreement in Danish for a Danish school', async () => {
    const dkSchoolOwner = await createUser(stack, { locale: 'en' });
    const dkCoordinator = await createUser(stack, { coordinatorOf: ['dk-hovedstaden'] });
    const dkSchool = await createOrganization(stack, {
      name: 'Ørestad Gymnasium',
      regionCode: 'dk-hovedstaden',
      countryCode: 'DK',
      municipality: 'København',
      owner: dkSchoolOwner.user,
    });
    const dkOffer = await createOffer(stack, { organizationId: company, regionCode: 'dk-hovedstaden', languages: ['da', 'sv'] });
    const request = await createRequest(stack, { organizationId: dkSchool.id, regionCode: 'dk-hovedstaden', languages: ['da'], studentAge: 17 });
    const m = await ok(PROPOSE, { input: { requestId: request.id, offerId: dkOffer.id, quantity: 1 } }, dkSchoolOwner);
    await ok(ACCEPT, { id: m.id }, partner);
    await readyPlacement(stack, m.id);
    await ok(APPROVE, { id: m.id }, dkCoordinator);
    const res = await download(m.id, dkSchoolOwner);
    expect(res.status).toBe(200);
    const text = (await new PDFParse({ data: Buffer.from(await res.arrayBuffer()) }).getText()).text.replace(/\s+/g, ' ');
    expect(text).toContain('Aftale om praktik på en arbejdsplads');
    expect(text).toContain('Ørestad Gymnasium, København');
    expect(text).toContain('Skal eleven arbejde om aftenen eller om natten? Nej');
    expect(text).toContain('For arbejdspladsen');
  });

  it('shows each side’s contact people from AWAITING_APPROVAL on, and nothing else about a person', async () => {
    // A school that has no match with Kemi AB yet (the other tests' matches would show its contact).
    const teacher = await createUser(stack, { name: 'Tove Lärare', email: 'tove2@rosengard.example', locale: 'sv' });
    const school = await createOrganization(stack, { name: 'Nydalaskolan', verified: true, owner: (await createUser(stack)).user, members: [teacher.user] });
    const request = await createRequest(stack, { organizationId: school.id });
    const id = (await ok(PROPOSE, { input: { requestId: request.id, offerId: offer.id, quantity: 1 } }, teacher)).id;
    expect((await ok(PLACEMENT, { id }, teacher)).contacts).toEqual([]);
    expect((await ok(PLACEMENT, { id }, partner)).contacts).toEqual([]);
    // The partner's contact person is not the school's to read yet.
    expect((await ok(ORG_CONTACT, { id: company }, teacher)).contact).toBeNull();

    await ok(ACCEPT, { id }, partner);
    const expected = [
      { name: 'Tove Lärare', email: 'tove2@rosengard.example', phone: null, role: null },
      { name: KEMI_CONTACT.name, email: KEMI_CONTACT.email, phone: KEMI_CONTACT.phone, role: KEMI_CONTACT.role },
    ];
    for (const who of [teacher, partner, coordinator, admin]) expect((await ok(PLACEMENT, { id }, who)).contacts).toEqual(expected);
    expect(await codeOf(PLACEMENT, { id }, outsider)).toBe('NOT_FOUND');
    // Only the four fields exist on the type, and nothing of the member's account leaks through them.
    const raw = (await gql(`query($id: ID!) { match(id: $id) { contacts { __typename name email phone role } } }`, { id }, partner)).data!.match.contacts;
    expect(Object.keys(raw[0]).sort()).toEqual(['__typename', 'email', 'name', 'phone', 'role']);
    expect(await codeOf(`query($id: ID!) { match(id: $id) { contacts { id } } }`, { id }, partner)).toBe('GRAPHQL_VALIDATION_FAILED');
    // The other side's Organization.contact now reads; an outsider's still does not.
    expect((await ok(ORG_CONTACT, { id: company }, teacher)).contact).toEqual(KEMI_CONTACT);
    expect((await ok(ORG_CONTACT, { id: company }, outsider)).contact).toBeNull();

    // Cancelled: the sides are no longer each other's contacts.
    await ok(CANCEL, { id }, teacher);
    expect((await ok(PLACEMENT, { id }, teacher)).contacts).toEqual([]);
    expect((await ok(ORG_CONTACT, { id: company }, teacher)).contact).toBeNull();
  });

  it('costs the same number of queries for the placements and contacts of 3 or 12 matches', async () => {
    const owner = await createUser(stack);
    const org = await createOrganization(stack, { name: 'Listskolan', owner: owner.user, members: [] });
    const Q = `query { matches(first: 50, filter: { organizationId: "${org.id}" }) { edges { node { id
      placement { missing agreementUrl supervisor { name } riskAssessment { submittedAt submittedBy { id } } } contacts { name email }
      offer { organization { contact { name } } } } } } }`;
    const make = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const r = await createRequest(stack, { organizationId: org.id, quantity: 5 });
        const m = await ok(PROPOSE, { input: { requestId: r.id, offerId: offer.id, quantity: 1 } }, owner);
        await ok(ACCEPT, { id: m.id }, partner);
        if (i % 2) await readyPlacement(stack, m.id);
      }
    };
    await make(3);
    await gql(Q, {}, owner);
    const few = await countQueries(stack.dataSource, () => gql(Q, {}, owner));
    await make(9);
    const many = await countQueries(stack.dataSource, () => gql(Q, {}, owner));
    expect(few.result.errors).toBeUndefined();
    expect(many.result.errors).toBeUndefined();
    expect(many.result.data!.matches.edges).toHaveLength(12);
    expect(many.result.data!.matches.edges[0].node.contacts).toHaveLength(2);
    expect(many.result.data!.matches.edges[0].node.offer.organization.contact).toEqual({ name: KEMI_CONTACT.name });
    // One query per kind whatever the length (a loader may split into two batches by timing): 9 more matches add no query per match.
    expect(many.queries).toBeLessThanOrEqual(few.queries + 1);
    expect(many.queries).toBeLessThanOrEqual(11);
  });

  it("exports a person's assessments and supervisions; erasure keeps the assessment without them and takes their supervisor entry out", async () => {
    const leaver = await createUser(stack, { name: 'Lasse Lämnar', email: 'lasse@kemi.example' });
    await stack.dataSource.query(`INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'MEMBER')`, [leaver.user.id, company]);
    const id = await newMatch();
    await ok(SET_SUPERVISOR, { matchId: id, input: { name: 'Lasse Lämnar', email: 'Lasse@Kemi.example' } }, partner);
    await ok(SUBMIT, { matchId: id, input: { answers: riskAnswers(), summary: 'Lasses bedömning' } }, leaver);
    const exported = JSON.parse((await gql('mutation { exportMyData }', {}, leaver)).data!.exportMyData);
    const text = JSON.stringify(exported);
    expect(text).toContain('Lasses bedömning');
    expect(text).toContain('lasse@kemi.example');
    expect((await gql('mutation($p: String!) { deleteMyAccount(password: $p) }', { p: PASSWORD }, leaver)).data!.deleteMyAccount).toBe(true);
    const after = await ok(PLACEMENT, { id }, partner);
    expect(after.placement).toMatchObject({ supervisor: null, missing: ['SUPERVISOR'], riskAssessment: { summary: 'Lasses bedömning' } });
    const [row] = await stack.dataSource.query('SELECT submitted_by_id, supervisor FROM placement WHERE match_id = $1', [id]);
    expect(row).toEqual({ submitted_by_id: null, supervisor: null });
  });

  it('keeps the placement with its match row (one row per match)', async () => {
    const id = await newMatch();
    await ok(SET_SUPERVISOR, { matchId: id, input: SUPERVISOR }, partner);
    await ok(SUBMIT, { matchId: id, input: { answers: riskAnswers() } }, partner);
    const rows = await stack.dataSource.query('SELECT match_id, supervisor, risk_assessment->>$2 AS version FROM placement WHERE match_id = $1', [id, 'version']);
    expect(rows).toEqual([{ match_id: id, supervisor: SUPERVISOR, version: '2026-1' }]);
    expect(await stack.dataSource.getRepository(Match).countBy({ id, origin: MatchOrigin.SCHOOL })).toBe(1);
  });
});
