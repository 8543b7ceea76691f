import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, IsNull } from 'typeorm';
import {
  ConflictError,
  countryCode,
  decodeCursor,
  InvalidInputError,
  isUuid,
  NotFoundError,
  numberInRange,
  optionalText,
  Page,
  pageSize,
  text,
  toPage,
} from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { OutboxService } from '@brobygge/notifications';
import { CoordinatorRegion } from './coordinator-region.entity';
import { MembershipRole, OrganizationKind } from './enums';
import { IdentityPolicy } from './identity.policy';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { User } from './user.entity';
import type { Actor } from './viewer';

/** The catalogue's region row, by entity name: identity comes before catalog in the context order. */
interface CatalogRegion {
  code: string;
}

export interface NewOrganization {
  kind: OrganizationKind;
  name: string;
  regionCode: string;
  municipality: string;
  district?: string | null;
  countryCode: string;
  latitude?: number | null;
  longitude?: number | null;
  description?: string | null;
}

export interface OrganizationFilter {
  kinds?: OrganizationKind[] | null;
  regionCodes?: string[] | null;
  verified?: boolean | null;
  search?: string | null;
}

/** Organisations, their coordinators' decisions (verification, priority), coordinator rights. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async create(actor: Actor, input: NewOrganization): Promise<Organization> {
    const viewer = IdentityPolicy.signedIn(actor);
    const region = await this.dataSource.getRepository<CatalogRegion>('Region').findOneBy({ code: input.regionCode });
    if (!region) throw new InvalidInputError('input.regionCode', `There is no region "${input.regionCode}"; see the regions query.`);
    const lat = input.latitude ?? null;
    const lon = input.longitude ?? null;
    if ((lat === null) !== (lon === null)) {
      throw new InvalidInputError(lat === null ? 'input.latitude' : 'input.longitude', 'Give both latitude and longitude, or neither.');
    }
    const values = {
      kind: input.kind,
      name: text('input.name', input.name, { max: 200 }),
      regionCode: region.code,
      municipality: text('input.municipality', input.municipality, { max: 200 }),
      district: optionalText('input.district', input.district, 200),
      countryCode: countryCode('input.countryCode', input.countryCode),
      latitude: lat === null ? null : numberInRange('input.latitude', lat, -90, 90),
      longitude: lon === null ? null : numberInRange('input.longitude', lon, -180, 180),
      description: optionalText('input.description', input.description, 5000),
      verified: false,
      priority: false,
      createdById: viewer.id,
    };
    return inTransaction(this.dataSource, async (m) => {
      const org = await m.getRepository(Organization).save(m.getRepository(Organization).create(values));
      await m.getRepository(Membership).insert({ userId: viewer.id, organizationId: org.id, role: MembershipRole.OWNER });
      return org;
    });
  }

  /** Any signed-in user sees an organisation; an unknown id is NOT_FOUND. */
  async get(actor: Actor, id: string): Promise<Organization> {
    IdentityPolicy.assertCanSeeOrganization(actor);
    const org = await this.find(id);
    if (!org) throw new NotFoundError('Organization', id);
    return org;
  }

  /** Without authorisation: for loaders and other contexts that already decided. */
  find(id: string): Promise<Organization | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.dataSource.getRepository(Organization).findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<Organization[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.dataSource.getRepository(Organization).findBy({ id: In(valid) }) : Promise.resolve([]);
  }

  /** The directory, by name (keyset on name, id), with every filter ANDed. */
  async list(actor: Actor, filter: OrganizationFilter = {}, first?: number | null, after?: string | null): Promise<Page<Organization>> {
    IdentityPolicy.assertCanSeeOrganization(actor);
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['text', 'uuid']);
    const qb = this.dataSource.getRepository(Organization).createQueryBuilder('o');
    if (filter.kinds?.length) qb.andWhere('o.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter.regionCodes?.length) qb.andWhere('o.region_code IN (:...regions)', { regions: filter.regionCodes });
    if (filter.verified !== undefined && filter.verified !== null) qb.andWhere('o.verified = :verified', { verified: filter.verified });
    const search = filter.search?.trim();
    if (search) {
      if (search.length > 200) throw new InvalidInputError('filter.search', 'filter.search must be at most 200 characters.');
      const like = `%${search.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      qb.andWhere(new Brackets((w) => w.where('lower(o.name) LIKE :like', { like }).orWhere('lower(o.municipality) LIKE :like').orWhere('lower(o.district) LIKE :like')));
    }
    const totalCount = await qb.clone().getCount();
    if (cursor) qb.andWhere('(o.name, o.id) > (:name, :id)', { name: cursor[0], id: cursor[1] });
    const rows = await qb
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, (o) => [o.name, o.id], totalCount);
  }

  async verify(actor: Actor, id: string): Promise<Organization> {
    const org = await this.get(actor, id);
    IdentityPolicy.assertCanSupervise(actor, org);
    if (org.verified) return org;
    return inTransaction(this.dataSource, async (m) => {
      await m.getRepository(Organization).update({ id: org.id }, { verified: true });
      const owners = await m
        .getRepository(User)
        .createQueryBuilder('u')
        .innerJoin(Membership, 'ms', 'ms.user_id = u.id')
        .where('ms.organization_id = :id AND ms.role = :owner AND u.deleted_at IS NULL', { id: org.id, owner: MembershipRole.OWNER })
        .getMany();
      await this.outbox.add(
        m,
        owners.map((u) => ({
          type: 'organization_verified',
          recipientUserId: u.id,
          recipientEmail: u.email,
          locale: u.locale,
          sendEmail: u.emailNotifications,
          payload: { organizationId: org.id, organizationName: org.name },
        })),
      );
      return { ...org, verified: true };
    });
  }

  async setPriority(actor: Actor, id: string, priority: boolean): Promise<Organization> {
    const org = await this.get(actor, id);
    IdentityPolicy.assertCanSupervise(actor, org);
    if (org.kind !== OrganizationKind.SCHOOL) throw new ConflictError('Only schools can be marked as priority schools.');
    await this.dataSource.getRepository(Organization).update({ id: org.id }, { priority });
    return { ...org, priority };
  }

  /** Adds coordinator rights in the given regions (an admin's act; existing rights stay). */
  async grantCoordinator(actor: Actor, userId: string, regionCodes: string[]): Promise<User> {
    IdentityPolicy.assertAdmin(actor);
    if (regionCodes.length === 0) throw new InvalidInputError('regionCodes', 'Give at least one region.');
    const user = isUuid(userId) ? await this.dataSource.getRepository(User).findOneBy({ id: userId, deletedAt: IsNull() }) : null;
    if (!user) throw new NotFoundError('User', userId);
    const codes = [...new Set(regionCodes)];
    const regions = await this.dataSource.getRepository<CatalogRegion>('Region').findBy({ code: In(codes) });
    const unknown = codes.filter((c) => !regions.some((r) => r.code === c));
    if (unknown.length) throw new InvalidInputError('regionCodes', `Unknown region(s): ${unknown.join(', ')}.`);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CoordinatorRegion)
      .values(codes.map((regionCode) => ({ userId: user.id, regionCode })))
      .orIgnore()
      .execute();
    return user;
  }
}
