/**
 * School profiles and the need index (issue 15): who may edit a profile and set the need
 * index (RULES.md, "Next"), how each field is validated and cleared, who sees the contact
 * person, and that the need index lifts a school's equity factor in suggestions.
 */
import { randomUUID } from 'node:crypto';
import { CollaborationRequest } from '@brobygge/catalog';
import { Organization, OrganizationKind } from '@brobygge/identity';
import { createOffer, createOrganization, createRequest, createUser, TestUser } from '../support/factories';
import { startStack, TestStack } from '../support/stack';

const PROFILE = `id name municipality district latitude longitude description schoolLevels programmes pupilCount needIndex registryCode claimed priority
  contact { name email phone role }`;
const UPDATE = `mutation($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { ${PROFILE} } }`;
const NEED = `mutation($id: ID!, $needIndex: Float) { setOrganizationNeedIndex(id: $id, needIndex: $needIndex) { id needIndex } }`;
const READ = `query($id: ID!) { organization(id: $id) { id contact { name email phone role } } }`;

type Role = 'anonymous' | 'other' | 'member' | 'owner' | 'coordinatorElsewhere' | 'coordinator' | 'admin';
const ROLES: Role[] = ['anonymous', 'other', 'member', 'owner', 'coordinatorElsewhere', 'coordinator', 'admin'];
type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN';

const EDITORS: Record<Role, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  other: 'FORBIDDEN',
  member: 'FORBIDDEN',
  owner: 'OK',
  coordinatorElsewhere: 'FORBIDDEN',
  coordinator: 'OK',
  admin: 'OK',
};
const SUPERVISORS: Record<Role, Outcome> = { ...EDITORS, owner: 'FORBIDDEN' };
const SEES_CONTACT: Record<Exclude<Role, 'anonymous'>, boolean> = {
  other: false,
  member: true,
  owner: true,
  coordinatorElsewhere: false,
  coordinator: true,
  admin: true,
};

const CONTACT = { name: 'Anna Rektor', email: 'anna@skola.example', phone: '+46 40-123 45 67', role: 'Rektor' };

