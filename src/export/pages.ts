// Every page of one query, in order, as the new sessions each brings: the export's source. Unlike
// listAll it never holds the listing: a page is handed on and forgotten, and at most `concurrency`
// pages wait in memory. The same distrust of the server applies: paging ends at an empty page, at a
// run of pages that bring nothing new, or past the pages the latest total implies plus a margin.
import type { ProviderClient, Session, SessionPage, SessionQuery } from '../providers/types';

export interface PagesOptions {
  /** Pages in flight at once, for APIs whose pages can be asked in any order (default 4). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_CONCURRENCY = 4;
/** As listAll: sessions that start while we list push older ones past the count the first page gave. */
const MARGIN_PAGES = 2;
/** No account has a billion sessions (listAll's MAX_TOTAL); a bound for cursor walks that report no total. */
const MAX_SESSIONS = 1e9;

/**
 * Yields each page's sessions not yet seen, in the API's order. Offset and page-number APIs are read
 * `concurrency` pages ahead (order kept); a cursor API can only be walked one page after another, and
 * an unpaged one (Browserbase) arrives whole on the first page and is sliced by the client.
 *
 * The ids seen are kept to drop the repeats shifted pages bring: strings only, a few MB for 100,000.
 */
export async function* sessionPages(
  client: ProviderClient,
  query: SessionQuery,
  options: PagesOptions = {},
): AsyncGenerator<readonly Session[], void, undefined> {
  const style = client.capabilities.paging ?? 'offset';
  const concurrency = style === 'offset' || style === 'pageNumber' ? Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY)) : 1;
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const seen = new Set<string>();
  const ahead = new Map<number, Promise<SessionPage>>();
  const request = (pageIndex: number): Promise<SessionPage> => {
    const pending = client.fetchPage(query, pageIndex, signal);
    // Awaited later, in order; until then a failure must not count as unhandled.
    pending.catch(() => undefined);
    return pending;
  };
  try {
    const first = await client.fetchPage(query, 0, signal);
    yield fresh(first.sessions, seen);
    // Pages the first answer promised: those may be asked ahead; beyond them, one by one.
    const promised = first.totalExact === false ? 0 : Math.ceil(first.total / Math.max(1, first.pageSize));
    let next = 1;
    const fill = (): void => {
      while (next < promised && ahead.size < concurrency) ahead.set(next, request(next++));
    };
    let page = first;
    let staleRun = 0;
    for (let pageIndex = 1; page.hasMore && page.sessions.length > 0 && pageIndex < pageLimit(page); pageIndex++) {
      fill();
      const pending = ahead.get(pageIndex) ?? request(pageIndex);
      ahead.delete(pageIndex);
      if (next <= pageIndex) next = pageIndex + 1;
      page = await pending;
      const added = fresh(page.sessions, seen);
      // Pages in flight come back with sessions already read when newer ones shift the list; a longer
      // run of them than can be in flight is a server repeating itself.
      staleRun = added.length > 0 ? 0 : staleRun + 1;
      if (staleRun > concurrency) return;
      if (added.length > 0) yield added;
    }
  } finally {
    // An export stopped early (cancel, a failed write) leaves no request running.
    controller.abort();
  }
}

function fresh(sessions: readonly Session[], seen: Set<string>): Session[] {
  const added: Session[] = [];
  for (const session of sessions) {
    if (seen.has(session.id)) continue;
    seen.add(session.id);
    added.push(session);
  }
  return added;
}

function pageLimit(page: SessionPage): number {
  const size = Math.max(1, page.pageSize);
  // A cursor API may report no total: only the repeats rule and the absolute bound end it.
  if (page.totalExact === false) return Math.ceil(MAX_SESSIONS / size);
  return Math.ceil(page.total / size) + MARGIN_PAGES;
}
