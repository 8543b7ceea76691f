import { Actor, ForbiddenError, InvalidInputError, requireSignedIn } from '@brobygge/core';

/**
 * Who reads the impact report (RULES.md): coordinators for their own regions, admins for
 * any. No regions asked for means all the caller may read.
 */
export const ReportPolicy = {
  regionsFor(actor: Actor, requested: readonly string[] | null | undefined, known: readonly string[], field = 'filter.regionCodes'): string[] {
    const viewer = requireSignedIn(actor);
    if (!viewer.isAdmin && viewer.coordinatorRegions.length === 0) {
      throw new ForbiddenError('The impact report is for coordinators (of their regions) and admins.');
    }
    if (!requested?.length) return viewer.isAdmin ? [...known] : [...viewer.coordinatorRegions].sort();
    const unknown = requested.find((code) => !known.includes(code));
    if (unknown !== undefined) throw new InvalidInputError(field, `There is no region "${unknown}"; the regions are ${known.join(', ')}.`);
    const notMine = requested.find((code) => !viewer.isAdmin && !viewer.coordinatorRegions.includes(code));
    if (notMine !== undefined) {
      throw new ForbiddenError(`You coordinate ${viewer.coordinatorRegions.join(', ')}; the report for ${notMine} is for its coordinators and admins.`);
    }
    return [...new Set(requested)].sort();
  },
};
