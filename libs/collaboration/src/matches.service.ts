import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import {
  CollaborationRequest,
  findVisible,
  Offer,
  OfferStatus,
  PUBLIC_OFFER_STATUSES,
  PUBLIC_REQUEST_STATUSES,
  RequestStatus,
  statusForMatched,
} from '@brobygge/catalog';
import {
  Actor,
  Clock,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  intInRange,
  isUuid,
  NotFoundError,
  optionalText,
  Page,
  requireSignedIn,
  text,
  Viewer,
} from '@brobygge/core';
import { assertUnderRowCap, inTransaction, newestFirstPage } from '@brobygge/database';
import { eligibility, HardRule, measure } from '@brobygge/matching';
import { MatchOrigin, MatchStatus } from './enums';
import { Match, MatchEvent } from './match.entity';
import { Audience, MatchNotice, MatchNotifications } from './match-notifications';
import { HOLDING_STATES, MatchPolicy, OPEN_MATCH_STATES, UNAGREED_STATES } from './match.policy';
import { MatchingData } from './matching-data';

export interface ProposeInput {
  requestId: string;
  offerId: string;
  quantity: number;
  message?: string | null;
}

export interface MatchFilter {
  statuses?: MatchStatus[] | null;
  organizationId?: string | null;
  regionCodes?: string[] | null;
}

/**
 * Why the system cancelled a match (payload.reasonKey; the e-mail says it in the reader's
 * language): its request or offer lapsed, or its owner cancelled the request or paused or
 * archived the offer.
 */
export type SystemReason = 'lapsed' | 'request_cancelled' | 'offer_paused' | 'offer_archived';

/** The partial unique index of one open match per request and offer (migration OpenMatchPerPair). */
export const OPEN_PAIR_INDEX = 'ux_match_open_pair';
const PAIR_IN_PROGRESS = 'A match between this request and this offer is already in progress.';

/** Request states whose status follows the held quantity (CLOSED and CANCELLED keep theirs). */
const FOLLOWS_MATCHES: readonly RequestStatus[] = [RequestStatus.OPEN, RequestStatus.PARTIALLY_MATCHED, RequestStatus.MATCHED];

interface LockedPair {
  remaining: number;
  unmatched: number;
  offerStatus: string;
  requestStatus: RequestStatus;
  quantity: number;
  matched: number;
}

/** Rules whose breaking is about the pair itself (BAD_USER_INPUT), not about its state (CONFLICT). */
const RULE_WORDS: Partial<Record<HardRule, string>> = {
  ACTIVITY_TYPE: 'the activity types differ',
  DELIVERY_MODE: 'they share no delivery mode',
  LANGUAGE: 'they share no language',
  DATES: 'their dates do not overlap',
  AGE: 'the pupils are younger than the offer allows',
  GROUP_SIZE: 'the group is larger than the offer allows',
  DISTANCE: 'the distance is beyond what either side travels',
};

/**
 * The match lifecycle of RULES.md. Every transition runs in one transaction that locks
 * the match row first, then — when quantity is held or released — the offer row, then
 * the request row (always in this order, so concurrent calls cannot deadlock); writes a
 * MatchEvent; and writes the outbox rows for the people who must hear of it.
 */
