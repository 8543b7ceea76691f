import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ActivityType, focusAreaName, TaxonomyService } from '@brobygge/catalog';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { Actor, Clock, intInRange, Locale } from '@brobygge/core';
import { MAX_ATTACHMENT_BYTES, MailAttachment, NewNotification, OutboxService } from '@brobygge/notifications';
import { FollowUp } from './follow-up.entity';
import { FollowUpPolicy } from './follow-up.policy';
import { femaleShare, leastActive, relabel, STORED_LOCALE, StoredReport, toStored } from './follow-up-report';
import { lastClosedPeriod, PeriodDates, periodBefore } from './follow-up-schedule';
import { followupQueries } from './followup.queries';
import { impactReportCsv } from './impact-report.csv';
import { ImpactReport, ImpactReportService } from './impact-report.service';
import { activityTypeLabel } from './labels';

/** The notification type of the follow-up e-mail and in-app notice (template: notifications' follow-up.ts). */
export const FOLLOW_UP_NOTIFICATION = 'follow_up';

/** The most followUps returns at once. */
export const MAX_FOLLOW_UPS = 50;

/**
 * The half-year follow-up (issue 15, point 7): for every region with a coordinator, the
 * impact report of the last closed period of the schedule (FOLLOW_UP_PERIODS), stored once
 * and sent to the region's coordinators in the same transaction. Exactly once across
 * restarts and concurrent workers: the row's unique key (region, period) decides which
 * producer inserts it, and only that one writes the outbox rows.
 */
@Injectable()
export class FollowUps {
  private readonly logger = new Logger(FollowUps.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ImpactReportService,
    private readonly taxonomy: TaxonomyService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The worker's job: the follow-ups that are due at `now` and not produced yet — the last
   * closed period only, never older ones (so a new deployment does not send years of
   * reports). Returns how many this call produced.
   */
  async produceDue(now: Date = this.clock.now()): Promise<number> {
    const period = lastClosedPeriod(now, this.config.FOLLOW_UP_PERIODS);
    if (!period) return 0;
    let produced = 0;
    for (const region of await followupQueries.regionsDueForFollowUp(this.dataSource, period.from, period.to)) {
      if (await this.produce(region, period, now)) produced++;
    }
    return produced;
  }

  /** One region's follow-up for a period: its id, or null when another producer stored it first. */
  async produce(regionCode: string, period: PeriodDates, now: Date = this.clock.now()): Promise<string | null> {
    const report = await this.reports.forRegions([regionCode], period, STORED_LOCALE);
    // Compared with the schedule's period before (for the half-years: the previous half-year),
    // not the equal-length window the report takes by default.
    const before = periodBefore(period, this.config.FOLLOW_UP_PERIODS);
    if (before) report.previous = { ...(await this.reports.forRegions([regionCode], before, STORED_LOCALE)), previous: null, targets: [] };
    const stored = toStored(report);
    const levels = new Set(await followupQueries.schoolLevelsOf(this.dataSource, regionCode));
    const region = (await this.taxonomy.regionsByCodes([regionCode]))[0];
    const focusAreas = await this.taxonomy.focusAreas();

    const id = await this.dataSource.transaction(async (m) => {
      const inserted = await followupQueries.insertFollowUp(m, regionCode, period.from, period.to, stored, now);
      if (!inserted) return null;
      const coordinators = await followupQueries.coordinatorsOf(m, regionCode);
      const perLocale = new Map<Locale, { payload: Record<string, unknown>; attachments: MailAttachment[] }>();
      const messages: NewNotification[] = coordinators.map((c) => {
        if (!perLocale.has(c.locale)) perLocale.set(c.locale, this.message(inserted, region?.name ?? regionCode, stored, c.locale, focusAreas, levels, now));
        const { payload, attachments } = perLocale.get(c.locale)!;
        return { type: FOLLOW_UP_NOTIFICATION, recipientUserId: c.id, recipientEmail: c.email, locale: c.locale, payload, attachments };
      });
      await this.outbox.add(m, messages);
      return inserted;
    });
    if (id) this.logger.log({ followUpId: id, regionCode, from: period.from, to: period.to }, 'half-year follow-up produced');
    return id;
  }

  /** What one coordinator's e-mail says, in their language, and the CSV of the stored report. */
  private message(
    followUpId: string,
    regionName: string,
    stored: StoredReport,
    locale: Locale,
    focusAreas: Awaited<ReturnType<TaxonomyService['focusAreas']>>,
    levels: ReadonlySet<string>,
    createdAt: Date,
  ): { payload: Record<string, unknown>; attachments: MailAttachment[] } {
    const report = relabel(stored, locale, focusAreas);
    const prev = report.previous;
    const pair = (now: number | null, before: number | null | undefined): [number | null, number | null] => [now, before ?? null];
    const areas = new Map(focusAreas.map((f) => [f.code, f]));
    const csv = impactReportCsv(report as unknown as ImpactReport, locale, createdAt);
    const attached = Buffer.byteLength(csv, 'utf8') <= MAX_ATTACHMENT_BYTES;
    const payload = {
      followUpId,
      regionCode: stored.regionCodes[0],
      regionName,
      from: report.from,
      to: report.to,
      previousFrom: prev?.from ?? null,
      previousTo: prev?.to ?? null,
      headline: {
        activitiesCompleted: pair(report.activitiesCompleted, prev?.activitiesCompleted),
        studentsReached: pair(report.studentsReached, prev?.studentsReached),
        schoolsReached: pair(report.schoolsReached, prev?.schoolsReached),
        fillRate: pair(report.fillRate, prev?.fillRate),
        femaleShare: pair(femaleShare(report), prev ? femaleShare(prev) : null),
      },
      targets: report.targets.map(({ target: t, actual, met }) => ({
        measure: t.measure,
        scope:
          [
            t.focusAreaCode && areas.has(t.focusAreaCode) ? focusAreaName(areas.get(t.focusAreaCode)!, locale) : null,
            t.activityType ? activityTypeLabel(t.activityType as ActivityType, locale) : null,
          ]
            .filter(Boolean)
            .join(', ') || null,
        value: t.value,
        actual,
        met,
      })),
      leastActive: { districts: leastActive(report.byDistrict, locale), schoolLevels: leastActive(report.bySchoolLevel, locale, levels) },
      csvAttached: attached,
    };
    const filename = `brobygge-follow-up-${stored.regionCodes[0]}-${report.from}-${report.to}.csv`;
    return { payload, attachments: attached ? [{ filename, contentType: 'text/csv; charset=utf-8', content: csv }] : [] };
  }

  /** followUps: the follow-ups of the regions the caller may read (FollowUpPolicy), newest period first. */
  async list(actor: Actor, regionCode: string | null | undefined, first: number | null | undefined): Promise<FollowUp[]> {
    const regions = FollowUpPolicy.regionsFor(
      actor,
      regionCode,
      (await this.taxonomy.regions()).map((r) => r.code),
    );
    const take = intInRange('first', first ?? 10, 1, MAX_FOLLOW_UPS);
    return this.dataSource.getRepository(FollowUp).find({
      where: regions ? { regionCode: In(regions) } : {},
      order: { to: 'DESC', regionCode: 'ASC' },
      take,
    });
  }

  /** A follow-up's stored report with its labels in `locale`. */
  async report(followUp: FollowUp, locale: Locale): Promise<StoredReport> {
    return relabel(followUp.report as StoredReport, locale, await this.taxonomy.focusAreas());
  }
}
