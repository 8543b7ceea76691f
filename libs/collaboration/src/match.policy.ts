import { Actor, ConflictError, ForbiddenError, InvalidInputError, NotFoundError, requireSignedIn, Viewer } from '@brobygge/core';
import type { Eligibility, HardRule } from '@brobygge/matching';
import { MatchOrigin, MatchStatus } from './enums';
import type { Match } from './match.entity';
import type { MessageSide } from './match-message.entity';

export type Side = 'SCHOOL' | 'PARTNER';

/** States a match can still leave; the rest are terminal. */
export const OPEN_MATCH_STATES: readonly MatchStatus[] = [MatchStatus.PROPOSED, MatchStatus.AWAITING_APPROVAL, MatchStatus.APPROVED, MatchStatus.SCHEDULED];
/** Open states before both sides and the coordinator have agreed: withdrawing the request or the offer cancels these. */
export const UNAGREED_STATES: readonly MatchStatus[] = [MatchStatus.PROPOSED, MatchStatus.AWAITING_APPROVAL];
/** Open states once agreed: withdrawing the request or the offer leaves these for the people to decide. */
export const AGREED_OPEN_STATES: readonly MatchStatus[] = [MatchStatus.APPROVED, MatchStatus.SCHEDULED];
/** States in which a match holds its quantity of the offer and the request (RULES.md, Capacity). */
export const HOLDING_STATES: readonly MatchStatus[] = [MatchStatus.AWAITING_APPROVAL, MatchStatus.APPROVED, MatchStatus.SCHEDULED, MatchStatus.COMPLETED];
/** States in which nobody writes on a match's conversation any more (it stays readable). */
export const SILENT_STATES: readonly MatchStatus[] = [MatchStatus.DECLINED, MatchStatus.REJECTED, MatchStatus.CANCELLED];

/** Rules whose breaking is about the pair itself (BAD_USER_INPUT), not about its state (CONFLICT). */
const RULE_WORDS: Partial<Record<HardRule, string>> = {
  ACTIVITY_TYPE: 'the activity types differ',
  DELIVERY_MODE: 'they share no delivery mode',
  LANGUAGE: 'they share no language',
  DATES: 'their dates do not overlap',
  AGE: 'the pupils are younger than the offer allows',
  GROUP_SIZE: 'the group is larger than the offer allows',
  DISTANCE: 'the distance is beyond what either side travels',
  REGION: "the offer does not serve the request's region (its organisation can add the region to the offer's alsoServesRegionCodes)",
};

/**
 * Who may see and move a match (RULES.md). Members of either side, the coordinators of
 * the request's region and admins see it; so do, read-only, the coordinators of the
 * offer's region when it is another (an offer serving across borders, issue 16): they
 * approve, reject, cancel or write nothing on it. Anyone else gets NOT_FOUND.
 */
