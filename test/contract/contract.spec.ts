/**
 * The API contract: the generated schema is committed and current, and every operation
 * listed in implemented.txt validates against it (and against the contract itself).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, DefinitionNode, DocumentNode, FragmentDefinitionNode, GraphQLSchema, Kind, parse, validate, visit } from 'graphql';
import { generateSchemaSdl, SCHEMA_FILE } from '../../apps/api/src/schema';

const SHARED = join(__dirname, '..', '..', '..', 'shared', 'api');

function implemented(): string[] {
  return readFileSync(join(__dirname, 'implemented.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function allDefinitions(): DefinitionNode[] {
  const dir = join(SHARED, 'operations');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .flatMap((f) => parse(readFileSync(join(dir, f), 'utf8')).definitions);
}

/** The named operation with the fragments it needs, transitively. */
function documentFor(name: string, defs: DefinitionNode[]): DocumentNode {
  const op = defs.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!op) throw new Error(`operation ${name} is listed in implemented.txt but not in shared/api/operations`);
  const fragments = new Map(
    defs.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
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

describe('API contract', () => {
  let schema: GraphQLSchema;
  let contract: GraphQLSchema;
  const defs = allDefinitions();

  beforeAll(() => {
    schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    contract = buildSchema(readFileSync(join(SHARED, 'contract.graphql'), 'utf8'));
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
    const operations = defs.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter((name) => !implemented().includes(name))).toEqual([]);
  });

  it.each(implemented())('operation %s validates against the generated schema', (name) => {
    const doc = documentFor(name, defs);
    expect(validate(contract, doc).map((e) => e.message)).toEqual([]);
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });
});
