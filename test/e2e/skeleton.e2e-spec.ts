import { createUser } from '../support/factories';
import { startStack, TestStack } from '../support/stack';

const TAXONOMY = `query Taxonomy {
  regions { code name countryCode }
  focusAreas { code name parent { code } }
}`;

describe('walking skeleton: GraphQL over Postgres', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true });
  });
  afterAll(() => stack.close());

  it('serves the regions and the focus-area taxonomy from the first migration', async () => {
    const res = await stack.gql(TAXONOMY);
    expect(res.errors).toBeUndefined();
    const codes = res.data!.regions.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['se-malmo', 'se-skane', 'dk-hovedstaden', 'no-troms']));
    expect(res.data!.regions.find((r: { code: string }) => r.code === 'dk-hovedstaden').countryCode).toBe('DK');

    const areas = res.data!.focusAreas as Array<{ code: string; parent: { code: string } | null }>;
    const directions = areas.filter((a) => a.parent === null).map((a) => a.code);
    expect(directions).toEqual(['life-science-health', 'process-technology', 'tech-energy-green']);
    for (const d of directions) expect(areas.filter((a) => a.parent?.code === d).length).toBeGreaterThanOrEqual(3);
    expect(areas.find((a) => a.code === 'chemistry')?.parent?.code).toBe('process-technology');
  });

  it('names focus areas in the locale asked for, else the Accept-Language, else English', async () => {
    const q = `query FocusAreasIn($locale: Locale) { focusAreas { code name(locale: $locale) } }`;
    const name = async (vars: Record<string, unknown>, headers: Record<string, string> = {}) =>
      ((await stack.gql(q, vars, { headers })).data!.focusAreas as Array<{ code: string; name: string }>).find((a) => a.code === 'chemistry')!.name;
    expect(await name({ locale: 'SV' })).toBe('Kemi');
    expect(await name({ locale: 'NB' })).toBe('Kjemi');
    expect(await name({ locale: 'EN' })).toBe('Chemistry');
    expect(await name({}, { 'accept-language': 'da-DK,da;q=0.9' })).toBe('Kemi');
    expect(await name({}, { 'accept-language': 'nb-NO' })).toBe('Kjemi');
    expect(await name({})).toBe('Chemistry');
  });

  it('rejects an unknown enum value through GraphQL itself', async () => {
    const res = await stack.gql(`query($l: Locale) { focusAreas { name(locale: $l) } }`, { l: 'FR' });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a query for an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await stack.gql('{ nope }');
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('keeps CSRF prevention on: a simple GET without a preflight header is refused', async () => {
    const res = await fetch(`${stack.url}/graphql?query=${encodeURIComponent('{ regions { code } }')}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('gives every response a request id, and honours a sane one from the client', async () => {
    const mine = await stack.gql('{ regions { code } }', {}, { headers: { 'x-request-id': 'client-chosen-1234' } });
    expect(mine.headers.get('x-request-id')).toBe('client-chosen-1234');
    const made = await stack.gql('{ regions { code } }', {}, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is live and ready while Postgres and Redis answer', async () => {
    expect((await fetch(`${stack.url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${stack.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('turns an unexpected failure into INTERNAL_SERVER_ERROR with a request id and no internals', async () => {
    // Break the database under the running API: the resolver's query then fails unexpectedly.
    const { token } = await createUser(stack);
    await stack.dataSource.query('ALTER TABLE organization RENAME TO organization_gone');
    try {
      const res = await stack.gql('{ organizations { totalCount } }', {}, { token });
      const error = res.errors![0];
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: res.headers.get('x-request-id') });
      expect(error.message).not.toMatch(/organization|relation|SELECT|at /);
      expect(JSON.stringify(res)).not.toMatch(/stack|\.ts:/);
    } finally {
      await stack.dataSource.query('ALTER TABLE organization_gone RENAME TO organization');
    }
  });
});
