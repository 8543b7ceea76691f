import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, Clock, ConflictError, intInRange, Page } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { CatalogPolicy } from './catalog.policy';
import { CommonFilter, findVisible, organizationFacts, pageOf } from './catalog-query';
import { alsoServesRegionCodes, dateRange, describedFields, optionalInt } from './catalog.validation';
import { ActivityType, DeliveryMode, OfferStatus } from './enums';
import { TaxonomyService } from './taxonomy.service';
import { Offer } from './offer.entity';
import { Withdrawals } from './withdrawals';

export interface OfferInput {
  title?: string | null;
  description?: string | null;
  focusAreas?: string[] | null;
  deliveryModes?: DeliveryMode[] | null;
  languages?: string[] | null;
  capacity?: number | null;
  groupSizeMax?: number | null;
  minStudentAge?: number | null;
  availableFrom?: string | null;
  availableUntil?: string | null;
  travelRadiusKm?: number | null;
  requiresBackgroundCheck?: boolean | null;
  /** Regions beyond the organisation's own that the offer also serves (issue 16); null or absent: unchanged. */
  alsoServesRegionCodes?: string[] | null;
}

export interface NewOffer extends OfferInput {
  organizationId: string;
  activityType: ActivityType;
  title: string;
  description: string;
  focusAreas: string[];
  deliveryModes: DeliveryMode[];
  languages: string[];
  capacity: number;
  availableFrom: string;
  availableUntil: string;
}

export interface OfferFilter extends CommonFilter {
  deliveryModes?: DeliveryMode[] | null;
  availableFrom?: string | null;
  availableUntil?: string | null;
}

export const PUBLIC_OFFER_STATUSES = [OfferStatus.PUBLISHED] as const;

/** Which lifecycle moves are allowed: DRAFT → PUBLISHED ⇄ PAUSED → ARCHIVED. */
const MOVES: Record<'publish' | 'pause' | 'archive', OfferStatus[]> = {
  publish: [OfferStatus.DRAFT, OfferStatus.PAUSED],
  pause: [OfferStatus.PUBLISHED],
  archive: [OfferStatus.DRAFT, OfferStatus.PUBLISHED, OfferStatus.PAUSED],
};
const TARGET = { publish: OfferStatus.PUBLISHED, pause: OfferStatus.PAUSED, archive: OfferStatus.ARCHIVED };

