// Following a cursor API (Steel) to the end, under the same safety rules as listAll: a page that
// adds no new id stops the walk (a server repeating a cursor cannot loop us), the number of pages
// has a fixed bound, and nothing is ever sized from a count the server sent.
import type { ListAllResult, Session, SessionPage } from './types';

/**
 * 200 pages of at most 100 sessions: 20 000 sessions, the overview's default scan cap. A walk that
 * reaches it stops and reports what it has, with an inexact total.
 */
export const MAX_CURSOR_PAGES = 200;

export type CursorPageFetcher = (pageIndex: number, cursor: string | undefined, signal: AbortSignal) => Promise<SessionPage>;

export async function followCursor(
  fetchPage: CursorPageFetcher,
  options: { readonly signal?: AbortSignal; readonly maxPages?: number } = {},
): Promise<ListAllResult> {
  const signal = options.signal ?? new AbortController().signal;
  const maxPages = Math.max(1, Math.floor(options.maxPages ?? MAX_CURSOR_PAGES));
  const seen = new Set<string>();
  const sessions: Session[] = [];
  let cursor: string | undefined;
  let requests = 0;
  let last: SessionPage | undefined;
  let reachedEnd = false;
  while (requests < maxPages) {
    const page = await fetchPage(requests, cursor, signal);
    requests++;
    last = page;
    let added = 0;
    for (const session of page.sessions) {
      if (seen.has(session.id)) continue;
      seen.add(session.id);
      sessions.push(session);
      added++;
    }
    if (!page.hasMore || page.nextCursor === undefined) {
      reachedEnd = true;
      break;
    }
    if (added === 0) break;
    cursor = page.nextCursor;
  }
  // At the end, what we listed is the whole list (the API's own count wins when it gave one); a walk
  // cut short by the bound or by a page of repeats only knows a lower bound.
  if (!reachedEnd) return { sessions, total: sessions.length, totalExact: false, requests };
  const reported = last?.totalExact === false ? undefined : last?.total;
  return { sessions, total: Math.max(reported ?? 0, sessions.length), requests };
}
