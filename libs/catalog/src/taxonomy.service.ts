import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FocusArea } from './focus-area.entity';
import { Region } from './region.entity';

/**
 * Regions and focus areas: small reference data that only migrations change, read on
 * almost every request. Each process loads it once and keeps it (immutable, so this is
 * no state that two API processes could disagree on).
 */
@Injectable()
export class TaxonomyService {
  private cache?: Promise<{ regions: Region[]; focusAreas: FocusArea[] }>;

  constructor(private readonly dataSource: DataSource) {}

  private load() {
    this.cache ??= (async () => {
      const regions = await this.dataSource.getRepository(Region).find({ order: { countryCode: 'DESC', code: 'ASC' } });
      const all = await this.dataSource.getRepository(FocusArea).find({ order: { position: 'ASC', code: 'ASC' } });
      const directions = all.filter((a) => a.parentCode === null);
      const focusAreas = directions.flatMap((d) => [d, ...all.filter((a) => a.parentCode === d.code)]);
      return { regions, focusAreas };
    })().catch((e) => {
      this.cache = undefined;
      throw e;
    });
    return this.cache;
  }

  async regions(): Promise<Region[]> {
    return (await this.load()).regions;
  }

  async regionsByCodes(codes: readonly string[]): Promise<Region[]> {
    return (await this.load()).regions.filter((r) => codes.includes(r.code));
  }

  /** Directions first, each followed by its subjects. */
  async focusAreas(): Promise<FocusArea[]> {
    return (await this.load()).focusAreas;
  }

  /** The codes with their children: asking for a direction finds its subjects too. */
  async withSubjects(codes: readonly string[]): Promise<string[]> {
    const all = (await this.load()).focusAreas;
    const children = all.filter((a) => a.parentCode !== null && codes.includes(a.parentCode)).map((a) => a.code);
    return [...new Set([...codes, ...children])];
  }

  async focusAreaCodes(): Promise<Set<string>> {
    return new Set((await this.load()).focusAreas.map((a) => a.code));
  }

  async focusAreasByCodes(codes: readonly string[]): Promise<FocusArea[]> {
    return (await this.load()).focusAreas.filter((a) => codes.includes(a.code));
  }
}
