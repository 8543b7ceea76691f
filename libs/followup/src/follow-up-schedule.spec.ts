import { loadConfig } from '@brobygge/config';
import { lastClosedPeriod, periodBefore } from './follow-up-schedule';

const parseFollowUpPeriods = (value: string) => loadConfig({ NODE_ENV: 'test', FOLLOW_UP_PERIODS: value }).FOLLOW_UP_PERIODS;

const halves = parseFollowUpPeriods('01-01..06-30,07-01..12-31');

describe('the follow-up schedule', () => {
  it('is due once the last day of a half-year has ended (UTC)', () => {
    expect(lastClosedPeriod(new Date('2026-06-30T23:59:59.999Z'), halves)).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(lastClosedPeriod(new Date('2026-07-01T00:00:00.000Z'), halves)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(lastClosedPeriod(new Date('2026-12-02T16:00:00Z'), halves)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(lastClosedPeriod(new Date('2027-01-01T00:00:00Z'), halves)).toEqual({ from: '2026-07-01', to: '2026-12-31' });
  });

  it('compares with the period before', () => {
    expect(periodBefore({ from: '2026-01-01', to: '2026-06-30' }, halves)).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(periodBefore({ from: '2026-07-01', to: '2026-12-31' }, halves)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
  });

  it('handles periods that span the new year, and gaps', () => {
    const schoolYear = parseFollowUpPeriods('08-01..07-31');
    expect(lastClosedPeriod(new Date('2026-07-31T12:00:00Z'), schoolYear)).toEqual({ from: '2024-08-01', to: '2025-07-31' });
    expect(lastClosedPeriod(new Date('2026-08-01T00:00:00Z'), schoolYear)).toEqual({ from: '2025-08-01', to: '2026-07-31' });
    expect(periodBefore({ from: '2025-08-01', to: '2026-07-31' }, schoolYear)).toEqual({ from: '2024-08-01', to: '2025-07-31' });
    const autumn = parseFollowUpPeriods('09-01..12-20');
    expect(lastClosedPeriod(new Date('2026-06-01T00:00:00Z'), autumn)).toEqual({ from: '2025-09-01', to: '2025-12-20' });
    expect(lastClosedPeriod(new Date('2026-06-01T00:00:00Z'), parseFollowUpPeriods('off'))).toBeNull();
  });
});
