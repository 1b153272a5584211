// Page arithmetic shared by the provider definitions.
import type { Session, SessionPage } from './types';

export interface PageRequest {
  readonly pageIndex: number;
  /** The size actually sent. */
  readonly pageSize: number;
  /** "GET /browser_sessions", for error messages. */
  readonly endpoint: string;
}

/** Used when the query names no page size: the extension's own default setting. */
export const DEFAULT_PAGE_SIZE = 50;

/** Page sizes as a count of sessions: whole, at least 1. */
export function wholePageSize(wanted: number | undefined): number {
  if (wanted === undefined || !Number.isFinite(wanted)) return DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.ceil(wanted));
}

/**
 * A page from the rows of any API. `declaredHasMore` is what the body says about further pages;
 * when it is silent, `total` decides, and without `total` a full page is taken to mean more follow
 * (`total` then falls back to a lower bound and `totalExact` is false; on the last page that
 * bound is the count).
 */
export function pageFrom(
  rows: readonly unknown[],
  toSession: (raw: unknown) => Session,
  reportedTotal: number | undefined,
  declaredHasMore: boolean | undefined,
  request: PageRequest,
): SessionPage {
  const sessions = rows.map(toSession);
  const reachedEnd = request.pageIndex * request.pageSize + sessions.length;
  const hasMore =
    declaredHasMore ?? (reportedTotal === undefined ? sessions.length >= request.pageSize : reachedEnd < reportedTotal);
  return {
    sessions,
    total: reportedTotal ?? reachedEnd,
    ...(reportedTotal === undefined && hasMore ? { totalExact: false } : {}),
    pageIndex: request.pageIndex,
    pageSize: request.pageSize,
    hasMore,
  };
}
