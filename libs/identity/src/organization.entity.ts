import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationKind } from './enums';

/** A school, company, university or public agency, in one region. */
@Entity({ name: 'organization' })
@Index('ix_organization_region_kind', ['regionCode', 'kind'])
@Index('ix_organization_name_id', ['name', 'id'])
export class Organization {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organization' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: OrganizationKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  regionCode: string;

  // The catalogue's region, named (not imported): identity comes before catalog in the context order.
  @ManyToOne('Region', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'fk_organization_region' })
  region?: { code: string };

  @Column({ type: 'varchar', length: 200 })
  municipality: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  district: string | null;

  @Column({ type: 'char', length: 2 })
  countryCode: string;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'boolean', default: false })
  verified: boolean;

  @Column({ type: 'boolean', default: false })
  priority: boolean;

  /** Who created it; null once that account is deleted. */
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
