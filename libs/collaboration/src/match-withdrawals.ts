import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Withdrawal, WithdrawalParticipant, WithdrawalRace, Withdrawals } from '@brobygge/catalog';
import { collaborationQueries as q } from './collaboration.queries';
import { Match } from './match.entity';
import { MatchNotifications, SystemReason } from './match-notifications';
import { AGREED_OPEN_STATES, OPEN_MATCH_STATES, UNAGREED_STATES } from './match.policy';
import { MatchLifecycle } from './match-lifecycle';

const REASON: Record<Withdrawal['change'], SystemReason> = { CANCELLED: 'request_cancelled', PAUSED: 'offer_paused', ARCHIVED: 'offer_archived' };

/**
 * What a request's cancellation or an offer's pausing or archiving does to the matches on
 * it (docs/decisions.md, "Withdrawn requests and offers"), in the catalogue's transaction:
 * matches not agreed yet are cancelled and give back what they held (the same
 * MatchLifecycle.cancelUnagreed as lapsing); agreed ones (APPROVED, SCHEDULED) stay, and
 * both sides and the region's coordinators are told that they must decide.
 *
 * Lock order: `prepare` runs before the catalogue locks the item and takes the open
 * match rows (id order), then the offers and requests of those that hold. A proposal
 * that slipped in before the item was locked is found afterwards; the transaction then
 * starts over (WithdrawalRace) rather than lock a match row out of order.
 */
@Injectable()
export class MatchWithdrawals implements WithdrawalParticipant {
  constructor(
    withdrawals: Withdrawals,
    private readonly matches: MatchLifecycle,
    private readonly notices: MatchNotifications,
  ) {
    withdrawals.register(this);
  }

  async prepare(m: EntityManager, w: Withdrawal): Promise<Match[]> {
    const open = await m
      .getRepository(Match)
      .createQueryBuilder('x')
      .setLock('pessimistic_write')
      .where(`x.${w.item === 'REQUEST' ? 'request_id' : 'offer_id'} = :id AND x.status IN (:...open)`, { id: w.id, open: OPEN_MATCH_STATES })
      .orderBy('x.id', 'ASC')
      .getMany();
    await this.matches.lockItemsOf(
      m,
      open.filter((x) => UNAGREED_STATES.includes(x.status)),
    );
    return open;
  }

  async withdrawn(m: EntityManager, w: Withdrawal, prepared: unknown): Promise<void> {
    const locked = prepared as Match[];
    // With the item locked no match can be added to it; one added before is not locked here.
    const now = await q.matchIdsOn(m, w.item, w.id, OPEN_MATCH_STATES);
    const known = new Set(locked.map((x) => x.id));
    if (now.some((id) => !known.has(id))) throw new WithdrawalRace();

    const reasonKey = REASON[w.change];
    await this.matches.cancelUnagreed(m, locked, reasonKey, w.actorId, (match) => ({
      organizations: [w.item === 'REQUEST' ? match.partnerId : match.schoolId],
      regionCoordinators: match.regionCode,
      except: w.actorId,
    }));
    for (const match of locked.filter((x) => AGREED_OPEN_STATES.includes(x.status))) {
      await this.notices.write(
        m,
        'match_item_withdrawn',
        match,
        { organizations: [match.schoolId, match.partnerId], regionCoordinators: match.regionCode, except: w.actorId },
        { reasonKey },
      );
    }
  }
}
