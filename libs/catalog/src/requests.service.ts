import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource, In } from 'typeorm';
import { Actor, Clock, ConflictError, intInRange, optionalText, Page, schoolResponded } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { OutboxService } from '@brobygge/notifications';
import { CatalogPolicy } from './catalog.policy';
import { catalogQueries } from './catalog.queries';
import { CommonFilter, findVisible, organizationFacts, pageOf } from './catalog-query';
import { dateRange, describedFields, optionalInt } from './catalog.validation';
import { ActivityType, DeliveryMode, RequestStatus } from './enums';
import { TaxonomyService } from './taxonomy.service';
import { CollaborationRequest } from './request.entity';
import { Withdrawals } from './withdrawals';

export interface RequestInput {
  title?: string | null;
  description?: string | null;
  focusAreas?: string[] | null;
  deliveryModes?: DeliveryMode[] | null;
  languages?: string[] | null;
  quantity?: number | null;
  groupSize?: number | null;
  studentAge?: number | null;
  earliestDate?: string | null;
  latestDate?: string | null;
  maxTravelKm?: number | null;
}

export interface NewRequest extends RequestInput {
  organizationId: string;
  activityType: ActivityType;
  title: string;
  description: string;
  focusAreas: string[];
  deliveryModes: DeliveryMode[];
  languages: string[];
  quantity: number;
  earliestDate: string;
  latestDate: string;
}

/** RULES.md: a request's status follows what its matches hold — OPEN (0), PARTIALLY_MATCHED, MATCHED (= quantity). */
export function statusForMatched(quantity: number, matched: number): RequestStatus {
  return matched <= 0 ? RequestStatus.OPEN : matched >= quantity ? RequestStatus.MATCHED : RequestStatus.PARTIALLY_MATCHED;
}

export const PUBLIC_REQUEST_STATUSES = [RequestStatus.OPEN, RequestStatus.PARTIALLY_MATCHED] as const;
const CHANGEABLE = [RequestStatus.OPEN, RequestStatus.PARTIALLY_MATCHED];

