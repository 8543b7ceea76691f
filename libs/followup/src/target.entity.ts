import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** What a region's coordinators aim for over a period (issue 15; measures in docs/impact-report.md). */
export enum TargetMeasure {
  SCHOOLS_REACHED_SHARE = 'SCHOOLS_REACHED_SHARE',
  STUDENTS_REACHED = 'STUDENTS_REACHED',
  FEMALE_SHARE = 'FEMALE_SHARE',
  ACTIVITIES_COMPLETED = 'ACTIVITIES_COMPLETED',
  QUANTITY_MATCHED = 'QUANTITY_MATCHED',
  FILL_RATE = 'FILL_RATE',
}

@Entity({ name: 'target' })
@Index('ix_target_region_period', ['regionCode', 'from', 'to'])
@Check('ck_target_period', `"from_date" <= "to_date"`)
@Check('ck_target_value', `"value" >= 0`)
export class Target {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_target' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  regionCode: string;

  // By entity name: the catalogue's region.
  @ManyToOne('Region', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'fk_target_region' })
  region?: object;

  @Column({ type: 'varchar', length: 32 })
  measure: TargetMeasure;

  @Column({ type: 'varchar', length: 64, nullable: true })
  focusAreaCode: string | null;

  @ManyToOne('FocusArea', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'focus_area_code', foreignKeyConstraintName: 'fk_target_focus_area' })
  focusArea?: object;

  @Column({ type: 'varchar', length: 32, nullable: true })
  activityType: string | null;

  @Column({ type: 'double precision' })
  value: number;

  @Column({ name: 'from_date', type: 'date' })
  from: string;

  @Column({ name: 'to_date', type: 'date' })
  to: string;

  /** The coordinator or admin who set it; null once that account is deleted. */
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
