import { decodeCursor, encodeCursor, pageSize, toPage } from './pagination';
import { InvalidInputError } from './errors';

const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('keyset cursors', () => {
  it('round-trips a sort key', () => {
    const key = ['2027-03-15T10:00:00.123Z', '3f2b8a60-1c9d-4e5f-9a0b-1c2d3e4f5a6b'];
    expect(decodeCursor(encodeCursor(key), ['timestamp', 'uuid'])).toEqual(key);
    expect(decodeCursor(undefined, ['text'])).toBeNull();
  });

  it.each([
    ['not base64 json', 'garbage!!'],
    ['wrong arity', forged(['a'])],
    ['not a timestamp', forged(['x', '3f2b8a60-1c9d-4e5f-9a0b-1c2d3e4f5a6b'])],
    ['a day that does not exist', forged(['2027-02-30T00:00:00.000Z', '3f2b8a60-1c9d-4e5f-9a0b-1c2d3e4f5a6b'])],
    ['not a uuid', forged(['2027-03-15T10:00:00.123Z', 'y'])],
    ['numbers', forged([1, 2])],
    ['an object', forged({ a: 1 })],
  ])('refuses a forged cursor (%s) as BAD_USER_INPUT on after', (_what, cursor) => {
    expect(() => decodeCursor(cursor, ['timestamp', 'uuid'])).toThrow(InvalidInputError);
    try {
      decodeCursor(cursor, ['timestamp', 'uuid']);
    } catch (e) {
      expect((e as InvalidInputError).extensions).toEqual({ field: 'after' });
    }
  });

  it('caps first at 100 and says more when a row beyond the page was fetched', () => {
    expect(() => pageSize(101)).toThrow(InvalidInputError);
    expect(() => pageSize(0)).toThrow(InvalidInputError);
    const page = toPage([1, 2, 3], 2, (n) => [String(n)], 3);
    expect(page.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['2']) });
  });
});
