import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ActivityType, CollaborationRequest, DeliveryMode, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { Clock, InvalidInputError, isUuid, localeOfCountry } from '@brobygge/core';
import type { Organization } from '@brobygge/identity';
import { OfferFacts, rank, RequestFacts, servesRegion } from '@brobygge/matching';
import { MatchingData } from './matching-data';

/** At most this many offers go in one outreach. */
export const OUTREACH_OFFERS = 5;

/** The school's open requests that stand for it when it has any (the newest). */
const REQUESTS_READ = 10;
/** Earlier requests whose focus areas say what a school without an open request cares about. */
const INTERESTS_READ = 20;
/** The window a school without an open request is taken to look at. */
const PROFILE_DAYS = 180;
/** The oldest pupils of each school level (the age rule: an offer's minimum age must not exceed it). */
const OLDEST_PUPILS: Partial<Record<string, number>> = { PRIMARY: 12, LOWER_SECONDARY: 15, UPPER_SECONDARY: 18, ADULT_EDUCATION: 20 };
/** Stands for "no request": the profile's id (the library only uses it to order candidates). */
const PROFILE_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The offers of an outreach (issue 15): the coordinator's choice, checked, or the best
 * fitting published offers serving the school's region (issue 16: also offers of other
 * regions that serve it), chosen by the matching library
 * (eligibility and score; no second scorer) — see docs/decisions.md, "Outreach".
 */
@Injectable()
export class OutreachOffers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly data: MatchingData,
    private readonly clock: Clock,
  ) {}

  /** `offerIds` as given: at most five, each a published offer serving the school's region (its own or also, issue 16) with places left. */
  async given(school: Organization, offerIds: readonly string[]): Promise<Offer[]> {
    const ids = [...new Set(offerIds)];
    if (ids.length > OUTREACH_OFFERS) throw new InvalidInputError('input.offerIds', `input.offerIds may name at most ${OUTREACH_OFFERS} offers.`);
    const found = ids.every(isUuid) && ids.length ? await this.dataSource.getRepository(Offer).findBy({ id: In(ids) }) : [];
    const byId = new Map(found.map((o) => [o.id, o]));
    for (const id of ids) {
      const o = byId.get(id);
      if (!o || o.status !== OfferStatus.PUBLISHED || !servesRegion(school, o) || o.capacity - o.capacityHeld <= 0) {
        throw new InvalidInputError('input.offerIds', `Offer "${id}" is not a published offer with places left serving the school's region (${school.regionCode}).`);
      }
    }
    return ids.map((id) => byId.get(id)!);
  }

  /**
   * Up to five offers, best first: every published offer serving the school's region with places
   * left is ranked by the matching library against what the school wants — its open
   * requests when it has any (an offer counts with its best score over them), else a
   * profile of the school: every activity type and delivery mode, its language and
   * English, the next 180 days, its oldest pupils' age (from its school levels) and the
   * focus areas of its earlier requests. Ties by id, as suggestions.
   */
  async choose(school: Organization): Promise<Offer[]> {
    const places = await this.data.placesOf([school.id]);
    const wants = await this.openRequests(school.id);
    const facts = wants.length ? wants.map((r) => this.data.requestFacts(r, places.get(school.id))) : await this.profiles(school, places);
    const best = new Map<string, { offer: Offer; score: number }>();
    for (const activityType of [...new Set(facts.map((f) => f.activityType))]) {
      const offers = await this.data.openOffersIn(school.regionCode, activityType);
      if (offers.length === 0) continue;
      const context = await this.data.contexts(
        'en',
        [school.id],
        offers.map((o) => o.offer.organizationId),
      );
      const byId = new Map(offers.map((o) => [o.offer.id, o.offer]));
      for (const request of facts.filter((f) => f.activityType === activityType)) {
        const ranked = rank<OfferFacts>(
          offers.map((o) => o.facts),
          (o) => [request, o],
          (o) => context(school.id, o.organizationId),
          OUTREACH_OFFERS,
        );
        for (const r of ranked) {
          const seen = best.get(r.candidate.id);
          if (!seen || r.score > seen.score) best.set(r.candidate.id, { offer: byId.get(r.candidate.id)!, score: r.score });
        }
      }
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || (a.offer.id < b.offer.id ? -1 : a.offer.id > b.offer.id ? 1 : 0))
      .slice(0, OUTREACH_OFFERS)
      .map((b) => b.offer);
  }

  private openRequests(organizationId: string): Promise<CollaborationRequest[]> {
    return this.dataSource.getRepository(CollaborationRequest).find({
      where: { organizationId, status: In([RequestStatus.OPEN, RequestStatus.PARTIALLY_MATCHED]) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: REQUESTS_READ,
    });
  }

  /** The school as a request-less profile, one per activity type. */
  private async profiles(school: Organization, places: Awaited<ReturnType<MatchingData['placesOf']>>): Promise<RequestFacts[]> {
    const earlier = await this.dataSource.getRepository(CollaborationRequest).find({
      select: { id: true, focusAreas: true },
      where: { organizationId: school.id },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: INTERESTS_READ,
    });
    const ages = (school.schoolLevels ?? []).map((l) => OLDEST_PUPILS[l]).filter((a): a is number => a !== undefined);
    const today = this.clock.now();
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const profile = {
      id: PROFILE_ID,
      organizationId: school.id,
      status: RequestStatus.OPEN,
      focusAreas: [...new Set(earlier.flatMap((r) => r.focusAreas))],
      deliveryModes: Object.values(DeliveryMode),
      languages: [...new Set([localeOfCountry(school.countryCode), 'en'])],
      quantity: 1,
      quantityMatched: 0,
      groupSize: null,
      studentAge: ages.length ? Math.max(...ages) : null,
      earliestDate: day(today),
      latestDate: day(new Date(today.getTime() + PROFILE_DAYS * 86_400_000)),
      maxTravelKm: null,
    };
    return Object.values(ActivityType).map((activityType) =>
      this.data.requestFacts({ ...profile, activityType } as unknown as CollaborationRequest, places.get(school.id)),
    );
  }
}
