import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { intInRange, SchoolResponse, SchoolResponseListener } from '@brobygge/core';
import { selectColumns } from '@brobygge/database';
import { Outreach } from './outreach.entity';
import { outreachQueries } from './outreach.queries';

export const OUTREACH_FIRST_MAX = 50;

/**
 * The record of outreach: the newest of many organisations at once (for DataLoaders: the
 * gap list asks it for a hundred schools), and `respondedAt`, set when the school answers —
 * what identity and the catalogue report through SCHOOL_RESPONSES (libs/core).
 */
@Injectable()
export class OutreachReads implements SchoolResponseListener {
  constructor(private readonly dataSource: DataSource) {}

  /** `first` as Organization.outreach takes it: 1 to 50. */
  static first(first: number | null | undefined): number {
    return first === null || first === undefined ? 10 : intInRange('first', first, 1, OUTREACH_FIRST_MAX);
  }

  /** The newest `first` outreach of each organisation, newest first; one query for all. */
  async newestOf(organizationIds: readonly string[], first: number): Promise<Map<string, Outreach[]>> {
    const byOrg = new Map<string, Outreach[]>();
    if (organizationIds.length === 0) return byOrg;
    const rows = await outreachQueries.newestOf<Outreach>(this.dataSource, selectColumns(this.dataSource, Outreach, 'o'), [...new Set(organizationIds)], first);
    for (const row of rows) {
      const list = byOrg.get(row.organizationId);
      if (list) list.push(row);
      else byOrg.set(row.organizationId, [row]);
    }
    return byOrg;
  }

  /** Sets `respondedAt`, once, on the outreach sent before the school answered. */
  async schoolResponded(m: EntityManager, response: SchoolResponse): Promise<void> {
    if (response.kind === 'SIGNED_IN') await outreachQueries.respondedByMember(m, response.userId, response.at);
    else await outreachQueries.responded(m, response.organizationId, response.at);
  }
}