describe('school profiles and the need index', () => {
  let stack: TestStack;
  let users: Record<Exclude<Role, 'anonymous'>, TestUser>;
  let school: Organization;
  let company: Organization;
  const token = (role: Role) => (role === 'anonymous' ? undefined : users[role].token);
  const codes = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) => res.errors?.map((e) => e.extensions?.code);

  beforeAll(async () => {
    stack = await startStack({ api: true });
    users = {
      other: await createUser(stack),
      member: await createUser(stack),
      owner: await createUser(stack),
      coordinatorElsewhere: await createUser(stack, { coordinatorOf: ['dk-hovedstaden'] }),
      coordinator: await createUser(stack, { coordinatorOf: ['se-malmo'] }),
      admin: await createUser(stack, { admin: true }),
    };
    school = await createOrganization(stack, { name: 'Rosengårdsskolan', regionCode: 'se-malmo', owner: users.owner.user, members: [users.member.user] });
    company = await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Kemi AB', regionCode: 'se-malmo', owner: users.owner.user });
  });
  afterAll(() => stack.close());

  describe('who may', () => {
    it.each(ROLES.map((role) => [role, EDITORS[role]] as const))('updateOrganization as %s → %s', async (role, expected) => {
      const district = `Distrikt ${role}`;
      const res = await stack.gql(UPDATE, { id: school.id, input: { district } }, { token: token(role) });
      const row = await stack.dataSource.getRepository(Organization).findOneByOrFail({ id: school.id });
      if (expected === 'OK') {
        expect(res.errors).toBeUndefined();
        expect(res.data!.updateOrganization.district).toBe(district);
        expect(row.district).toBe(district);
      } else {
        expect(codes(res)).toEqual([expected]);
        expect(row.district).not.toBe(district);
      }
    });

    it.each(ROLES.map((role) => [role, SUPERVISORS[role]] as const))('setOrganizationNeedIndex as %s → %s', async (role, expected) => {
      const needIndex = 10 + ROLES.indexOf(role);
      const res = await stack.gql(NEED, { id: school.id, needIndex }, { token: token(role) });
      const row = await stack.dataSource.getRepository(Organization).findOneByOrFail({ id: school.id });
      if (expected === 'OK') {
        expect(res.errors).toBeUndefined();
        expect(res.data!.setOrganizationNeedIndex).toEqual({ id: school.id, needIndex });
        expect(row.needIndex).toBe(needIndex);
      } else {
        expect(codes(res)).toEqual([expected]);
        expect(row.needIndex).not.toBe(needIndex);
      }
    });

    it('answers NOT_FOUND for an organisation that does not exist, whatever the role', async () => {
      for (const role of ['other', 'owner', 'coordinator', 'admin'] as const) {
        for (const id of [randomUUID(), 'not-a-uuid']) {
          expect(codes(await stack.gql(UPDATE, { id, input: { district: 'X' } }, { token: token(role) }))).toEqual(['NOT_FOUND']);
          expect(codes(await stack.gql(NEED, { id, needIndex: 50 }, { token: token(role) }))).toEqual(['NOT_FOUND']);
        }
      }
    });

    it('checks the right before the input: a member with a bad input is still FORBIDDEN', async () => {
      expect(codes(await stack.gql(UPDATE, { id: school.id, input: { pupilCount: -1 } }, { token: token('member') }))).toEqual(['FORBIDDEN']);
      expect(codes(await stack.gql(NEED, { id: school.id, needIndex: 500 }, { token: token('owner') }))).toEqual(['FORBIDDEN']);
    });
  });

  describe('updateOrganization', () => {
    it('changes only the fields given, normalising levels and programmes', async () => {
      await stack.gql(UPDATE, { id: school.id, input: { name: 'Rosengårdsskolan', municipality: 'Malmö', description: 'Vi har NA och TE.' } }, { token: token('owner') });
      const res = await stack.gql(
        UPDATE,
        {
          id: school.id,
          input: {
            district: ' Rosengård ',
            latitude: 55.5886,
            longitude: 13.0446,
            schoolLevels: ['UPPER_SECONDARY', 'LOWER_SECONDARY', 'UPPER_SECONDARY'],
            programmes: ['na', ' TE ', 'NA', 'IMA'],
            pupilCount: 640,
            contact: CONTACT,
          },
        },
        { token: token('coordinator') },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateOrganization).toMatchObject({
        name: 'Rosengårdsskolan',
        municipality: 'Malmö',
        description: 'Vi har NA och TE.',
        district: 'Rosengård',
        latitude: 55.5886,
        longitude: 13.0446,
        schoolLevels: ['UPPER_SECONDARY', 'LOWER_SECONDARY'],
        programmes: ['NA', 'TE', 'IMA'],
        pupilCount: 640,
        registryCode: null,
        claimed: true,
        contact: CONTACT,
      });
      // Only the pupil count given: the rest stays.
      const again = await stack.gql(UPDATE, { id: school.id, input: { pupilCount: 650 } }, { token: token('owner') });
      expect(again.data!.updateOrganization).toMatchObject({ pupilCount: 650, district: 'Rosengård', programmes: ['NA', 'TE', 'IMA'], contact: CONTACT });
      // A contact is replaced as a whole.
      const replaced = await stack.gql(UPDATE, { id: school.id, input: { contact: { name: 'Bo Studievägledare' } } }, { token: token('owner') });
      expect(replaced.data!.updateOrganization.contact).toEqual({ name: 'Bo Studievägledare', email: null, phone: null, role: null });
    });

    it('clears the nullable fields given as null, and empties the lists', async () => {
      await stack.gql(
        UPDATE,
        {
          id: school.id,
          input: {
            district: 'Fosie',
            latitude: 55.56,
            longitude: 13.02,
            description: 'Text',
            pupilCount: 300,
            contact: CONTACT,
            programmes: ['EE'],
            schoolLevels: ['PRIMARY'],
          },
        },
        { token: token('owner') },
      );
      const res = await stack.gql(
        UPDATE,
        {
          id: school.id,
          input: { district: null, latitude: null, longitude: null, description: null, pupilCount: null, contact: null, programmes: null, schoolLevels: [] },
        },
        { token: token('owner') },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateOrganization).toMatchObject({
        name: 'Rosengårdsskolan',
        district: null,
        latitude: null,
        longitude: null,
        description: null,
        pupilCount: null,
        contact: null,
        programmes: [],
        schoolLevels: [],
      });
      const row = await stack.dataSource.getRepository(Organization).findOneByOrFail({ id: school.id });
      expect(row).toMatchObject({
        district: null,
        latitude: null,
        longitude: null,
        description: null,
        pupilCount: null,
        contact: null,
        programmes: [],
        schoolLevels: [],
      });
    });

    const long = (n: number) => 'x'.repeat(n);
    const manyProgrammes = Array.from({ length: 21 }, (_, i) => String.fromCharCode(65 + (i % 26)) + String.fromCharCode(65 + Math.floor(i / 26)) + 'X');
    it.each<[string, Record<string, unknown>, string]>([
      ['an empty name', { name: '  ' }, 'input.name'],
      ['a name cleared', { name: null }, 'input.name'],
      ['a name too long', { name: long(201) }, 'input.name'],
      ['a name over two lines', { name: 'Rosengård\nskolan' }, 'input.name'],
      ['a municipality cleared', { municipality: null }, 'input.municipality'],
      ['a municipality too long', { municipality: long(201) }, 'input.municipality'],
      ['a district too long', { district: long(201) }, 'input.district'],
      ['a latitude without a longitude', { latitude: 55.6 }, 'input.longitude'],
      ['a longitude without a latitude', { longitude: 13 }, 'input.latitude'],
      ['a latitude cleared alone', { latitude: null, longitude: 13 }, 'input.latitude'],
      ['a latitude out of range', { latitude: 91, longitude: 13 }, 'input.latitude'],
      ['a longitude out of range', { latitude: 55, longitude: -181 }, 'input.longitude'],
      ['a description too long', { description: long(5001) }, 'input.description'],
      ['a programme code with a digit', { programmes: ['NA', 'T3'] }, 'input.programmes.1'],
      ['a programme code too long', { programmes: ['NATURV'] }, 'input.programmes.0'],
      ['a programme code too short', { programmes: ['N'] }, 'input.programmes.0'],
      ['more than 20 programmes', { programmes: manyProgrammes }, 'input.programmes'],
      ['a negative pupil count', { pupilCount: -1 }, 'input.pupilCount'],
      ['a pupil count too large', { pupilCount: 100001 }, 'input.pupilCount'],
      ['a contact without a name', { contact: { name: ' ', email: 'a@b.se' } }, 'input.contact.name'],
      ['a contact name too long', { contact: { name: long(201) } }, 'input.contact.name'],
      ['a contact e-mail that is not one', { contact: { name: 'Anna', email: 'anna at skola' } }, 'input.contact.email'],
      ['a contact phone with letters', { contact: { name: 'Anna', phone: 'call me' } }, 'input.contact.phone'],
      ['a contact phone too short', { contact: { name: 'Anna', phone: '123' } }, 'input.contact.phone'],
      ['a contact role too long', { contact: { name: 'Anna', role: long(101) } }, 'input.contact.role'],
    ])('refuses %s with BAD_USER_INPUT naming the field, and changes nothing', async (_what, input, field) => {
      const before = await stack.dataSource.getRepository(Organization).findOneByOrFail({ id: school.id });
      const res = await stack.gql(UPDATE, { id: school.id, input: { pupilCount: 777, ...input } }, { token: token('owner') });
      expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', field]]);
      expect(res.errors![0].message).toMatch(/\S/);
      const after = await stack.dataSource.getRepository(Organization).findOneByOrFail({ id: school.id });
      expect(after).toEqual(before);
    });

    it('refuses numbers GraphQL cannot carry (a fractional pupil count, an infinite coordinate) as BAD_USER_INPUT', async () => {
      expect(codes(await stack.gql(UPDATE, { id: school.id, input: { pupilCount: 1.5 } }, { token: token('owner') }))).toEqual(['BAD_USER_INPUT']);
      const literal = await stack.gql(
        `mutation($id: ID!) { updateOrganization(id: $id, input: { latitude: 1e400, longitude: 13 }) { id } }`,
        { id: school.id },
        { token: token('owner') },
      );
      expect(literal.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'input.latitude']]);
    });

    it('keeps school levels, programmes and pupil counts to schools (clearing them is fine)', async () => {
      for (const [input, field] of [
        [{ schoolLevels: ['PRIMARY'] }, 'input.schoolLevels'],
        [{ programmes: ['NA'] }, 'input.programmes'],
        [{ pupilCount: 10 }, 'input.pupilCount'],
      ] as const) {
        const res = await stack.gql(UPDATE, { id: company.id, input }, { token: token('owner') });
        expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', field]]);
      }
      const res = await stack.gql(
        UPDATE,
        { id: company.id, input: { schoolLevels: [], programmes: null, pupilCount: null, description: 'Laboratorier', contact: CONTACT } },
        { token: token('owner') },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateOrganization).toMatchObject({ description: 'Laboratorier', contact: CONTACT, schoolLevels: [], programmes: [], pupilCount: null });
    });
  });

  describe('setOrganizationNeedIndex', () => {
    it('takes 0 to 100 and null (unknown)', async () => {
      for (const needIndex of [0, 100, 42.5, null]) {
        const res = await stack.gql(NEED, { id: school.id, needIndex }, { token: token('coordinator') });
        expect(res.errors).toBeUndefined();
        expect(res.data!.setOrganizationNeedIndex.needIndex).toBe(needIndex);
        expect((await stack.dataSource.getRepository(Organization).findOneByOrFail({ id: school.id })).needIndex).toBe(needIndex);
      }
    });

    it('refuses values outside 0..100, infinity and non-numbers with BAD_USER_INPUT', async () => {
      await stack.gql(NEED, { id: school.id, needIndex: 30 }, { token: token('admin') });
      for (const needIndex of [-0.1, 100.5, 1000]) {
        const res = await stack.gql(NEED, { id: school.id, needIndex }, { token: token('admin') });
        expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'needIndex']]);
      }
      const infinite = await stack.gql(`mutation($id: ID!) { setOrganizationNeedIndex(id: $id, needIndex: 1e400) { id } }`, { id: school.id }, { token: token('admin') });
      expect(infinite.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'needIndex']]);
      expect(codes(await stack.gql(NEED, { id: school.id, needIndex: 'NaN' }, { token: token('admin') }))).toEqual(['BAD_USER_INPUT']);
      expect((await stack.dataSource.getRepository(Organization).findOneByOrFail({ id: school.id })).needIndex).toBe(30);
    });

    it('is for schools only (CONFLICT), like priority', async () => {
      expect(codes(await stack.gql(NEED, { id: company.id, needIndex: 50 }, { token: token('coordinator') }))).toEqual(['CONFLICT']);
      expect((await stack.gql(NEED, { id: company.id, needIndex: null }, { token: token('coordinator') })).errors).toBeUndefined();
    });
  });

  describe('Organization.contact', () => {
    it.each(Object.entries(SEES_CONTACT))('as %s: sees it → %s (null otherwise)', async (role, sees) => {
      await stack.gql(UPDATE, { id: school.id, input: { contact: CONTACT } }, { token: token('owner') });
      const res = await stack.gql(READ, { id: school.id }, { token: token(role as Role) });
      expect(res.errors).toBeUndefined();
      expect(res.data!.organization.contact).toEqual(sees ? CONTACT : null);
    });

    it('is null for everyone when the organisation has none, and the directory is for signed-in users only', async () => {
      const bare = await createOrganization(stack, { regionCode: 'se-malmo', owner: users.owner.user });
      expect((await stack.gql(READ, { id: bare.id }, { token: token('owner') })).data!.organization.contact).toBeNull();
      expect(codes(await stack.gql(READ, { id: school.id }))).toEqual(['UNAUTHENTICATED']);
    });

    it("does not leak through the public, cached offer list: an offer's organisation shows the contact only to those who may see it", async () => {
      await stack.gql(UPDATE, { id: company.id, input: { contact: CONTACT } }, { token: token('owner') });
      await createOffer(stack, { organizationId: company.id });
      const q = `{ offers(first: 50) { edges { node { organization { id contact { name } } } } } }`;
      const contactFor = async (role: Role) => {
        const res = await stack.gql(q, {}, { token: token(role) });
        expect(res.errors).toBeUndefined();
        const orgs = (res.data!.offers.edges as Array<{ node: { organization: { id: string; contact: { name: string } | null } } }>).map((e) => e.node.organization);
        expect(orgs.some((o) => o.id === company.id)).toBe(true);
        return orgs.find((o) => o.id === company.id)!.contact;
      };
      // Each asked twice, in turn, so that an answer cached for one would show up for the next
      // (the list is cacheable across signed-in users; anonymous callers may not list yet).
      for (let round = 0; round < 2; round++) {
        expect(await contactFor('owner')).toEqual({ name: CONTACT.name });
        expect(await contactFor('other')).toBeNull();
        expect(await contactFor('coordinator')).toEqual({ name: CONTACT.name });
      }
    });
  });

  describe('the need index in the score', () => {
    const SUGGESTED = `query($id: ID!) { offer(id: $id) { suggestedRequests(first: 10) { score request { id } factors { factor value explanation } } } }`;

    it("raises a school's equity factor, its score and its place among suggestions, and is explained", async () => {
      const partner = await createUser(stack);
      const lab = await createOrganization(stack, {
        kind: OrganizationKind.COMPANY,
        regionCode: 'se-malmo',
        verified: true,
        owner: partner.user,
        latitude: 55.611,
        longitude: 12.9945,
      });
      const offer = await createOffer(stack, { organizationId: lab.id, focusAreas: ['materials'] });
      // Two schools alike in everything but their need index.
      const place = { latitude: 55.5886, longitude: 13.0446 };
      const a = await createOrganization(stack, { name: 'Skola A', regionCode: 'se-malmo', ...place });
      const b = await createOrganization(stack, { name: 'Skola B', regionCode: 'se-malmo', ...place });
      const requests: Record<string, CollaborationRequest> = {
        a: await createRequest(stack, { organizationId: a.id, focusAreas: ['materials'] }),
        b: await createRequest(stack, { organizationId: b.id, focusAreas: ['materials'] }),
      };
      const suggested = async () => {
        const res = await stack.gql(SUGGESTED, { id: offer.id }, { token: partner.token });
        expect(res.errors).toBeUndefined();
        const list = res.data!.offer.suggestedRequests as Array<{
          score: number;
          request: { id: string };
          factors: Array<{ factor: string; value: number; explanation: string }>;
        }>;
        return list.map((s) => ({ id: s.request.id, score: s.score, equity: s.factors.find((f) => f.factor === 'equity')! }));
      };
      const before = await suggested();
      expect(before.map((s) => s.id).sort()).toEqual([requests.a.id, requests.b.id].sort());
      expect(before[0].score).toBe(before[1].score);
      expect(before[0].equity.explanation).toBe('No activities in the last 12 months.');
      // The one that came second (ties go by id) gets a high need index from the coordinator.
      const second = before[1].id === requests.a.id ? a : b;
      expect((await stack.gql(NEED, { id: second.id, needIndex: 80 }, { token: token('coordinator') })).errors).toBeUndefined();
      const after = await suggested();
      expect(after[0].id).toBe(before[1].id);
      expect(after[0].equity.value).toBeGreaterThan(before[1].equity.value);
      expect(after[0].equity.value).toBe(0.7); // 0.5 + 0.5 × 80 / 200
      expect(after[0].equity.explanation).toBe('Need index 80 of 100; no activities in the last 12 months.');
      expect(after[0].score).toBeGreaterThan(after[1].score);
      expect(after[1]).toEqual(before[0]); // the other school is untouched
      // Cleared again: the tie is back.
      await stack.gql(NEED, { id: second.id, needIndex: null }, { token: token('coordinator') });
      expect(await suggested()).toEqual(before);
    });
  });
});
