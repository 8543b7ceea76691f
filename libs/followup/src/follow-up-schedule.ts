import type { FollowUpPeriod } from '@brobygge/config';

/** One occurrence of a configured period: UTC calendar days, both included. */
export interface PeriodDates {
  from: string;
  to: string;
}

/** Every occurrence of the periods that starts in the years `first`..`last`. */
function occurrences(periods: readonly FollowUpPeriod[], first: number, last: number): PeriodDates[] {
  const out: PeriodDates[] = [];
  for (let year = first; year <= last; year++) {
    for (const p of periods) {
      // A period whose last day comes before its first spans the new year.
      out.push({ from: `${year}-${p.from}`, to: `${p.to >= p.from ? year : year + 1}-${p.to}` });
    }
  }
  return out;
}

const latest = (list: PeriodDates[]): PeriodDates | null => list.reduce<PeriodDates | null>((best, p) => (!best || p.to > best.to ? p : best), null);

/**
 * The most recent occurrence that has closed at `now`: its last day has ended in UTC. The
 * follow-up is produced for this one only — never older ones (docs/decisions.md).
 */
export function lastClosedPeriod(now: Date, periods: readonly FollowUpPeriod[]): PeriodDates | null {
  const today = now.toISOString().slice(0, 10);
  const year = now.getUTCFullYear();
  return latest(occurrences(periods, year - 2, year).filter((p) => p.to < today));
}

/** The occurrence just before `period` (the latest that ends before it starts): what the follow-up compares with. */
export function periodBefore(period: PeriodDates, periods: readonly FollowUpPeriod[]): PeriodDates | null {
  const year = Number(period.from.slice(0, 4));
  return latest(occurrences(periods, year - 2, year).filter((p) => p.to < period.from));
}
