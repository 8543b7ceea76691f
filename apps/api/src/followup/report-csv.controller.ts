import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock, InvalidInputError, isCalendarDate, requireSignedIn } from '@brobygge/core';
import { ImpactReportService, impactReportCsv } from '@brobygge/followup';
import { Authentication } from '@brobygge/identity';
import { bearerToken } from '../graphql/context';
import { DomainErrorHttpFilter } from '../http/domain-error.filter';

function date(name: 'from' | 'to', value: unknown): string {
  if (!isCalendarDate(value)) {
    throw new InvalidInputError(name, `Query parameter ${name} must be a calendar date like 2027-01-01${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}.`);
  }
  return value;
}

/** `region=a&region=b` or `region=a,b`; none means all the caller may read. */
function regions(value: unknown): string[] | null {
  const list = (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return list.length ? list : null;
}

/** The impact report as a CSV download, for the same callers as the GraphQL query (Bearer token). */
@Controller('reports')
@UseFilters(DomainErrorHttpFilter)
export class ReportCsvController {
  constructor(
    private readonly reports: ImpactReportService,
    private readonly authentication: Authentication,
    private readonly clock: Clock,
  ) {}

  @Get('impact.csv')
  async impact(@Req() req: Request, @Res() res: Response, @Query('from') from: unknown, @Query('to') to: unknown, @Query('region') region: unknown): Promise<void> {
    const viewer = requireSignedIn(await this.authentication.viewerForToken(bearerToken(req)));
    const filter = { from: date('from', from), to: date('to', to), regionCodes: regions(region) };
    const locale = viewer.locale;
    // The file has the previous period's numbers, not its list of schools.
    const report = await this.reports.report(viewer, filter, locale, { previousSchoolsWithoutActivity: false });
    res
      .status(200)
      .setHeader('Content-Type', 'text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="brobygge-impact-${report.regionCodes.join('+')}-${filter.from}-${filter.to}.csv"`)
      .setHeader('Cache-Control', 'private, no-store')
      .send(impactReportCsv(report, locale, this.clock.now()));
  }
}
