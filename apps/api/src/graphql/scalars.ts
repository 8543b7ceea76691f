import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isCalendarDate } from '@brobygge/core';

function parseDate(value: unknown): string {
  if (isCalendarDate(value)) return value;
  throw new GraphQLError(`Date must be a calendar date like 2027-03-15, got ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** An ISO calendar date (2027-03-15), carried as that string. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'An ISO 8601 calendar date, e.g. 2027-03-15.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string like 2027-03-15', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDate(ast.value);
  },
});
