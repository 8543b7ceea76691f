import { isCalendarDate } from './validation';

describe('isCalendarDate', () => {
  it('takes dates that exist, written as ISO calendar dates', () => {
    for (const ok of ['2027-03-15', '2028-02-29', '2026-12-31']) expect([ok, isCalendarDate(ok)]).toEqual([ok, true]);
    for (const bad of ['2027-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '15/03/2027', '2027-03-15T00:00:00Z', '', null, 20270315]) {
      expect([bad, isCalendarDate(bad)]).toEqual([bad, false]);
    }
  });
});
