import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Actor, isUuid, InvalidInputError, NotFoundError, Page } from '@brobygge/core';
import { newestFirstPage } from '@brobygge/database';
import { CatalogPolicy, OrgFacts } from './catalog.policy';
import { catalogQueries } from './catalog.queries';
import { prefixQuery } from './catalog.validation';
import { TaxonomyService } from './taxonomy.service';

/** Common filters of offers and requests, ANDed; shared so that both lists behave alike. */
export interface CommonFilter {
  activityTypes?: string[] | null;
  focusAreas?: string[] | null;
  regionCodes?: string[] | null;
  organizationId?: string | null;
  statuses?: string[] | null;
  search?: string | null;
}

/**
 * True when a list asks only for publicly visible statuses (the default): its answer is
 * then the same for every signed-in caller, which the API's response cache relies on.
 */
export function isPublicListing(filter: Pick<CommonFilter, 'statuses'>, publicStatuses: readonly string[]): boolean {
  return !filter.statuses?.length || filter.statuses.every((s) => publicStatuses.includes(s));
}

export async function organizationFacts(dataSource: DataSource, id: string): Promise<OrgFacts> {
  const rows: OrgFacts[] = isUuid(id) ? await catalogQueries.organizationFacts(dataSource, id) : [];
  if (!rows[0]) throw new NotFoundError('Organization', id);
  return rows[0];
}

/**
 * Applies the filters, the caller's visibility, full-text search and keyset pagination
 * (newest first, on created_at and id: stable under inserts).
 */
export async function pageOf<T extends { createdAt: Date; id: string }>(
  taxonomy: TaxonomyService,
  qb: SelectQueryBuilder<T>,
  actor: Actor,
  filter: CommonFilter,
  publicStatuses: readonly string[],
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Page<T>> {
  const a = qb.alias;
  if (filter.activityTypes?.length) qb.andWhere(`${a}.activity_type IN (:...activityTypes)`, { activityTypes: filter.activityTypes });
  if (filter.regionCodes?.length) qb.andWhere(`${a}.region_code IN (:...regionCodes)`, { regionCodes: filter.regionCodes });
  if (filter.organizationId) {
    if (!isUuid(filter.organizationId)) throw new InvalidInputError('filter.organizationId', 'filter.organizationId must be an organisation id.');
    qb.andWhere(`${a}.organization_id = :organizationId`, { organizationId: filter.organizationId });
  }
  if (filter.focusAreas?.length) {
    const known = await taxonomy.focusAreaCodes();
    const unknown = filter.focusAreas.find((c) => !known.has(c));
    if (unknown) throw new InvalidInputError('filter.focusAreas', `There is no focus area "${unknown}".`);
    qb.andWhere(`${a}.focus_areas && :focusAreas::varchar[]`, { focusAreas: await taxonomy.withSubjects(filter.focusAreas) });
  }
  qb.andWhere(`${a}.status IN (:...statuses)`, { statuses: filter.statuses?.length ? filter.statuses : publicStatuses });
  if (!actor!.isAdmin) {
    qb.andWhere(`(${a}.status IN (:...publicStatuses) OR ${a}.organization_id = ANY(:myOrgs::uuid[]) OR ${a}.region_code = ANY(:myRegions::varchar[]))`, {
      publicStatuses,
      myOrgs: [...actor!.memberships.keys()],
      myRegions: actor!.coordinatorRegions,
    });
  }
  const search = filter.search?.trim() ? prefixQuery('filter.search', filter.search.trim()) : null;
  if (search) {
    qb.andWhere(`to_tsvector('simple'::regconfig, ${a}.title || ' ' || ${a}.description) @@ to_tsquery('simple', :search)`, { search });
  }
  return newestFirstPage(qb, first, after);
}

type CatalogItem = { id: string; organizationId: string; regionCode: string; status: string };

/** One offer or request that the caller may see; NOT_FOUND for unknown and hidden ids alike. */
export async function findVisible<T extends CatalogItem>(
  dataSource: DataSource,
  entity: new () => T,
  actor: Actor,
  id: string,
  publicStatuses: readonly string[],
  what: string,
): Promise<T> {
  CatalogPolicy.signedIn(actor);
  const item = isUuid(id) ? await dataSource.getRepository(entity).findOneBy({ id } as never) : null;
  if (!item) throw new NotFoundError(what, id);
  CatalogPolicy.assertCanSee(actor, item, publicStatuses, what);
  return item;
}
