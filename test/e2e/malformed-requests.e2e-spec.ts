/**
 * Requests that fail before any resolver or controller runs (a body that is not JSON, one
 * over the size limit, an unknown route) answer in the client's own error shape with a
 * stable code — GraphQL's on /graphql, the REST shape elsewhere — never Nest's default body,
 * never a stack, never an X-Powered-By header.
 */
import { startStack, TestStack } from '../support/stack';

describe('malformed requests', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true });
  });
  afterAll(() => stack.close());

  const post = (path: string, body: string) => fetch(`${stack.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('a body that is not JSON on /graphql is a GraphQL error BAD_REQUEST', async () => {
    const res = await post('/graphql', '{"query": "{ __typename }"');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-powered-by')).toBeNull();
    const body = (await res.json()) as any;
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/not valid JSON/);
    expect(JSON.stringify(body)).not.toMatch(/statusCode|stack|at .*\.js/);
  });

  it('a body that is not JSON on a REST path answers the REST error shape', async () => {
    const res = await post('/imports/schools?region=se-malmo', '{bad');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/not valid JSON/) } });
  });

  it('a body over the size limit is PAYLOAD_TOO_LARGE in GraphQL’s shape', async () => {
    const res = await post('/graphql', JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(5_000_000) } }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an unknown route is NOT_FOUND in the REST shape', async () => {
    const res = await fetch(`${stack.url}/no-such-thing`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe('NOT_FOUND');
  });

  it('well-formed GraphQL is unaffected, errors included', async () => {
    const ok = await stack.gql('{ __typename }', {});
    expect(ok.data).toEqual({ __typename: 'Query' });
    const denied = await stack.gql('{ me { id } }', {});
    expect(denied.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
