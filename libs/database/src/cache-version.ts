import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pgPool } from './raw-sql';

/**
 * The database's cache version (migration CacheVersion): it changes at the commit of any
 * write to the cached tables.
 *
 * Every cached read needs it, so reads are shared, but never with a read that began
 * before the caller asked: while one read runs, callers queue for the next one, which
 * starts when it ends. So a caller always gets a version read after its request arrived
 * (it sees every write committed before that), and under load the database answers one
 * query per round trip instead of one per request.
 */
@Injectable()
export class CacheVersion {
  private running: Promise<string> | null = null;
  private queued: Promise<string> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  current(): Promise<string> {
    if (!this.running) {
      this.running = this.read().finally(() => (this.running = null));
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.current();
      });
    return this.queued;
  }

  private async read(): Promise<string> {
    // The driver's pg pool directly: one round trip, none of the ORM's per-query work.
    const pool = pgPool(this.dataSource);
    const res = await pool.query<{ version: string }>({ name: 'cache_version', text: 'SELECT version FROM cache_version WHERE id = 1' });
    return res.rows[0].version;
  }
}
