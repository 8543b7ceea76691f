import { ConfigError, loadConfig } from './config';
import { parseFollowUpPeriods } from './follow-up-periods';

const halves = parseFollowUpPeriods('01-01..06-30,07-01..12-31');

describe('FOLLOW_UP_PERIODS', () => {
  it('reads periods of whole days', () => {
    expect(halves).toEqual([
      { from: '01-01', to: '06-30' },
      { from: '07-01', to: '12-31' },
    ]);
    expect(parseFollowUpPeriods(' 08-01..07-31 ')).toEqual([{ from: '08-01', to: '07-31' }]);
    expect(parseFollowUpPeriods('off')).toEqual([]);
  });

  it.each([
    ['', /no period/],
    ['01-01-06-30', /not like/],
    ['01-01..06-31', /not a day of the year/],
    ['13-01..12-31', /not a day of the year/],
    ['01-01..02-29', /29 February/],
    ['01-01..06-30,06-30..12-31', /overlaps "01-01..06-30"/],
    ['08-01..07-31,01-01..01-02', /overlaps/],
    ['1-1..6-30', /not like/],
  ])('refuses %p', (value, message) => {
    expect(() => parseFollowUpPeriods(value)).toThrow(message);
  });
});

describe('FOLLOW_UP_PERIODS in the configuration', () => {
  it('defaults to the two half-years', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).FOLLOW_UP_PERIODS).toEqual(halves);
  });

  it('stops the start with one line naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', FOLLOW_UP_PERIODS: '01-01..06-30,06-01..12-31' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', FOLLOW_UP_PERIODS: '01-01..06-30,06-01..12-31' })).toThrow(
      /^FOLLOW_UP_PERIODS must be periods like 01-01\.\.06-30,07-01\.\.12-31: "06-01\.\.12-31" overlaps "01-01\.\.06-30"/,
    );
  });
});
