import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { FocusArea, Region, TaxonomyService } from '@brobygge/catalog';

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): Array<V | null> {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

/** Per-request DataLoaders: relations of a page cost one query per kind, not one per row. */
export class Loaders {
  readonly region: DataLoader<string, Region | null>;
  readonly focusArea: DataLoader<string, FocusArea | null>;

  constructor(taxonomy: TaxonomyService) {
    this.region = new DataLoader(async (codes) => byKey(codes, await taxonomy.regionsByCodes(codes), (r) => r.code));
    this.focusArea = new DataLoader(async (codes) =>
      byKey(codes, await taxonomy.focusAreasByCodes(codes), (a) => a.code),
    );
  }
}

@Injectable()
export class LoadersFactory {
  constructor(private readonly taxonomy: TaxonomyService) {}

  create(): Loaders {
    return new Loaders(this.taxonomy);
  }
}
