import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Build, buildPrivately } from '../support/build';
import { runScript } from '../support/processes';

/** `npm run -s allocate -- FILE|-` as ../shared/formats/allocation.md describes it: the compiled script, as npm runs it. */
describe('allocate CLI', () => {
  let build: Build;
  beforeAll(() => (build = buildPrivately()));
  afterAll(() => build?.remove());
  const example = { requests: [{ id: 'r1', quantity: 3 }], offers: [{ id: 'o1', capacity: 2 }], edges: [{ request: 'r1', offer: 'o1', score: 870 }], fairnessBonus: 0 };
  const run = (args: string[], input = '') => runScript(join(build.dir, 'scripts/allocate.js'), args, {}, 60000, input);

  it('solves an instance from a file, printing exactly the solution format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'allocate-'));
    const file = join(dir, 'instance.json');
    writeFileSync(file, JSON.stringify(example));
    const r = await run([file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ assignments: [{ request: 'r1', offer: 'o1', quantity: 2 }], totalQuantity: 2, totalScore: 1740 });
  });

  it('reads standard input with -, fairness bonus included', async () => {
    const inst = {
      requests: [
        { id: 'a', quantity: 2 },
        { id: 'b', quantity: 1 },
      ],
      offers: [{ id: 'x', capacity: 2 }],
      edges: [
        { request: 'a', offer: 'x', score: 900 },
        { request: 'b', offer: 'x', score: 700 },
      ],
      fairnessBonus: 500,
    };
    const r = await run(['-'], JSON.stringify(inst));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      assignments: [
        { request: 'a', offer: 'x', quantity: 1 },
        { request: 'b', offer: 'x', quantity: 1 },
      ],
      totalQuantity: 2,
      totalScore: 900 + 700 + 500 + 500,
    });
  });

  it('exits non-zero naming the offending item, with nothing on standard output', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...example, edges: [{ request: 'r1', offer: 'nope', score: 1 }] }, 'allocate: edge r1 → nope (edges[0]) names an unknown offer "nope".'],
      [{ ...example, requests: [{ id: 'r1', quantity: 0 }] }, 'allocate: request "r1": "quantity" must be between 1 and 9007199254740991, not 0.'],
    ];
    for (const [inst, message] of cases) {
      const r = await run(['-'], JSON.stringify(inst));
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim()).toBe(message);
    }
    const notJson = await run(['-'], '{"requests": [');
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^allocate: the instance is not JSON: .+\n$/);
    const usage = await run([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run -s allocate -- FILE/);
  });
});
