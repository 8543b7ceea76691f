import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A region that coordinators serve (Malmö, Skåne, Hovedstaden, Troms...). Reference data. */
@Entity({ name: 'region' })
export class Region {
  /** Stable lowercase slug, e.g. `se-malmo`. */
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_region' })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  countryCode: string;
}
