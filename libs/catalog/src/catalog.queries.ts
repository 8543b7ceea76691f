import type { EntityManager } from 'typeorm';
import type { Locale } from '@brobygge/core';
import type { OrgFacts } from './catalog.policy';
import { OfferStatus, RequestStatus } from './enums';

/** Anything that runs SQL: a transaction's EntityManager or the DataSource. */
type Sql = Pick<EntityManager, 'query'>;

/**
 * The catalogue's hand-written SQL, named, with typed parameters: the row locks and
 * writes of the capacity ledger (CapacityLedger), the lapsing of items (CatalogLapsing),
 * the organisation facts the policy needs and the creators of items for the GDPR rights.
 * Everything else in the catalogue goes through the entities.
 */

export interface OfferHold {
  id: string;
  capacity: number;
  capacity_held: number;
  status: OfferStatus;
}

export interface RequestHold {
  id: string;
  quantity: number;
  quantity_matched: number;
  status: RequestStatus;
}

/** An offer or request a person created, as exportMyData shows it. */
export interface ItemCreatedRow {
  id: string;
  organizationId: string;
  title: string;
  status: OfferStatus | RequestStatus;
  createdAt: Date;
}

/** A member of an organisation, as a notice to them needs them. */
export interface MemberRow {
  id: string;
  email: string;
  locale: Locale;
}

/** A request or offer that lapsed: whose it is, what it is called, its last day. */
export interface LapsedRow {
  id: string;
  organization_id: string;
  title: string;
  last_day: string;
}

export const catalogQueries = {
  async lockOffers(m: EntityManager, ids: readonly string[]): Promise<OfferHold[]> {
    return m.query(`SELECT id, capacity, capacity_held, status FROM offer WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[...ids]]);
  },

  async lockRequests(m: EntityManager, ids: readonly string[]): Promise<RequestHold[]> {
    return m.query(`SELECT id, quantity, quantity_matched, status FROM collaboration_request WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[...ids]]);
  },

  async addHeldToOffer(m: EntityManager, offerId: string, delta: number): Promise<void> {
    await m.query(`UPDATE offer SET capacity_held = capacity_held + $2, updated_at = now() WHERE id = $1`, [offerId, delta]);
  },

  async setRequestMatched(m: EntityManager, requestId: string, matched: number, status: RequestStatus): Promise<void> {
    await m.query(`UPDATE collaboration_request SET quantity_matched = $2, status = $3, updated_at = now() WHERE id = $1`, [requestId, matched, status]);
  },

  /** Requests still following their matches whose last date is before `today`, locked (SKIP LOCKED). */
  async claimLapsedRequests(m: EntityManager, today: string, batch: number, statuses: readonly RequestStatus[]): Promise<LapsedRow[]> {
    return m.query(
      `SELECT id, organization_id, title, latest_date::text AS last_day FROM collaboration_request
        WHERE status = ANY($3::varchar[]) AND latest_date < $1::date
        ORDER BY latest_date, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [today, batch, statuses],
    );
  },

  /** Published or paused offers whose last day is before `today`, locked (SKIP LOCKED). */
  async claimExpiredOffers(m: EntityManager, today: string, batch: number, statuses: readonly OfferStatus[]): Promise<LapsedRow[]> {
    return m.query(
      `SELECT id, organization_id, title, available_until::text AS last_day FROM offer
        WHERE status = ANY($3::varchar[]) AND available_until < $1::date
        ORDER BY available_until, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [today, batch, statuses],
    );
  },

  async setRequestStatus(m: EntityManager, ids: readonly string[], status: RequestStatus): Promise<void> {
    await m.query(`UPDATE collaboration_request SET status = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [[...ids], status]);
  },

  async setOfferStatus(m: EntityManager, ids: readonly string[], status: OfferStatus): Promise<void> {
    await m.query(`UPDATE offer SET status = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [[...ids], status]);
  },

  /** An organisation's kind, name, verification and region (empty: no such organisation). */
  async organizationFacts(m: Sql, id: string): Promise<OrgFacts[]> {
    return m.query(`SELECT id, kind, name, verified, region_code AS "regionCode" FROM organization WHERE id = $1`, [id]);
  },

  /** The people of an organisation who can be told something (accounts not erased). */
  async membersOf(m: Sql, organizationId: string): Promise<MemberRow[]> {
    return m.query(
      `SELECT u.id, u.email, u.locale FROM membership ms JOIN app_user u ON u.id = ms.user_id
        WHERE ms.organization_id = $1 AND u.email IS NOT NULL AND u.deleted_at IS NULL ORDER BY u.id`,
      [organizationId],
    );
  },

  /** The offers or requests a person created (exportMyData). */
  async itemsCreatedBy(m: Sql, table: 'offer' | 'collaboration_request', userId: string): Promise<ItemCreatedRow[]> {
    return m.query(
      `SELECT id, organization_id AS "organizationId", title, status, created_at AS "createdAt"
           FROM ${table} WHERE created_by_id = $1 ORDER BY created_at, id`,
      [userId],
    );
  },

  /** Erasure: the offers or requests a person created keep no creator (`updated_at` untouched). */
  async forgetCreator(m: Sql, table: 'offer' | 'collaboration_request', userId: string): Promise<void> {
    await m.query(`UPDATE ${table} SET created_by_id = NULL WHERE created_by_id = $1`, [userId]);
  },
};
