/**
 * The permission matrix of every identity mutation against every role (RULES.md):
 * anonymous → UNAUTHENTICATED, signed in without the right → FORBIDDEN, allowed → data.
 */
import { randomUUID } from 'node:crypto';
import { hashToken, Invitation, MembershipRole, Organization } from '@brobygge/identity';
import { createOrganization, createUser, PASSWORD, TestUser } from '../support/factories';
import { startStack, TestStack } from '../support/stack';

type Role = 'anonymous' | 'unrelated' | 'member' | 'owner' | 'coordinatorElsewhere' | 'coordinator' | 'admin';
const ROLES: Role[] = ['anonymous', 'unrelated', 'member', 'owner', 'coordinatorElsewhere', 'coordinator', 'admin'];
type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

interface World {
  org: Organization;
  users: Record<Exclude<Role, 'anonymous'>, TestUser>;
}

async function buildWorld(stack: TestStack): Promise<World> {
  const users = {
    unrelated: await createUser(stack),
    member: await createUser(stack),
    owner: await createUser(stack),
    coordinatorElsewhere: await createUser(stack, { coordinatorOf: ['dk-hovedstaden'] }),
    coordinator: await createUser(stack, { coordinatorOf: ['se-malmo'] }),
    admin: await createUser(stack, { admin: true }),
  };
  const org = await createOrganization(stack, { regionCode: 'se-malmo', owner: users.owner.user, members: [users.member.user] });
  return { org, users };
}

interface Case {
  mutation: string;
  query: string;
  variables: (w: World, caller: TestUser | null) => Promise<Record<string, unknown>> | Record<string, unknown>;
  expect: Record<Role, Outcome>;
  /** Destroys or changes the caller: every role gets a fresh world. */
  fresh?: boolean;
}

const ALL_SIGNED_IN: Record<Role, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  unrelated: 'OK',
  member: 'OK',
  owner: 'OK',
  coordinatorElsewhere: 'OK',
  coordinator: 'OK',
  admin: 'OK',
};
const SUPERVISORS: Record<Role, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  unrelated: 'FORBIDDEN',
  member: 'FORBIDDEN',
  owner: 'FORBIDDEN',
  coordinatorElsewhere: 'FORBIDDEN',
  coordinator: 'OK',
  admin: 'OK',
};
const ANYONE: Record<Role, Outcome> = {
  anonymous: 'OK',
  unrelated: 'OK',
  member: 'OK',
  owner: 'OK',
  coordinatorElsewhere: 'OK',
  coordinator: 'OK',
  admin: 'OK',
};

