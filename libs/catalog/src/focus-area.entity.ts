import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Locale } from '@brobygge/core';

/**
 * The focus-area taxonomy: three directions (life-science-health, process-technology,
 * tech-energy-green), each with subject children. A subject matches its parent partly.
 */
@Entity({ name: 'focus_area' })
export class FocusArea {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_focus_area' })
  code: string;

  @Index('ix_focus_area_parent_code')
  @Column({ type: 'varchar', length: 64, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => FocusArea, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'fk_focus_area_parent' })
  parent?: FocusArea | null;

  @Column({ type: 'varchar', length: 200 })
  nameSv: string;

  @Column({ type: 'varchar', length: 200 })
  nameDa: string;

  @Column({ type: 'varchar', length: 200 })
  nameNb: string;

  @Column({ type: 'varchar', length: 200 })
  nameEn: string;

  /** Order among siblings, for stable listings. */
  @Column({ type: 'smallint', default: 0 })
  position: number;
}

export function focusAreaName(area: FocusArea, locale: Locale): string {
  switch (locale) {
    case 'sv':
      return area.nameSv;
    case 'da':
      return area.nameDa;
    case 'nb':
      return area.nameNb;
    default:
      return area.nameEn;
  }
}
