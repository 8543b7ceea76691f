import type { SelectQueryBuilder } from 'typeorm';
import { decodeCursor, Page, pageSize, toPage } from '@brobygge/core';

/**
 * The one way lists page newest first: keyset on (created_at, id), so a page boundary does
 * not move when rows are added; `totalCount` over the filters applied so far. Call it
 * after the filters; it adds the cursor, the order and the limit.
 */
export async function newestFirstPage<T extends { createdAt: Date; id: string }>(
  qb: SelectQueryBuilder<T>,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Page<T>> {
  const a = qb.alias;
  const limit = pageSize(first);
  const cursor = decodeCursor(after, ['timestamp', 'uuid']);
  const totalCount = await qb.clone().getCount();
  if (cursor) {
    qb.andWhere(`(${a}.created_at, ${a}.id) < (:pageCursorAt::timestamptz, :pageCursorId::uuid)`, { pageCursorAt: cursor[0], pageCursorId: cursor[1] });
  }
  const rows = await qb
    .orderBy(`${a}.created_at`, 'DESC')
    .addOrderBy(`${a}.id`, 'DESC')
    .limit(limit + 1)
    .getMany();
  return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id], totalCount);
}
