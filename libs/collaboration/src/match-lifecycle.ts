import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { DataSource, EntityManager } from 'typeorm';
import { CapacityLedger, CollaborationRequest, findVisible, Offer, OfferStatus, PUBLIC_OFFER_STATUSES, PUBLIC_REQUEST_STATUSES } from '@brobygge/catalog';
import { Actor, Clock, ConflictError, intInRange, isUuid, NotFoundError, optionalText, requireSignedIn, text, Viewer } from '@brobygge/core';
import { assertUnderRowCap, inTransaction } from '@brobygge/database';
import { eligibility, measure } from '@brobygge/matching';
import { collaborationQueries as q } from './collaboration.queries';
import { MatchOrigin, MatchStatus } from './enums';
import { Match } from './match.entity';
import { Audience, MatchNotifications, SystemReason } from './match-notifications';
import { HOLDING_STATES, MatchPolicy, OPEN_MATCH_STATES, UNAGREED_STATES } from './match.policy';
import { MatchRecords, PAIR_IN_PROGRESS } from './match-records';
import { MatchingData } from './matching-data';
import { placementQueries } from './placements';

export interface ProposeInput {
  requestId: string;
  offerId: string;
  quantity: number;
  message?: string | null;
}

const assertState = (match: Match, verb: string, allowed: readonly MatchStatus[]): void => {
  if (!allowed.includes(match.status)) throw new ConflictError(`Cannot ${verb} a match that is ${match.status}.`);
};
/** A workplace placement is approved only with its supervisor and risk assessment in (issue 16), read under the match row's lock. */
const assertPlacementComplete = async (m: EntityManager, match: Match): Promise<void> => {
  const gaps = await placementQueries.gapsOf(m, match);
  if (!gaps?.length) return;
  const error = new ConflictError(`Cannot approve: missing ${gaps.join(', ')}.`);
  error.extensions.missing = gaps;
  throw error;
};
const counterparties = (match: Match): string[] =>
  match.origin === MatchOrigin.SCHOOL ? [match.partnerId] : match.origin === MatchOrigin.PARTNER ? [match.schoolId] : [match.schoolId, match.partnerId];
const proposerOrganization = (match: Match): string => (match.origin === MatchOrigin.PARTNER ? match.partnerId : match.schoolId);

/**
 * The match lifecycle of RULES.md: the transitions and what they tell whom. Every
 * transition runs in one transaction that locks the match row first, then — when quantity
 * is held or released — the offer row, then the request row (the catalogue's
 * CapacityLedger, always in this order, so concurrent calls cannot deadlock); writes a
 * MatchEvent; and writes the outbox rows for the people who must hear of it.
 */
