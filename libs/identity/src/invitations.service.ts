import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { Clock, ConflictError, email as validEmail, ForbiddenError, InvalidInputError, NotFoundError, schoolResponded } from '@brobygge/core';
import { assertUnderRowCap, inTransaction } from '@brobygge/database';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { OutboxService } from '@brobygge/notifications';
import { MembershipRole } from './enums';
import { IdentityPolicy } from './identity.policy';
import { Invitation } from './invitation.entity';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { OrganizationsService } from './organizations.service';
import { User } from './user.entity';
import type { Actor } from './viewer';

export const INVITATION_DAYS = 7;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Invitations: a one-time token by e-mail (only its hash is stored), valid for 7 days. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * An invitation to claim an unclaimed school (a coordinator's outreach, issue 15): whoever
   * accepts it becomes its OWNER and the school becomes claimed. Written in the caller's
   * transaction, which also writes the outreach and its e-mail (the caller's template
   * carries the token): the caller has decided that the coordinator may do this. Returns
   * the invitation's id and the one-time token (stored only as its hash).
   */
  async inviteToClaim(
    m: EntityManager,
    input: { organizationId: string; email: string; invitedById: string },
  ): Promise<{ invitationId: string; token: string; expiresAt: Date }> {
    // Under the organisation's lock (the order accept() takes too): a school claimed since the
    // caller looked gets no second OWNER invitation.
    const [row] = (await m.query('SELECT claimed FROM organization WHERE id = $1 FOR NO KEY UPDATE', [input.organizationId])) as Array<{ claimed: boolean }>;
    if (!row) throw new NotFoundError('Organization', input.organizationId);
    if (row.claimed) throw new ConflictError('The school has just been claimed: reach out again, and the message goes to its members.');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
    const inserted = await m.getRepository(Invitation).insert({
      organizationId: input.organizationId,
      email: input.email,
      role: MembershipRole.OWNER,
      tokenHash: hashToken(token),
      invitedById: input.invitedById,
      expiresAt,
    });
    return { invitationId: inserted.identifiers[0].id as string, token, expiresAt };
  }

  async invite(actor: Actor, input: { organizationId: string; email: string; role: MembershipRole }): Promise<boolean> {
    const org = await this.organizations.get(actor, input.organizationId);
    const viewer = IdentityPolicy.assertCanInvite(actor, org);
    const email = validEmail('input.email', input.email);

    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await inTransaction(this.dataSource, async (m) => {
      // An organisation nobody has verified invites at most UNVERIFIED_DAILY_INVITATIONS a day.
      if (!org.verified) {
        await assertUnderRowCap(m, {
          table: 'invitation',
          column: 'organization_id',
          id: org.id,
          limit: this.config.UNVERIFIED_DAILY_INVITATIONS,
          windowSeconds: 24 * 3600,
        });
      }
      const invitee = await m.getRepository(User).findOneBy({ email, deletedAt: IsNull() });
      const inserted = await m.getRepository(Invitation).insert({
        organizationId: org.id,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: viewer.id,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000),
      });
      // Invitations are always e-mailed, whatever the invitee's preferences, and only e-mailed
      // (no in-app copy: its link would hold the token). `invitationId` lets erasure find the
      // rows that name the inviter.
      await this.outbox.add(m, [
        {
          type: 'invitation',
          recipientUserId: invitee?.id ?? null,
          recipientEmail: email,
          locale: invitee?.locale ?? viewer.locale,
          sendEmail: true,
          payload: {
            invitationId: inserted.identifiers[0].id as string,
            // What an unverified organisation wrote (its name, its people's names) is not
            // e-mailed to an outside address: the e-mail says who may vouch for it instead.
            organizationName: org.verified ? org.name : null,
            inviterName: org.verified ? viewer.name : null,
            role: input.role,
            secretToken: token,
          },
        },
      ]);
    });
    return true;
  }

  async accept(actor: Actor, token: string): Promise<Membership> {
    const viewer = IdentityPolicy.signedIn(actor);
    return inTransaction(this.dataSource, async (m) => {
      const tokenHash = hashToken(token.trim());
      const found = await m.getRepository(Invitation).findOneBy({ tokenHash });
      if (!found) throw new NotFoundError('Invitation');
      // Locks in one order, organisation then invitation: two people accepting invitations to
      // the same unclaimed school at once queue on the school (claiming expires the other
      // invitations) instead of deadlocking. NO KEY UPDATE: rows that only reference the
      // organisation (requests, memberships) are not held up.
      await m.query('SELECT 1 FROM organization WHERE id = $1 FOR NO KEY UPDATE', [found.organizationId]);
      const invitation = await m.getRepository(Invitation).findOne({ where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (!invitation) throw new NotFoundError('Invitation');
      if (invitation.acceptedAt) throw new ConflictError('This invitation has already been used. Ask an owner for a new one.');
      if (invitation.expiresAt <= this.clock.now()) {
        throw new InvalidInputError('token', `This invitation expired on ${invitation.expiresAt.toISOString().slice(0, 10)}. Ask an owner for a new one.`);
      }
      if (invitation.email !== viewer.email) {
        throw new ForbiddenError('This invitation was sent to another e-mail address. Sign in with that address to accept it.');
      }
      const now = this.clock.now();
      await m.getRepository(Invitation).update({ id: invitation.id }, { acceptedAt: now, acceptedById: viewer.id });
      await this.claimIfUnclaimed(m, invitation, now);
      await schoolResponded(this.moduleRef, m, { kind: 'CLAIMED', organizationId: invitation.organizationId, at: now });
      const existing = await m.getRepository(Membership).findOneBy({ userId: viewer.id, organizationId: invitation.organizationId });
      if (existing) {
        if (existing.role === MembershipRole.MEMBER && invitation.role === MembershipRole.OWNER) {
          await m.getRepository(Membership).update({ userId: viewer.id, organizationId: invitation.organizationId }, { role: MembershipRole.OWNER });
          existing.role = MembershipRole.OWNER;
        }
        return existing;
      }
      const membership = m.getRepository(Membership).create({ userId: viewer.id, organizationId: invitation.organizationId, role: invitation.role });
      await m.getRepository(Membership).insert(membership);
      return membership;
    });
  }

  /**
   * The first acceptance of an invitation to an unclaimed school claims it (RULES.md: the
   * first person who accepts an outreach invitation becomes its OWNER). Its other pending
   * invitations — all from coordinators' outreach, since an unclaimed school has no one
   * else to invite — expire now: from here on its owner invites.
   */
  private async claimIfUnclaimed(m: EntityManager, invitation: Invitation, now: Date): Promise<void> {
    const claimed = await m.getRepository(Organization).update({ id: invitation.organizationId, claimed: false }, { claimed: true });
    if (!claimed.affected) return;
    await m.getRepository(Invitation).update({ organizationId: invitation.organizationId, acceptedAt: IsNull(), expiresAt: MoreThan(now) }, { expiresAt: now });
  }
}