/** Requests: what schools ask for. No pupil data: counts and ages only. */
@Injectable()
export class RequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly taxonomy: TaxonomyService,
    private readonly withdrawals: Withdrawals,
    private readonly outbox: OutboxService,
    private readonly moduleRef: ModuleRef,
  ) {}

  private async clean(input: RequestInput, current: Partial<CollaborationRequest>, creating: boolean): Promise<Partial<CollaborationRequest>> {
    const out = describedFields(input, await this.taxonomy.focusAreaCodes()) as Partial<CollaborationRequest>;
    if (input.quantity != null) out.quantity = intInRange('input.quantity', input.quantity, 1, 1000);
    if (input.groupSize !== undefined) out.groupSize = optionalInt('input.groupSize', input.groupSize, 1, 500);
    if (input.studentAge !== undefined) out.studentAge = optionalInt('input.studentAge', input.studentAge, 6, 99);
    if (input.maxTravelKm !== undefined) out.maxTravelKm = optionalInt('input.maxTravelKm', input.maxTravelKm, 0, 2000);
    if (input.earliestDate != null) out.earliestDate = input.earliestDate;
    if (input.latestDate != null) out.latestDate = input.latestDate;
    if (out.earliestDate || out.latestDate) {
      dateRange(
        'input.earliestDate',
        out.earliestDate ?? current.earliestDate!,
        'input.latestDate',
        out.latestDate ?? current.latestDate!,
        creating ? this.clock.now().toISOString().slice(0, 10) : undefined,
      );
    }
    return out;
  }

  /**
   * A school's request, posted by one of its members or — on its behalf — by a coordinator
   * of its region (`createdByCoordinator`): then the school's members are told, in the same
   * transaction; an unclaimed school has none. A request the school posts itself answers the
   * coordinators' outreach to it (issue 15).
   */
  async create(actor: Actor, input: NewRequest): Promise<CollaborationRequest> {
    const org = await organizationFacts(this.dataSource, input.organizationId);
    const { viewer, onBehalf } = CatalogPolicy.assertCanCreateRequest(actor, org);
    const fields = await this.clean(input, {}, true);
    return inTransaction(this.dataSource, async (m) => {
      const repo = m.getRepository(CollaborationRequest);
      const request = await repo.save(
        repo.create({
          ...fields,
          organizationId: org.id,
          regionCode: org.regionCode,
          activityType: input.activityType,
          status: RequestStatus.OPEN,
          createdById: viewer.id,
          createdByCoordinator: onBehalf,
        }),
      );
      if (onBehalf) {
        const members = await catalogQueries.membersOf(m, org.id);
        await this.outbox.add(
          m,
          members.map((p) => ({
            type: 'request_created_for_school',
            recipientUserId: p.id,
            recipientEmail: p.email,
            locale: p.locale,
            payload: { requestId: request.id, requestTitle: request.title, organizationId: org.id, organizationName: org.name },
          })),
        );
      } else {
        await schoolResponded(this.moduleRef, m, { kind: 'REQUEST_POSTED', organizationId: org.id, at: this.clock.now() });
      }
      return request;
    });
  }

  /** One the caller may see, or NOT_FOUND. */
  get(actor: Actor, id: string): Promise<CollaborationRequest> {
    return findVisible(this.dataSource, CollaborationRequest, actor, id, PUBLIC_REQUEST_STATUSES, 'Request');
  }

  findByIds(ids: readonly string[]): Promise<CollaborationRequest[]> {
    return this.dataSource.getRepository(CollaborationRequest).findBy({ id: In([...ids]) });
  }

  async update(actor: Actor, id: string, input: RequestInput): Promise<CollaborationRequest> {
    const request = await this.get(actor, id);
    CatalogPolicy.assertCanChangeRequest(actor, await organizationFacts(this.dataSource, request.organizationId), request);
    const fields = await this.clean(input, request, false);
    return inTransaction(this.dataSource, async (m) => {
      const locked = await m.getRepository(CollaborationRequest).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!CHANGEABLE.includes(locked.status)) throw new ConflictError(`The request is ${locked.status} and can no longer be changed.`);
      if (fields.quantity !== undefined && fields.quantity < locked.quantityMatched) {
        throw new ConflictError(`Quantity cannot go below the ${locked.quantityMatched} already matched.`);
      }
      const quantity = fields.quantity ?? locked.quantity;
      const status = statusForMatched(quantity, locked.quantityMatched);
      await m.getRepository(CollaborationRequest).update({ id }, { ...fields, status });
      return m.getRepository(CollaborationRequest).findOneByOrFail({ id });
    });
  }

  /** Cancelling withdraws the request: the matches on it are settled in the same transaction (Withdrawals). */
  async cancel(actor: Actor, id: string, reason?: string | null): Promise<CollaborationRequest> {
    const request = await this.get(actor, id);
    const viewer = CatalogPolicy.assertCanChangeRequest(actor, await organizationFacts(this.dataSource, request.organizationId), request);
    const cancelReason = optionalText('reason', reason, 2000);
    return this.withdrawals.run(
      this.dataSource,
      { item: 'REQUEST', id, change: 'CANCELLED', actorId: viewer.id },
      async (m) => {
        const locked = await m.getRepository(CollaborationRequest).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!CHANGEABLE.includes(locked.status)) throw new ConflictError(`Cannot cancel a request that is ${locked.status}.`);
        await m.getRepository(CollaborationRequest).update({ id }, { status: RequestStatus.CANCELLED, cancelReason });
      },
      (m) => m.getRepository(CollaborationRequest).findOneByOrFail({ id }),
    );
  }

  list(actor: Actor, filter: CommonFilter = {}, first?: number | null, after?: string | null): Promise<Page<CollaborationRequest>> {
    const viewer = CatalogPolicy.signedIn(actor);
    const qb = this.dataSource.getRepository(CollaborationRequest).createQueryBuilder('r');
    return pageOf(this.taxonomy, qb, viewer, filter, PUBLIC_REQUEST_STATUSES, first, after);
  }
}
