import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { FocusArea } from './focus-area.entity';
import { Region } from './region.entity';

/** Regions and focus areas: small reference data, read often. */
@Injectable()
export class TaxonomyService {
  constructor(private readonly dataSource: DataSource) {}

  regions(): Promise<Region[]> {
    return this.dataSource.getRepository(Region).find({ order: { countryCode: 'DESC', code: 'ASC' } });
  }

  regionsByCodes(codes: readonly string[]): Promise<Region[]> {
    return this.dataSource.getRepository(Region).findBy({ code: In([...codes]) });
  }

  /** Directions first, each followed by its subjects. */
  async focusAreas(): Promise<FocusArea[]> {
    const all = await this.dataSource.getRepository(FocusArea).find({ order: { position: 'ASC', code: 'ASC' } });
    const directions = all.filter((a) => a.parentCode === null);
    return directions.flatMap((d) => [d, ...all.filter((a) => a.parentCode === d.code)]);
  }

  focusAreasByCodes(codes: readonly string[]): Promise<FocusArea[]> {
    return this.dataSource.getRepository(FocusArea).findBy({ code: In([...codes]) });
  }
}
