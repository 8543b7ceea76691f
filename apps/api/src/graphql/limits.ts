/**
 * Operation limits, checked before anything runs: GraphQL Armor's depth, alias and
 * directive rules (validation), graphql's own token limit (parsing), and a cost model by
 * graphql-query-complexity (after validation, with the variables). Over a limit: one error
 * with code OPERATION_LIMIT_EXCEEDED and `extensions: { limit, max, actual }`.
 * docs/decisions.md "Operation limits" says which limits and why.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { getNullableType, GraphQLError, GraphQLFormattedError, isListType, ValidationContext, ValidationRule } from 'graphql';
import { ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { OperationLimitError } from '@brobygge/core';

export interface OperationLimits {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  cost: number;
}

/** What one field adds on top of its children: the matching and report fields do real work. */
export const EXPENSIVE_FIELDS: Record<string, number> = {
  'Request.suggestions': 50,
  'Offer.suggestedRequests': 50,
  'Query.impactReport': 200,
  'Mutation.runAllocation': 1000,
};

/** A list without `first` (memberships, focus areas, history...) counts as this many items. */
export const ASSUMED_LIST_SIZE = 10;
const MAX_PAGE = 100;
/** What a resolver takes when `first` is null: the connections' default (libs/core pagination). */
const DEFAULT_PAGE = 20;
/** Fields looked at, after expanding fragments, before an operation counts as too large to estimate. */
export const MAX_QUERY_NODES = 10_000;

/**
 * Each field costs 1 plus its expensive surcharge; a field with `first` multiplies its
 * children by `first` (at most 100), any other list by ASSUMED_LIST_SIZE. The lists
 * inside a connection (edges, nodes) are already counted by the connection's `first`.
 */
export function estimateCost({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  // Introspection (GraphiQL's schema query): its lists are as long as the schema is, and
  // graphql-js's MaxIntrospectionDepthRule (a specified rule) bounds how deep they nest.
  if (type.name.startsWith('__') || field.name.startsWith('__')) return 1 + childComplexity;
  const own = 1 + (EXPENSIVE_FIELDS[`${type.name}.${field.name}`] ?? 0);
  const first = args.first;
  let times = 1;
  if (typeof first === 'number') times = Math.min(Math.max(first, 0), MAX_PAGE);
  // `first: null` is answered with the resolver's default page, so it costs that much.
  else if (field.args.some((a) => a.name === 'first')) times = Math.max(Number(field.args.find((a) => a.name === 'first')!.defaultValue) || 0, DEFAULT_PAGE);
  else if (isListType(getNullableType(field.type)) && !type.name.endsWith('Connection')) times = ASSUMED_LIST_SIZE;
  return own + times * childComplexity;
}

const LIMIT_NAMES: Record<string, { name: keyof OperationLimits; what: string }> = {
  Aliases: { name: 'aliases', what: 'aliases' },
  Depth: { name: 'depth', what: 'levels of nesting' },
  Directives: { name: 'directives', what: 'directives' },
};

/**
 * Armor's rules, reporting our error instead of throwing theirs: the ValidationError
 * Apollo wraps around it keeps ours as originalError, which formatError turns into the code.
 */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  const reject = (key: keyof typeof LIMIT_NAMES, max: number) => (ctx: ValidationContext | null, error: GraphQLError) => {
    const found = /found (\d+)/.exec(error.message);
    const actual = found ? Number(found[1]) : max + 1;
    const { name, what } = LIMIT_NAMES[key];
    ctx?.reportError(
      new GraphQLError(error.message, {
        originalError: new OperationLimitError(name, max, actual, `The operation has ${actual} ${what}; the limit is ${max} (${name}).`),
      }),
    );
  };
  const common = { exposeLimits: true, propagateOnRejection: false, allowList: [] };
  return [
    maxDepthRule({ ...common, n: limits.depth, ignoreIntrospection: true, onReject: [reject('Depth', limits.depth)] }),
    maxAliasesRule({ ...common, n: limits.aliases, onReject: [reject('Aliases', limits.aliases)] }),
    maxDirectivesRule({ ...common, n: limits.directives, onReject: [reject('Directives', limits.directives)] }),
  ];
}

function costError(max: number, actual: number, message: string): GraphQLError {
  return new GraphQLError('operation cost limit', {
    extensions: { http: { status: 400 } },
    originalError: new OperationLimitError('cost', max, actual, message),
  });
}

/** The cost check: after validation, with the request's variables, before execution. */
export function costLimitPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [estimateCost],
              maxQueryNodes: MAX_QUERY_NODES,
            });
          } catch (e) {
            // Variables that do not coerce: execution answers that with BAD_USER_INPUT.
            if (/^Variable "\$/.test((e as Error).message)) return;
            // Anything else (fragments that expand to more fields than we look at): too large.
            throw costError(limits.cost, limits.cost + 1, `The operation expands to more than ${MAX_QUERY_NODES} fields; the limit is ${limits.cost} (cost).`);
          }
          if (cost > limits.cost) {
            throw costError(
              limits.cost,
              cost,
              `The operation would cost ${cost}; the limit is ${limits.cost} (cost). Ask for fewer items (smaller first) or fewer nested suggestions.`,
            );
          }
        },
        // A query over a limit is usually invalid in other ways too: answer with the limit only.
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          const limit = errors?.find((e) => e.extensions?.code === 'OPERATION_LIMIT_EXCEEDED');
          if (limit && errors!.length > 1) response.body.singleResult.errors = [limit];
        },
      };
    },
  };
}

const TOKENS = /Document contains more (?:than|that) (\d+) tokens/;

/** graphql's parser stops at `maxTokens` with a syntax error: give it the limit's code. */
export function tokenLimitError(formatted: GraphQLFormattedError): OperationLimitError | undefined {
  const m = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? TOKENS.exec(formatted.message) : null;
  if (!m) return undefined;
  const max = Number(m[1]);
  return new OperationLimitError('tokens', max, max + 1, `The operation has more than ${max} tokens; the limit is ${max} (tokens).`);
}
