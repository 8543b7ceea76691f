import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { Actor, Clock, Locale, NotFoundError, requireSignedIn } from '@brobygge/core';
import { CalendarFeed } from './calendar-feed.entity';
import { FeedRow, followupQueries } from './followup.queries';

/** At most this many events in one feed (a year of a large partner's activities). */
const MAX_EVENTS = 2000;
/** Completed activities stay in calendars this long, so that the past does not vanish from them. */
const KEEP_COMPLETED_DAYS = 365;

const WORDS: Record<Locale, { calendar: string; toSchedule: string; request: string; school: string; partner: string; quantity: string; online: string }> = {
  sv: { calendar: 'Brobygge', toSchedule: 'Att boka', request: 'Förfrågan', school: 'Skola', partner: 'Partner', quantity: 'Antal', online: 'På distans' },
  da: { calendar: 'Brobygge', toSchedule: 'Skal aftales', request: 'Forespørgsel', school: 'Skole', partner: 'Partner', quantity: 'Antal', online: 'Online' },
  nb: { calendar: 'Brobygge', toSchedule: 'Skal avtales', request: 'Forespørsel', school: 'Skole', partner: 'Partner', quantity: 'Antall', online: 'Digitalt' },
  en: { calendar: 'Brobygge', toSchedule: 'To be scheduled', request: 'Request', school: 'School', partner: 'Partner', quantity: 'Quantity', online: 'Online' },
};

const day = (date: string, plus = 0) => new Date(Date.parse(`${date}T00:00:00Z`) + plus * 86_400_000);

/**
 * The calendar feed of RULES.md: a secret URL per person with the agreed activities of
 * their organisations, as iCalendar (RFC 5545) written by ical-generator — folding,
 * escaping and dates are the library's. One event per match, UID `<match id>@brobygge`,
 * SEQUENCE the match's (raised on every reschedule and cancellation), DTSTAMP its last
 * change, times in UTC.
 */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  urlOf(token: string): string {
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}/calendar/${token}.ics`;
  }

  /** The person's feed URL, made on first use (concurrent first uses agree on one). */
  async url(userId: string): Promise<string> {
    const repo = this.dataSource.getRepository(CalendarFeed);
    const existing = await repo.findOneBy({ userId });
    if (existing) return this.urlOf(existing.token);
    await repo.createQueryBuilder().insert().values({ userId, token: newToken() }).orIgnore().execute();
    return this.urlOf((await repo.findOneByOrFail({ userId })).token);
  }

  /** A new secret URL; the old one answers 404 from now on. */
  async rotate(actor: Actor): Promise<string> {
    const viewer = requireSignedIn(actor);
    const token = newToken();
    await followupQueries.setFeedToken(this.dataSource, viewer.id, token);
    return this.urlOf(token);
  }

  /** The ICS text of the feed behind `token`, or NOT_FOUND (unknown, rotated away, or the account is gone). */
  async feed(token: string): Promise<string> {
    const owner = await followupQueries.feedOwner(this.dataSource, token);
    if (!owner) throw new NotFoundError('Calendar feed');
    const now = this.clock.now();
    const rows = owner.orgs.length ? await followupQueries.feedMatches(this.dataSource, owner.orgs, now, KEEP_COMPLETED_DAYS, MAX_EVENTS) : [];
    return this.render(rows, owner.locale);
  }

  private render(rows: FeedRow[], locale: Locale): string {
    const w = WORDS[locale];
    const base = this.config.PUBLIC_URL.replace(/\/$/, '');
    const calendar = ical({
      name: w.calendar,
      prodId: { company: 'Brobygge', product: 'Brobygge', language: locale.toUpperCase() },
      method: ICalCalendarMethod.PUBLISH,
      ttl: 3600,
    });
    for (const m of rows) {
      const timed = m.starts_at !== null && m.ends_at !== null;
      const modes = m.delivery_modes;
      const location =
        modes.length !== 1
          ? null
          : modes[0] === 'AT_PARTNER'
            ? `${m.partner_name}, ${m.partner_municipality}`
            : modes[0] === 'AT_SCHOOL'
              ? `${m.school_name}, ${m.school_municipality}`
              : w.online;
      const url = `${base}/matches/${m.id}`;
      calendar.createEvent({
        id: `${m.id}@brobygge`,
        sequence: m.sequence,
        stamp: m.updated_at,
        created: m.created_at,
        lastModified: m.updated_at,
        // An approved match without a time yet spans the days it may take place, all-day and
        // tentative (an all-day DTEND is the day after the last one).
        ...(timed ? { start: m.starts_at!, end: m.ends_at! } : { start: day(m.window_from), end: day(m.window_until, 1), allDay: true }),
        summary: `${m.status === 'APPROVED' ? `${w.toSchedule}: ` : ''}${m.offer_title} — ${m.school_name}`,
        description: [`${w.request}: ${m.request_title}`, `${w.school}: ${m.school_name}`, `${w.partner}: ${m.partner_name}`, `${w.quantity}: ${m.quantity}`, url].join(
          '\n',
        ),
        location,
        url,
        status: m.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : m.status === 'APPROVED' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      });
    }
    return calendar.toString();
  }
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}
