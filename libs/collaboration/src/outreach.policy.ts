import { Actor, ConflictError, ForbiddenError, requireSignedIn, Viewer } from '@brobygge/core';

/** What the policy needs to know about the organisation reached. */
interface Reached {
  kind: string;
  regionCode: string;
}

/**
 * Who may reach out to a school and read the record of it (RULES.md "Next"): the
 * coordinators of the organisation's region and admins. Everyone who is signed in sees
 * organisations, so an unknown id is NOT_FOUND and a known one FORBIDDEN.
 */
export const OutreachPolicy = {
  signedIn: requireSignedIn,

  mayRead(actor: Actor, org: Pick<Reached, 'regionCode'>): boolean {
    return !!actor && (actor.isAdmin || actor.coordinatorRegions.includes(org.regionCode));
  },

  /** Organization.outreach: FORBIDDEN for anyone but the region's coordinators and admins. */
  assertMayRead(actor: Actor, org: Pick<Reached, 'regionCode'>): Viewer {
    const viewer = requireSignedIn(actor);
    if (!OutreachPolicy.mayRead(viewer, org)) throw new ForbiddenError("Only coordinators of the organisation's region and admins see its outreach.");
    return viewer;
  },

  /** reachOut: the region's coordinators and admins, and only to schools (CONFLICT for any other kind). */
  assertMayReachOut(actor: Actor, org: Reached): Viewer {
    const viewer = requireSignedIn(actor);
    if (!OutreachPolicy.mayRead(viewer, org)) throw new ForbiddenError("Only a coordinator of the organisation's region or an admin can reach out to it.");
    if (org.kind !== 'SCHOOL') throw new ConflictError(`Outreach is for schools; this organisation is a ${org.kind}.`);
    return viewer;
  },
};
