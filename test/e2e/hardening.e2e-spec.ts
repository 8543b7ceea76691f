/**
 * Safe on the open internet (issue 13): operation limits, throttles, the one input rule,
 * timeouts that answer instead of hanging, and the HTTP basics. Real Postgres and Redis.
 */
import { randomBytes } from 'node:crypto';
import { CollaborationRequest, Offer } from '@brobygge/catalog';
import { OutboxMessage, render } from '@brobygge/notifications';
import { Authentication, OrganizationKind } from '@brobygge/identity';
import { createOrganization, createUser, PASSWORD, TestUser } from '../support/factories';
import { PrivateRedis } from '../support/processes';
import { inDays } from '../support/queries';
import { startStack, TestStack } from '../support/stack';

const codeOf = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) => res.errors?.[0]?.extensions?.code;

const offerInput = (organizationId: string, over: Record<string, unknown> = {}) => ({
  organizationId,
  activityType: 'GUEST_LECTURE',
  title: 'Kemi i vardagen',
  description: 'En forskare berättar om kemins roll.\nTvå lektioner.\tMed labb.',
  focusAreas: ['chemistry'],
  deliveryModes: ['AT_SCHOOL'],
  languages: ['sv'],
  capacity: 5,
  availableFrom: inDays(10),
  availableUntil: inDays(100),
  ...over,
});
const CREATE_OFFER = 'mutation($input: CreateOfferInput!) { createOffer(input: $input) { id title description } }';
const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';

describe('operation limits', () => {
  let stack: TestStack;
  let user: TestUser;
  beforeAll(async () => {
    stack = await startStack();
    user = await createUser(stack);
  });
  afterAll(() => stack.close());

  const refused = async (query: string, limit: string) => {
    const res = await stack.gql(query, {}, { token: user.token });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit });
    expect(res.errors![0].message).toContain(`(${limit})`);
    return res.errors![0];
  };

  it('refuses the nested-suggestions query of the issue by its cost, before running anything', async () => {
    const q = `{ requests(first: 20) { edges { node { suggestions(first: 20) { offer { suggestedRequests(first: 20) {
      request { suggestions(first: 20) { score offer { id } } } } } } } } } }`;
    const error = await refused(q, 'cost');
    expect(error.extensions!.actual).toBeGreaterThan(error.extensions!.max);
    // One level of suggestions for a page of requests is an ordinary client's question.
    const ok = await stack.gql('{ requests(first: 20) { edges { node { id suggestions(first: 10) { score offer { id } } } } } }', {}, { token: user.token });
    expect(ok.errors).toBeUndefined();
  });

  it('counts `first: null` as the page the resolver then returns', async () => {
    const q = '{ requests(first: null) { edges { node { suggestions(first: 70) { offer { suggestedRequests(first: 100) { score } } } } } } }';
    const res = await stack.gql(q, {}, { token: user.token });
    expect(res.errors![0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'cost' });
  });

  it('fragments that expand beyond what the estimate looks at are refused, not waved through', async () => {
    const fragments = ['fragment Q0 on Query { __typename }'];
    for (let i = 1; i <= 4; i++) fragments.push(`fragment Q${i} on Query { ${Array.from({ length: 10 }, () => `...Q${i - 1}`).join(' ')} }`);
    const q = `{ ...Q4 requests(first: 100) { edges { node { suggestions(first: 100) { score } } } } } ${fragments.join(' ')}`;
    const res = await stack.gql(q, {}, { token: user.token });
    expect(res.errors![0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'cost' });
    expect(res.data).toBeUndefined();
  });

  it('counts `first` from variables too', async () => {
    const q = 'query($n: Int) { requests(first: $n) { edges { node { suggestions(first: $n) { offer { suggestedRequests(first: $n) { score } } } } } } }';
    const small = await stack.gql(q, { n: 2 }, { token: user.token });
    expect(small.errors).toBeUndefined();
    const big = await stack.gql(q, { n: 100 }, { token: user.token });
    expect(big.errors![0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'cost' });
  });

  it('refuses too deep a query', async () => {
    // Offer ↔ request through suggestions is a cycle; with first: 1 it is cheap but deep (14 levels).
    let body = 'id';
    for (let i = 0; i < 3; i++) body = `suggestedRequests(first: 1) { request { suggestions(first: 1) { offer { ${body} } } } }`;
    const error = await refused(`{ offers(first: 1) { edges { node { ${body} } } } }`, 'depth');
    expect(error.extensions!.max).toBe(12);
    expect(error.extensions!.actual).toBeGreaterThan(12);
  });

  it('refuses many aliases, and 5,000 aliases at the parser (tokens) in one error', async () => {
    const forty = Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ');
    const aliases = await refused(`{ ${forty} }`, 'aliases');
    expect(aliases.extensions).toMatchObject({ max: 30, actual: 40 });
    const typenames = Array.from({ length: 40 }, (_, i) => `t${i}: __typename`).join(' ');
    await refused(`{ ${typenames} }`, 'aliases');
    const huge = Array.from({ length: 5000 }, (_, i) => `a${i}: __typename`).join(' ');
    const tokens = await refused(`{ ${huge} }`, 'tokens');
    expect(tokens.extensions!.max).toBe(3000);
  });

  it('refuses many directives', async () => {
    const many = Array.from({ length: 60 }, () => '__typename @include(if: true)').join(' ');
    await refused(`{ ${many} }`, 'directives');
    // Several limits at once, and other mistakes besides: one error, the limit's.
    const repeated = Array.from({ length: 60 }, () => '@include(if: true)').join(' ');
    await refused(`{ me ${repeated} { id } }`, 'directives');
  });

  it('refuses batched (array) requests', async () => {
    const res = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batching/i);
  });

  it('introspection works outside production', async () => {
    const res = await stack.gql('{ __schema { queryType { name } } }');
    expect(res.data?.__schema.queryType.name).toBe('Query');
  });
});

