import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Says whether a notification still holds when it is about to go out; a reason if not. */
export type DeliveryGuard = (payload: Record<string, unknown>, m: EntityManager) => Promise<string | null>;

/**
 * Checks that other contexts register per notification type, so that the processor can
 * re-check state before sending without knowing about matches (a reminder of a match
 * that was cancelled or moved is skipped).
 */
@Injectable()
export class DeliveryGuards {
  private readonly guards = new Map<string, DeliveryGuard>();

  register(type: string, guard: DeliveryGuard): void {
    this.guards.set(type, guard);
  }

  async check(type: string, payload: Record<string, unknown>, m: EntityManager): Promise<string | null> {
    const guard = this.guards.get(type);
    return guard ? guard(payload, m) : null;
  }
}
