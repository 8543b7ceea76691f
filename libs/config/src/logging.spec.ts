import { maskRequest, maskUrl } from './logging';

const TOKEN = 'q3Vh0cJ8m1XyZb4T6rNwPz2kLs9DfGhAeUiOoYtRlKc'; // 43 base64url characters, like a calendar token

describe('access-log masking', () => {
  it('masks the calendar token in the path, keeping the route and the extension', () => {
    expect(maskUrl(`/calendar/${TOKEN}.ics`)).toBe('/calendar/[redacted].ics');
    expect(maskUrl('/calendar/short.ics')).toBe('/calendar/[redacted].ics');
    expect(maskUrl(`/calendar/${TOKEN}.ics?x=1`)).toBe('/calendar/[redacted].ics?x=1');
  });

  it('masks token-like path segments on any route, but not UUIDs', () => {
    expect(maskUrl(`/files/${TOKEN}/download`)).toBe('/files/[redacted]/download');
    expect(maskUrl('/matches/7b0c2a3e-1f1d-4c55-9f62-1e2d3c4b5a69/feedback')).toBe('/matches/7b0c2a3e-1f1d-4c55-9f62-1e2d3c4b5a69/feedback');
    expect(maskUrl('/health/ready')).toBe('/health/ready');
  });

  it('masks token= (and other credential) query parameters on every route', () => {
    expect(maskUrl(`/invitations/accept?token=${TOKEN}`)).toBe('/invitations/accept?token=[redacted]');
    expect(maskUrl(`/graphql?a=1&access_token=${TOKEN}&b=2`)).toBe('/graphql?a=1&access_token=[redacted]&b=2');
    expect(maskUrl(`/x?Token=abc&secretKey=def&password=ghi`)).toBe('/x?Token=[redacted]&secretKey=[redacted]&password=[redacted]');
    expect(maskUrl('/reports/impact.csv?from=2027-01-01&to=2027-12-31&region=se-malmo')).toBe('/reports/impact.csv?from=2027-01-01&to=2027-12-31&region=se-malmo');
  });

  it('masks the serialized request (url, parsed query, route parameters) on a copy', () => {
    const query = { token: TOKEN, region: 'se-malmo' };
    const req = { id: 'r1', method: 'GET', url: `/calendar/${TOKEN}.ics?token=${TOKEN}`, query, params: { file: `${TOKEN}.ics` }, headers: {} };
    const masked = maskRequest(req);
    expect(masked).toEqual({
      id: 'r1',
      method: 'GET',
      url: '/calendar/[redacted].ics?token=[redacted]',
      query: { token: '[redacted]', region: 'se-malmo' },
      params: { file: '[redacted]' },
      headers: {},
    });
    expect(JSON.stringify(masked)).not.toContain(TOKEN);
    expect(query.token).toBe(TOKEN);
  });
});
