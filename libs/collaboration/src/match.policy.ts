import { Actor, ForbiddenError, NotFoundError, requireSignedIn, Viewer } from '@brobygge/core';
import { MatchStatus } from './enums';
import type { Match } from './match.entity';

export type Side = 'SCHOOL' | 'PARTNER';

/** States a match can still leave; the rest are terminal. */
export const OPEN_MATCH_STATES: readonly MatchStatus[] = [MatchStatus.PROPOSED, MatchStatus.AWAITING_APPROVAL, MatchStatus.APPROVED, MatchStatus.SCHEDULED];
/** Open states before both sides and the coordinator have agreed: withdrawing the request or the offer cancels these. */
export const UNAGREED_STATES: readonly MatchStatus[] = [MatchStatus.PROPOSED, MatchStatus.AWAITING_APPROVAL];
/** Open states once agreed: withdrawing the request or the offer leaves these for the people to decide. */
export const AGREED_OPEN_STATES: readonly MatchStatus[] = [MatchStatus.APPROVED, MatchStatus.SCHEDULED];
/** States in which a match holds its quantity of the offer and the request (RULES.md, Capacity). */
export const HOLDING_STATES: readonly MatchStatus[] = [MatchStatus.AWAITING_APPROVAL, MatchStatus.APPROVED, MatchStatus.SCHEDULED, MatchStatus.COMPLETED];

/**
 * Who may see and move a match (RULES.md). Members of either side, the coordinators of
 * the request's region and admins see it; anyone else gets NOT_FOUND.
 */
export const MatchPolicy = {
  coordinates(viewer: Viewer, regionCode: string): boolean {
    return viewer.isAdmin || viewer.coordinatorRegions.includes(regionCode);
  },

  sidesOf(viewer: Viewer, match: Pick<Match, 'schoolId' | 'partnerId'>): Side[] {
    const sides: Side[] = [];
    if (viewer.memberships.has(match.schoolId)) sides.push('SCHOOL');
    if (viewer.memberships.has(match.partnerId)) sides.push('PARTNER');
    return sides;
  },

  assertCanSee(actor: Actor, match: Match): Viewer {
    const viewer = requireSignedIn(actor);
    if (!MatchPolicy.coordinates(viewer, match.regionCode) && MatchPolicy.sidesOf(viewer, match).length === 0) {
      throw new NotFoundError('Match', match.id);
    }
    return viewer;
  },

  /** The side, of those that have not accepted yet, that the viewer speaks for. */
  assertCounterparty(viewer: Viewer, match: Match, verb: 'accept' | 'decline'): Side {
    const pending: Side[] = [...(match.schoolAccepted ? [] : ['SCHOOL' as const]), ...(match.partnerAccepted ? [] : ['PARTNER' as const])];
    const side = MatchPolicy.sidesOf(viewer, match).find((s) => pending.includes(s));
    if (!side) {
      throw new ForbiddenError(
        MatchPolicy.sidesOf(viewer, match).length
          ? `Your side has already accepted; only the other side can ${verb} now.`
          : `Only the school or the partner that has not yet accepted can ${verb} a proposal.`,
      );
    }
    return side;
  },

  assertCoordinator(viewer: Viewer, match: Match, verb: string): void {
    if (!MatchPolicy.coordinates(viewer, match.regionCode)) {
      throw new ForbiddenError(`Only coordinators of the region and admins can ${verb} a match.`);
    }
  },

  assertEitherSide(viewer: Viewer, match: Match, verb: string): void {
    if (MatchPolicy.sidesOf(viewer, match).length === 0) throw new ForbiddenError(`Only members of the school or the partner can ${verb} a match.`);
  },

  assertCanCancel(viewer: Viewer, match: Match): void {
    if (MatchPolicy.sidesOf(viewer, match).length === 0 && !MatchPolicy.coordinates(viewer, match.regionCode)) {
      throw new ForbiddenError('Only members of either side, coordinators of the region and admins can cancel a match.');
    }
  },
};
