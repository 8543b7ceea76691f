import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationKind, SchoolLevel } from './enums';

/** A person to contact at an organisation (not an account): shown per RULES.md, "Organization.contact". */
export interface ContactPerson {
  name: string;
  email: string | null;
  phone: string | null;
  role: string | null;
}

/** A school, company, university or public agency, in one region. */
@Entity({ name: 'organization' })
@Index('ix_organization_region_kind', ['regionCode', 'kind'])
@Index('ix_organization_name_id', ['name', 'id'])
// A school unit is registered once per country (the register import's key).
@Index('uq_organization_registry_code', ['countryCode', 'registryCode'], { unique: true, where: '"registry_code" IS NOT NULL' })
@Check('ck_organization_pupil_count', `"pupil_count" IS NULL OR "pupil_count" >= 0`)
@Check('ck_organization_need_index', `"need_index" IS NULL OR ("need_index" >= 0 AND "need_index" <= 100)`)
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

  /** The school unit's code in the national register (Skolverket's skolenhetskod and the like). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  registryCode: string | null;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  schoolLevels: SchoolLevel[];

  /** Upper-secondary programme codes (NA, TE, EE, ...). */
  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  programmes: string[];

  @Column({ type: 'int', nullable: true })
  pupilCount: number | null;

  /** 0-100, higher = greater socio-economic need; set by a coordinator. */
  @Column({ type: 'double precision', nullable: true })
  needIndex: number | null;

  @Column({ type: 'jsonb', nullable: true })
  contact: ContactPerson | null;

  /** False for a school imported from a register that no one has claimed yet (it has no members). */
  @Column({ type: 'boolean', default: true })
  claimed: boolean;

  /** Who created it; null once that account is deleted. */
  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
