import { Actor, ForbiddenError, NotFoundError, requireSignedIn, Viewer } from '@brobygge/core';

/** What the catalogue needs to know about an organisation to decide. */
export interface OrgFacts {
  id: string;
  kind: string;
  name: string;
  verified: boolean;
  regionCode: string;
}

interface Item {
  organizationId: string;
  regionCode: string;
}

/**
 * Who may see and change offers and requests (RULES.md). Published offers and open or
 * partially matched requests are for every signed-in user; everything else only for the
 * owning organisation's members, the region's coordinators and admins — others get
 * NOT_FOUND, so that existence does not leak.
 */
export const CatalogPolicy = {
  signedIn: requireSignedIn,

  isInsider(actor: Actor, item: Item): boolean {
    return !!actor && (actor.isAdmin || actor.memberships.has(item.organizationId) || actor.coordinatorRegions.includes(item.regionCode));
  },

  assertCanSee(actor: Actor, item: Item & { status: string; id: string }, publicStatuses: readonly string[], what: string): Viewer {
    const viewer = CatalogPolicy.signedIn(actor);
    if (!publicStatuses.includes(item.status) && !CatalogPolicy.isInsider(viewer, item)) throw new NotFoundError(what, item.id);
    return viewer;
  },

  /** Offers: members of a non-school organisation. */
  assertCanManageOffers(actor: Actor, org: OrgFacts): Viewer {
    const viewer = CatalogPolicy.signedIn(actor);
    if (!viewer.memberships.has(org.id)) throw new ForbiddenError('Only members of the organisation can manage its offers.');
    if (org.kind === 'SCHOOL') throw new ForbiddenError('Schools post requests, not offers.');
    return viewer;
  },

  assertCanPublish(org: OrgFacts): void {
    if (!org.verified) throw new ForbiddenError('The organisation must be verified by a coordinator of its region before it can publish offers.');
  },

  /** Requests: members of a school. */
  assertCanManageRequests(actor: Actor, org: OrgFacts): Viewer {
    const viewer = CatalogPolicy.signedIn(actor);
    if (!viewer.memberships.has(org.id)) throw new ForbiddenError('Only members of the school can manage its requests.');
    if (org.kind !== 'SCHOOL') throw new ForbiddenError('Only schools post requests.');
    return viewer;
  },

  /**
   * createRequest (RULES.md "Next"): a member of the school, or a coordinator of its region
   * on the school's behalf (`onBehalf`; admins are not listed, so they may not). A
   * coordinator who is also a member posts as a member.
   */
  assertCanCreateRequest(actor: Actor, org: OrgFacts): { viewer: Viewer; onBehalf: boolean } {
    const viewer = CatalogPolicy.signedIn(actor);
    const member = viewer.memberships.has(org.id);
    const coordinator = viewer.coordinatorRegions.includes(org.regionCode);
    if (!member && !coordinator) {
      throw new ForbiddenError("Only members of the school, or a coordinator of its region on the school's behalf, can post its requests.");
    }
    if (org.kind !== 'SCHOOL') throw new ForbiddenError('Only schools post requests.');
    return { viewer, onBehalf: !member };
  },

  /**
   * updateRequest and cancelRequest: the school's members; a request a coordinator posted
   * on the school's behalf also the region's coordinators (an unclaimed school has no
   * members to correct it).
   */
  assertCanChangeRequest(actor: Actor, org: OrgFacts, request: { createdByCoordinator: boolean }): Viewer {
    const viewer = CatalogPolicy.signedIn(actor);
    if (request.createdByCoordinator && viewer.coordinatorRegions.includes(org.regionCode) && org.kind === 'SCHOOL') return viewer;
    return CatalogPolicy.assertCanManageRequests(viewer, org);
  },
};
