import { Actor, ForbiddenError, InvalidInputError, requireSignedIn, Viewer } from '@brobygge/core';

/**
 * Who sets, deletes and reads a region's targets (RULES.md, Next): its coordinators and
 * admins. A target someone may not manage is NOT_FOUND to them (TargetService), never
 * FORBIDDEN: its id says nothing.
 */
export const TargetPolicy = {
  /** The viewer, when they may manage the targets of `regionCode` (which must exist); BAD_USER_INPUT or FORBIDDEN otherwise. */
  assertMayManage(actor: Actor, regionCode: string, known: readonly string[], field: string): Viewer {
    const viewer = requireSignedIn(actor);
    if (!viewer.isAdmin && viewer.coordinatorRegions.length === 0) throw new ForbiddenError("A region's targets are for its coordinators and admins.");
    if (!known.includes(regionCode)) throw new InvalidInputError(field, `There is no region "${regionCode}"; the regions are ${known.join(', ')}.`);
    if (!TargetPolicy.mayManage(viewer, regionCode)) {
      throw new ForbiddenError(`You coordinate ${viewer.coordinatorRegions.join(', ')}; the targets of ${regionCode} are for its coordinators and admins.`);
    }
    return viewer;
  },

  mayManage(viewer: Viewer, regionCode: string): boolean {
    return viewer.isAdmin || viewer.coordinatorRegions.includes(regionCode);
  },
};
