import { InvalidInputError } from './errors';
import { isUuid } from './ids';

/** Relay connections with keyset cursors: a cursor is the sort key of the last row seen. */
export const MAX_PAGE = 100;

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    throw new InvalidInputError('first', `first must be a whole number from 1 to ${MAX_PAGE}.`);
  }
  return n;
}

export function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a sort key must be, so that a forged cursor never reaches a SQL cast. */
export type CursorPart = 'text' | 'uuid' | 'timestamp';

/** A real instant written as toISOString() writes it (Date.parse accepts 30 February; Postgres does not). */
function validInstant(v: string): boolean {
  const t = Date.parse(v);
  return !Number.isNaN(t) && new Date(t).toISOString() === v;
}

const PART_OK: Record<CursorPart, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 1000,
  uuid: (v) => typeof v === 'string' && isUuid(v),
  timestamp: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && validInstant(v),
};

/** The sort key of a cursor, or BAD_USER_INPUT on `after` when it is not one of ours. */
export function decodeCursor(cursor: string | null | undefined, parts: CursorPart[]): string[] | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === parts.length && key.every((k, i) => PART_OK[parts[i]](k))) return key as string[];
  } catch {
    /* fall through */
  }
  throw new InvalidInputError('after', 'after is not a cursor from this list; use pageInfo.endCursor of the previous page.');
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Builds a page from rows fetched with `limit + 1` (the extra row says there is more). */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => Array<string | number>, totalCount: number): Page<T> {
  const hasNextPage = rows.length > limit;
  const nodes = hasNextPage ? rows.slice(0, limit) : rows;
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
