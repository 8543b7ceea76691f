import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pgPool } from './raw-sql';

/** The versions one read returns: the database's, and of each person asked about. */
export interface VersionRead {
  cache: string;
  /** user id → viewer version ('0': nothing of theirs changed since migration ViewerVersion). */
  viewers: Map<string, string>;
}

const READ_SQL = `SELECT c.version::text AS cache, u.id::text AS user_id, coalesce(v.version, 0)::text AS viewer
  FROM cache_version c
  LEFT JOIN LATERAL unnest($1::uuid[]) AS u(id) ON true
  LEFT JOIN viewer_version v ON v.user_id = u.id
 WHERE c.id = 1`;

/**
 * The database's cache version (migration CacheVersion): it changes at the commit of any
 * write to the cached tables; and, in the same read, the viewer versions of the people
 * signed in (migration ViewerVersion: they change in the transaction of any write to a
 * person's viewer; docs/decisions.md, "The viewer cache (issue 17)").
 *
 * Every cached read needs them, so reads are shared, but never with a read that began
 * before the caller asked: while one read runs, callers queue for the next one, which
 * starts when it ends and asks for all their people at once. So a caller always gets
 * versions read after its request arrived (it sees every write committed before that),
 * and under load the database answers one query per round trip instead of one per request.
 */
@Injectable()
export class CacheVersion {
  private running: Promise<VersionRead> | null = null;
  private queued: Promise<VersionRead> | null = null;
  /** The people the queued read will ask about. */
  private queuedUsers = new Set<string>();

  constructor(private readonly dataSource: DataSource) {}

  async current(): Promise<string> {
    return (await this.next()).cache;
  }

  /**
   * The cache version and the viewer version of `userId` (a uuid), from one read; viewer
   * null only if the read somehow lacks them (then nothing cached may be used).
   */
  async forViewer(userId: string): Promise<{ cache: string; viewer: string | null }> {
    const id = userId.toLowerCase(); // as Postgres prints a uuid
    const read = await this.next(id);
    return { cache: read.cache, viewer: read.viewers.get(id) ?? null };
  }

  private next(userId?: string): Promise<VersionRead> {
    if (!this.running) return this.start(userId === undefined ? [] : [userId]);
    if (userId !== undefined) this.queuedUsers.add(userId);
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        const users = [...this.queuedUsers];
        this.queuedUsers = new Set();
        return this.start(users);
      });
    return this.queued;
  }

  private start(users: string[]): Promise<VersionRead> {
    const read = this.read(users).finally(() => {
      if (this.running === read) this.running = null;
    });
    this.running = read;
    return read;
  }

  private async read(users: string[]): Promise<VersionRead> {
    // The driver's pg pool directly: one round trip, none of the ORM's per-query work.
    const pool = pgPool(this.dataSource);
    const res = await pool.query<{ cache: string; user_id: string | null; viewer: string }>({ name: 'cache_versions', text: READ_SQL, values: [users] });
    const viewers = new Map<string, string>();
    for (const row of res.rows) if (row.user_id !== null) viewers.set(row.user_id, row.viewer);
    return { cache: res.rows[0].cache, viewers };
  }
}
