import type { DataSource } from 'typeorm';
import { CacheVersion } from './cache-version';

/**
 * The sharing rule of CacheVersion, with the pool replaced by reads this test answers by
 * hand (the database side is covered by test/e2e/response-cache): a caller may join only
 * a read that starts after it asked, never one already on its way.
 */
describe('CacheVersion sharing', () => {
  function controlledPool() {
    const pending: Array<(version: string) => void> = [];
    const asked: string[][] = [];
    // Answers like the real query: one row per person asked about (the viewer version is
    // the cache version with the person's id), or one row without a person.
    const pool = {
      query: ({ values: [users] }: { values: [string[]] }) =>
        new Promise((resolve) => {
          asked.push(users);
          pending.push((v) =>
            resolve({ rows: users.length ? users.map((u) => ({ cache: v, user_id: u, viewer: `${v}:${u}` })) : [{ cache: v, user_id: null, viewer: '0' }] }),
          );
        }),
    };
    const versions = new CacheVersion({ driver: { master: pool } } as unknown as DataSource);
    return { versions, pending, asked };
  }

  it('never hands a caller the answer of a read that began before it asked', async () => {
    const { versions, pending } = controlledPool();
    const first = versions.current(); // read 1 starts
    const second = versions.current(); // asked while read 1 runs: must wait for read 2
    const third = versions.current(); // shares read 2 with the second
    expect(pending).toHaveLength(1);
    pending[0]('1'); // read 1 answers (a write commits right after it was sent)
    expect(await first).toBe('1');
    await new Promise((r) => setImmediate(r));
    expect(pending).toHaveLength(2); // read 2 started only now
    pending[1]('2');
    expect(await second).toBe('2');
    expect(await third).toBe('2');
  });

  it('reads once per round trip however many callers there are', async () => {
    const { versions, pending } = controlledPool();
    const callers = [versions.current(), ...Array.from({ length: 50 }, () => versions.current())];
    pending[0]('7');
    await new Promise((r) => setImmediate(r));
    pending[1]('8');
    expect(await Promise.all(callers)).toEqual(['7', ...Array(50).fill('8')]);
    expect(pending).toHaveLength(2);
  });

  it('asks one read for the viewer versions of everyone queued for it, each after they asked', async () => {
    const { versions, pending, asked } = controlledPool();
    const a = versions.forViewer('AAAA'); // read 1, for a (ids compared as Postgres prints them)
    const b = versions.forViewer('bbbb'); // queued: read 2
    const c = versions.current(); // queued: read 2
    const d = versions.forViewer('dddd'); // queued: read 2
    pending[0]('1');
    expect(await a).toEqual({ cache: '1', viewer: '1:aaaa' });
    await new Promise((r) => setImmediate(r));
    expect(asked).toEqual([['aaaa'], ['bbbb', 'dddd']]);
    pending[1]('2');
    expect(await b).toEqual({ cache: '2', viewer: '2:bbbb' });
    expect(await c).toBe('2');
    expect(await d).toEqual({ cache: '2', viewer: '2:dddd' });
  });
});
