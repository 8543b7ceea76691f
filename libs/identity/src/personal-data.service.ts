import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, PersonalDataContributor, PersonalDataRegistry, PersonRef } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { CoordinatorRegion } from './coordinator-region.entity';
import { IdentityPolicy } from './identity.policy';
import { identityQueries } from './identity.queries';
import { Invitation } from './invitation.entity';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { verifyPassword } from './password';
import { User } from './user.entity';
import type { Actor } from './viewer';
import { OutboxService } from '@brobygge/notifications';

/** The sections of exportMyData that identity writes itself. */
const IDENTITY_SECTIONS = [
  'exportedAt',
  'profile',
  'memberships',
  'coordinatorRegions',
  'organizationsCreated',
  'organizationContacts',
  'invitationsSent',
  'invitationsReceived',
];

/** Organisations that name the person (by e-mail address) as their contact person. */
function namingAsContact(m: EntityManager, email: string | null) {
  return m
    .getRepository(Organization)
    .createQueryBuilder('o')
    .where(`lower(o.contact->>'email') = lower(:email)`, { email: email ?? '' });
}

/**
 * The GDPR rights: exportMyData and deleteMyAccount. Identity writes its own sections; the
 * other contexts add theirs from their own modules (`registerPersonalData` in libs/core:
 * this service is the PERSONAL_DATA registry).
 */
@Injectable()
export class PersonalData implements PersonalDataRegistry {
  private readonly logger = new Logger(PersonalData.name);
  private readonly contributors: Array<{ section: string; contributor: PersonalDataContributor }> = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  addPersonalDataContributor(section: string, contributor: PersonalDataContributor): void {
    if (IDENTITY_SECTIONS.includes(section) || this.contributors.some((c) => c.section === section)) {
      throw new Error(`exportMyData already has a section "${section}"`);
    }
    this.contributors.push({ section, contributor });
  }

  /** GDPR: everything stored about the caller, as one JSON document. */
  async exportMyData(actor: Actor): Promise<string> {
    const viewer = IdentityPolicy.signedIn(actor);
    return inTransaction(
      this.dataSource,
      async (m) => {
        const user = await m.getRepository(User).findOneByOrFail({ id: viewer.id });
        const { passwordHash, ...profile } = user;
        const memberships = await m
          .getRepository(Membership)
          .createQueryBuilder('ms')
          .innerJoin(Organization, 'o', 'o.id = ms.organization_id')
          .select(['ms.role AS role', 'ms.created_at AS "joinedAt"', 'o.id AS "organizationId"', 'o.name AS "organizationName"'])
          .where('ms.user_id = :id', { id: viewer.id })
          .getRawMany();
        const person: PersonRef = { id: user.id, email: user.email, name: user.name };
        const extra: Record<string, unknown> = {};
        for (const { section, contributor } of this.contributors) extra[section] = await contributor.export(m, person);
        return JSON.stringify(
          {
            exportedAt: new Date().toISOString(),
            profile: { ...profile, password: passwordHash ? 'set (stored only as an argon2id hash)' : 'none' },
            memberships,
            coordinatorRegions: (await m.getRepository(CoordinatorRegion).findBy({ userId: viewer.id })).map((r) => ({
              regionCode: r.regionCode,
              grantedAt: r.createdAt,
            })),
            organizationsCreated: await m.getRepository(Organization).find({
              where: { createdById: viewer.id },
              select: { id: true, name: true, createdAt: true },
            }),
            organizationContacts: (await namingAsContact(m, user.email).orderBy('o.name').getMany()).map((o) => ({
              organizationId: o.id,
              organizationName: o.name,
              contact: o.contact,
            })),
            invitationsSent: await m.getRepository(Invitation).find({
              where: { invitedById: viewer.id },
              select: { id: true, organizationId: true, email: true, role: true, createdAt: true, expiresAt: true, acceptedAt: true },
              order: { createdAt: 'ASC' },
            }),
            invitationsReceived: await m.getRepository(Invitation).find({
              where: [{ email: viewer.email }, { acceptedById: viewer.id }],
              select: { id: true, organizationId: true, role: true, createdAt: true, acceptedAt: true, expiresAt: true },
              order: { createdAt: 'ASC' },
            }),
            ...extra,
          },
          null,
          2,
        );
      },
      'REPEATABLE READ',
    );
  }

  /**
   * GDPR erasure: name, e-mail and password go; the row stays as an anonymous actor so the
   * organisations' records (matches, history, feedback) keep their integrity. Every
   * context erases its part in the same transaction (docs/decisions.md, "Identity").
   */
  async deleteMyAccount(actor: Actor, password: string): Promise<boolean> {
    const viewer = IdentityPolicy.signedIn(actor);
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: viewer.id });
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw new InvalidInputError('password', 'The password is not correct.');
    }
    await inTransaction(this.dataSource, async (m) => {
      const locked = await m.getRepository(User).findOne({ where: { id: viewer.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.deletedAt) throw new ConflictError('This account has already been deleted.');
      const person: PersonRef = { id: locked.id, email: locked.email, name: locked.name };
      // The other contexts first: they may still look at identity's rows (e.g. memberships).
      for (const { contributor } of this.contributors) await contributor.erase(m, person);
      await this.eraseInviterName(m, viewer.id);
      await m
        .getRepository(User)
        .update({ id: viewer.id }, { email: null, name: 'Deleted user', passwordHash: null, deletedAt: new Date(), emailNotifications: false, isAdmin: false });
      await m.getRepository(Membership).delete({ userId: viewer.id });
      await m.getRepository(CoordinatorRegion).delete({ userId: viewer.id });
      await m.getRepository(Organization).update({ createdById: viewer.id }, { createdById: null });
      // A contact person who is this account (by address) goes: shown to the other side of matches, on agreements.
      if (locked.email) {
        await m.createQueryBuilder().update(Organization).set({ contact: null }).where(`lower(contact->>'email') = lower(:email)`, { email: locked.email }).execute();
      }
      await m.getRepository(Invitation).update({ invitedById: viewer.id }, { invitedById: null });
      await m.getRepository(Invitation).update({ acceptedById: viewer.id }, { acceptedById: null });
      await m.getRepository(Invitation).update({ email: viewer.email }, { email: null });
    });
    this.logger.log({ userId: viewer.id }, 'account deleted');
    return true;
  }

  /** The invitation e-mails they sent lose their name (the outbox is the notifications context's). */
  private async eraseInviterName(m: EntityManager, userId: string): Promise<void> {
    // created_at as text: a JS Date would drop the microseconds the fallback match compares.
    const sent = await identityQueries.invitationsSentBy(m, userId);
    await this.outbox.forgetInviter(m, sent);
  }
}
