import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Locale, text } from '@brobygge/core';
import { CoordinatorRegion } from './coordinator-region.entity';
import { DigestFrequency } from './enums';
import { IdentityPolicy } from './identity.policy';
import { Membership } from './membership.entity';
import { User } from './user.entity';
import type { Actor } from './viewer';

/** A person's account as others see it and as they change it: name, locale, preferences, roles. */
@Injectable()
export class Profiles {
  constructor(private readonly dataSource: DataSource) {}

  async user(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  membershipsOfUsers(userIds: readonly string[]): Promise<Membership[]> {
    return this.dataSource.getRepository(Membership).find({ where: { userId: In([...userIds]) }, order: { createdAt: 'ASC' } });
  }

  coordinatorRegionsOfUsers(userIds: readonly string[]): Promise<CoordinatorRegion[]> {
    return this.dataSource.getRepository(CoordinatorRegion).find({ where: { userId: In([...userIds]) }, order: { regionCode: 'ASC' } });
  }

  async updateProfile(actor: Actor, data: { name?: string | null; locale?: Locale | null }): Promise<User> {
    const viewer = IdentityPolicy.signedIn(actor);
    const patch: Partial<User> = {};
    if (data.name !== undefined && data.name !== null) patch.name = text('input.name', data.name, { max: 200 });
    if (data.locale) patch.locale = data.locale;
    if (Object.keys(patch).length) await this.dataSource.getRepository(User).update({ id: viewer.id }, patch);
    return this.dataSource.getRepository(User).findOneByOrFail({ id: viewer.id });
  }

  /** E-mail on or off (the in-app notification is written either way) and the digest frequency. */
  async updateNotificationPreferences(actor: Actor, data: { email?: boolean | null; digest?: DigestFrequency | null }): Promise<User> {
    const viewer = IdentityPolicy.signedIn(actor);
    const patch: Partial<User> = {};
    if (data.email !== undefined && data.email !== null) patch.emailNotifications = data.email;
    if (data.digest) patch.digest = data.digest;
    if (Object.keys(patch).length) await this.dataSource.getRepository(User).update({ id: viewer.id }, patch);
    return this.dataSource.getRepository(User).findOneByOrFail({ id: viewer.id });
  }

  /** Roles as the API shows them. */
  static roles(user: { isAdmin: boolean }, coordinatorRegions: string[]): Array<'ADMIN' | 'COORDINATOR'> {
    return [...(user.isAdmin ? (['ADMIN'] as const) : []), ...(coordinatorRegions.length ? (['COORDINATOR'] as const) : [])];
  }
}
