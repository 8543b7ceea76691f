import { Actor, ForbiddenError, InvalidInputError, requireSignedIn } from '@brobygge/core';

/**
 * Who reads the half-year follow-ups (RULES.md "Next": followUps): coordinators those of
 * their regions, admins all. The regions to list, or null for every region (admins).
 */
export const FollowUpPolicy = {
  regionsFor(actor: Actor, regionCode: string | null | undefined, known: readonly string[]): string[] | null {
    const viewer = requireSignedIn(actor);
    if (!viewer.isAdmin && viewer.coordinatorRegions.length === 0) {
      throw new ForbiddenError('The half-year follow-ups are for the coordinators of a region and admins.');
    }
    if (regionCode === null || regionCode === undefined) return viewer.isAdmin ? null : [...viewer.coordinatorRegions].sort();
    if (!known.includes(regionCode)) throw new InvalidInputError('regionCode', `There is no region "${regionCode}"; the regions are ${known.join(', ')}.`);
    if (!viewer.isAdmin && !viewer.coordinatorRegions.includes(regionCode)) {
      throw new ForbiddenError(`You coordinate ${viewer.coordinatorRegions.join(', ')}; the follow-ups of ${regionCode} are for its coordinators and admins.`);
    }
    return [regionCode];
  },
};
