import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';

/** A request or an offer leaving the market by its owner's hand: what happened, to which item, by whom. */
export type Withdrawal =
  { item: 'REQUEST'; id: string; change: 'CANCELLED'; actorId: string } | { item: 'OFFER'; id: string; change: 'PAUSED' | 'ARCHIVED'; actorId: string };

/**
 * Another context's part in a withdrawal, run inside the withdrawal's transaction (the
 * match workflow registers one: the catalogue does not know about matches). `prepare`
 * runs first, before the item's row is locked, so that it can take the locks that come
 * earlier in the project's lock order (match rows, then offers, then requests);
 * `withdrawn` runs after the item's status has changed. Throwing `WithdrawalRace` from
 * `withdrawn` rolls the transaction back and runs it again.
 */
export interface WithdrawalParticipant {
  prepare(m: EntityManager, w: Withdrawal): Promise<unknown>;
  withdrawn(m: EntityManager, w: Withdrawal, prepared: unknown): Promise<void>;
}

/** What `prepare` locked no longer covers what is there (another transaction got in between): start over. */
export class WithdrawalRace extends ConflictError {
  constructor() {
    super('The item changed while it was being withdrawn; try again.');
  }
}

const ATTEMPTS = 5;

/**
 * Cancelling a request and pausing or archiving an offer run through here, so that the
 * item's change and whatever follows from it elsewhere (the matches on it, their holds
 * and their notifications) commit together or not at all.
 */
@Injectable()
export class Withdrawals {
  private readonly participants: WithdrawalParticipant[] = [];

  register(participant: WithdrawalParticipant): void {
    this.participants.push(participant);
  }

  /** `change` locks the item, checks the move and makes it; `read` returns the item as it is after everything. */
  async run<T>(dataSource: DataSource, w: Withdrawal, change: (m: EntityManager) => Promise<void>, read: (m: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(dataSource, async (m) => {
          const prepared: unknown[] = [];
          for (const p of this.participants) prepared.push(await p.prepare(m, w));
          await change(m);
          for (const [i, p] of this.participants.entries()) await p.withdrawn(m, w, prepared[i]);
          return read(m);
        });
      } catch (e) {
        if (!(e instanceof WithdrawalRace) || attempt >= ATTEMPTS) throw e;
      }
    }
  }
}