/** Offers: what partners give, and their lifecycle. */
@Injectable()
export class OffersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly taxonomy: TaxonomyService,
    private readonly withdrawals: Withdrawals,
  ) {}

  /**
   * Validates the fields present in `input`, field-named; `creating` adds the not-in-the-past
   * rule. `ownRegion` is the offer's (its organisation's) region.
   */
  private async clean(input: OfferInput, current: Partial<Offer>, creating: boolean, ownRegion: string): Promise<Partial<Offer>> {
    const out: Partial<Offer> = describedFields(input, await this.taxonomy.focusAreaCodes()) as Partial<Offer>;
    if (input.alsoServesRegionCodes != null) {
      const regions = (await this.taxonomy.regions()).map((r) => r.code);
      out.alsoServesRegionCodes = alsoServesRegionCodes('input.alsoServesRegionCodes', input.alsoServesRegionCodes, regions, ownRegion);
    }
    if (input.capacity != null) out.capacity = intInRange('input.capacity', input.capacity, 1, 1000);
    if (input.groupSizeMax !== undefined) out.groupSizeMax = optionalInt('input.groupSizeMax', input.groupSizeMax, 1, 500);
    if (input.minStudentAge !== undefined) out.minStudentAge = optionalInt('input.minStudentAge', input.minStudentAge, 6, 99);
    if (input.travelRadiusKm !== undefined) out.travelRadiusKm = optionalInt('input.travelRadiusKm', input.travelRadiusKm, 0, 2000);
    if (input.requiresBackgroundCheck != null) out.requiresBackgroundCheck = input.requiresBackgroundCheck;
    if (input.availableFrom != null) out.availableFrom = input.availableFrom;
    if (input.availableUntil != null) out.availableUntil = input.availableUntil;
    const from = out.availableFrom ?? current.availableFrom!;
    const until = out.availableUntil ?? current.availableUntil!;
    if (out.availableFrom || out.availableUntil) {
      dateRange('input.availableFrom', from, 'input.availableUntil', until, creating ? this.today() : undefined);
    }
    return out;
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  async create(actor: Actor, input: NewOffer): Promise<Offer> {
    const org = await organizationFacts(this.dataSource, input.organizationId);
    const viewer = CatalogPolicy.assertCanManageOffers(actor, org);
    const fields = await this.clean(input, {}, true, org.regionCode);
    const repo = this.dataSource.getRepository(Offer);
    return repo.save(
      repo.create({
        ...fields,
        organizationId: org.id,
        regionCode: org.regionCode,
        activityType: input.activityType,
        status: OfferStatus.DRAFT,
        requiresBackgroundCheck: input.requiresBackgroundCheck ?? false,
        alsoServesRegionCodes: fields.alsoServesRegionCodes ?? [],
        createdById: viewer.id,
      }),
    );
  }

  /** One the caller may see, or NOT_FOUND. */
  get(actor: Actor, id: string): Promise<Offer> {
    return findVisible(this.dataSource, Offer, actor, id, PUBLIC_OFFER_STATUSES, 'Offer');
  }

  findByIds(ids: readonly string[]): Promise<Offer[]> {
    return this.dataSource.getRepository(Offer).findBy({ id: In([...ids]) });
  }

  async update(actor: Actor, id: string, input: OfferInput): Promise<Offer> {
    const offer = await this.get(actor, id);
    CatalogPolicy.assertCanManageOffers(actor, await organizationFacts(this.dataSource, offer.organizationId));
    const fields = await this.clean(input, offer, false, offer.regionCode);
    return inTransaction(this.dataSource, async (m) => {
      const locked = await m.getRepository(Offer).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (locked.status === OfferStatus.ARCHIVED) throw new ConflictError('The offer is ARCHIVED and can no longer be changed.');
      if (fields.capacity !== undefined && fields.capacity < locked.capacityHeld) {
        throw new ConflictError(`Capacity cannot go below the ${locked.capacityHeld} already held by matches.`);
      }
      await m.getRepository(Offer).update({ id }, fields);
      return m.getRepository(Offer).findOneByOrFail({ id });
    });
  }

  /**
   * Pausing and archiving withdraw the offer: they run through Withdrawals, so that the
   * matches on it are settled in the same transaction (docs/decisions.md, "Withdrawn
   * requests and offers"). Publishing is a plain change.
   */
  async move(actor: Actor, id: string, action: 'publish' | 'pause' | 'archive'): Promise<Offer> {
    const offer = await this.get(actor, id);
    const org = await organizationFacts(this.dataSource, offer.organizationId);
    const viewer = CatalogPolicy.assertCanManageOffers(actor, org);
    if (action === 'publish') CatalogPolicy.assertCanPublish(org);
    const change = async (m: EntityManager) => {
      const locked = await m.getRepository(Offer).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!MOVES[action].includes(locked.status)) {
        throw new ConflictError(`Cannot ${action} an offer that is ${locked.status}.`);
      }
      await m.getRepository(Offer).update({ id }, { status: TARGET[action] });
    };
    const read = (m: EntityManager) => m.getRepository(Offer).findOneByOrFail({ id });
    if (action === 'publish') {
      return inTransaction(this.dataSource, async (m) => {
        await change(m);
        return read(m);
      });
    }
    return this.withdrawals.run(this.dataSource, { item: 'OFFER', id, change: action === 'pause' ? 'PAUSED' : 'ARCHIVED', actorId: viewer.id }, change, read);
  }

  list(actor: Actor, filter: OfferFilter = {}, first?: number | null, after?: string | null): Promise<Page<Offer>> {
    const viewer = CatalogPolicy.signedIn(actor);
    const qb = this.dataSource.getRepository(Offer).createQueryBuilder('o');
    // Offers serve their own region and the ones they also serve (issue 16): both found under
    // a region. Two indexable terms (ix_offer_browse, the GIN ix_offer_also_serves).
    if (filter.regionCodes?.length) {
      qb.andWhere('(o.region_code = ANY(:regionCodes::varchar[]) OR o.also_serves_region_codes && :regionCodes::varchar[])', { regionCodes: filter.regionCodes });
    }
    if (filter.deliveryModes?.length) qb.andWhere('o.delivery_modes && :modes::varchar[]', { modes: filter.deliveryModes });
    if (filter.availableFrom && filter.availableUntil) {
      dateRange('filter.availableFrom', filter.availableFrom, 'filter.availableUntil', filter.availableUntil);
    }
    // "Available on some day in this range": the two ranges overlap.
    if (filter.availableUntil) qb.andWhere('o.available_from <= :until', { until: filter.availableUntil });
    if (filter.availableFrom) qb.andWhere('o.available_until >= :from', { from: filter.availableFrom });
    return pageOf(this.taxonomy, qb, viewer, { ...filter, regionCodes: null }, PUBLIC_OFFER_STATUSES, first, after);
  }
}
