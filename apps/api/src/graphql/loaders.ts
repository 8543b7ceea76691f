import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { CollaborationRequest, FocusArea, Offer, OffersService, Region, RequestsService, TaxonomyService } from '@brobygge/catalog';
import { Feedback, FeedbackService, Match, MatchConversation, MatchEvent, MatchMessage, MatchReads, Outreach, OutreachReads } from '@brobygge/collaboration';
import type { Actor, Page } from '@brobygge/core';
import { CoordinatorRegion, Membership, Organization, OrganizationsService, Profiles, User } from '@brobygge/identity';

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): Array<V | null> {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const r of rows) {
    const key = keyOf(r);
    const group = map.get(key);
    if (group) group.push(r);
    else map.set(key, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** Per-request DataLoaders: relations of a page cost one query per kind, not one per row. */
export class Loaders {
  readonly region: DataLoader<string, Region | null>;
  readonly focusArea: DataLoader<string, FocusArea | null>;
  readonly organization: DataLoader<string, Organization | null>;
  readonly membershipsOfUser: DataLoader<string, Membership[]>;
  readonly coordinatorRegionsOfUser: DataLoader<string, CoordinatorRegion[]>;
  readonly offer: DataLoader<string, Offer | null>;
  readonly request: DataLoader<string, CollaborationRequest | null>;
  readonly user: DataLoader<string, User | null>;
  readonly matchHistory: DataLoader<string, MatchEvent[]>;
  /** Matches by id, for objects that point at one the viewer was already allowed to see. */
  readonly match: DataLoader<string, Match | null>;
  readonly feedbackOfMatch: DataLoader<string, Feedback[]>;
  private matchesOfRequest?: DataLoader<CollaborationRequest, Match[], string>;
  private readonly outreachByFirst = new Map<number, DataLoader<string, Outreach[]>>();
  private readonly messagePages = new Map<string, DataLoader<string, Page<MatchMessage>>>();
  private readonly unreadByUser = new Map<string, DataLoader<string, number>>();

  constructor(
    taxonomy: TaxonomyService,
    organizations: OrganizationsService,
    profiles: Profiles,
    dataSource: DataSource,
    private readonly matches: MatchReads,
    offers: OffersService,
    requests: RequestsService,
    feedback: FeedbackService,
    private readonly outreach: OutreachReads,
    private readonly conversation: MatchConversation,
  ) {
    this.match = new DataLoader(async (ids) => byKey(ids, await dataSource.getRepository(Match).findBy({ id: In([...ids]) }), (m) => m.id));
    this.feedbackOfMatch = new DataLoader(async (ids) => {
      const map = await feedback.forMatches(ids);
      return ids.map((id) => map.get(id) ?? []);
    });
    this.offer = new DataLoader(async (ids) => byKey(ids, await offers.findByIds(ids), (o) => o.id));
    this.request = new DataLoader(async (ids) => byKey(ids, await requests.findByIds(ids), (r) => r.id));
    this.user = new DataLoader(async (ids) => byKey(ids, await dataSource.getRepository(User).findBy({ id: In([...ids]) }), (u) => u.id));
    this.matchHistory = new DataLoader(async (ids) => {
      const map = await matches.history(ids);
      return ids.map((id) => map.get(id) ?? []);
    });
    this.region = new DataLoader(async (codes) => byKey(codes, await taxonomy.regionsByCodes(codes), (r) => r.code));
    this.focusArea = new DataLoader(async (codes) => byKey(codes, await taxonomy.focusAreasByCodes(codes), (a) => a.code));
    this.organization = new DataLoader(async (ids) => byKey(ids, await organizations.findByIds(ids), (o) => o.id));
    this.membershipsOfUser = new DataLoader(async (ids) => groupBy(ids, await profiles.membershipsOfUsers(ids), (m) => m.userId));
    this.coordinatorRegionsOfUser = new DataLoader(async (ids) => groupBy(ids, await profiles.coordinatorRegionsOfUsers(ids), (c) => c.userId));
  }

  /** The newest `first` outreach of organisations (Organization.outreach): one query per `first` for a whole list. */
  outreachOf(first: number): DataLoader<string, Outreach[]> {
    let loader = this.outreachByFirst.get(first);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const map = await this.outreach.newestOf(ids, first);
        return ids.map((id) => map.get(id) ?? []);
      });
      this.outreachByFirst.set(first, loader);
    }
    return loader;
  }

  /** A page of each match's messages (Match.messages): two queries per `first` and `after` for a whole list of matches. */
  messagesOf(first: number | null | undefined, after: string | null | undefined): DataLoader<string, Page<MatchMessage>> {
    const key = `${first ?? ''}|${after ?? ''}`;
    let loader = this.messagePages.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const pages = await this.conversation.pages(ids, first, after);
        return ids.map((id) => pages.get(id)!);
      });
      this.messagePages.set(key, loader);
    }
    return loader;
  }

  /** How many messages of others each match has that `userId` has not read (Match.unreadMessages): one query for a list. */
  unreadMessagesOf(userId: string): DataLoader<string, number> {
    let loader = this.unreadByUser.get(userId);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const counts = await this.conversation.unread(userId, ids);
        return ids.map((id) => counts.get(id) ?? 0);
      });
      this.unreadByUser.set(userId, loader);
    }
    return loader;
  }

  /** The matches of requests that `actor` may see (one loader per request, batched). */
  matchesOf(actor: Actor): DataLoader<CollaborationRequest, Match[], string> {
    this.matchesOfRequest ??= new DataLoader(
      async (requests) => {
        const map = await this.matches.ofRequests(actor, requests);
        return requests.map((r) => map.get(r.id) ?? []);
      },
      { cacheKeyFn: (r) => r.id },
    );
    return this.matchesOfRequest;
  }
}

@Injectable()
export class LoadersFactory {
  constructor(
    private readonly taxonomy: TaxonomyService,
    private readonly organizations: OrganizationsService,
    private readonly profiles: Profiles,
    private readonly dataSource: DataSource,
    private readonly matches: MatchReads,
    private readonly offers: OffersService,
    private readonly requests: RequestsService,
    private readonly feedback: FeedbackService,
    private readonly outreach: OutreachReads,
    private readonly conversation: MatchConversation,
  ) {}

  create(): Loaders {
    return new Loaders(
      this.taxonomy,
      this.organizations,
      this.profiles,
      this.dataSource,
      this.matches,
      this.offers,
      this.requests,
      this.feedback,
      this.outreach,
      this.conversation,
    );
  }
}
