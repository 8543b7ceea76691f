import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictError, email, intInRange, InvalidInputError, numberInRange, optionalText, text } from '@brobygge/core';
import { OrganizationKind, SchoolLevel } from './enums';
import { IdentityPolicy } from './identity.policy';
import { ContactPerson, Organization } from './organization.entity';
import { OrganizationsService } from './organizations.service';
import type { Actor } from './viewer';

export interface ContactPersonChanges {
  name: string;
  email?: string | null;
  phone?: string | null;
  role?: string | null;
}

/**
 * updateOrganization's input: a field that is absent stays as it is; an explicit null
 * clears a nullable one (district, coordinates, description, pupil count, contact) and
 * empties a list (school levels, programmes).
 */
export interface OrganizationProfileChanges {
  name?: string | null;
  municipality?: string | null;
  district?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  description?: string | null;
  schoolLevels?: readonly SchoolLevel[] | null;
  programmes?: readonly string[] | null;
  pupilCount?: number | null;
  contact?: ContactPersonChanges | null;
}

/** Upper-secondary programme codes as the registers write them: NA, TE, EE, IMA, ... */
const PROGRAMME = /^[A-Z]{2,5}$/;
const MAX_PROGRAMMES = 20;
const MAX_PUPILS = 100_000;
/** Digits with the usual separators and an optional leading +; 5 to 20 digits. */
const PHONE = /^\+?[0-9][0-9 ()./-]*[0-9]$/;

/**
 * An organisation's profile as its owners and the region's coordinators keep it (the
 * school-profile fields of issue 15), and the need index a coordinator sets. Decisions about
 * the organisation itself (verification, priority) stay in OrganizationsService.
 */
@Injectable()
export class OrganizationProfiles {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: OrganizationsService,
  ) {}

  /** Changes only the fields given, each validated and named by its path (`input.pupilCount`). */
  async update(actor: Actor, id: string, input: OrganizationProfileChanges): Promise<Organization> {
    const org = await this.directory.get(actor, id);
    IdentityPolicy.assertCanEditOrganization(actor, org);
    const patch = OrganizationProfiles.validate(org, input);
    if (Object.keys(patch).length) await this.dataSource.getRepository(Organization).update({ id: org.id }, patch);
    return this.dataSource.getRepository(Organization).findOneByOrFail({ id: org.id });
  }

  /** 0–100 (higher = greater need) or null for unknown; schools only, like priority. */
  async setNeedIndex(actor: Actor, id: string, needIndex: number | null | undefined): Promise<Organization> {
    const org = await this.directory.get(actor, id);
    IdentityPolicy.assertCanSupervise(actor, org);
    const value = needIndex === null || needIndex === undefined ? null : numberInRange('needIndex', needIndex, 0, 100);
    if (value !== null && org.kind !== OrganizationKind.SCHOOL) throw new ConflictError('Only schools have a need index.');
    await this.dataSource.getRepository(Organization).update({ id: org.id }, { needIndex: value });
    return { ...org, needIndex: value };
  }

  /** The row changes `input` asks for, or the first field that is wrong. */
  static validate(org: Pick<Organization, 'kind'>, input: OrganizationProfileChanges): Partial<Organization> {
    const patch: Partial<Organization> = {};
    const given = (key: keyof OrganizationProfileChanges) => input[key] !== undefined;
    const required = (field: string, value: string | null | undefined): string => {
      if (value === null || value === undefined) throw new InvalidInputError(field, `${field} cannot be cleared.`);
      return text(field, value, { max: 200 });
    };
    if (given('name')) patch.name = required('input.name', input.name);
    if (given('municipality')) patch.municipality = required('input.municipality', input.municipality);
    if (given('district')) patch.district = optionalText('input.district', input.district, 200);

    if (given('latitude') || given('longitude')) {
      const lat = input.latitude;
      const lon = input.longitude;
      if (lat === undefined || lon === undefined || (lat === null) !== (lon === null)) {
        const missing = lat === undefined || lat === null ? 'input.latitude' : 'input.longitude';
        throw new InvalidInputError(missing, 'Give latitude and longitude together: both numbers, or both null to clear them.');
      }
      patch.latitude = lat === null ? null : numberInRange('input.latitude', lat, -90, 90);
      patch.longitude = lon === null ? null : numberInRange('input.longitude', lon!, -180, 180);
    }
    if (given('description')) patch.description = optionalText('input.description', input.description, 5000);

    const school = org.kind === OrganizationKind.SCHOOL;
    const schoolOnly = (field: string, set: boolean) => {
      if (set && !school) throw new InvalidInputError(field, `${field}: only schools have school levels, programmes and a pupil count.`);
    };
    if (given('schoolLevels')) {
      const levels = [...new Set(input.schoolLevels ?? [])];
      levels.forEach((level, i) => {
        if (!Object.values(SchoolLevel).includes(level)) throw new InvalidInputError(`input.schoolLevels.${i}`, `input.schoolLevels.${i} is not a school level.`);
      });
      schoolOnly('input.schoolLevels', levels.length > 0);
      patch.schoolLevels = levels;
    }
    if (given('programmes')) {
      const codes = [
        ...new Set(
          (input.programmes ?? []).map((raw, i) => {
            const code = raw.trim().toUpperCase();
            if (!PROGRAMME.test(code)) {
              throw new InvalidInputError(`input.programmes.${i}`, `input.programmes.${i} must be a programme code of 2 to 5 letters, such as NA, TE or EE.`);
            }
            return code;
          }),
        ),
      ];
      if (codes.length > MAX_PROGRAMMES) throw new InvalidInputError('input.programmes', `input.programmes may name at most ${MAX_PROGRAMMES} programmes.`);
      schoolOnly('input.programmes', codes.length > 0);
      patch.programmes = codes;
    }
    if (given('pupilCount')) {
      patch.pupilCount = input.pupilCount === null ? null : intInRange('input.pupilCount', input.pupilCount!, 0, MAX_PUPILS);
      schoolOnly('input.pupilCount', patch.pupilCount !== null);
    }
    if (given('contact')) patch.contact = input.contact === null ? null : OrganizationProfiles.contact(input.contact!);
    return patch;
  }

  private static contact(c: ContactPersonChanges): ContactPerson {
    const at = (key: string) => `input.contact.${key}`;
    if (c.name === null || c.name === undefined) throw new InvalidInputError(at('name'), `${at('name')} is required.`);
    const name = text(at('name'), c.name, { max: 200 });
    const address = c.email === null || c.email === undefined || c.email.trim() === '' ? null : email(at('email'), c.email);
    const phone = optionalText(at('phone'), c.phone, 40);
    if (phone !== null) {
      const digits = phone.replace(/\D/g, '').length;
      if (!PHONE.test(phone) || digits < 5 || digits > 20) {
        throw new InvalidInputError(at('phone'), `${at('phone')} must be a phone number: 5 to 20 digits, with spaces, dashes, brackets or a leading +.`);
      }
    }
    return { name, email: address, phone, role: optionalText(at('role'), c.role, 100) };
  }
}
