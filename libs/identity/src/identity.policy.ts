import { ForbiddenError, requireSignedIn } from '@brobygge/core';
import { MembershipRole } from './enums';
import type { Organization } from './organization.entity';
import type { Actor, Viewer } from './viewer';

/**
 * Who may do what with people and organisations (../shared/api/RULES.md). Resolvers and
 * services ask here; nothing else decides. Anonymous → UNAUTHENTICATED, signed in without
 * the right → FORBIDDEN (objects the caller may not see are NOT_FOUND in the services).
 */
export const IdentityPolicy = {
  signedIn: requireSignedIn,

  isAdmin(actor: Actor): boolean {
    return !!actor?.isAdmin;
  },

  coordinates(actor: Actor, regionCode: string): boolean {
    return !!actor && (actor.isAdmin || actor.coordinatorRegions.includes(regionCode));
  },

  isMember(actor: Actor, organizationId: string): boolean {
    return !!actor?.memberships.has(organizationId);
  },

  isOwner(actor: Actor, organizationId: string): boolean {
    return actor?.memberships.get(organizationId) === MembershipRole.OWNER;
  },

  /** Every signed-in user sees the directory of organisations (requests and offers name them). */
  assertCanSeeOrganization(actor: Actor): Viewer {
    return IdentityPolicy.signedIn(actor);
  },

  assertCanInvite(actor: Actor, org: Organization): Viewer {
    const viewer = IdentityPolicy.signedIn(actor);
    if (!IdentityPolicy.isOwner(viewer, org.id)) throw new ForbiddenError('Only an owner of the organisation can invite members.');
    return viewer;
  },

  /** verifyOrganization, setOrganizationPriority and setOrganizationNeedIndex: the region's coordinators, admins. */
  assertCanSupervise(actor: Actor, org: Organization): Viewer {
    const viewer = IdentityPolicy.signedIn(actor);
    if (!IdentityPolicy.coordinates(viewer, org.regionCode)) {
      throw new ForbiddenError("Only a coordinator of the organisation's region or an admin can do this.");
    }
    return viewer;
  },

  /** updateOrganization: the organisation's owners, the region's coordinators, admins (a MEMBER may not). */
  assertCanEditOrganization(actor: Actor, org: Organization): Viewer {
    const viewer = IdentityPolicy.signedIn(actor);
    if (!IdentityPolicy.isOwner(viewer, org.id) && !IdentityPolicy.coordinates(viewer, org.regionCode)) {
      throw new ForbiddenError('Only an owner of the organisation, a coordinator of its region or an admin can edit its profile.');
    }
    return viewer;
  },

  /**
   * Organization.contact (RULES.md): members of the organisation, coordinators of its
   * region, admins. The other side of a match from AWAITING_APPROVAL on sees it too; that
   * part is decided by the collaboration context (which knows the matches) and is not
   * answered here — see the hook in the API's contact field.
   */
  mayReadContact(actor: Actor, org: Organization): boolean {
    return !!actor && (IdentityPolicy.isMember(actor, org.id) || IdentityPolicy.coordinates(actor, org.regionCode));
  },

  /** `POST /imports/schools?region=` (the school register import): the region's coordinators, admins. */
  assertCanImportSchools(actor: Actor, regionCode: string): Viewer {
    const viewer = IdentityPolicy.signedIn(actor);
    if (!IdentityPolicy.coordinates(viewer, regionCode)) {
      throw new ForbiddenError(`Only a coordinator of region ${regionCode} or an admin can import its schools.`);
    }
    return viewer;
  },

  /**
   * A user's account details — e-mail, platform roles, coordinator regions, memberships:
   * themselves and admins only. Everyone who can see a user (e.g. as an actor in a match's
   * history) sees their id and name.
   */
  mayReadAccount(actor: Actor, userId: string): boolean {
    return !!actor && (actor.id === userId || actor.isAdmin);
  },

  assertAdmin(actor: Actor): Viewer {
    const viewer = IdentityPolicy.signedIn(actor);
    if (!viewer.isAdmin) throw new ForbiddenError('Only an admin can do this.');
    return viewer;
  },
};