const CASES: Case[] = [
  {
    mutation: 'register',
    query: 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }',
    variables: () => ({ i: { email: `r-${randomUUID()}@example.org`, password: '0123456789', name: 'R' } }),
    expect: ANYONE,
  },
  {
    mutation: 'login',
    query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
    variables: (w) => ({ i: { email: w.users.unrelated.user.email, password: PASSWORD } }),
    expect: ANYONE,
  },
  {
    mutation: 'updateProfile',
    query: 'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }',
    variables: () => ({ i: { name: 'Renamed' } }),
    expect: ALL_SIGNED_IN,
  },
  {
    mutation: 'createOrganization',
    query: 'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
    variables: () => ({ i: { kind: 'COMPANY', name: 'New AB', regionCode: 'se-skane', municipality: 'Lund', countryCode: 'SE' } }),
    expect: ALL_SIGNED_IN,
  },
  {
    mutation: 'inviteMember',
    query: 'mutation($i: InviteMemberInput!) { inviteMember(input: $i) }',
    variables: (w) => ({ i: { organizationId: w.org.id, email: `inv-${randomUUID()}@example.org`, role: 'MEMBER' } }),
    expect: { ...SUPERVISORS, coordinator: 'FORBIDDEN', admin: 'FORBIDDEN', owner: 'OK' },
  },
  {
    mutation: 'acceptInvitation (addressed to the caller)',
    query: 'mutation($t: String!) { acceptInvitation(token: $t) { role } }',
    variables: async (w, caller) => {
      const token = randomUUID();
      await stackRef.dataSource.getRepository(Invitation).insert({
        organizationId: w.org.id,
        email: caller?.user.email ?? 'nobody@example.org',
        role: MembershipRole.MEMBER,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + 3600_000),
      });
      return { t: token };
    },
    expect: ALL_SIGNED_IN,
  },
  {
    mutation: 'verifyOrganization',
    query: 'mutation($id: ID!) { verifyOrganization(id: $id) { id } }',
    variables: (w) => ({ id: w.org.id }),
    expect: SUPERVISORS,
  },
  {
    mutation: 'setOrganizationPriority',
    query: 'mutation($id: ID!) { setOrganizationPriority(id: $id, priority: true) { id } }',
    variables: (w) => ({ id: w.org.id }),
    expect: SUPERVISORS,
  },
  {
    mutation: 'grantCoordinator',
    query: 'mutation($u: ID!, $r: [ID!]!) { grantCoordinator(userId: $u, regionCodes: $r) { id } }',
    variables: (w) => ({ u: w.users.unrelated.user.id, r: ['se-skane'] }),
    expect: { ...SUPERVISORS, coordinator: 'FORBIDDEN' },
  },
  {
    mutation: 'exportMyData',
    query: 'mutation { exportMyData }',
    variables: () => ({}),
    expect: ALL_SIGNED_IN,
  },
  {
    mutation: 'deleteMyAccount',
    query: 'mutation($p: String!) { deleteMyAccount(password: $p) }',
    variables: () => ({ p: PASSWORD }),
    expect: ALL_SIGNED_IN,
    fresh: true,
  },
];

let stackRef: TestStack;

describe('identity permission matrix', () => {
  let shared: World;
  beforeAll(async () => {
    stackRef = await startStack({ api: true });
    shared = await buildWorld(stackRef);
  });
  afterAll(() => stackRef.close());

  const rows = CASES.flatMap((c) => ROLES.map((role) => [c.mutation, role, c.expect[role], c] as const));

  it.each(rows)('%s as %s → %s', async (_name, role, expected, c) => {
    const world = c.fresh ? await buildWorld(stackRef) : shared;
    const caller = role === 'anonymous' ? null : world.users[role];
    const res = await stackRef.gql(c.query, await c.variables(world, caller), { token: caller?.token });
    if (expected === 'OK') {
      expect(res.errors).toBeUndefined();
      expect(res.data).toBeTruthy();
    } else {
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual([expected]);
    }
  });

  it('answers NOT_FOUND, not FORBIDDEN, for organisation ids that do not exist, whatever the role', async () => {
    for (const query of ['mutation($id: ID!) { verifyOrganization(id: $id) { id } }', 'mutation($id: ID!) { setOrganizationPriority(id: $id, priority: true) { id } }']) {
      for (const role of ['unrelated', 'coordinator', 'admin'] as const) {
        const res = await stackRef.gql(query, { id: randomUUID() }, { token: shared.users[role].token });
        expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      }
    }
    const res = await stackRef.gql(
      'mutation($u: ID!) { grantCoordinator(userId: $u, regionCodes: ["se-malmo"]) { id } }',
      { u: randomUUID() },
      { token: shared.users.admin.token },
    );
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('shows an admin the e-mail and new roles of a user they granted rights to', async () => {
    const q = 'mutation($u: ID!) { grantCoordinator(userId: $u, regionCodes: ["se-malmo"]) { id email roles coordinatorRegions { code } } }';
    const res = await stackRef.gql(q, { u: shared.users.member.user.id }, { token: shared.users.admin.token });
    expect(res.data!.grantCoordinator).toMatchObject({ email: shared.users.member.user.email, roles: ['COORDINATOR'] });
    const me = await stackRef.gql('{ me { email coordinatorRegions { code } } }', {}, { token: shared.users.member.token });
    expect(me.data!.me).toEqual({ email: shared.users.member.user.email, coordinatorRegions: [{ code: 'se-malmo' }] });
  });
});
