import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityType, TaxonomyService } from '@brobygge/catalog';
import { Actor, ConflictError, InvalidInputError, isCalendarDate, isUuid, NotFoundError, requireSignedIn } from '@brobygge/core';
import { MAX_PERIOD_DAYS } from './impact-report.service';
import { Target, TargetMeasure } from './target.entity';
import { TargetPolicy } from './target.policy';

export interface SetTargetInput {
  regionCode: string;
  measure: TargetMeasure;
  focusArea?: string | null;
  activityType?: ActivityType | null;
  value: number;
  from: string;
  to: string;
}

/** The measures that are a share or a rate, between 0 and 1; the others count things, in whole numbers. */
export const SHARE_MEASURES: ReadonlySet<TargetMeasure> = new Set([TargetMeasure.SCHOOLS_REACHED_SHARE, TargetMeasure.FEMALE_SHARE, TargetMeasure.FILL_RATE]);

/** Counts have no natural ceiling; this one only keeps typing mistakes out. */
const MAX_COUNT = 10_000_000;
/** Targets a region may have at once (each one adds groups to every report of the region). */
export const MAX_TARGETS_PER_REGION = 100;

/** A region's targets (issue 15): what its coordinators aim for; the impact report measures them (docs/impact-report.md, "Targets"). */
@Injectable()
export class TargetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async set(actor: Actor, input: SetTargetInput): Promise<Target> {
    const known = (await this.taxonomy.regions()).map((r) => r.code);
    const viewer = TargetPolicy.assertMayManage(actor, input.regionCode, known, 'input.regionCode');
    if (!Object.values(TargetMeasure).includes(input.measure)) {
      throw new InvalidInputError('input.measure', `input.measure must be one of ${Object.values(TargetMeasure).join(', ')}.`);
    }
    const focusArea = input.focusArea ?? null;
    if (focusArea !== null && !(await this.taxonomy.focusAreaCodes()).has(focusArea)) {
      throw new InvalidInputError('input.focusArea', `There is no focus area "${focusArea}"; give a direction or a subject code (see focusAreas).`);
    }
    const activityType = input.activityType ?? null;
    if (activityType !== null && !Object.values(ActivityType).includes(activityType)) {
      throw new InvalidInputError('input.activityType', `input.activityType must be one of ${Object.values(ActivityType).join(', ')}.`);
    }
    validValue(input.measure, input.value);
    validPeriod(input.from, input.to);
    const repo = this.dataSource.getRepository(Target);
    // Each target adds groups to every report of the region: a bound keeps the report's cost bounded.
    if ((await repo.countBy({ regionCode: input.regionCode })) >= MAX_TARGETS_PER_REGION) {
      throw new ConflictError(`A region has at most ${MAX_TARGETS_PER_REGION} targets; delete one that is over before setting another.`);
    }
    return repo.save(
      repo.create({
        regionCode: input.regionCode,
        measure: input.measure,
        focusAreaCode: focusArea,
        activityType,
        value: input.value,
        from: input.from,
        to: input.to,
        createdById: viewer.id,
      }),
    );
  }

  /** Deletes a target of a region the caller coordinates (admins: any); anything else is NOT_FOUND. */
  async delete(actor: Actor, id: string): Promise<boolean> {
    const viewer = requireSignedIn(actor);
    const target = isUuid(id) ? await this.dataSource.getRepository(Target).findOneBy({ id }) : null;
    if (!target || !TargetPolicy.mayManage(viewer, target.regionCode)) throw new NotFoundError('Target', id);
    await this.dataSource.getRepository(Target).delete({ id });
    return true;
  }

  /** A region's targets, by first day, then measure (then when they were set). */
  async list(actor: Actor, regionCode: string): Promise<Target[]> {
    const known = (await this.taxonomy.regions()).map((r) => r.code);
    TargetPolicy.assertMayManage(actor, regionCode, known, 'regionCode');
    return this.dataSource.getRepository(Target).find({ where: { regionCode }, order: { from: 'ASC', measure: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }
}

function validValue(measure: TargetMeasure, value: number): void {
  if (SHARE_MEASURES.has(measure)) {
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      throw new InvalidInputError('input.value', `A ${measure} target is a share between 0 and 1 (0.5 = half); got ${value}.`);
    }
  } else if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT) {
    throw new InvalidInputError('input.value', `A ${measure} target is a whole number from 0 to ${MAX_COUNT}; got ${value}.`);
  }
}

function validPeriod(from: string, to: string): void {
  if (!isCalendarDate(from)) throw new InvalidInputError('input.from', 'input.from must be a date like 2027-01-01.');
  if (!isCalendarDate(to)) throw new InvalidInputError('input.to', 'input.to must be a date like 2027-06-30.');
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < 1) throw new InvalidInputError('input.to', `input.to (${to}) must not be before input.from (${from}).`);
  if (days > MAX_PERIOD_DAYS) throw new InvalidInputError('input.to', `A target covers at most ${MAX_PERIOD_DAYS} days; this period has ${days}.`);
}
