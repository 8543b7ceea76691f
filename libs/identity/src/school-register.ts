import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { OrganizationKind, SchoolLevel } from './enums';
import { IdentityPolicy } from './identity.policy';
import { capErrors, parseSchoolRegister, RegisterSchool, SchoolImportError } from './school-register-csv';
import type { Actor, Viewer } from './viewer';

/** What an import did, or — with errors, or in a dry run — would have done. */
export interface SchoolImportResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Every problem, by line (the header is line 1); when there is any, nothing was written. */
  errors: SchoolImportError[];
}

/** The catalogue's region row, by entity name: identity comes before catalog in the context order. */
interface CatalogRegion {
  code: string;
  countryCode: string;
}

/** The register's fields of an organisation as stored (what an import compares and writes). */
interface StoredSchool {
  id: string;
  kind: OrganizationKind;
  region_code: string;
  registry_code: string;
  name: string;
  municipality: string;
  district: string | null;
  latitude: number | null;
  longitude: number | null;
  school_levels: SchoolLevel[];
  programmes: string[];
  pupil_count: number | null;
}

type RegisterFields = Pick<StoredSchool, 'name' | 'municipality' | 'district' | 'latitude' | 'longitude' | 'school_levels' | 'programmes' | 'pupil_count'>;

/** The register's values of a line; a column the file lacks keeps the stored value. */
function registerFields(s: RegisterSchool, stored?: StoredSchool): RegisterFields {
  return {
    name: s.name,
    municipality: s.municipality,
    district: s.district === undefined ? (stored?.district ?? null) : s.district,
    latitude: s.latitude === undefined ? (stored?.latitude ?? null) : s.latitude,
    longitude: s.longitude === undefined ? (stored?.longitude ?? null) : s.longitude,
    school_levels: s.schoolLevels ?? stored?.school_levels ?? [],
    programmes: s.programmes ?? stored?.programmes ?? [],
    pupil_count: s.pupilCount === undefined ? (stored?.pupil_count ?? null) : s.pupilCount,
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameFields = (a: RegisterFields, b: RegisterFields) =>
  a.name === b.name &&
  a.municipality === b.municipality &&
  a.district === b.district &&
  a.latitude === b.latitude &&
  a.longitude === b.longitude &&
  a.pupil_count === b.pupil_count &&
  sameList(a.school_levels, b.school_levels) &&
  sameList(a.programmes, b.programmes);

/** The jsonb_to_recordset column list of the register's fields. */
const FIELDS_RECORD = `name varchar, municipality varchar, district varchar, latitude float8, longitude float8,
  school_levels varchar[], programmes varchar[], pupil_count int`;

/**
 * The school register import (docs/school-register.md, docs/decisions.md "The school
 * register import"): a coordinator loads the schools of their region from a school-unit
 * register file. Keyed by (country, school unit code). All or nothing per file: with any
 * error nothing is written; a clean file is one transaction with two set-based statements
 * (one INSERT, one UPDATE), whatever its size. New schools are unclaimed (no members) and
 * verified (they come from the official register, loaded by a coordinator).
 */
@Injectable()
export class SchoolRegister {
  constructor(private readonly dataSource: DataSource) {}

  /** The region, if it exists (else BAD_USER_INPUT on `region`) and the actor may import into it (else FORBIDDEN). */
  async regionFor(actor: Actor, regionCode: string): Promise<CatalogRegion> {
    IdentityPolicy.signedIn(actor);
    const region = regionCode ? await this.dataSource.getRepository<CatalogRegion>('Region').findOneBy({ code: regionCode }) : null;
    if (!region) throw new InvalidInputError('region', `There is no region "${regionCode}"; see the regions query for the codes.`);
    IdentityPolicy.assertCanImportSchools(actor, region.code);
    return region;
  }

  /** Imports `csv` (the file's bytes) into region `regionCode`; `dryRun` checks everything and writes nothing. */
  async import(actor: Actor, regionCode: string, csv: Uint8Array | string, opts: { dryRun?: boolean } = {}): Promise<SchoolImportResult> {
    const region = await this.regionFor(actor, regionCode);
    const viewer = actor as Viewer;
    const parsed = parseSchoolRegister(csv);
    if (parsed.schools.length === 0) return { created: 0, updated: 0, unchanged: 0, errors: capErrors(parsed.errors) };
    const write = !opts.dryRun && parsed.errors.length === 0;
    return inTransaction(this.dataSource, async (m) => {
      if (write) {
        // One import per country at a time: what is read below is still true when written.
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('brobygge:school-register:' || $1))`, [region.countryCode]);
      } else {
        await m.query('SET TRANSACTION READ ONLY');
      }
      const plan = await this.plan(m, region, parsed.schools);
      const errors = capErrors([...parsed.errors, ...plan.errors].sort((a, b) => a.line - b.line));
      const result = { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged, errors };
      if (!write || errors.length) return result;
      try {
        await this.insert(m, region, viewer.id, plan.creates);
        await this.update(m, plan.updates);
      } catch (e) {
        if ((e as { code?: string }).code === '23505') {
          throw new ConflictError('A school of this file was added to the register at the same time by someone else; import the file again.');
        }
        throw e;
      }
      return result;
    });
  }

  /** What each valid line would do: create, update, nothing — or an error (a code of another region). */
  private async plan(m: EntityManager, region: CatalogRegion, schools: RegisterSchool[]) {
    const stored: StoredSchool[] = await m.query(
      `SELECT id, kind, region_code, registry_code, name, municipality, district, latitude, longitude, school_levels, programmes, pupil_count
         FROM organization WHERE country_code = $1 AND registry_code = ANY($2::varchar[])`,
      [region.countryCode, schools.map((s) => s.code)],
    );
    const byCode = new Map(stored.map((s) => [s.registry_code, s]));
    const errors: SchoolImportError[] = [];
    const creates: Array<RegisterFields & { code: string }> = [];
    const updates: Array<RegisterFields & { id: string }> = [];
    let unchanged = 0;
    for (const s of schools) {
      const existing = byCode.get(s.code);
      if (!existing) {
        creates.push({ code: s.code, ...registerFields(s) });
        continue;
      }
      if (existing.region_code !== region.code) {
        errors.push({
          line: s.line,
          field: 'schoolUnitCode',
          message: `School unit code ${s.code} belongs to a school in region ${existing.region_code}; a coordinator of that region imports it.`,
        });
        continue;
      }
      if (existing.kind !== OrganizationKind.SCHOOL) {
        errors.push({ line: s.line, field: 'schoolUnitCode', message: `School unit code ${s.code} belongs to an organisation that is not a school.` });
        continue;
      }
      const next = registerFields(s, existing);
      if (sameFields(next, existing)) unchanged++;
      else updates.push({ id: existing.id, ...next });
    }
    return { errors, creates, updates, unchanged };
  }

  private async insert(m: EntityManager, region: CatalogRegion, createdById: string, rows: Array<RegisterFields & { code: string }>): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `INSERT INTO organization (kind, name, region_code, municipality, district, country_code, latitude, longitude, verified, priority,
                                 registry_code, school_levels, programmes, pupil_count, claimed, created_by_id)
       SELECT 'SCHOOL', r.name, $2, r.municipality, r.district, $3, r.latitude, r.longitude, true, false,
              r.code, r.school_levels, r.programmes, r.pupil_count, false, $4
         FROM jsonb_to_recordset($1::jsonb) AS r(code varchar, ${FIELDS_RECORD})`,
      [JSON.stringify(rows), region.code, region.countryCode, createdById],
    );
  }

  /** The register's fields only: members, contact, description, verification, priority and claim stay. */
  private async update(m: EntityManager, rows: Array<RegisterFields & { id: string }>): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `UPDATE organization o SET name = r.name, municipality = r.municipality, district = r.district, latitude = r.latitude, longitude = r.longitude,
              school_levels = r.school_levels, programmes = r.programmes, pupil_count = r.pupil_count
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, ${FIELDS_RECORD})
        WHERE o.id = r.id`,
      [JSON.stringify(rows)],
    );
  }
}
