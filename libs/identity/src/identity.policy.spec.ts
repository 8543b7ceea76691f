import { ForbiddenError, UnauthenticatedError, Viewer } from '@brobygge/core';
import { IdentityPolicy } from './identity.policy';
import type { Organization } from './organization.entity';

const viewer = (over: Partial<Viewer> = {}): Viewer => ({
  id: 'u1',
  email: 'u1@example.org',
  name: 'U',
  locale: 'sv',
  isAdmin: false,
  coordinatorRegions: [],
  memberships: new Map(),
  ...over,
});
const org = { id: 'o1', regionCode: 'se-malmo' } as Organization;

describe('IdentityPolicy', () => {
  it("shows a user's account details (e-mail, roles, regions, memberships) to that user and to admins only", () => {
    expect(IdentityPolicy.mayReadAccount(viewer(), 'u1')).toBe(true);
    expect(IdentityPolicy.mayReadAccount(viewer(), 'u2')).toBe(false);
    expect(IdentityPolicy.mayReadAccount(viewer({ coordinatorRegions: ['se-malmo'] }), 'u2')).toBe(false);
    expect(IdentityPolicy.mayReadAccount(viewer({ memberships: new Map([['o1', 'OWNER']]) }), 'u2')).toBe(false);
    expect(IdentityPolicy.mayReadAccount(viewer({ isAdmin: true }), 'u2')).toBe(true);
    expect(IdentityPolicy.mayReadAccount(null, 'u1')).toBe(false);
  });

  it('lets owners invite, and nobody else', () => {
    expect(() => IdentityPolicy.assertCanInvite(null, org)).toThrow(UnauthenticatedError);
    expect(() => IdentityPolicy.assertCanInvite(viewer({ memberships: new Map([['o1', 'MEMBER']]) }), org)).toThrow(ForbiddenError);
    expect(() => IdentityPolicy.assertCanInvite(viewer({ isAdmin: true }), org)).toThrow(ForbiddenError);
    expect(IdentityPolicy.assertCanInvite(viewer({ memberships: new Map([['o1', 'OWNER']]) }), org).id).toBe('u1');
  });

  it("lets owners, the region's coordinators and admins edit an organisation's profile, not members", () => {
    expect(() => IdentityPolicy.assertCanEditOrganization(null, org)).toThrow(UnauthenticatedError);
    expect(() => IdentityPolicy.assertCanEditOrganization(viewer({ memberships: new Map([['o1', 'MEMBER']]) }), org)).toThrow(ForbiddenError);
    expect(() => IdentityPolicy.assertCanEditOrganization(viewer({ memberships: new Map([['o2', 'OWNER']]) }), org)).toThrow(ForbiddenError);
    expect(() => IdentityPolicy.assertCanEditOrganization(viewer({ coordinatorRegions: ['dk-hovedstaden'] }), org)).toThrow(ForbiddenError);
    expect(IdentityPolicy.assertCanEditOrganization(viewer({ memberships: new Map([['o1', 'OWNER']]) }), org).id).toBe('u1');
    expect(IdentityPolicy.assertCanEditOrganization(viewer({ coordinatorRegions: ['se-malmo'] }), org).id).toBe('u1');
    expect(IdentityPolicy.assertCanEditOrganization(viewer({ isAdmin: true }), org).id).toBe('u1');
  });

  it("shows an organisation's contact to its members, the region's coordinators and admins", () => {
    expect(IdentityPolicy.mayReadContact(viewer({ memberships: new Map([['o1', 'MEMBER']]) }), org)).toBe(true);
    expect(IdentityPolicy.mayReadContact(viewer({ coordinatorRegions: ['se-malmo'] }), org)).toBe(true);
    expect(IdentityPolicy.mayReadContact(viewer({ isAdmin: true }), org)).toBe(true);
    expect(IdentityPolicy.mayReadContact(viewer({ coordinatorRegions: ['dk-hovedstaden'] }), org)).toBe(false);
    expect(IdentityPolicy.mayReadContact(viewer(), org)).toBe(false);
    expect(IdentityPolicy.mayReadContact(null, org)).toBe(false);
  });

  it("lets the region's coordinators and admins supervise an organisation", () => {
    expect(() => IdentityPolicy.assertCanSupervise(viewer({ coordinatorRegions: ['dk-hovedstaden'] }), org)).toThrow(ForbiddenError);
    expect(IdentityPolicy.assertCanSupervise(viewer({ coordinatorRegions: ['se-malmo'] }), org).id).toBe('u1');
    expect(IdentityPolicy.assertCanSupervise(viewer({ isAdmin: true }), org).id).toBe('u1');
  });

  it("lets the region's coordinators and admins import its school register, nobody else", () => {
    expect(() => IdentityPolicy.assertCanImportSchools(null, 'se-malmo')).toThrow(UnauthenticatedError);
    expect(() => IdentityPolicy.assertCanImportSchools(viewer(), 'se-malmo')).toThrow(ForbiddenError);
    expect(() => IdentityPolicy.assertCanImportSchools(viewer({ memberships: new Map([['o1', 'OWNER']]) }), 'se-malmo')).toThrow(ForbiddenError);
    expect(() => IdentityPolicy.assertCanImportSchools(viewer({ coordinatorRegions: ['se-skane'] }), 'se-malmo')).toThrow(ForbiddenError);
    expect(IdentityPolicy.assertCanImportSchools(viewer({ coordinatorRegions: ['se-skane', 'se-malmo'] }), 'se-malmo').id).toBe('u1');
    expect(IdentityPolicy.assertCanImportSchools(viewer({ isAdmin: true }), 'se-malmo').id).toBe('u1');
  });
});
