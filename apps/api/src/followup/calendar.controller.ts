import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { NotFoundError } from '@brobygge/core';
import { CalendarService } from '@brobygge/followup';
import { DomainErrorHttpFilter } from '../http/domain-error.filter';

/**
 * GET /calendar/<token>.ics — for calendar apps, which send no Authorization header: the
 * unguessable token is the credential. An unknown or rotated token is a plain 404.
 */
@Controller('calendar')
@UseFilters(DomainErrorHttpFilter)
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Get(':file')
  async feed(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const token = /^([A-Za-z0-9_-]{16,64})\.ics$/.exec(file)?.[1];
    if (!token) throw new NotFoundError('Calendar feed');
    const ics = await this.calendars.feed(token);
    res
      .status(200)
      .setHeader('Content-Type', 'text/calendar; charset=utf-8')
      .setHeader('Content-Disposition', 'inline; filename="brobygge.ics"')
      .setHeader('Cache-Control', 'private, no-cache')
      .setHeader('Referrer-Policy', 'no-referrer')
      .send(ics);
  }
}
