import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeliveryGuards, NewNotification, OutboxService } from '@brobygge/notifications';
import { collaborationQueries } from './collaboration.queries';
import type { Match } from './match.entity';

/** The notification types of match transitions (RULES.md, "Notifications — who hears what"). */
export type MatchNotice =
  | 'match_proposed'
  | 'match_accepted'
  | 'match_approved'
  | 'match_rejected'
  | 'match_declined'
  | 'match_scheduled'
  | 'match_rescheduled'
  | 'match_cancelled'
  | 'match_completed'
  | 'match_reminder'
  | 'feedback_reminder'
  /** An agreed match whose request was cancelled or whose offer was paused or archived: keep it or cancel it? */
  | 'match_item_withdrawn'
  /** A placement's supervisor changed after approval: the school hears of it (issue 16). */
  | 'placement_supervisor_changed';

/**
 * Why the system cancelled a match (payload.reasonKey; the e-mail says it in the reader's
 * language): its request or offer lapsed, or its owner cancelled the request or paused or
 * archived the offer.
 */
export type SystemReason = 'lapsed' | 'request_cancelled' | 'offer_paused' | 'offer_archived';

export interface Audience {
  organizations: string[];
  regionCoordinators?: string | null;
  /** Left out: the person who caused the change hears nothing about it. */
  except?: string | null;
}

/**
 * What an organisation nobody has verified wrote (its name, its item's title, its people's
 * messages) is not sent to people outside it: the notice names the match and links to it,
 * and the templates say "an organisation not yet verified" instead. Reasons the system
 * gives (reasonKey) stay.
 */
export function withoutUnverifiedText(payload: Record<string, unknown>, hide: { school: boolean; partner: boolean }): Record<string, unknown> {
  if (!hide.school && !hide.partner) return payload;
  const { message: _message, comment: _comment, reason: _reason, ...rest } = payload;
  return {
    ...rest,
    ...(hide.school ? { schoolName: null, requestTitle: null } : {}),
    ...(hide.partner ? { partnerName: null, offerTitle: null } : {}),
    unverifiedText: true,
  };
}

/**
 * Writes the outbox rows of a match transition in the caller's transaction: one per
 * recipient, in the recipient's language, with what the message needs to say.
 */
@Injectable()
export class MatchNotifications {
  constructor(
    private readonly outbox: OutboxService,
    guards: DeliveryGuards,
  ) {
    // A reminder goes out only if the match is still scheduled for the time it announces.
    guards.register('match_reminder', async (payload, m) => {
      const row = await collaborationQueries.matchSchedule(m, payload.matchId as string);
      if (!row) return 'the match no longer exists';
      if (row.status !== 'SCHEDULED') return `the match is ${row.status}`;
      if (row.starts_at?.toISOString() !== payload.startsAt) return 'the match was moved';
      return null;
    });
  }

  /** Pending reminders of a match are dropped (it was moved or cancelled). */
  async dropReminders(m: EntityManager, matchId: string): Promise<void> {
    await this.outbox.skipPending(m, 'match_reminder', 'matchId', matchId, 'replaced or cancelled');
  }

  async write(m: EntityManager, type: MatchNotice, match: Match, audience: Audience, extra: Record<string, unknown> = {}, availableAt?: Date): Promise<number> {
    const people = await collaborationQueries.matchRecipients(
      m,
      audience.organizations,
      audience.regionCoordinators ?? null,
      audience.except ?? null,
      match.schoolId,
      match.partnerId,
    );
    if (people.length === 0) return 0;
    const facts = await collaborationQueries.matchTexts(m, match.requestId, match.offerId, match.schoolId, match.partnerId);
    const { schoolVerified, partnerVerified, ...texts } = facts;
    const payload = {
      matchId: match.id,
      status: match.status,
      quantity: match.quantity,
      startsAt: match.startsAt?.toISOString() ?? null,
      endsAt: match.endsAt?.toISOString() ?? null,
      ...texts,
      ...extra,
    };
    const rows: NewNotification[] = people.map((p) => ({
      type,
      recipientUserId: p.id,
      recipientEmail: p.email,
      locale: p.locale,
      payload: withoutUnverifiedText(payload, {
        school: schoolVerified === false && !p.orgs.includes(match.schoolId),
        partner: partnerVerified === false && !p.orgs.includes(match.partnerId),
      }),
      availableAt,
    }));
    await this.outbox.add(m, rows);
    return rows.length;
  }

  /**
   * One notice per member of each organisation, about that organisation's own item (a
   * lapsed request or offer): `payloadOf(org)` says what it is. One query for all of them.
   */
  async toMembers(m: EntityManager, type: string, organizationIds: readonly string[], payloadOf: (organizationId: string) => Record<string, unknown>[]): Promise<number> {
    if (organizationIds.length === 0) return 0;
    const people = await collaborationQueries.membersOf(m, [...new Set(organizationIds)]);
    const rows: NewNotification[] = people.flatMap((p) =>
      payloadOf(p.organization_id).map((payload) => ({ type, recipientUserId: p.id, recipientEmail: p.email, locale: p.locale, payload })),
    );
    await this.outbox.add(m, rows);
    return rows.length;
  }
}
