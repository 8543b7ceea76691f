/**
 * `npm run -s allocate -- FILE` (or `-` for standard input): reads an allocation instance
 * (../shared/formats/allocation.md) and prints its optimal solution as JSON on standard
 * output. A malformed instance exits with 1 and one line on standard error naming the
 * offending item; wrong usage exits with 2.
 *
 * The plain case is read straight from the bytes (allocateBytes); anything else — and
 * every mistake — goes through JSON.parse and allocateInput, which name what is wrong.
 */
import { readFileSync } from 'node:fs';
import { allocateBytes, allocateInput, InstanceError } from '@brobygge/matching';

function fail(code: number, message: string): never {
  process.stderr.write(`allocate: ${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
if (args.length !== 1) fail(2, 'usage: npm run -s allocate -- FILE   (FILE may be - for standard input)');
const file = args[0];

let bytes: Buffer;
try {
  bytes = readFileSync(file === '-' ? 0 : file);
} catch (e) {
  fail(2, `cannot read ${file === '-' ? 'standard input' : file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
}

try {
  let solution = allocateBytes(bytes);
  if (!solution) {
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      fail(1, `the instance is not JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`);
    }
    solution = allocateInput(json);
  }
  process.stdout.write(`${JSON.stringify(solution, null, 2)}\n`);
} catch (e) {
  if (e instanceof InstanceError || e instanceof RangeError) fail(1, e.message);
  throw e;
}