export const MatchPolicy = {
  coordinates(viewer: Viewer, regionCode: string): boolean {
    return viewer.isAdmin || viewer.coordinatorRegions.includes(regionCode);
  },

  /** Whether the viewer sees the match at all (what `coordinates` allows, plus the offer's region's coordinators). */
  mayView(viewer: Viewer, match: Pick<Match, 'schoolId' | 'partnerId' | 'regionCode' | 'offerRegionCode'>): boolean {
    return (
      MatchPolicy.coordinates(viewer, match.regionCode) ||
      (!!match.offerRegionCode && viewer.coordinatorRegions.includes(match.offerRegionCode)) ||
      MatchPolicy.sidesOf(viewer, match).length > 0
    );
  },

  sidesOf(viewer: Viewer, match: Pick<Match, 'schoolId' | 'partnerId'>): Side[] {
    const sides: Side[] = [];
    if (viewer.memberships.has(match.schoolId)) sides.push('SCHOOL');
    if (viewer.memberships.has(match.partnerId)) sides.push('PARTNER');
    return sides;
  },

  assertCanSee(actor: Actor, match: Match): Viewer {
    const viewer = requireSignedIn(actor);
    if (!MatchPolicy.mayView(viewer, match)) throw new NotFoundError('Match', match.id);
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

  /**
   * Who may propose a match between a request and an offer, and in whose name (the
   * match's origin): a member of the request's school proposes as the SCHOOL, else a
   * member of the offering organisation as the PARTNER, else a coordinator of the
   * request's region as COORDINATOR; anyone else (admins too) is FORBIDDEN.
   */
  assertMayPropose(
    viewer: Viewer,
    request: { organizationId: string; regionCode: string },
    offer: { organizationId: string },
  ): MatchOrigin.SCHOOL | MatchOrigin.PARTNER | MatchOrigin.COORDINATOR {
    if (viewer.memberships.has(request.organizationId)) return MatchOrigin.SCHOOL;
    if (viewer.memberships.has(offer.organizationId)) return MatchOrigin.PARTNER;
    if (viewer.coordinatorRegions.includes(request.regionCode)) return MatchOrigin.COORDINATOR;
    throw new ForbiddenError("Only members of the request's school, of the offering organisation, or coordinators of the request's region propose matches.");
  },

  /** A pair that breaks a rule about itself (RULE_WORDS) is BAD_USER_INPUT; breaking only the state rules is left to the caller. */
  assertPairFits(fit: Eligibility): void {
    if (fit.eligible) return;
    const words = fit.broken.map((b) => RULE_WORDS[b]).filter((w): w is string => !!w);
    if (words.length) throw new InvalidInputError('input.offerId', `This offer does not fit the request: ${words.join('; ')}.`);
  },

  /** A schedule is valid dates, end after start, in the future, within both the request's dates and the offer's availability. */
  assertSchedulable(startsAt: Date, endsAt: Date, now: Date, window: { earliest: string; latest: string; from: string; until: string }): void {
    if (!(startsAt instanceof Date) || Number.isNaN(startsAt.getTime())) throw new InvalidInputError('startsAt', 'startsAt must be a date and time.');
    if (!(endsAt instanceof Date) || Number.isNaN(endsAt.getTime())) throw new InvalidInputError('endsAt', 'endsAt must be a date and time.');
    if (endsAt <= startsAt) throw new InvalidInputError('endsAt', 'endsAt must be after startsAt.');
    if (startsAt <= now) throw new InvalidInputError('startsAt', 'startsAt must be in the future.');
    const first = startsAt.toISOString().slice(0, 10);
    const last = endsAt.toISOString().slice(0, 10);
    const from = window.earliest > window.from ? window.earliest : window.from;
    const until = window.latest < window.until ? window.latest : window.until;
    if (first < from) throw new InvalidInputError('startsAt', `startsAt must lie within the request's dates and the offer's availability (${from} to ${until}).`);
    if (last > until) throw new InvalidInputError('endsAt', `endsAt must lie within the request's dates and the offer's availability (${from} to ${until}).`);
  },

  /**
   * The part in which the viewer takes part in a match's conversation (issue 16): a member
   * of the school writes as SCHOOL (also when a member of both sides), else a member of the
   * partner as PARTNER, else a coordinator of the match's region as COORDINATOR; null for
   * anyone else — admins too (RULES.md names only the sides and the region's coordinators).
   */
  conversationSide(viewer: Viewer, match: Pick<Match, 'schoolId' | 'partnerId' | 'regionCode'>): MessageSide | null {
    if (viewer.memberships.has(match.schoolId)) return 'SCHOOL';
    if (viewer.memberships.has(match.partnerId)) return 'PARTNER';
    if (viewer.coordinatorRegions.includes(match.regionCode)) return 'COORDINATOR';
    return null;
  },

  /** Reading the conversation (whatever the state): who cannot see the match gets NOT_FOUND, an admin who takes no part FORBIDDEN. */
  assertMayRead(actor: Actor, match: Match): MessageSide {
    const viewer = MatchPolicy.assertCanSee(actor, match);
    const side = MatchPolicy.conversationSide(viewer, match);
    if (!side) throw new ForbiddenError("Only members of the school or the partner and the region's coordinators take part in a match's conversation.");
    return side;
  },

  /** Writing: as reading, and only while the match is open or done (CONFLICT once DECLINED, REJECTED or CANCELLED). */
  assertMayWrite(actor: Actor, match: Match): MessageSide {
    const side = MatchPolicy.assertMayRead(actor, match);
    if (SILENT_STATES.includes(match.status)) throw new ConflictError(`The match is ${match.status}: its conversation is closed for new messages.`);
    return side;
  },

  assertCanCancel(viewer: Viewer, match: Match): void {
    if (MatchPolicy.sidesOf(viewer, match).length === 0 && !MatchPolicy.coordinates(viewer, match.regionCode)) {
      throw new ForbiddenError('Only members of either side, coordinators of the region and admins can cancel a match.');
    }
  },
};
