import { JwtService } from '@nestjs/jwt';
import { Authentication, hashToken, Invitation, Organization, User } from '@brobygge/identity';
import { OutboxMessage, OutboxStatus } from '@brobygge/notifications';
import { createOrganization, createUser, PASSWORD } from '../support/factories';
import { eventually, startStack, TestStack } from '../support/stack';

const USER = 'id email name locale roles coordinatorRegions { code name countryCode } memberships { role organization { id name kind verified } }';
const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { accessToken user { ${USER} } } }`;
const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { accessToken user { ${USER} } } }`;
const ME = `query Me { me { ${USER} } }`;
const CREATE_ORG = `mutation CreateOrganization($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { id kind name municipality district countryCode latitude longitude verified priority region { code name countryCode } } }`;
const ORGS = `query Organizations($filter: OrganizationFilter, $first: Int, $after: String) {
  organizations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind name district verified priority region { code } } } } }`;

const orgInput = (over: Record<string, unknown> = {}) => ({
  kind: 'SCHOOL',
  name: 'Rosengårdsskolan',
  regionCode: 'se-malmo',
  municipality: 'Malmö',
  district: 'Rosengård',
  countryCode: 'se',
  latitude: 55.588,
  longitude: 13.03,
  ...over,
});

describe('identity: accounts', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true });
  });
  afterAll(() => stack.close());

  it('registers with a normalised e-mail, signs in, and knows the caller', async () => {
    const reg = await stack.gql(REGISTER, {
      input: { email: '  Teacher@Rosengard.Example ', password: 'långt lösenord', name: ' Amina Yusuf ', locale: 'SV' },
    });
    expect(reg.errors).toBeUndefined();
    expect(reg.data!.register.user).toMatchObject({ email: 'teacher@rosengard.example', name: 'Amina Yusuf', locale: 'SV', roles: [], memberships: [] });

    const login = await stack.gql(LOGIN, { input: { email: 'TEACHER@rosengard.example', password: 'långt lösenord' } });
    expect(login.errors).toBeUndefined();
    const me = await stack.gql(ME, {}, { token: login.data!.login.accessToken });
    expect(me.data!.me.email).toBe('teacher@rosengard.example');

    const hash = (await stack.dataSource.getRepository(User).findOneByOrFail({ email: 'teacher@rosengard.example' })).passwordHash;
    expect(hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a second account with the same e-mail in any case', async () => {
    await stack.gql(REGISTER, { input: { email: 'dup@example.org', password: '0123456789', name: 'A' } });
    const again = await stack.gql(REGISTER, { input: { email: 'DUP@example.org', password: '0123456789', name: 'B' } });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it.each([
    [{ email: 'nope', password: '0123456789', name: 'A' }, 'input.email'],
    [{ email: 'a@example.org', password: 'short', name: 'A' }, 'input.password'],
    [{ email: 'b@example.org', password: '0123456789', name: '   ' }, 'input.name'],
    [{ email: 'c@example.org', password: '0123456789', name: 'x'.repeat(201) }, 'input.name'],
  ])('names the bad field of a registration: %j → %s', async (input, field) => {
    const res = await stack.gql(REGISTER, { input });
    expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('gives the same answer for a wrong e-mail and a wrong password', async () => {
    const { user } = await createUser(stack);
    const wrongPassword = await stack.gql(LOGIN, { input: { email: user.email, password: 'not the password' } });
    const wrongEmail = await stack.gql(LOGIN, { input: { email: 'nobody@example.org', password: PASSWORD } });
    expect(wrongPassword.errors![0]).toMatchObject({ message: 'Wrong e-mail or password.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(wrongEmail.errors![0].message).toBe(wrongPassword.errors![0].message);
    expect(wrongEmail.errors![0].extensions).toEqual(wrongPassword.errors![0].extensions);
  });

  it('rejects anonymous, forged and expired tokens with UNAUTHENTICATED', async () => {
    expect((await stack.gql(ME)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const forged = await stack.gql(ME, {}, { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' });
    expect(forged.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: 'The access token is not valid. Sign in again.' });
    const { user } = await createUser(stack);
    const expired = await stack.api!.get(JwtService).signAsync({ sub: user.id, exp: Math.floor(Date.now() / 1000) - 10 });
    const res = await stack.gql(ME, {}, { token: expired });
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: 'Your session has expired. Sign in again.' });
  });

  it('updates the profile of the caller', async () => {
    const { token } = await createUser(stack);
    const res = await stack.gql(
      `mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { ${USER} } }`,
      { input: { name: 'Ny Namn', locale: 'NB' } },
      { token },
    );
    expect(res.data!.updateProfile).toMatchObject({ name: 'Ny Namn', locale: 'NB' });
    const blank = await stack.gql(`mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }`, { i: { name: '' } }, { token });
    expect(blank.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('creates the bootstrap admin once, even when many processes start together', async () => {
    const accounts = stack.api!.get(Authentication);
    await Promise.all([1, 2, 3, 4, 5].map(() => accounts.ensureBootstrapAdmin()));
    const admins = await stack.dataSource.getRepository(User).findBy({ email: stack.config.BOOTSTRAP_ADMIN_EMAIL });
    expect(admins).toHaveLength(1);
    const login = await stack.gql(LOGIN, { input: { email: stack.config.BOOTSTRAP_ADMIN_EMAIL, password: stack.config.BOOTSTRAP_ADMIN_PASSWORD } });
    expect(login.data!.login.user.roles).toEqual(['ADMIN']);
  });
});

describe('identity: rate limits shared by every API process', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true, env: { RATE_LIMIT_LOGIN_PER_MINUTE: '3' } });
  });
  afterAll(() => stack.close());

  it('answers RATE_LIMITED with a retry hint once the limit is spent across two API processes', async () => {
    const second = await stack.secondApi();
    const attempt = (url?: string) => stack.gql(LOGIN, { input: { email: 'target@example.org', password: 'wrong password' } }, { url });
    expect((await attempt()).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await attempt(second)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await attempt()).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const limited = await attempt(second);
    expect(limited.errors![0].extensions!.code).toBe('RATE_LIMITED');
    expect(limited.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.errors![0].extensions!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(limited.errors![0].message).toMatch(/Try again in \d+ seconds/);
  });
});

describe('identity: organisations, invitations, GDPR', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true, worker: true, smtp: true });
  });
  afterAll(() => stack.close());

  it('creates an organisation whose creator is its OWNER, unverified', async () => {
    const { token } = await createUser(stack);
    const res = await stack.gql(CREATE_ORG, { input: orgInput() }, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createOrganization).toMatchObject({ countryCode: 'SE', verified: false, priority: false, region: { code: 'se-malmo' } });
    const me = await stack.gql(ME, {}, { token });
    expect(me.data!.me.memberships).toEqual([
      { role: 'OWNER', organization: { id: res.data!.createOrganization.id, name: 'Rosengårdsskolan', kind: 'SCHOOL', verified: false } },
    ]);
  });

  it.each([
    [{ regionCode: 'xx-nowhere' }, 'input.regionCode'],
    [{ countryCode: 'XX' }, 'input.countryCode'],
    [{ latitude: 91 }, 'input.latitude'],
    [{ longitude: -181 }, 'input.longitude'],
    [{ latitude: null }, 'input.latitude'],
    [{ name: ' ' }, 'input.name'],
    [{ name: 'n'.repeat(201) }, 'input.name'],
    [{ municipality: '' }, 'input.municipality'],
  ])('names the bad field of an organisation: %j → %s', async (over, field) => {
    const { token } = await createUser(stack);
    const res = await stack.gql(CREATE_ORG, { input: orgInput(over) }, { token });
    expect(res.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('lists organisations with filters, keyset pages and a total count', async () => {
    const { token } = await createUser(stack);
    for (const name of ['Alfa', 'Bravo', 'Charlie', 'Delta', 'Echo']) {
      await createOrganization(stack, { name: `Filt ${name}`, regionCode: 'no-troms', countryCode: 'NO', kind: 'COMPANY' as never });
    }
    await createOrganization(stack, { name: 'Filt School', regionCode: 'no-troms', countryCode: 'NO' });
    const filter = { regionCodes: ['no-troms'], kinds: ['COMPANY'], search: 'filt' };
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await stack.gql(ORGS, { filter, first: 2, after }, { token });
      expect(page.data.organizations.totalCount).toBe(5);
      seen.push(...page.data.organizations.edges.map((e: any) => e.node.name));
      if (!page.data.organizations.pageInfo.hasNextPage) break;
      after = page.data.organizations.pageInfo.endCursor;
    }
    expect(seen).toEqual(['Filt Alfa', 'Filt Bravo', 'Filt Charlie', 'Filt Delta', 'Filt Echo']);
    expect((await stack.gql(ORGS, { first: 101 }, { token })).errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await stack.gql(ORGS, { after: 'garbage' }, { token })).errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    const forged = Buffer.from(JSON.stringify([1, 2])).toString('base64url');
    expect((await stack.gql(ORGS, { after: forged }, { token })).errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect((await stack.gql(ORGS, {})).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('answers NOT_FOUND for an organisation that does not exist', async () => {
    const { token } = await createUser(stack);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await stack.gql('query($id: ID!) { organization(id: $id) { id } }', { id }, { token });
      expect(res.errors![0].extensions!.code).toBe('NOT_FOUND');
    }
  });

  it('invites by e-mail through a real SMTP peer; the token works once, for that address', async () => {
    const owner = await createUser(stack, { name: 'Olof Owner' });
    const org = await createOrganization(stack, { name: 'Fosie gymnasium', verified: true, owner: owner.user });
    const invite = await stack.gql(
      'mutation InviteMember($input: InviteMemberInput!) { inviteMember(input: $input) }',
      { input: { organizationId: org.id, email: ' New.Teacher@Example.org', role: 'MEMBER' } },
      { token: owner.token },
    );
    expect(invite.data!.inviteMember).toBe(true);

    const mail = (await stack.smtp!.waitFor(1)).find((m) => m.subject?.includes('Fosie gymnasium'))!;
    expect(mail.subject).toBe('Invitation: join Fosie gymnasium on Brobygge');
    expect(mail.text).toContain('Olof Owner has invited you');
    const token = /invitations\/accept\?token=([A-Za-z0-9_-]+)/.exec(mail.text!)![1];
    const stored = await stack.dataSource.getRepository(Invitation).findOneByOrFail({ organizationId: org.id });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const row = await eventually(async () => {
      const r = await stack.dataSource.getRepository(OutboxMessage).findOneBy({ type: 'invitation', recipientEmail: 'new.teacher@example.org' });
      return r?.status === OutboxStatus.SENT && r;
    });
    expect(JSON.stringify(row.payload)).not.toContain(token);

    const accept = 'mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { role organization { id name } } }';
    const stranger = await createUser(stack);
    expect((await stack.gql(accept, { token }, { token: stranger.token })).errors![0].extensions!.code).toBe('FORBIDDEN');
    const invitee = await createUser(stack, { email: 'new.teacher@example.org' });
    const ok = await stack.gql(accept, { token }, { token: invitee.token });
    expect(ok.data!.acceptInvitation).toEqual({ role: 'MEMBER', organization: { id: org.id, name: 'Fosie gymnasium' } });
    const again = await stack.gql(accept, { token }, { token: invitee.token });
    expect(again.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('already been used') });
    expect((await stack.gql(accept, { token: 'nonsense' }, { token: invitee.token })).errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('refuses an expired invitation with a clear message', async () => {
    const owner = await createUser(stack);
    const org = await createOrganization(stack, { owner: owner.user });
    const invitee = await createUser(stack);
    await stack.dataSource.getRepository(Invitation).insert({
      organizationId: org.id,
      email: invitee.user.email,
      role: 'MEMBER' as never,
      tokenHash: hashToken('expired-token'),
      expiresAt: new Date(Date.now() - 1000),
    });
    const res = await stack.gql('mutation($t: String!) { acceptInvitation(token: $t) { role } }', { t: 'expired-token' }, { token: invitee.token });
    expect(res.errors![0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'token' },
      message: expect.stringMatching(/^This invitation expired on \d{4}-\d{2}-\d{2}/),
    });
  });

  it('tells the owners when their organisation is verified', async () => {
    const owner = await createUser(stack, { locale: 'sv' });
    const org = await createOrganization(stack, { name: 'Hyllie Tech AB', kind: 'COMPANY' as never, owner: owner.user });
    const coordinator = await createUser(stack, { coordinatorOf: ['se-malmo'] });
    const res = await stack.gql('mutation VerifyOrganization($id: ID!) { verifyOrganization(id: $id) { id verified } }', { id: org.id }, { token: coordinator.token });
    expect(res.data!.verifyOrganization).toEqual({ id: org.id, verified: true });
    await eventually(async () => stack.smtp!.messages.find((m) => m.subject === 'Verifierad: Hyllie Tech AB'));
  });

  it('exports everything about the caller and erases the account on request', async () => {
    const { user, token } = await createUser(stack, { name: 'Gdpr Person', email: 'gdpr@example.org' });
    const created = await stack.gql(CREATE_ORG, { input: orgInput({ name: 'Limhamns skola', district: 'Limhamn' }) }, { token });
    const orgId = created.data!.createOrganization.id;

    const exported = JSON.parse((await stack.gql('mutation ExportMyData { exportMyData }', {}, { token })).data!.exportMyData);
    expect(exported.profile).toMatchObject({ id: user.id, email: 'gdpr@example.org', name: 'Gdpr Person' });
    expect(exported.profile.passwordHash).toBeUndefined();
    expect(JSON.stringify(exported)).not.toMatch(/\$argon2/);
    expect(exported.memberships).toEqual([expect.objectContaining({ organizationId: orgId, organizationName: 'Limhamns skola', role: 'OWNER' })]);
    expect(exported.organizationsCreated).toEqual([expect.objectContaining({ id: orgId })]);

    const del = 'mutation DeleteMyAccount($password: String!) { deleteMyAccount(password: $password) }';
    expect((await stack.gql(del, { password: 'wrong one!!' }, { token })).errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'password' });
    expect((await stack.gql(del, { password: PASSWORD }, { token })).data!.deleteMyAccount).toBe(true);

    const row = await stack.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    expect(row).toMatchObject({ email: null, passwordHash: null, name: 'Deleted user' });
    expect(row.deletedAt).not.toBeNull();
    const org = await stack.dataSource.getRepository(Organization).findOneByOrFail({ id: orgId });
    expect(org.createdById).toBeNull();
    expect((await stack.gql(ME, {}, { token })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');

    const again = await stack.gql(REGISTER, { input: { email: 'gdpr@example.org', password: '0123456789', name: 'Back again' } });
    expect(again.errors).toBeUndefined();
  });
});
