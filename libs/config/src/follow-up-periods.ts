/**
 * FOLLOW_UP_PERIODS: the periods of a year that the half-year follow-up reports on (issue
 * 15, point 7), as `MM-DD..MM-DD` pairs, comma-separated. Both days are included; a period
 * whose last day comes before its first spans the new year (`08-01..07-31`, a school year).
 * Whole days only, no two periods sharing a day; gaps are allowed (a period nobody wants a
 * report for). 29 February is refused as an edge: it would exist in one year of four.
 * `off` turns the follow-up off.
 */
export interface FollowUpPeriod {
  /** `MM-DD`, the first day. */
  from: string;
  /** `MM-DD`, the last day (included). */
  to: string;
}

export const DEFAULT_FOLLOW_UP_PERIODS = '01-01..06-30,07-01..12-31';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Day of a non-leap year, 0–364. */
function dayOfYear(month: number, day: number): number {
  return DAYS_IN_MONTH.slice(0, month - 1).reduce((a, b) => a + b, 0) + day - 1;
}

function monthDay(text: string, part: string): { month: number; day: number } {
  const m = /^(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`"${part}" is not like 01-01..06-30`);
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month === 2 && day === 29) throw new Error(`"${part}": 29 February cannot start or end a period (it exists in one year of four)`);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) throw new Error(`"${part}": ${text} is not a day of the year`);
  return { month, day };
}

/** The periods, or an Error whose message says which part is wrong. */
export function parseFollowUpPeriods(value: string): FollowUpPeriod[] {
  // `off`: no follow-ups at all (the e2e tests' default, so that no other test gets one).
  if (value.trim().toLowerCase() === 'off') return [];
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new Error('lists no period (e.g. 01-01..06-30,07-01..12-31)');
  const taken = new Map<number, string>();
  return parts.map((part) => {
    const [from, to, ...rest] = part.split('..');
    if (to === undefined || rest.length) throw new Error(`"${part}" is not like 01-01..06-30`);
    const a = monthDay(from, part);
    const b = monthDay(to, part);
    const first = dayOfYear(a.month, a.day);
    const last = dayOfYear(b.month, b.day);
    const length = last >= first ? last - first + 1 : 365 - first + last + 1;
    for (let i = 0; i < length; i++) {
      const d = (first + i) % 365;
      const other = taken.get(d);
      if (other !== undefined) throw new Error(`"${part}" overlaps "${other}"`);
      taken.set(d, part);
    }
    return { from, to };
  });
}
