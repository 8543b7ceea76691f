/**
 * The viewer cache (issue 17, point 3; docs/decisions.md, "The viewer cache (issue 17)").
 * Two API instances share Postgres and Redis: a request on API 1 caches the viewer; a
 * change made through API 2, or straight in the database, is seen by the very next
 * request on API 1. And the cache is used: a warmed signed-in request reads one row of
 * versions, not the viewer.
 */
import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { hashToken, Invitation, MembershipRole, Organization } from '@brobygge/identity';
import { createOrganization, createUser, PASSWORD, TestUser } from '../support/factories';
import { countQueries } from '../support/queries';
import { startStack, TestStack } from '../support/stack';

const ME = '{ me { id name locale } }';
const TARGETS = 'query($r: ID!) { targets(regionCode: $r) { id } }';
const UPDATE_ORG = 'mutation($id: ID!, $i: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $i) { id } }';

describe('viewer cache (issue 17)', () => {
  let stack: TestStack;
  let api2: string;
  let admin: TestUser;

  beforeAll(async () => {
    stack = await startStack({ api: true });
    api2 = await stack.secondApi();
    admin = await createUser(stack, { admin: true });
  });
  afterAll(() => stack?.close());

  /** On API 1 (the stack's). */
  const on1 = (query: string, variables: Record<string, unknown>, token: string) => stack.gql(query, variables, { token });
  const on2 = (query: string, variables: Record<string, unknown>, token: string) => stack.gql(query, variables, { token, url: api2 });
  const code = (r: { errors?: Array<{ extensions?: Record<string, any> }> }) => r.errors?.[0]?.extensions?.code ?? 'OK';

  /** The request's SQL statements on API 1. */
  const queriesOn1 = async (query: string, variables: Record<string, unknown>, token: string) =>
    (await countQueries(stack.dataSource, () => on1(query, variables, token))).queries;

  async function ownerOf(): Promise<{ owner: TestUser; org: Organization }> {
    const owner = await createUser(stack);
    const org = await createOrganization(stack, { regionCode: 'se-malmo', owner: owner.user });
    return { owner, org };
  }

  it('uses the cached viewer: a warmed { me } reads the versions only, and an unrelated write keeps it', async () => {
    const { token, user } = await createUser(stack);
    expect((await on1(ME, {}, token)).data?.me.id).toBe(user.id); // loads and caches
    expect(await queriesOn1(ME, {}, token)).toBe(1); // the one read of versions
    // The worker's digest bookkeeping and catalogue writes are not part of the viewer.
    await stack.dataSource.query(`UPDATE app_user SET last_digest_at = now() WHERE id = $1`, [user.id]);
    await createOrganization(stack, { regionCode: 'se-malmo' });
    expect(await queriesOn1(ME, {}, token)).toBe(1);
    // Another person's change does not evict this one either.
    const other = await createUser(stack);
    await on2('mutation { updateProfile(input: { name: "Someone else" }) { id } }', {}, other.token);
    expect(await queriesOn1(ME, {}, token)).toBe(1);
  });

  it('a profile change through API 2 is in the next { me } on API 1', async () => {
    const { token } = await createUser(stack, { name: 'Before', locale: 'en' });
    expect((await on1(ME, {}, token)).data?.me).toMatchObject({ name: 'Before', locale: 'EN' });
    const changed = await on2('mutation { updateProfile(input: { name: "After", locale: DA }) { id } }', {}, token);
    expect(code(changed)).toBe('OK');
    expect((await on1(ME, {}, token)).data?.me).toMatchObject({ name: 'After', locale: 'DA' });
  });

  it('an erased account (deleteMyAccount on API 2) is UNAUTHENTICATED at once on API 1', async () => {
    const { token } = await createUser(stack);
    expect(code(await on1(ME, {}, token))).toBe('OK');
    const erased = await on2('mutation($p: String!) { deleteMyAccount(password: $p) }', { p: PASSWORD }, token);
    expect(erased.errors).toBeUndefined();
    const after = await on1(ME, {}, token);
    expect(code(after)).toBe('UNAUTHENTICATED');
    expect(after.errors?.[0].message).toBe('This account no longer exists.');
  });

  it('an accepted invitation (API 2) makes an owner on API 1; a membership removed in the database takes it away', async () => {
    const { org } = await ownerOf();
    const invitee = await createUser(stack);
    const variables = { id: org.id, i: { description: `Described ${randomUUID()}` } };
    expect(code(await on1(UPDATE_ORG, variables, invitee.token))).toBe('FORBIDDEN'); // caches the viewer without membership
    const secret = randomUUID();
    await stack.dataSource.getRepository(Invitation).insert({
      organizationId: org.id,
      email: invitee.user.email,
      role: MembershipRole.OWNER,
      tokenHash: hashToken(secret),
      expiresAt: new Date(Date.now() + 3600_000),
    });
    expect((await on2('mutation($t: String!) { acceptInvitation(token: $t) { role } }', { t: secret }, invitee.token)).data?.acceptInvitation.role).toBe('OWNER');
    expect(code(await on1(UPDATE_ORG, variables, invitee.token))).toBe('OK');
    // No mutation revokes a membership yet: hand-written SQL is a writer too.
    await stack.dataSource.query(`DELETE FROM membership WHERE user_id = $1 AND organization_id = $2`, [invitee.user.id, org.id]);
    expect(code(await on1(UPDATE_ORG, variables, invitee.token))).toBe('FORBIDDEN');
  });

  it('a granted coordinator region (API 2) and an admin flag set in the database count on the next request', async () => {
    const { token, user } = await createUser(stack);
    expect(code(await on1(TARGETS, { r: 'se-malmo' }, token))).toBe('FORBIDDEN');
    const granted = await on2('mutation($u: ID!, $r: [ID!]!) { grantCoordinator(userId: $u, regionCodes: $r) { id } }', { u: user.id, r: ['se-malmo'] }, admin.token);
    expect(code(granted)).toBe('OK');
    expect(code(await on1(TARGETS, { r: 'se-malmo' }, token))).toBe('OK');
    expect(code(await on1(TARGETS, { r: 'dk-hovedstaden' }, token))).toBe('FORBIDDEN');
    await stack.dataSource.query(`DELETE FROM coordinator_region WHERE user_id = $1`, [user.id]);
    expect(code(await on1(TARGETS, { r: 'se-malmo' }, token))).toBe('FORBIDDEN');
    await stack.dataSource.query(`UPDATE app_user SET is_admin = true WHERE id = $1`, [user.id]);
    expect(code(await on1(TARGETS, { r: 'dk-hovedstaden' }, token))).toBe('OK');
  });

  it('a token verified once still expires on time', async () => {
    const { user } = await createUser(stack);
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await stack.api!.get(JwtService).signAsync({ sub: user.id, exp });
    expect(code(await on1(ME, {}, token))).toBe('OK'); // verified, remembered
    expect(code(await on1(ME, {}, token))).toBe('OK');
    await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 20));
    const late = await on1(ME, {}, token);
    expect(code(late)).toBe('UNAUTHENTICATED');
    expect(late.errors?.[0].message).toBe('Your session has expired. Sign in again.');
  });

  it('a change committed while API 1 is answering many requests is seen by every request that starts after the commit', async () => {
    const { org } = await ownerOf();
    const member = await createUser(stack);
    await stack.dataSource.query(`INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'OWNER')`, [member.user.id, org.id]);
    const variables = { id: org.id, i: { description: 'Busy' } };
    expect(code(await on1(UPDATE_ORG, variables, member.token))).toBe('OK');
    // Requests keep coming on API 1 while the membership goes away; the ones sent after
    // the DELETE returned must all be refused.
    let stop = false;
    const background = (async () => {
      while (!stop) await on1(ME, {}, member.token);
    })();
    await new Promise((r) => setTimeout(r, 50));
    await stack.dataSource.query(`DELETE FROM membership WHERE user_id = $1`, [member.user.id]);
    const after = await Promise.all(Array.from({ length: 20 }, () => on1(UPDATE_ORG, variables, member.token)));
    stop = true;
    await background;
    expect(after.map(code)).toEqual(Array(20).fill('FORBIDDEN'));
  });
});