@Injectable()
export class MatchesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly data: MatchingData,
    private readonly notices: MatchNotifications,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An organisation nobody has verified yet proposes at most UNVERIFIED_DAILY_PROPOSALS a day. */
  private async capUnverified(m: EntityManager, origin: MatchOrigin, organizationId: string): Promise<void> {
    if (origin !== MatchOrigin.SCHOOL && origin !== MatchOrigin.PARTNER) return;
    const [org]: Array<{ verified: boolean }> = await m.query('SELECT verified FROM organization WHERE id = $1', [organizationId]);
    if (org?.verified !== false) return;
    await assertUnderRowCap(m, {
      table: 'collaboration_match',
      column: origin === MatchOrigin.SCHOOL ? 'school_id' : 'partner_id',
      id: organizationId,
      also: { origin },
      limit: this.config.UNVERIFIED_DAILY_PROPOSALS,
      windowSeconds: 24 * 3600,
    });
  }

  // ---- reads ---------------------------------------------------------------------------

  async get(actor: Actor, id: string): Promise<Match> {
    requireSignedIn(actor);
    const match = isUuid(id) ? await this.dataSource.getRepository(Match).findOneBy({ id }) : null;
    if (!match) throw new NotFoundError('Match', id);
    MatchPolicy.assertCanSee(actor, match);
    return match;
  }

  async list(actor: Actor, filter: MatchFilter, first?: number | null, after?: string | null): Promise<Page<Match>> {
    const viewer = requireSignedIn(actor);
    const qb = this.dataSource.getRepository(Match).createQueryBuilder('m');
    if (!viewer.isAdmin) {
      qb.andWhere('(m.school_id = ANY(:orgs::uuid[]) OR m.partner_id = ANY(:orgs::uuid[]) OR m.region_code = ANY(:regions::varchar[]))', {
        orgs: [...viewer.memberships.keys()],
        regions: viewer.coordinatorRegions,
      });
    }
    if (filter.statuses?.length) qb.andWhere('m.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.regionCodes?.length) qb.andWhere('m.region_code IN (:...regionCodes)', { regionCodes: filter.regionCodes });
    if (filter.organizationId) {
      if (!isUuid(filter.organizationId)) throw new InvalidInputError('filter.organizationId', 'filter.organizationId must be an organisation id.');
      qb.andWhere('(m.school_id = :org OR m.partner_id = :org)', { org: filter.organizationId });
    }
    return newestFirstPage(qb, first, after);
  }

  /** A request's matches that the viewer may see: the school, coordinators and admins see all; a partner its own. */
  async ofRequests(actor: Actor, requests: readonly CollaborationRequest[]): Promise<Map<string, Match[]>> {
    const viewer = requireSignedIn(actor);
    const ids = requests.map((r) => r.id);
    const rows = ids.length
      ? await this.dataSource.getRepository(Match).createQueryBuilder('m').where('m.request_id = ANY(:ids::uuid[])', { ids }).orderBy('m.created_at', 'ASC').addOrderBy('m.id', 'ASC').getMany()
      : [];
    const out = new Map<string, Match[]>(ids.map((id) => [id, []]));
    for (const m of rows) {
      if (MatchPolicy.coordinates(viewer, m.regionCode) || MatchPolicy.sidesOf(viewer, m).length) out.get(m.requestId)!.push(m);
    }
    return out;
  }

  async history(matchIds: readonly string[]): Promise<Map<string, MatchEvent[]>> {
    const rows = matchIds.length
      ? await this.dataSource.getRepository(MatchEvent).createQueryBuilder('e').where('e.match_id = ANY(:ids::uuid[])', { ids: [...matchIds] }).orderBy('e.at', 'ASC').addOrderBy('e.id', 'ASC').getMany()
      : [];
    const out = new Map<string, MatchEvent[]>(matchIds.map((id) => [id, []]));
    for (const e of rows) out.get(e.matchId)?.push(e);
    return out;
  }

  // ---- transitions ---------------------------------------------------------------------

  async propose(actor: Actor, input: ProposeInput): Promise<Match> {
    const viewer = requireSignedIn(actor);
    const quantity = intInRange('input.quantity', input.quantity, 1, 1000);
    const message = optionalText('input.message', input.message, 2000);
    const request = await findVisible(this.dataSource, CollaborationRequest, viewer, input.requestId, PUBLIC_REQUEST_STATUSES, 'CollaborationRequest');
    const offer = await findVisible(this.dataSource, Offer, viewer, input.offerId, PUBLIC_OFFER_STATUSES, 'Offer');

    const origin = viewer.memberships.has(request.organizationId)
      ? MatchOrigin.SCHOOL
      : viewer.memberships.has(offer.organizationId)
        ? MatchOrigin.PARTNER
        : viewer.coordinatorRegions.includes(request.regionCode)
          ? MatchOrigin.COORDINATOR
          : null;
    if (!origin) {
      throw new ForbiddenError("Only members of the request's school, of the offering organisation, or coordinators of the request's region propose matches.");
    }
    if (offer.status !== OfferStatus.PUBLISHED) throw new ConflictError(`The offer is ${offer.status}; only a PUBLISHED offer can be matched.`);
    if (!PUBLIC_REQUEST_STATUSES.includes(request.status as never)) {
      throw new ConflictError(`The request is ${request.status}; only an OPEN or PARTIALLY_MATCHED request can be matched.`);
    }
    const places = await this.data.placesOf([request.organizationId, offer.organizationId]);
    const rf = this.data.requestFacts(request, places.get(request.organizationId));
    const of = this.data.offerFacts(offer, places.get(offer.organizationId));
    const fit = eligibility(rf, of);
    if (!fit.eligible) {
      const words = fit.broken.map((b) => RULE_WORDS[b]).filter((w): w is string => !!w);
      if (words.length) throw new InvalidInputError('input.offerId', `This offer does not fit the request: ${words.join('; ')}.`);
    }
    const context = await this.data.contexts('en', [request.organizationId], [offer.organizationId]);
    const score = measure(rf, of, context(request.organizationId, offer.organizationId)).score;

    return inTransaction(this.dataSource, async (m) => {
      await this.capUnverified(m, origin, origin === MatchOrigin.SCHOOL ? request.organizationId : offer.organizationId);
      // The pair's rows, locked in the workflow's order, for a check that holds until commit.
      const { remaining, unmatched, offerStatus, requestStatus } = await this.lockPair(m, offer.id, request.id);
      // Again under the locks: the item may have been paused, archived or cancelled meanwhile.
      if (offerStatus !== OfferStatus.PUBLISHED) throw new ConflictError(`The offer is ${offerStatus}; only a PUBLISHED offer can be matched.`);
      if (!PUBLIC_REQUEST_STATUSES.includes(requestStatus as never)) {
        throw new ConflictError(`The request is ${requestStatus}; only an OPEN or PARTIALLY_MATCHED request can be matched.`);
      }
      if (remaining < quantity) throw new ConflictError(`The offer has ${remaining} place(s) left; this proposal asks for ${quantity}.`);
      if (unmatched < quantity) throw new ConflictError(`The request still wants ${unmatched}; this proposal asks for ${quantity}.`);
      const open = await m.getRepository(Match).createQueryBuilder('x')
        .where('x.request_id = :r AND x.offer_id = :o AND x.status IN (:...open)', { r: request.id, o: offer.id, open: OPEN_MATCH_STATES })
        .getCount();
      if (open > 0) throw new ConflictError(PAIR_IN_PROGRESS);
      const match = await this.insert(m, {
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
      await this.event(m, match, viewer.id, null, message);
      await this.notices.write(m, 'match_proposed', match, { organizations: this.counterparties(match), except: viewer.id }, { message });
      return match;
    });
  }

  async accept(actor: Actor, id: string, message?: string | null): Promise<Match> {
    const comment = optionalText('message', message, 2000);
    return this.transition(actor, id, async (m, match, viewer) => {
      this.assertState(match, 'accept', [MatchStatus.PROPOSED]);
      const side = MatchPolicy.assertCounterparty(viewer, match, 'accept');
      if (side === 'SCHOOL') match.schoolAccepted = true;
      else match.partnerAccepted = true;
      if (!(match.schoolAccepted && match.partnerAccepted)) {
        await this.save(m, match, viewer.id, MatchStatus.PROPOSED, comment ?? `Accepted by the ${side === 'SCHOOL' ? 'school' : 'partner'}.`);
        return match;
      }
      const byCoordination = match.origin === MatchOrigin.COORDINATOR || match.origin === MatchOrigin.ALLOCATION;
      await this.hold(m, match);
      const to = byCoordination ? MatchStatus.APPROVED : MatchStatus.AWAITING_APPROVAL;
      await this.save(m, match, viewer.id, to, comment);
      if (byCoordination) {
        await this.notices.write(m, 'match_approved', match, { organizations: [match.schoolId, match.partnerId], except: viewer.id });
      } else {
        await this.notices.write(m, 'match_accepted', match, { organizations: [this.proposerOrganization(match)], regionCoordinators: match.regionCode, except: viewer.id });
      }
      return match;
    });
  }

  async decline(actor: Actor, id: string, reason: string): Promise<Match> {
    const why = text('reason', reason ?? '', { max: 2000 });
    return this.transition(actor, id, async (m, match, viewer) => {
      this.assertState(match, 'decline', [MatchStatus.PROPOSED]);
      MatchPolicy.assertCounterparty(viewer, match, 'decline');
      await this.save(m, match, viewer.id, MatchStatus.DECLINED, why);
      const audience: Audience =
        match.origin === MatchOrigin.SCHOOL || match.origin === MatchOrigin.PARTNER
          ? { organizations: [this.proposerOrganization(match)], except: viewer.id }
          : { organizations: [match.schoolId, match.partnerId], regionCoordinators: match.regionCode, except: viewer.id };
      await this.notices.write(m, 'match_declined', match, audience, { reason: why });
      return match;
    });
  }

  async approve(actor: Actor, id: string, comment?: string | null): Promise<Match> {
    const note = optionalText('comment', comment, 2000);
    return this.transition(actor, id, async (m, match, viewer) => {
      MatchPolicy.assertCoordinator(viewer, match, 'approve');
      this.assertState(match, 'approve', [MatchStatus.AWAITING_APPROVAL]);
      await this.save(m, match, viewer.id, MatchStatus.APPROVED, note);
      await this.notices.write(m, 'match_approved', match, { organizations: [match.schoolId, match.partnerId], except: viewer.id }, { comment: note });
      return match;
    });
  }

  async reject(actor: Actor, id: string, reason: string): Promise<Match> {
    const why = text('reason', reason ?? '', { max: 2000 });
    return this.transition(actor, id, async (m, match, viewer) => {
      MatchPolicy.assertCoordinator(viewer, match, 'reject');
      this.assertState(match, 'reject', [MatchStatus.AWAITING_APPROVAL]);
      await this.release(m, match);
      await this.save(m, match, viewer.id, MatchStatus.REJECTED, why);
      await this.notices.write(m, 'match_rejected', match, { organizations: [match.schoolId, match.partnerId], except: viewer.id }, { reason: why });
      return match;
    });
  }

  async schedule(actor: Actor, id: string, startsAt: Date, endsAt: Date): Promise<Match> {
    return this.transition(actor, id, async (m, match, viewer) => {
      MatchPolicy.assertEitherSide(viewer, match, 'schedule');
      this.assertState(match, 'schedule', [MatchStatus.APPROVED, MatchStatus.SCHEDULED]);
      if (!(startsAt instanceof Date) || Number.isNaN(startsAt.getTime())) throw new InvalidInputError('startsAt', 'startsAt must be a date and time.');
      if (!(endsAt instanceof Date) || Number.isNaN(endsAt.getTime())) throw new InvalidInputError('endsAt', 'endsAt must be a date and time.');
      if (endsAt <= startsAt) throw new InvalidInputError('endsAt', 'endsAt must be after startsAt.');
      if (startsAt <= this.clock.now()) throw new InvalidInputError('startsAt', 'startsAt must be in the future.');
      const [window]: Array<{ earliest: string; latest: string; from: string; until: string }> = await m.query(
        `SELECT r.earliest_date::text AS earliest, r.latest_date::text AS latest, o.available_from::text AS "from", o.available_until::text AS until
           FROM collaboration_request r, offer o WHERE r.id = $1 AND o.id = $2`,
        [match.requestId, match.offerId],
      );
      const first = startsAt.toISOString().slice(0, 10);
      const last = endsAt.toISOString().slice(0, 10);
      const from = window.earliest > window.from ? window.earliest : window.from;
      const until = window.latest < window.until ? window.latest : window.until;
      if (first < from) throw new InvalidInputError('startsAt', `startsAt must lie within the request's dates and the offer's availability (${from} to ${until}).`);
      if (last > until) throw new InvalidInputError('endsAt', `endsAt must lie within the request's dates and the offer's availability (${from} to ${until}).`);
      const rescheduling = match.status === MatchStatus.SCHEDULED;
      match.startsAt = startsAt;
      match.endsAt = endsAt;
      match.sequence += 1;
      await this.save(m, match, viewer.id, MatchStatus.SCHEDULED, rescheduling ? 'Rescheduled.' : null);
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
      this.assertState(match, 'cancel', OPEN_MATCH_STATES);
      await this.release(m, match);
      match.sequence += 1;
      await this.save(m, match, viewer.id, MatchStatus.CANCELLED, why);
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
      this.assertState(match, 'complete', [MatchStatus.SCHEDULED]);
      if (!match.startsAt || match.startsAt > this.clock.now()) {
        throw new ConflictError(`The match can be completed once it has started (${match.startsAt?.toISOString() ?? 'not scheduled'}).`);
      }
      await this.save(m, match, viewer.id, MatchStatus.COMPLETED, null);
      await this.announceCompletion(m, match, viewer.id);
      return match;
    });
  }

  /**
   * The worker's job: SCHEDULED matches whose end has passed become COMPLETED. Rows are
   * claimed with SKIP LOCKED, so several workers split the work and none is done twice.
   */
  async completeEnded(batch = 200): Promise<number> {
    return inTransaction(this.dataSource, async (m) => {
      const due = await m.getRepository(Match).createQueryBuilder('x')
        .setLock('pessimistic_write').setOnLocked('skip_locked')
        .where('x.status = :s AND x.ends_at <= :now', { s: MatchStatus.SCHEDULED, now: this.clock.now() })
        .orderBy('x.ends_at', 'ASC').limit(batch).getMany();
      for (const match of due) {
        await this.save(m, match, null, MatchStatus.COMPLETED, 'Ended.');
        await this.announceCompletion(m, match, null);
      }
      return due.length;
    });
  }

  /**
   * The worker's job (lapsing): matches not agreed yet (PROPOSED, AWAITING_APPROVAL) on a
   * request that lapsed (CLOSED after its last date) or on an offer that lapsed (ARCHIVED
   * after its last day) are cancelled with the reason "lapsed" (cancelUnagreed), and the
   * other side hears of it. The match rows are claimed with SKIP LOCKED, so several
   * workers never cancel one twice.
   */
  async cancelLapsed(today: string, batch = 200): Promise<number> {
    return inTransaction(this.dataSource, async (m) => {
      const rows: Array<{ id: string; request_lapsed: boolean; offer_lapsed: boolean }> = await m.query(
        `SELECT x.id, (r.status = 'CLOSED' AND r.latest_date < $1::date) AS request_lapsed, (o.status = 'ARCHIVED' AND o.available_until < $1::date) AS offer_lapsed
           FROM collaboration_match x
           JOIN collaboration_request r ON r.id = x.request_id
           JOIN offer o ON o.id = x.offer_id
          WHERE x.status = ANY($3::varchar[])
            AND ((r.status = 'CLOSED' AND r.latest_date < $1::date) OR (o.status = 'ARCHIVED' AND o.available_until < $1::date))
          ORDER BY x.id LIMIT $2
          FOR UPDATE OF x SKIP LOCKED`,
        [today, batch, UNAGREED_STATES],
      );
      if (rows.length === 0) return 0;
      const why = new Map(rows.map((r) => [r.id, r]));
      const matches = await m.getRepository(Match).find({ where: { id: In([...why.keys()]) }, order: { id: 'ASC' } });
      // The side whose item lapsed is told about the item itself (LapsingService); the other side about the match.
      return this.cancelUnagreed(m, matches, 'lapsed', null, (match) => {
        const { request_lapsed: request, offer_lapsed: offer } = why.get(match.id)!;
        return { organizations: request && offer ? [match.schoolId, match.partnerId] : request ? [match.partnerId] : [match.schoolId] };
      });
    });
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
  async cancelUnagreed(m: EntityManager, matches: readonly Match[], reasonKey: SystemReason, actorId: string | null, audience: (match: Match) => Audience): Promise<number> {
    const unagreed = matches.filter((x) => UNAGREED_STATES.includes(x.status));
    await this.lockItemsOf(m, unagreed);
    for (const match of unagreed) {
      await this.release(m, match);
      match.sequence += 1;
      await this.save(m, match, actorId, MatchStatus.CANCELLED, reasonKey);
      await this.notices.write(m, 'match_cancelled', match, audience(match), { reasonKey });
    }
    return unagreed.length;
  }

  /**
   * Locks the offers, then the requests, of those of `matches` that hold quantity, each
   * in id order: the workflow's lock order when several pairs are released at once (the
   * caller holds the match rows already). Rows this transaction holds are not waited for.
   */
  async lockItemsOf(m: EntityManager, matches: readonly Match[]): Promise<void> {
    const holding = matches.filter((x) => HOLDING_STATES.includes(x.status));
    if (holding.length === 0) return;
    await m.query(`SELECT id FROM offer WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[...new Set(holding.map((x) => x.offerId))]]);
    await m.query(`SELECT id FROM collaboration_request WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[...new Set(holding.map((x) => x.requestId))]]);
  }

  /**
   * Matches of an allocation round, written in the caller's transaction: ALLOCATION-origin
   * proposals that both sides must accept (they hold nothing until then). The caller has
   * locked the pairs' offers and requests and checked them (AllocationService); a pair
   * that has an open match all the same is CONFLICT (the unique index decides).
   */
  async createAllocated(m: EntityManager, viewer: Viewer, pairs: Array<{ request: CollaborationRequest; offer: Offer; quantity: number; score: number }>): Promise<Match[]> {
    const out: Match[] = [];
    for (const p of pairs) {
      const match = await this.insert(m, {
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
      await this.event(m, match, viewer.id, null, 'Proposed by an allocation round.');
      await this.notices.write(m, 'match_proposed', match, { organizations: [match.schoolId, match.partnerId], except: viewer.id });
      out.push(match);
    }
    return out;
  }

  // ---- internals -----------------------------------------------------------------------

  /**
   * Inserts a new match. The database allows one open match per request and offer
   * (OPEN_PAIR_INDEX); the callers check that under the pair's locks first, and should a
   * second one get past them all the same, the index refuses it and the caller gets
   * CONFLICT, not an internal error.
   */
  private async insert(m: EntityManager, fields: Partial<Match>): Promise<Match> {
    try {
      return await m.getRepository(Match).save(m.getRepository(Match).create(fields));
    } catch (e) {
      const driverError = e instanceof QueryFailedError ? (e.driverError as { code?: string; constraint?: string }) : undefined;
      if (driverError?.code === '23505' && driverError.constraint === OPEN_PAIR_INDEX) throw new ConflictError(PAIR_IN_PROGRESS);
      throw e;
    }
  }

  /**
   * "Completed", with a link to give feedback, to both organisations; and per side a
   * reminder FEEDBACK_REMINDER_DAYS later, which the outbox holds back until then and
   * the delivery guard drops if that side has answered meanwhile (FeedbackService).
   */
  private async announceCompletion(m: EntityManager, match: Match, actorId: string | null): Promise<void> {
    await this.notices.write(m, 'match_completed', match, { organizations: [match.schoolId, match.partnerId], except: actorId });
    const remindAt = new Date(this.clock.now().getTime() + this.config.FEEDBACK_REMINDER_DAYS * 86_400_000);
    await this.notices.write(m, 'feedback_reminder', match, { organizations: [match.schoolId] }, { side: 'SCHOOL' }, remindAt);
    await this.notices.write(m, 'feedback_reminder', match, { organizations: [match.partnerId] }, { side: 'PARTNER' }, remindAt);
  }

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

  private assertState(match: Match, verb: string, allowed: readonly MatchStatus[]): void {
    if (!allowed.includes(match.status)) throw new ConflictError(`Cannot ${verb} a match that is ${match.status}.`);
  }

  /** Locks the offer, then the request (the one order used everywhere), and says what is left. */
  private async lockPair(m: EntityManager, offerId: string, requestId: string): Promise<LockedPair> {
    const [o]: Array<{ capacity: number; capacity_held: number; status: string }> = await m.query(
      `SELECT capacity, capacity_held, status FROM offer WHERE id = $1 FOR UPDATE`,
      [offerId],
    );
    const [r]: Array<{ quantity: number; quantity_matched: number; status: RequestStatus }> = await m.query(
      `SELECT quantity, quantity_matched, status FROM collaboration_request WHERE id = $1 FOR UPDATE`,
      [requestId],
    );
    return {
      remaining: o.capacity - o.capacity_held,
      unmatched: r.quantity - r.quantity_matched,
      offerStatus: o.status,
      requestStatus: r.status,
      quantity: r.quantity,
      matched: r.quantity_matched,
    };
  }

  /** Takes the match's quantity from the offer and the request, or CONFLICT if it no longer fits. */
  private async hold(m: EntityManager, match: Match): Promise<void> {
    const pair = await this.lockPair(m, match.offerId, match.requestId);
    if (pair.offerStatus !== OfferStatus.PUBLISHED) throw new ConflictError(`The offer is ${pair.offerStatus}; only a PUBLISHED offer can be matched.`);
    if (!FOLLOWS_MATCHES.includes(pair.requestStatus)) throw new ConflictError(`The request is ${pair.requestStatus}; it can no longer be matched.`);
    if (pair.remaining < match.quantity) throw new ConflictError(`The offer has ${pair.remaining} place(s) left; this match needs ${match.quantity}.`);
    if (pair.unmatched < match.quantity) throw new ConflictError(`The request still wants ${pair.unmatched}; this match holds ${match.quantity}.`);
    await this.moveHeld(m, match, match.quantity, pair);
  }

  /** Gives the quantity back when a holding match ends in REJECTED or CANCELLED. */
  private async release(m: EntityManager, match: Match): Promise<void> {
    if (!HOLDING_STATES.includes(match.status)) return;
    await this.moveHeld(m, match, -match.quantity, await this.lockPair(m, match.offerId, match.requestId));
  }

  /** Moves held quantity on the locked pair; the request's status follows it (statusForMatched). */
  private async moveHeld(m: EntityManager, match: Match, delta: number, pair: LockedPair): Promise<void> {
    await m.query(`UPDATE offer SET capacity_held = capacity_held + $2, updated_at = now() WHERE id = $1`, [match.offerId, delta]);
    const matched = pair.matched + delta;
    const status = FOLLOWS_MATCHES.includes(pair.requestStatus) ? statusForMatched(pair.quantity, matched) : pair.requestStatus;
    await m.query(`UPDATE collaboration_request SET quantity_matched = $2, status = $3, updated_at = now() WHERE id = $1`, [match.requestId, matched, status]);
  }

  private async save(m: EntityManager, match: Match, actorId: string | null, to: MatchStatus, comment: string | null): Promise<void> {
    const from = match.status;
    match.status = to;
    await m.getRepository(Match).save(match);
    await this.event(m, match, actorId, from, comment);
  }

  private async event(m: EntityManager, match: Match, actorId: string | null, from: MatchStatus | null, comment: string | null): Promise<void> {
    await m.getRepository(MatchEvent).insert({ matchId: match.id, actorId, fromStatus: from, toStatus: match.status, comment });
  }

  private counterparties(match: Match): string[] {
    if (match.origin === MatchOrigin.SCHOOL) return [match.partnerId];
    if (match.origin === MatchOrigin.PARTNER) return [match.schoolId];
    return [match.schoolId, match.partnerId];
  }

  private proposerOrganization(match: Match): string {
    return match.origin === MatchOrigin.PARTNER ? match.partnerId : match.schoolId;
  }
}

