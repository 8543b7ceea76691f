import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, decodeCursor, isUuid, NotFoundError, Page, pageSize, requireSignedIn, text, toPage } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { NewNotification, OutboxService } from '@brobygge/notifications';
import { collaborationQueries } from './collaboration.queries';
import { conversationQueries, MessageRecipient } from './conversation.queries';
import { Match } from './match.entity';
import type { MatchMessage, MessageSide } from './match-message.entity';
import { withoutUnverifiedText } from './match-notifications';
import { MatchPolicy } from './match.policy';

/** A message is at most this long (characters, after trimming). */
export const MAX_MESSAGE_LENGTH = 4000;
/** A page of messages has this many unless `first` says otherwise. */
export const DEFAULT_MESSAGE_PAGE = 50;

/**
 * The conversation on a match (issue 16, docs/decisions.md "The conversation on a match"):
 * members of either side and the region's coordinators write while the match is open or
 * done, and read it whatever its state. Each message tells the other participants in-app
 * at once, and by e-mail at most once an hour per match and person (digest subscribers: in
 * their digest instead).
 */
@Injectable()
export class MatchConversation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async post(actor: Actor, matchId: string, body: string): Promise<MatchMessage> {
    const viewer = requireSignedIn(actor);
    if (!isUuid(matchId)) throw new NotFoundError('Match', matchId);
    const clean = text('body', typeof body === 'string' ? body : '', { max: MAX_MESSAGE_LENGTH });
    return inTransaction(this.dataSource, async (m) => {
      // The match's lock orders the messages of one match (conversationQueries.insert) and the hourly e-mail claims, and
      // waits for a transition in progress. NO KEY UPDATE, not UPDATE: inserts that only reference the match (a read
      // marker's foreign key check) are not held up, so markMessagesRead cannot deadlock with a message.
      const match = await m.getRepository(Match).createQueryBuilder('x').setLock('for_no_key_update').where('x.id = :id', { id: matchId }).getOne();
      if (!match) throw new NotFoundError('Match', matchId);
      const side = MatchPolicy.assertMayWrite(viewer, match);
      const message = await conversationQueries.insert(m, match.id, viewer.id, side, clean);
      await this.notify(m, match, message);
      return message;
    });
  }

  /**
   * One page of each match's messages, oldest first (newest last); `after` is a cursor of
   * such a page. The caller has checked that the viewer may read them (MatchPolicy.assertMayRead).
   */
  async pages(matchIds: readonly string[], first?: number | null, after?: string | null): Promise<Map<string, Page<MatchMessage>>> {
    const limit = pageSize(first, DEFAULT_MESSAGE_PAGE);
    const key = decodeCursor(after, ['timestamp', 'uuid']) as [string, string] | null;
    const out = new Map<string, Page<MatchMessage>>();
    if (matchIds.length === 0) return out;
    const rows = await conversationQueries.pages(this.dataSource, matchIds, limit + 1, key);
    const counts = await conversationQueries.counts(this.dataSource, matchIds);
    const byMatch = new Map<string, MatchMessage[]>(matchIds.map((id) => [id, []]));
    for (const row of rows) byMatch.get(row.matchId)?.push(row);
    for (const id of matchIds)
      out.set(
        id,
        toPage(byMatch.get(id)!, limit, (x) => [x.createdAt.toISOString(), x.id], counts.get(id) ?? 0),
      );
    return out;
  }

  /** Per match, how many messages of others `userId` has not marked read. */
  unread(userId: string, matchIds: readonly string[]): Promise<Map<string, number>> {
    return matchIds.length ? conversationQueries.unread(this.dataSource, userId, matchIds) : Promise.resolve(new Map());
  }

  /** Marks every message of the match read for the viewer; returns how many messages of others were unread. */
  async markRead(actor: Actor, matchId: string): Promise<number> {
    const viewer = requireSignedIn(actor);
    if (!isUuid(matchId)) throw new NotFoundError('Match', matchId);
    return inTransaction(this.dataSource, async (m) => {
      const match = await m.getRepository(Match).findOneBy({ id: matchId });
      if (!match) throw new NotFoundError('Match', matchId);
      MatchPolicy.assertMayRead(viewer, match);
      return conversationQueries.markRead(m, match.id, viewer.id);
    });
  }

  /**
   * The outbox rows of a message, in its transaction: one per other participant, e-mailed
   * when they have not had a message e-mail for this match in the last hour and take no
   * digest; everyone gets the in-app notice. What a member of an organisation nobody has
   * verified wrote is not sent outside it (withoutUnverifiedText): the notice links to it.
   */
  private async notify(m: EntityManager, match: Match, message: MatchMessage): Promise<void> {
    const people = await conversationQueries.recipients(m, match, message.authorId!);
    if (people.length === 0) return;
    const direct = people.filter((p) => p.email_notifications && (p.digest === 'NEVER' || !p.digest)).map((p) => p.id);
    const emailed = await conversationQueries.claimEmails(m, match.id, direct);
    const { schoolVerified, partnerVerified, ...texts } = await collaborationQueries.matchTexts(m, match.requestId, match.offerId, match.schoolId, match.partnerId);
    const authorOrg = authorOrganization(message.side, match);
    const authorUnverified = (authorOrg === match.schoolId && schoolVerified === false) || (authorOrg === match.partnerId && partnerVerified === false);
    const base = { matchId: match.id, messageId: message.id, side: message.side, status: match.status, ...texts };
    const rows: NewNotification[] = people.map((p: MessageRecipient) => {
      const payload = withoutUnverifiedText(base, {
        school: schoolVerified === false && !p.orgs.includes(match.schoolId),
        partner: partnerVerified === false && !p.orgs.includes(match.partnerId),
      });
      const hidden = authorUnverified && !p.orgs.includes(authorOrg!);
      return {
        type: 'match_message',
        recipientUserId: p.id,
        recipientEmail: p.email,
        locale: p.locale,
        sendEmail: emailed.has(p.id),
        payload: hidden ? { ...payload, message: null, unverifiedText: true } : { ...payload, message: message.body },
      };
    });
    await this.outbox.add(m, rows);
  }
}

function authorOrganization(side: MessageSide, match: Match): string | null {
  if (side === 'SCHOOL') return match.schoolId;
  if (side === 'PARTNER') return match.partnerId;
  return null;
}
