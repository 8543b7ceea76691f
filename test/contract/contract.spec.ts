/**
 * The API contract: the generated schema is committed and current, and every operation
 * listed in implemented.txt validates against it (and against the contract itself).
 *
 * The contract is shared/api/contract.graphql extended by shared/api/next/contract.graphql
 * (what the open issues add); operations come from shared/api/operations and
 * shared/api/next/operations. Once an issue is resolved, every operation of its file in
 * next/operations must be implemented (RESOLVED_NEXT).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  DefinitionNode,
  DocumentNode,
  FragmentDefinitionNode,
  getNullableType,
  GraphQLInputType,
  GraphQLScalarType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  NamedTypeNode,
  OperationDefinitionNode,
  parse,
  print,
  typeFromAST,
  validate,
  visit,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { loadConfig } from '@brobygge/config';
import { operationLimits } from '../../apps/api/src/graphql/graphql.options';
import { estimateCost, limitRules } from '../../apps/api/src/graphql/limits';
import { generateSchemaSdl, SCHEMA_FILE } from '../../apps/api/src/schema';

const SHARED = join(__dirname, '..', '..', '..', 'shared', 'api');
const NEXT = join(SHARED, 'next');

/** Files of shared/api/next/operations whose issue is resolved: each of their operations must be implemented. */
const RESOLVED_NEXT: string[] = ['reach.graphql', 'placements.graphql']; // issues 15 and 16

function implemented(): string[] {
  return readFileSync(join(__dirname, 'implemented.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function definitionsIn(dir: string, only?: string[]): DefinitionNode[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql') && (!only || only.includes(f)))
    .flatMap((f) => parse(readFileSync(join(dir, f), 'utf8')).definitions);
}

function allDefinitions(): DefinitionNode[] {
  return [...definitionsIn(join(SHARED, 'operations')), ...definitionsIn(join(NEXT, 'operations'))];
}

function operationNames(defs: DefinitionNode[]): string[] {
  return defs.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
}

/** The named operation with the fragments it needs, transitively. */
function documentFor(name: string, defs: DefinitionNode[]): DocumentNode {
  const op = defs.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!op) throw new Error(`operation ${name} is listed in implemented.txt but not in shared/api/operations or shared/api/next/operations`);
  const fragments = new Map(defs.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const needed = new Map<string, FragmentDefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const f = fragments.get(spread.name.value);
        if (f && !needed.has(f.name.value)) {
          needed.set(f.name.value, f);
          collect(f);
        }
      },
    });
  collect(op);
  return { kind: Kind.DOCUMENT, definitions: [op, ...needed.values()] };
}

/** A value of any input type, with every required field filled: for cost estimates. */
function sample(type: GraphQLInputType): unknown {
  const t = getNullableType(type);
  if (isListType(t)) return [sample(t.ofType)];
  if (isEnumType(t)) return t.getValues()[0].value;
  if (isInputObjectType(t)) {
    return Object.fromEntries(
      Object.values(t.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  const name = (t as GraphQLScalarType).name;
  if (name === 'Int' || name === 'Float') return 1;
  if (name === 'Boolean') return true;
  if (name === 'Date') return '2027-01-15';
  if (name === 'DateTime') return '2027-01-15T09:00:00Z';
  return 'x';
}

describe('API contract', () => {
  let schema: GraphQLSchema;
  let contract: GraphQLSchema;
  const defs = allDefinitions();

  beforeAll(() => {
    schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    contract = buildSchema(readFileSync(join(SHARED, 'contract.graphql'), 'utf8') + '\n' + readFileSync(join(NEXT, 'contract.graphql'), 'utf8'));
  });

  it('the committed schema.graphql is what the resolvers generate (run `npm run schema:generate`)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toEqual(await generateSchemaSdl());
  });

  it('lists only operations that exist, once each', () => {
    const names = implemented();
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(() => documentFor(name, defs)).not.toThrow();
  });

  it('implements every operation in shared/api/operations (issue 8: all of them validate)', () => {
    const operations = operationNames(definitionsIn(join(SHARED, 'operations')));
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter((name) => !implemented().includes(name))).toEqual([]);
  });

  it('implements every operation of the resolved issues in shared/api/next/operations (RESOLVED_NEXT)', () => {
    for (const file of RESOLVED_NEXT) {
      const operations = operationNames(definitionsIn(join(NEXT, 'operations'), [file]));
      expect(operations.length).toBeGreaterThan(0);
      expect({ file, missing: operations.filter((name) => !implemented().includes(name)) }).toEqual({ file, missing: [] });
    }
  });

  it.each(implemented())('operation %s validates against the generated schema', (name) => {
    const doc = documentFor(name, defs);
    expect(validate(contract, doc).map((e) => e.message)).toEqual([]);
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });

  it.each(implemented())('operation %s runs under the default operation limits, with first: 100 everywhere', (name) => {
    const limits = operationLimits(loadConfig({ NODE_ENV: 'test' }));
    const doc = documentFor(name, defs);
    expect(() => parse(print(doc), { maxTokens: limits.tokens })).not.toThrow();
    expect(validate(schema, doc, limitRules(limits)).map((e) => e.message)).toEqual([]);
    // Every variable present (a sample of its type), and every `first` at its maximum: the most a client may ask.
    const op = doc.definitions[0] as OperationDefinitionNode;
    const variables = Object.fromEntries(
      (op.variableDefinitions ?? []).map((v) => [
        v.variable.name.value,
        /^first$/i.test(v.variable.name.value) ? 100 : sample(typeFromAST(schema, v.type as NamedTypeNode) as GraphQLInputType),
      ]),
    );
    expect(getComplexity({ schema, query: doc, variables, estimators: [estimateCost] })).toBeLessThanOrEqual(limits.cost);
  });
});