@Injectable()
export class MatchLifecycle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly data: MatchingData,
    private readonly notices: MatchNotifications,
    private readonly ledger: CapacityLedger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async propose(actor: Actor, input: ProposeInput): Promise<Match> {
    const viewer = requireSignedIn(actor);
    const quantity = intInRange('input.quantity', input.quantity, 1, 1000);
    const message = optionalText('input.message', input.message, 2000);
    const request = await findVisible(this.dataSource, CollaborationRequest, viewer, input.requestId, PUBLIC_REQUEST_STATUSES, 'CollaborationRequest');
    const offer = await findVisible(this.dataSource, Offer, viewer, input.offerId, PUBLIC_OFFER_STATUSES, 'Offer');
    const origin = MatchPolicy.assertMayPropose(viewer, request, offer);
    if (offer.status !== OfferStatus.PUBLISHED) throw new ConflictError(`The offer is ${offer.status}; only a PUBLISHED offer can be matched.`);
    if (!PUBLIC_REQUEST_STATUSES.includes(request.status as never)) {
      throw new ConflictError(`The request is ${request.status}; only an OPEN or PARTIALLY_MATCHED request can be matched.`);
    }
    const places = await this.data.placesOf([request.organizationId, offer.organizationId]);
    const rf = this.data.requestFacts(request, places.get(request.organizationId));
    const of = this.data.offerFacts(offer, places.get(offer.organizationId));
    MatchPolicy.assertPairFits(eligibility(rf, of));
    const context = await this.data.contexts('en', [request.organizationId], [offer.organizationId]);
    const score = measure(rf, of, context(request.organizationId, offer.organizationId)).score;

    return inTransaction(this.dataSource, async (m) => {
      await this.capUnverified(m, origin, origin === MatchOrigin.SCHOOL ? request.organizationId : offer.organizationId);
      // The pair's rows, locked in the workflow's order, for a check that holds until commit.
      const { remaining, unmatched, offerStatus, requestStatus } = await this.ledger.lockPair(m, offer.id, request.id);
      // Again under the locks: the item may have been paused, archived or cancelled meanwhile.
      if (offerStatus !== OfferStatus.PUBLISHED) throw new ConflictError(`The offer is ${offerStatus}; only a PUBLISHED offer can be matched.`);
      if (!PUBLIC_REQUEST_STATUSES.includes(requestStatus as never)) {
        throw new ConflictError(`The request is ${requestStatus}; only an OPEN or PARTIALLY_MATCHED request can be matched.`);
      }
      if (remaining < quantity) throw new ConflictError(`The offer has ${remaining} place(s) left; this proposal asks for ${quantity}.`);
      if (unmatched < quantity) throw new ConflictError(`The request still wants ${unmatched}; this proposal asks for ${quantity}.`);
      const open = await m
        .getRepository(Match)
        .createQueryBuilder('x')
        .where('x.request_id = :r AND x.offer_id = :o AND x.status IN (:...open)', { r: request.id, o: offer.id, open: OPEN_MATCH_STATES })
        .getCount();
      if (open > 0) throw new ConflictError(PAIR_IN_PROGRESS);
      const match = await MatchRecords.insert(m, {
        requestId: request.id,
        offerId: offer.id,
        schoolId: request.organizationId,
        partnerId: offer.organizationId,
        regionCode: request.regionCode,
        quantity,
        score,
        status: MatchStatus.PROPOSED,
        origin,
        schoolAccepted: origin === MatchOrigin.SCHOOL,
        partnerAccepted: origin === MatchOrigin.PARTNER,
        proposedById: viewer.id,
      });
      await MatchRecords.event(m, match, viewer.id, null, message);
      await this.notices.write(m, 'match_proposed', match, { organizations: counterparties(match), except: viewer.id }, { message });
      return match;
    });
  }

  async accept(actor: Actor, id: string, message?: string | null): Promise<Match> {
    const comment = optionalText('message', message, 2000);
    return this.transition(actor, id, async (m, match, viewer) => {
      assertState(match, 'accept', [MatchStatus.PROPOSED]);
      const side = MatchPolicy.assertCounterparty(viewer, match, 'accept');
      if (side === 'SCHOOL') match.schoolAccepted = true;
      else match.partnerAccepted = true;
      if (!(match.schoolAccepted && match.partnerAccepted)) {
        await MatchRecords.move(m, match, viewer.id, MatchStatus.PROPOSED, comment ?? `Accepted by the ${side === 'SCHOOL' ? 'school' : 'partner'}.`);
        return match;
      }
      // A coordinator's or a round's proposal is approved by both sides accepting, unless it is a
      // workplace placement that still lacks its supervisor or risk assessment: that one waits
      // for the coordinator's approval once they are in (issue 16).
      const byCoordination = (match.origin === MatchOrigin.COORDINATOR || match.origin === MatchOrigin.ALLOCATION) && !(await placementQueries.gapsOf(m, match))?.length;
      await this.ledger.hold(m, match);
      const to = byCoordination ? MatchStatus.APPROVED : MatchStatus.AWAITING_APPROVAL;
      await MatchRecords.move(m, match, viewer.id, to, comment);
      if (byCoordination) {
        await this.notices.write(m, 'match_approved', match, { organizations: [match.schoolId, match.partnerId], except: viewer.id });
      } else {
        await this.notices.write(m, 'match_accepted', match, { organizations: [proposerOrganization(match)], regionCoordinators: match.regionCode, except: viewer.id });
      }
      return match;
    });
  }

  async decline(actor: Actor, id: string, reason: string): Promise<Match> {
    const why = text('reason', reason ?? '', { max: 2000 });
    return this.transition(actor, id, async (m, match, viewer) => {
      assertState(match, 'decline', [MatchStatus.PROPOSED]);
      MatchPolicy.assertCounterparty(viewer, match, 'decline');
      await MatchRecords.move(m, match, viewer.id, MatchStatus.DECLINED, why);
      const audience: Audience =
        match.origin === MatchOrigin.SCHOOL || match.origin === MatchOrigin.PARTNER
          ? { organizations: [proposerOrganization(match)], except: viewer.id }
          : { organizations: [match.schoolId, match.partnerId], regionCoordinators: match.regionCode, except: viewer.id };
      await this.notices.write(m, 'match_declined', match, audience, { reason: why });
      return match;
    });
  }

  async approve(actor: Actor, id: string, comment?: string | null): Promise<Match> {
    const note = optionalText('comment', comment, 2000);
    return this.transition(actor, id, async (m, match, viewer) => {
      MatchPolicy.assertCoordinator(viewer, match, 'approve');
      assertState(match, 'approve', [MatchStatus.AWAITING_APPROVAL]);
      await assertPlacementComplete(m, match);
      await MatchRecords.move(m, match, viewer.id, MatchStatus.APPROVED, note);
      await this.notices.write(m, 'match_approved', match, { organizations: [match.schoolId, match.partnerId], except: viewer.id }, { comment: note });
      return match;
    });
  }

  async reject(actor: Actor, id: string, reason: string): Promise<Match> {
    const why = text('reason', reason ?? '', { max: 2000 });
    return this.transition(actor, id, async (m, match, viewer) => {
      MatchPolicy.assertCoordinator(viewer, match, 'reject');
      assertState(match, 'reject', [MatchStatus.AWAITING_APPROVAL]);
      await this.release(m, match);
      await MatchRecords.move(m, match, viewer.id, MatchStatus.REJECTED, why);
      await this.notices.write(m, 'match_rejected', match, { organizations: [match.schoolId, match.partnerId], except: viewer.id }, { reason: why });
      return match;
    });
  }

  async schedule(actor: Actor, id: string, startsAt: Date, endsAt: Date): Promise<Match> {
    return this.transition(actor, id, async (m, match, viewer) => {
      MatchPolicy.assertEitherSide(viewer, match, 'schedule');
      assertState(match, 'schedule', [MatchStatus.APPROVED, MatchStatus.SCHEDULED]);
      MatchPolicy.assertSchedulable(startsAt, endsAt, this.clock.now(), await q.scheduleWindow(m, match.requestId, match.offerId));
      const rescheduling = match.status === MatchStatus.SCHEDULED;
      match.startsAt = startsAt;
      match.endsAt = endsAt;
      match.sequence += 1;
      await MatchRecords.move(m, match, viewer.id, MatchStatus.SCHEDULED, rescheduling ? 'Rescheduled.' : null);
      await this.notices.write(m, rescheduling ? 'match_rescheduled' : 'match_scheduled', match, { organizations: [match.schoolId, match.partnerId], except: viewer.id });
      // The reminder, REMINDER_HOURS_BEFORE ahead: the outbox holds it back until then.
      await this.notices.dropReminders(m, match.id);
      const remindAt = new Date(Math.max(this.clock.now().getTime(), startsAt.getTime() - this.config.REMINDER_HOURS_BEFORE * 3600_000));
      await this.notices.write(m, 'match_reminder', match, { organizations: [match.schoolId, match.partnerId] }, {}, remindAt);
      return match;
    });
  }

  async cancel(actor: Actor, id: string, reason: string): Promise<Match> {
    const why = text('reason', reason ?? '', { max: 2000 });
    return this.transition(actor, id, async (m, match, viewer) => {
      MatchPolicy.assertCanCancel(viewer, match);
      assertState(match, 'cancel', OPEN_MATCH_STATES);
      await this.release(m, match);
      match.sequence += 1;
      await MatchRecords.move(m, match, viewer.id, MatchStatus.CANCELLED, why);
      await this.notices.dropReminders(m, match.id);
      const sides = MatchPolicy.sidesOf(viewer, match);
      const others = sides.length === 1 ? [sides[0] === 'SCHOOL' ? match.partnerId : match.schoolId] : [match.schoolId, match.partnerId];
      await this.notices.write(m, 'match_cancelled', match, { organizations: others, regionCoordinators: match.regionCode, except: viewer.id }, { reason: why });
      return match;
    });
  }

  async complete(actor: Actor, id: string): Promise<Match> {
    return this.transition(actor, id, async (m, match, viewer) => {
      MatchPolicy.assertEitherSide(viewer, match, 'complete');
      assertState(match, 'complete', [MatchStatus.SCHEDULED]);
      if (!match.startsAt || match.startsAt > this.clock.now()) {
        throw new ConflictError(`The match can be completed once it has started (${match.startsAt?.toISOString() ?? 'not scheduled'}).`);
      }
      await MatchRecords.move(m, match, viewer.id, MatchStatus.COMPLETED, null);
      await this.announceCompletion(m, match, viewer.id);
      return match;
    });
  }

  /**
   * Matches of an allocation round, written in the caller's transaction: ALLOCATION-origin
   * proposals that both sides must accept (they hold nothing until then). The caller has
   * locked the pairs' offers and requests and checked them (AllocationService); a pair
   * that has an open match all the same is CONFLICT (the unique index decides).
   */
  async createAllocated(
    m: EntityManager,
    viewer: Viewer,
    pairs: Array<{ request: CollaborationRequest; offer: Offer; quantity: number; score: number }>,
  ): Promise<Match[]> {
    const out: Match[] = [];
    for (const p of pairs) {
      const match = await MatchRecords.insert(m, {
        requestId: p.request.id,
        offerId: p.offer.id,
        schoolId: p.request.organizationId,
        partnerId: p.offer.organizationId,
        regionCode: p.request.regionCode,
        quantity: p.quantity,
        score: p.score,
        status: MatchStatus.PROPOSED,
        origin: MatchOrigin.ALLOCATION,
        proposedById: viewer.id,
      });
      await MatchRecords.event(m, match, viewer.id, null, 'Proposed by an allocation round.');
      await this.notices.write(m, 'match_proposed', match, { organizations: [match.schoolId, match.partnerId], except: viewer.id });
      out.push(match);
    }
    return out;
  }

  /**
   * Cancels the matches among `matches` that are not agreed yet (PROPOSED,
   * AWAITING_APPROVAL) because their request or offer left the market: lapsing and an
   * owner's withdrawal (MatchWithdrawals) both come here. Runs in the caller's
   * transaction, and the caller has locked the match rows (the first lock of the order).
   * This locks the offers, then the requests, of those that hold (lockItemsOf), gives
   * their quantity back, raises their sequence, writes the event (the reason key as its
   * comment) and tells `audience(match)`, in each reader's language.
   */
  async cancelUnagreed(
    m: EntityManager,
    matches: readonly Match[],
    reasonKey: SystemReason,
    actorId: string | null,
    audience: (match: Match) => Audience,
  ): Promise<number> {
    const unagreed = matches.filter((x) => UNAGREED_STATES.includes(x.status));
    await this.lockItemsOf(m, unagreed);
    for (const match of unagreed) {
      await this.release(m, match);
      match.sequence += 1;
      await MatchRecords.move(m, match, actorId, MatchStatus.CANCELLED, reasonKey);
      await this.notices.write(m, 'match_cancelled', match, audience(match), { reasonKey });
    }
    return unagreed.length;
  }

  /**
   * Locks the offers, then the requests, of those of `matches` that hold quantity, each
   * in id order (CapacityLedger.lockItems): the workflow's lock order when several pairs
   * are released at once (the caller holds the match rows already).
   */
  async lockItemsOf(m: EntityManager, matches: readonly Match[]): Promise<void> {
    await this.ledger.lockItems(
      m,
      matches.filter((x) => HOLDING_STATES.includes(x.status)),
    );
  }

  /**
   * "Completed", with a link to give feedback, to both organisations; and per side a
   * reminder FEEDBACK_REMINDER_DAYS later, which the outbox holds back until then and
   * the delivery guard drops if that side has answered meanwhile (FeedbackService).
   */
  async announceCompletion(m: EntityManager, match: Match, actorId: string | null): Promise<void> {
    await this.notices.write(m, 'match_completed', match, { organizations: [match.schoolId, match.partnerId], except: actorId });
    const remindAt = new Date(this.clock.now().getTime() + this.config.FEEDBACK_REMINDER_DAYS * 86_400_000);
    await this.notices.write(m, 'feedback_reminder', match, { organizations: [match.schoolId] }, { side: 'SCHOOL' }, remindAt);
    await this.notices.write(m, 'feedback_reminder', match, { organizations: [match.partnerId] }, { side: 'PARTNER' }, remindAt);
  }

  // ---- internals -----------------------------------------------------------------------

  private async transition(actor: Actor, id: string, work: (m: EntityManager, match: Match, viewer: Viewer) => Promise<Match>): Promise<Match> {
    const viewer = requireSignedIn(actor);
    if (!isUuid(id)) throw new NotFoundError('Match', id);
    return inTransaction(this.dataSource, async (m) => {
      const match = await m.getRepository(Match).createQueryBuilder('x').setLock('pessimistic_write').where('x.id = :id', { id }).getOne();
      if (!match) throw new NotFoundError('Match', id);
      MatchPolicy.assertCanSee(viewer, match);
      return work(m, match, viewer);
    });
  }

  /** Gives the quantity back when a holding match ends in REJECTED or CANCELLED. */
  private async release(m: EntityManager, match: Match): Promise<void> {
    if (HOLDING_STATES.includes(match.status)) await this.ledger.release(m, match);
  }

  /** An organisation nobody has verified yet proposes at most UNVERIFIED_DAILY_PROPOSALS a day. */
  private async capUnverified(m: EntityManager, origin: MatchOrigin, organizationId: string): Promise<void> {
    if (origin !== MatchOrigin.SCHOOL && origin !== MatchOrigin.PARTNER) return;
    if ((await q.organizationVerified(m, organizationId)) !== false) return;
    await assertUnderRowCap(m, {
      table: 'collaboration_match',
      column: origin === MatchOrigin.SCHOOL ? 'school_id' : 'partner_id',
      id: organizationId,
      also: { origin },
      limit: this.config.UNVERIFIED_DAILY_PROPOSALS,
      windowSeconds: 24 * 3600,
    });
  }
}
