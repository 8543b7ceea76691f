import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CollaborationRequest } from '@brobygge/catalog';
import { Actor, InvalidInputError, isUuid, NotFoundError, Page, requireSignedIn } from '@brobygge/core';
import { newestFirstPage } from '@brobygge/database';
import type { MatchStatus } from './enums';
import { Match, MatchEvent } from './match.entity';
import { MatchPolicy } from './match.policy';

export interface MatchFilter {
  statuses?: MatchStatus[] | null;
  organizationId?: string | null;
  regionCodes?: string[] | null;
}

/** Reading matches and their history, as far as the viewer may see them (MatchPolicy). */
@Injectable()
export class MatchReads {
  constructor(private readonly dataSource: DataSource) {}

  async get(actor: Actor, id: string): Promise<Match> {
    requireSignedIn(actor);
    const match = isUuid(id) ? await this.dataSource.getRepository(Match).findOneBy({ id }) : null;
    if (!match) throw new NotFoundError('Match', id);
    MatchPolicy.assertCanSee(actor, match);
    return match;
  }

  async list(actor: Actor, filter: MatchFilter, first?: number | null, after?: string | null): Promise<Page<Match>> {
    const viewer = requireSignedIn(actor);
    const qb = this.dataSource.getRepository(Match).createQueryBuilder('m');
    if (!viewer.isAdmin) {
      // The coordinators of the offer's region see cross-border matches too (read-only; MatchPolicy).
      qb.andWhere(
        '(m.school_id = ANY(:orgs::uuid[]) OR m.partner_id = ANY(:orgs::uuid[]) OR m.region_code = ANY(:regions::varchar[]) OR m.offer_region_code = ANY(:regions::varchar[]))',
        {
          orgs: [...viewer.memberships.keys()],
          regions: viewer.coordinatorRegions,
        },
      );
    }
    if (filter.statuses?.length) qb.andWhere('m.status IN (:...statuses)', { statuses: filter.statuses });
    // A region's matches: its requests' and its offers' (a cross-border match is under both regions).
    if (filter.regionCodes?.length) {
      qb.andWhere('(m.region_code = ANY(:regionCodes::varchar[]) OR m.offer_region_code = ANY(:regionCodes::varchar[]))', { regionCodes: filter.regionCodes });
    }
    if (filter.organizationId) {
      if (!isUuid(filter.organizationId)) throw new InvalidInputError('filter.organizationId', 'filter.organizationId must be an organisation id.');
      qb.andWhere('(m.school_id = :org OR m.partner_id = :org)', { org: filter.organizationId });
    }
    return newestFirstPage(qb, first, after);
  }

  /** A request's matches that the viewer may see: the school, coordinators and admins see all; a partner (and its region's coordinators) its own. */
  async ofRequests(actor: Actor, requests: readonly CollaborationRequest[]): Promise<Map<string, Match[]>> {
    const viewer = requireSignedIn(actor);
    const ids = requests.map((r) => r.id);
    const rows = ids.length
      ? await this.dataSource
          .getRepository(Match)
          .createQueryBuilder('m')
          .where('m.request_id = ANY(:ids::uuid[])', { ids })
          .orderBy('m.created_at', 'ASC')
          .addOrderBy('m.id', 'ASC')
          .getMany()
      : [];
    const out = new Map<string, Match[]>(ids.map((id) => [id, []]));
    for (const m of rows) {
      if (MatchPolicy.mayView(viewer, m)) out.get(m.requestId)!.push(m);
    }
    return out;
  }

  async history(matchIds: readonly string[]): Promise<Map<string, MatchEvent[]>> {
    const rows = matchIds.length
      ? await this.dataSource
          .getRepository(MatchEvent)
          .createQueryBuilder('e')
          .where('e.match_id = ANY(:ids::uuid[])', { ids: [...matchIds] })
          .orderBy('e.at', 'ASC')
          .addOrderBy('e.id', 'ASC')
          .getMany()
      : [];
    const out = new Map<string, MatchEvent[]>(matchIds.map((id) => [id, []]));
    for (const e of rows) out.get(e.matchId)?.push(e);
    return out;
  }
}