describe('production defaults', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({
      env: { NODE_ENV: 'production', JWT_SECRET: randomBytes(24).toString('hex'), BOOTSTRAP_ADMIN_PASSWORD: randomBytes(12).toString('hex') },
    });
  });
  afterAll(() => stack.close());

  it('turns introspection off', async () => {
    const res = await stack.gql('{ __schema { queryType { name } } }');
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).toMatch(/introspection/i);
    expect((await stack.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});

describe('input hygiene: one rule for every text input', () => {
  let stack: TestStack;
  let partner: TestUser;
  let org: string;
  beforeAll(async () => {
    stack = await startStack();
    partner = await createUser(stack);
    org = (await createOrganization(stack, { kind: OrganizationKind.COMPANY, verified: true, owner: partner.user })).id;
  });
  afterAll(() => stack.close());

  it('NUL, control characters and unpaired surrogates are BAD_USER_INPUT naming the field', async () => {
    const nul = await stack.gql(REGISTER, { input: { email: 'nul@example.org', password: PASSWORD, name: '\u0000' } });
    expect(nul.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const title = await stack.gql(CREATE_OFFER, { input: offerInput(org, { title: 'a\u0000b' }) }, { token: partner.token });
    expect(title.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    const surrogate = await stack.gql(CREATE_OFFER, { input: offerInput(org, { title: 'half \ud83d' }) }, { token: partner.token });
    expect(surrogate.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    const bell = await stack.gql(CREATE_OFFER, { input: offerInput(org, { description: 'ring \u0007' }) }, { token: partner.token });
    expect(bell.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.description' });
    const lineInTitle = await stack.gql(CREATE_OFFER, { input: offerInput(org, { title: 'two\nlines' }) }, { token: partner.token });
    expect(lineInTitle.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    const listItem = await stack.gql(CREATE_OFFER, { input: offerInput(org, { focusAreas: ['chemistry', 'x\u0000'] }) }, { token: partner.token });
    expect(listItem.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.focusAreas.1' });
    const arg = await stack.gql('mutation { acceptInvitation(token: "a\\u0000") { role } }', {}, { token: partner.token });
    expect(arg.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });

  it('keeps tabs and line breaks in long text, and emoji everywhere', async () => {
    const ok = await stack.gql(CREATE_OFFER, { input: offerInput(org, { title: 'Kemi 🧪 i vardagen' }) }, { token: partner.token });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.createOffer.description).toContain('\n');
    expect(ok.data!.createOffer.title).toBe('Kemi 🧪 i vardagen');
  });

  it('refuses over-long text with the field named, whatever the field', async () => {
    const long = await stack.gql('query($s: String) { offers(filter: { search: $s }) { totalCount } }', { s: 'k'.repeat(5000) }, { token: partner.token });
    expect(long.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
  });

  it('600 hostile inputs never end in INTERNAL_SERVER_ERROR', async () => {
    const hostile = [
      '\u0000',
      'a\u0000b',
      '\ud800',
      '\udfff x',
      '\u001b[31m',
      '\u202e',
      '\u0085',
      '\u007f',
      "'; DROP TABLE offer; --",
      '%00',
      '\\u0000',
      '😀'.repeat(300),
      'x'.repeat(25000),
      ' ',
      '',
      '\r\n',
      '\u2028',
      '<script>alert(1)</script>',
      '{{7*7}}',
      '${jndi:ldap://x}',
    ];
    const fields = [
      'title',
      'description',
      'languages.0',
      'focusAreas.0',
      'deliveryModes.0',
      'activityType',
      'availableFrom',
      'organizationId',
      'name.first',
      'capacity',
      'availableUntil',
      'minStudentAge',
      'groupSizeMax',
      'travelRadiusKm',
      'address',
      'search',
      'email',
      'password',
      'municipality',
      'countryCode',
      'district',
      'description2',
      'note',
      'comment',
      'reason',
      'message',
      'token',
      'locale',
      'x',
      'y',
    ];
    let count = 0;
    const codes = new Set<string>();
    for (const value of hostile) {
      for (const field of fields) {
        const [key, index] = field.split('.');
        const input: Record<string, unknown> = offerInput(org);
        if (index !== undefined) input[key] = [value];
        else input[key] = value;
        const res = await stack.gql(CREATE_OFFER, { input }, { token: partner.token });
        count++;
        for (const e of res.errors ?? []) codes.add(e.extensions?.code);
      }
    }
    expect(count).toBe(600);
    expect(codes.has('INTERNAL_SERVER_ERROR')).toBe(false);
    expect(codes.has('BAD_USER_INPUT')).toBe(true);
  });

  it('applies to the HTTP endpoints too', async () => {
    const res = await fetch(`${stack.url}/reports/impact.csv?from=2026-01-01&to=2026-06-30&region=se%00x`, { headers: { authorization: `Bearer ${partner.token}` } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'region' });
  });
});

describe('throttles', () => {
  let stack: TestStack;
  let user: TestUser;
  beforeAll(async () => {
    stack = await startStack({
      env: {
        RATE_LIMITS: 'invite=2/3600,propose=2/3600,deleteAccount=2/900,exportData=2/3600,allocation=2/600,createOrganization=2/86400',
        RATE_LIMIT_LOGIN_PER_MINUTE: '3',
      },
    });
    user = await createUser(stack);
  });
  afterAll(() => stack.close());

  const third = async (query: string, variables: Record<string, unknown> = {}, token = user.token) => {
    for (let i = 0; i < 2; i++) expect(codeOf(await stack.gql(query, variables, { token }))).not.toBe('RATE_LIMITED');
    const res = await stack.gql(query, variables, { token });
    expect(res.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(res.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    return res;
  };

  it('throttles creating organisations (each starts unverified with caps of its own)', async () => {
    const founder = await createUser(stack);
    const create = (i: number) =>
      stack.gql(
        'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
        {
          input: { kind: 'COMPANY', name: `Firma ${i}`, regionCode: 'se-malmo', municipality: 'Malmö', countryCode: 'SE' },
        },
        { token: founder.token },
      );
    expect((await create(1)).errors).toBeUndefined();
    expect((await create(2)).errors).toBeUndefined();
    expect(codeOf(await create(3))).toBe('RATE_LIMITED');
  });

  it('throttles exportMyData, deleteMyAccount, proposals, invitations and allocation rounds per user', async () => {
    await third('mutation { exportMyData }');
    await third('mutation { deleteMyAccount(password: "wrong password!") }');
    const id = '00000000-0000-4000-8000-000000000000';
    await third('mutation($input: ProposeMatchInput!) { proposeMatch(input: $input) { id } }', { input: { requestId: id, offerId: id, quantity: 1 } });
    await third('mutation($input: InviteMemberInput!) { inviteMember(input: $input) }', { input: { organizationId: id, email: 'x@example.org', role: 'MEMBER' } });
    await third('mutation($input: AllocationInput!) { runAllocation(input: $input) { proposals { quantity } } }', {
      input: { regionCode: 'se-malmo', activityType: 'GUEST_LECTURE', dryRun: true },
    });
  });

  it('counts every alias as a call', async () => {
    const other = await createUser(stack);
    const res = await stack.gql('mutation { a: exportMyData b: exportMyData c: exportMyData }', {}, { token: other.token });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
  });

  it('sign-in counts failed attempts only, and a guesser elsewhere does not lock the owner out', async () => {
    const owner = await createUser(stack);
    const email = owner.user.email!;
    for (let i = 0; i < 5; i++) expect((await stack.gql(LOGIN, { input: { email, password: PASSWORD } })).data?.login.accessToken).toBeDefined();
    const accounts = stack.api!.get(Authentication);
    // Parallel guesses from one address: no more than the limit get to try a password.
    const burst = await Promise.allSettled(Array.from({ length: 8 }, () => accounts.login(email, 'wrong password', '203.0.113.9')));
    const codes = burst.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'OK'));
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(3);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
    await expect(accounts.login(email, PASSWORD, '203.0.113.9')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // The owner, from their own address, still gets in: one guesser cannot lock them out.
    expect((await stack.gql(LOGIN, { input: { email, password: PASSWORD } })).data?.login.accessToken).toBeDefined();
    // Failures from many addresses (2 × the limit of them in an hour, 203.0.113.9 included) do lock the address.
    for (let i = 0; i < 5; i++) await expect(accounts.login(email, 'wrong password', `198.51.100.${i}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(accounts.login(email, PASSWORD, '192.0.2.1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('sign-in that succeeds is limited too, per IP (each costs an argon2 check)', async () => {
    const accounts = stack.api!.get(Authentication);
    const owner = await createUser(stack);
    const results: string[] = [];
    for (let i = 0; i < 19; i++) {
      results.push(
        await accounts.login(owner.user.email!, PASSWORD, '203.0.113.77').then(
          () => 'OK',
          (e: { code: string }) => e.code,
        ),
      );
    }
    expect(results.slice(0, 18).every((r) => r === 'OK')).toBe(true);
    expect(results[18]).toBe('RATE_LIMITED');
  });
});

describe('throttles per IP', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { RATE_LIMITS: 'exportData=2/3600', TRUST_PROXY: '1' } });
  });
  afterAll(() => stack.close());

  it('behind a proxy (TRUST_PROXY), counts the client address the proxy forwards', async () => {
    const people = await Promise.all([1, 2, 3, 4].map(() => createUser(stack)));
    for (const [i, p] of people.entries()) {
      for (let n = 0; n < 2; n++) {
        const res = await stack.gql('mutation { exportMyData }', {}, { token: p.token, headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } });
        expect(res.errors).toBeUndefined();
      }
    }
  });

  it('throttles per IP too, at three times the per-user count', async () => {
    const people = await Promise.all([1, 2, 3, 4].map(() => createUser(stack)));
    const codes: string[] = [];
    for (const p of people) for (let i = 0; i < 2; i++) codes.push(codeOf(await stack.gql('mutation { exportMyData }', {}, { token: p.token })) ?? 'OK');
    // Each person is within their own 2; the address has 6 (3 × 2), used up by the first three.
    expect(codes).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED']);
  });
});

describe('organisations nobody has verified yet', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { UNVERIFIED_DAILY_PROPOSALS: '2', UNVERIFIED_DAILY_INVITATIONS: '2' } });
  });
  afterAll(() => stack.close());

  const common = { regionCode: 'se-malmo', focusAreas: ['chemistry'], deliveryModes: ['AT_SCHOOL' as never], languages: ['sv'], activityType: 'GUEST_LECTURE' as never };

  it('propose at most UNVERIFIED_DAILY_PROPOSALS a day, and their text is not e-mailed to the other side', async () => {
    const teacher = await createUser(stack);
    const partner = await createUser(stack);
    const school = await createOrganization(stack, { name: 'Click http://evil.example', verified: false, owner: teacher.user });
    const company = await createOrganization(stack, { kind: OrganizationKind.COMPANY, verified: true, owner: partner.user });
    const offer = await stack.dataSource.getRepository(Offer).save({
      ...common,
      organizationId: company.id,
      title: 'Kemi i vardagen',
      description: 'x',
      capacity: 10,
      availableFrom: inDays(5),
      availableUntil: inDays(90),
      status: 'PUBLISHED' as never,
    });
    const requests = stack.dataSource.getRepository(CollaborationRequest);
    const propose = async (i: number) => {
      const request = await requests.save({
        ...common,
        organizationId: school.id,
        title: `Win a prize at http://evil.example/${i}`,
        description: 'x',
        quantity: 1,
        earliestDate: inDays(10),
        latestDate: inDays(60),
        status: 'OPEN' as never,
      });
      return stack.gql(
        'mutation($input: ProposeMatchInput!) { proposeMatch(input: $input) { id } }',
        { input: { requestId: request.id, offerId: offer.id, quantity: 1, message: 'Visit http://evil.example now' } },
        { token: teacher.token },
      );
    };
    expect((await propose(1)).errors).toBeUndefined();
    expect((await propose(2)).errors).toBeUndefined();
    const third = await propose(3);
    expect(third.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(third.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(23 * 3600);

    const notices = await stack.dataSource.getRepository(OutboxMessage).find({ where: { type: 'match_proposed', recipientUserId: partner.user.id } });
    expect(notices).toHaveLength(2);
    for (const notice of notices) {
      const mail = render(notice.type, notice.payload, 'en', { publicUrl: 'https://brobygge.test' });
      expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toMatch(/evil/);
      expect(mail.text).toContain('an organisation not yet verified');
      expect(mail.text).toContain(`https://brobygge.test/matches/${notice.payload.matchId}`);
    }
  });

  it('invite at most UNVERIFIED_DAILY_INVITATIONS a day, and the e-mail carries none of their text', async () => {
    const owner = await createUser(stack, { name: 'Visit http://evil.example' });
    const org = await createOrganization(stack, { name: 'Prize http://evil.example', verified: false, owner: owner.user });
    const invite = (email: string) =>
      stack.gql(
        'mutation($input: InviteMemberInput!) { inviteMember(input: $input) }',
        { input: { organizationId: org.id, email, role: 'MEMBER' } },
        { token: owner.token },
      );
    expect((await invite('a@example.org')).data?.inviteMember).toBe(true);
    expect((await invite('b@example.org')).data?.inviteMember).toBe(true);
    expect(codeOf(await invite('c@example.org'))).toBe('RATE_LIMITED');
    const [row] = await stack.dataSource.getRepository(OutboxMessage).find({ where: { type: 'invitation', recipientEmail: 'a@example.org' } });
    const mail = render('invitation', row.payload, 'sv', { publicUrl: 'https://brobygge.test' });
    expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toMatch(/evil/);
    expect(mail.text).toContain('ännu inte verifierad');
  });
});

describe('timeouts: answers instead of hangs', () => {
  it('answers SERVICE_UNAVAILABLE for login and register while Redis is down', async () => {
    const redis = await PrivateRedis.start();
    const stack = await startStack({ env: { REDIS_URL: `redis://127.0.0.1:${redis.port}/0` } });
    try {
      const user = await createUser(stack);
      await redis.stop();
      const login = await stack.gql(LOGIN, { input: { email: user.user.email, password: PASSWORD } });
      expect(login.errors![0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      const register = await stack.gql(REGISTER, { input: { email: 'new@example.org', password: PASSWORD, name: 'New' } });
      expect(codeOf(register)).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await redis.start(); // the stack's clean-up deletes its keys there
      await stack.close();
      await redis.stop();
    }
  });

  it('sets the PostgreSQL timeouts on every connection, and a lock wait ends as SERVICE_UNAVAILABLE', async () => {
    const stack = await startStack({ env: { DB_LOCK_TIMEOUT_MS: '300', DB_STATEMENT_TIMEOUT_MS: '4000', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '20000' } });
    try {
      const [row] = await stack.dataSource.query(
        `SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l, current_setting('idle_in_transaction_session_timeout') AS i`,
      );
      expect(row).toEqual({ s: '4s', l: '300ms', i: '20s' });
      const partner = await createUser(stack);
      const org = await createOrganization(stack, { kind: OrganizationKind.COMPANY, verified: true, owner: partner.user });
      const offer = (await stack.gql(CREATE_OFFER, { input: offerInput(org.id) }, { token: partner.token })).data!.createOffer;
      const runner = stack.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.manager.getRepository(Offer).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id', { id: offer.id }).getOne();
        const res = await stack.gql('mutation($id: ID!) { publishOffer(id: $id) { status } }', { id: offer.id }, { token: partner.token });
        expect(res.errors![0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
        expect(res.errors![0].message).toMatch(/did not answer in time/);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    } finally {
      await stack.close();
    }
  });

  it('a request waiting for a pooled connection gives up after DB_POOL_ACQUIRE_TIMEOUT_MS', async () => {
    const stack = await startStack({ env: { DB_POOL_SIZE: '1', DB_POOL_ACQUIRE_TIMEOUT_MS: '300' } });
    try {
      const user = await createUser(stack);
      const runner = stack.dataSource.createQueryRunner();
      await runner.connect();
      try {
        const res = await stack.gql('{ me { id name } }', {}, { token: user.token });
        expect(codeOf(res)).toBe('SERVICE_UNAVAILABLE');
      } finally {
        await runner.release();
      }
      expect((await stack.gql('{ me { id } }', {}, { token: user.token })).data?.me.id).toBe(user.user.id);
    } finally {
      await stack.close();
    }
  });
});

describe('HTTP basics', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env: { CORS_ORIGINS: 'https://app.example.org' } });
  });
  afterAll(() => stack.close());

  it('sends the security headers and no X-Powered-By', async () => {
    for (const path of ['/health/live', '/graphql']) {
      const res = await fetch(
        `${stack.url}${path}`,
        path === '/graphql' ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' } : {},
      );
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('allows CORS from the configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const allowed = await preflight('https://app.example.org');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
