import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Offer, TaxonomyService } from '@brobygge/catalog';
import { Actor, Clock, ConflictError, email as validEmail, InvalidInputError, localeOfCountry, NotFoundError, optionalText } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { InvitationsService, Organization, OrganizationsService } from '@brobygge/identity';
import { NewNotification, OutboxService } from '@brobygge/notifications';
import { collaborationQueries } from './collaboration.queries';
import { OutreachOffers } from './outreach-offers';
import { Outreach } from './outreach.entity';
import { OutreachPolicy } from './outreach.policy';
import { outreachQueries } from './outreach.queries';

export const OUTREACH_MESSAGE_MAX = 2000;

export interface ReachOutData {
  organizationId: string;
  message?: string | null;
  email?: string | null;
  offerIds?: string[] | null;
}

/**
 * A coordinator's outreach to a school (issue 15): an e-mail with their message and up to
 * five offers — to every member of a claimed school, each in their own language; to the
 * given address of an unclaimed one, with the invitation that makes its acceptor OWNER.
 * The outreach, the invitation and the e-mails are one transaction.
 */
@Injectable()
export class OutreachService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly invitations: InvitationsService,
    private readonly taxonomy: TaxonomyService,
    private readonly offers: OutreachOffers,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async reachOut(actor: Actor, input: ReachOutData): Promise<Outreach> {
    OutreachPolicy.signedIn(actor);
    const school = await this.organizations.find(input.organizationId);
    if (!school) throw new NotFoundError('Organization', input.organizationId);
    const viewer = OutreachPolicy.assertMayReachOut(actor, school);
    const message = optionalText('input.message', input.message, OUTREACH_MESSAGE_MAX);
    const email = this.address(school, input.email);
    const offers = input.offerIds === null || input.offerIds === undefined ? await this.offers.choose(school) : await this.offers.given(school, input.offerIds);
    const [region] = await this.taxonomy.regionsByCodes([school.regionCode]);
    const partners = new Map((await this.organizations.findByIds([...new Set(offers.map((o) => o.organizationId))])).map((p) => [p.id, p.name]));

    return inTransaction(this.dataSource, async (m) => {
      const members = school.claimed ? await collaborationQueries.membersOf(m, [school.id]) : [];
      if (school.claimed && members.length === 0) {
        throw new ConflictError('This school has no members to write to. Ask an admin to help, or invite someone through its owner.');
      }
      const invited = email ? await this.invitations.inviteToClaim(m, { organizationId: school.id, email, invitedById: viewer.id }) : null;
      const repo = m.getRepository(Outreach);
      const outreach = await repo.save(
        repo.create({
          organizationId: school.id,
          regionCode: school.regionCode,
          coordinatorId: viewer.id,
          email,
          message,
          offerIds: offers.map((o) => o.id),
          invitationId: invited?.invitationId ?? null,
          sentAt: this.clock.now(),
          respondedAt: null,
        }),
      );
      const payload = {
        outreachId: outreach.id,
        organizationId: school.id,
        organizationName: school.name,
        regionName: region?.name ?? school.regionCode,
        message,
        offers: offers.map((o: Offer) => ({ id: o.id, title: o.title, partner: partners.get(o.organizationId) ?? null })),
      };
      let rows: NewNotification[];
      if (invited) {
        // An address, maybe of someone with an account (then in their language), else in the region's.
        const account = await outreachQueries.accountByEmail(m, email!);
        rows = [
          {
            type: 'outreach',
            recipientUserId: account?.id ?? null,
            recipientEmail: email,
            locale: account?.locale ?? localeOfCountry(school.countryCode),
            sendEmail: true,
            payload: { ...payload, invitationId: invited.invitationId, secretToken: invited.token },
          },
        ];
      } else {
        rows = members.map((p) => ({ type: 'outreach', recipientUserId: p.id, recipientEmail: p.email, locale: p.locale, sendEmail: true, payload }));
      }
      await this.outbox.add(m, rows);
      return outreach;
    });
  }

  /** Required for an unclaimed school (the invitation goes there); refused for a claimed one, whose members are written to. */
  private address(school: Organization, given: string | null | undefined): string | null {
    const blank = given === null || given === undefined || given.trim() === '';
    if (school.claimed) {
      if (!blank) throw new InvalidInputError('input.email', 'input.email is only for an unclaimed school: the members of a claimed school are written to.');
      return null;
    }
    if (blank)
      throw new InvalidInputError('input.email', 'input.email is required: nobody has claimed this school yet, and the invitation to claim it goes to this address.');
    return validEmail('input.email', given);
  }
}
