import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Clock } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { collaborationQueries as q } from './collaboration.queries';
import { MatchStatus } from './enums';
import { Match } from './match.entity';
import { MatchLifecycle } from './match-lifecycle';
import { UNAGREED_STATES } from './match.policy';
import { MatchRecords } from './match-records';

/**
 * The worker's sweeps over matches: completing those whose end has passed, cancelling
 * proposals whose request or offer lapsed. Rows are claimed with SKIP LOCKED, so several
 * workers split the work and none is done twice.
 */
@Injectable()
export class MatchSweeps {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly lifecycle: MatchLifecycle,
  ) {}

  /** SCHEDULED matches whose end has passed become COMPLETED. */
  async completeEnded(batch = 200): Promise<number> {
    return inTransaction(this.dataSource, async (m) => {
      const due = await m
        .getRepository(Match)
        .createQueryBuilder('x')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where('x.status = :s AND x.ends_at <= :now', { s: MatchStatus.SCHEDULED, now: this.clock.now() })
        .orderBy('x.ends_at', 'ASC')
        .limit(batch)
        .getMany();
      for (const match of due) {
        await MatchRecords.move(m, match, null, MatchStatus.COMPLETED, 'Ended.');
        await this.lifecycle.announceCompletion(m, match, null);
      }
      return due.length;
    });
  }

  /**
   * Lapsing's part for matches: those not agreed yet (PROPOSED, AWAITING_APPROVAL) on a
   * request that lapsed (CLOSED after its last date) or on an offer that lapsed (ARCHIVED
   * after its last day) are cancelled with the reason "lapsed" (cancelUnagreed), and the
   * other side hears of it.
   */
  async cancelLapsed(today: string, batch = 200): Promise<number> {
    return inTransaction(this.dataSource, async (m) => {
      const rows = await q.claimLapsedMatches(m, today, batch, UNAGREED_STATES);
      if (rows.length === 0) return 0;
      const why = new Map(rows.map((r) => [r.id, r]));
      const matches = await m.getRepository(Match).find({ where: { id: In([...why.keys()]) }, order: { id: 'ASC' } });
      // The side whose item lapsed is told about the item itself (LapsingService); the other side about the match.
      return this.lifecycle.cancelUnagreed(m, matches, 'lapsed', null, (match) => {
        const { request_lapsed: request, offer_lapsed: offer } = why.get(match.id)!;
        return { organizations: request && offer ? [match.schoolId, match.partnerId] : request ? [match.partnerId] : [match.schoolId] };
      });
    });
  }
}
