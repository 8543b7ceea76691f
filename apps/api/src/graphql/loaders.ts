import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { FocusArea, Region, TaxonomyService } from '@brobygge/catalog';
import { AccountsService, CoordinatorRegion, Membership, Organization, OrganizationsService } from '@brobygge/identity';

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): Array<V | null> {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const r of rows) {
    const key = keyOf(r);
    const group = map.get(key);
    if (group) group.push(r);
    else map.set(key, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** Per-request DataLoaders: relations of a page cost one query per kind, not one per row. */
export class Loaders {
  readonly region: DataLoader<string, Region | null>;
  readonly focusArea: DataLoader<string, FocusArea | null>;
  readonly organization: DataLoader<string, Organization | null>;
  readonly membershipsOfUser: DataLoader<string, Membership[]>;
  readonly coordinatorRegionsOfUser: DataLoader<string, CoordinatorRegion[]>;

  constructor(taxonomy: TaxonomyService, organizations: OrganizationsService, accounts: AccountsService) {
    this.region = new DataLoader(async (codes) => byKey(codes, await taxonomy.regionsByCodes(codes), (r) => r.code));
    this.focusArea = new DataLoader(async (codes) => byKey(codes, await taxonomy.focusAreasByCodes(codes), (a) => a.code));
    this.organization = new DataLoader(async (ids) => byKey(ids, await organizations.findByIds(ids), (o) => o.id));
    this.membershipsOfUser = new DataLoader(async (ids) => groupBy(ids, await accounts.membershipsOfUsers(ids), (m) => m.userId));
    this.coordinatorRegionsOfUser = new DataLoader(async (ids) =>
      groupBy(ids, await accounts.coordinatorRegionsOfUsers(ids), (c) => c.userId),
    );
  }
}

@Injectable()
export class LoadersFactory {
  constructor(
    private readonly taxonomy: TaxonomyService,
    private readonly organizations: OrganizationsService,
    private readonly accounts: AccountsService,
  ) {}

  create(): Loaders {
    return new Loaders(this.taxonomy, this.organizations, this.accounts);
  }
}
