import { EntityManager, QueryFailedError } from 'typeorm';
import { ConflictError } from '@brobygge/core';
import type { MatchStatus } from './enums';
import { Match, MatchEvent } from './match.entity';

/** The partial unique index of one open match per request and offer (migration OpenMatchPerPair). */
export const OPEN_PAIR_INDEX = 'ux_match_open_pair';
export const PAIR_IN_PROGRESS = 'A match between this request and this offer is already in progress.';

/**
 * The match rows and their history, written in the caller's transaction: what the
 * lifecycle (MatchLifecycle) and the worker's sweeps (MatchSweeps) share.
 */
export const MatchRecords = {
  /**
   * Inserts a new match. The database allows one open match per request and offer
   * (OPEN_PAIR_INDEX); the callers check that under the pair's locks first, and should a
   * second one get past them all the same, the index refuses it and the caller gets
   * CONFLICT, not an internal error.
   */
  async insert(m: EntityManager, fields: Partial<Match>): Promise<Match> {
    try {
      return await m.getRepository(Match).save(m.getRepository(Match).create(fields));
    } catch (e) {
      const driverError = e instanceof QueryFailedError ? (e.driverError as { code?: string; constraint?: string }) : undefined;
      if (driverError?.code === '23505' && driverError.constraint === OPEN_PAIR_INDEX) throw new ConflictError(PAIR_IN_PROGRESS);
      throw e;
    }
  },

  /** Moves the match to `to` and writes the event. */
  async move(m: EntityManager, match: Match, actorId: string | null, to: MatchStatus, comment: string | null): Promise<void> {
    const from = match.status;
    match.status = to;
    await m.getRepository(Match).save(match);
    await MatchRecords.event(m, match, actorId, from, comment);
  },

  async event(m: EntityManager, match: Match, actorId: string | null, from: MatchStatus | null, comment: string | null): Promise<void> {
    await m.getRepository(MatchEvent).insert({ matchId: match.id, actorId, fromStatus: from, toStatus: match.status, comment });
  },
};
