// Every page of one query: the first page gives the total, the rest go in parallel under a cap.
// Nothing the server says is trusted to bound the work: `total`, `has_more` and `total_pages` can
// lie, so the listing stops when a page brings no new session and never asks for more pages than
// the total implies plus a small margin, and no count from the server sizes an allocation.
import type { ListAllOptions, ListAllResult, Session, SessionPage } from './types';

/**
 * `answered`, given only where another page may follow at once (the pool below), is for the
 * fetcher to call when the page's bytes have arrived and only parsing is left (HttpClient's
 * `onBodyRead`): the page then stops counting as in flight, and the next page is asked for while
 * this one is parsed. A fetcher that never calls it is simply awaited.
 */
export type PageFetcher = (pageIndex: number, signal: AbortSignal, answered?: () => void) => Promise<SessionPage>;

type CountedFetch = (pageIndex: number, answered?: () => void) => Promise<{ page: SessionPage; addsNew: boolean }>;

const DEFAULT_CONCURRENCY = 4;
/**
 * Pages past those the latest total implies. Sessions that start while we list push older ones to
 * higher offsets, and the next page reports the grown total, so one page of slack per page read
 * would do; two leave room for a total that lags by a moment.
 */
const MARGIN_PAGES = 2;
/** No account has a billion sessions; a larger total is a broken or hostile answer. */
export const MAX_TOTAL = 1e9;

/** Why a page's `total` cannot be believed, or undefined when it can. */
export function totalProblem(total: number): string | undefined {
  if (!Number.isFinite(total)) return '“total” is not a number';
  if (total < 0) return '“total” is negative';
  if (!Number.isInteger(total)) return '“total” is not a whole number';
  if (total > MAX_TOTAL) return '“total” is larger than 10^9';
  return undefined;
}

/**
 * Stops at the first failure: pages not yet started are never fired and the ones in flight are
 * aborted. A 429 also closes the connection's gate in HttpClient, so the pages in flight and any
 * page asked for later are refused without reaching the server.
 *
 * `requests` counts pages asked for (HttpClient's retries are not visible here).
 */
export async function listAllPages(fetchPage: PageFetcher, options: ListAllOptions = {}): Promise<ListAllResult> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  if (options.signal?.aborted) controller.abort();
  let requests = 0;
  const seen = new Set<string>();
  const cap = options.maxSessions === undefined ? Infinity : Math.max(1, Math.floor(options.maxSessions));
  const fetchCounted: CountedFetch = async (pageIndex, answered) => {
    requests++;
    const page = await fetchPage(pageIndex, controller.signal, answered);
    let addsNew = false;
    for (const session of page.sessions) {
      if (seen.has(session.id)) continue;
      seen.add(session.id);
      addsNew = true;
    }
    options.onProgress?.(Math.min(seen.size, cap), page.total);
    return { page, addsNew };
  };
  try {
    const first = await fetchCounted(0);
    const pages = [first.page];
    if (first.page.hasMore && first.addsNew && seen.size < cap && totalProblem(first.page.total) === undefined) {
      // The cap bounds the pages asked for; the pages up to it are still fetched in parallel.
      const pageCount = Math.min(Math.ceil(first.page.total / first.page.pageSize), Math.ceil(cap / first.page.pageSize));
      const pooled = await fetchInPool(pageCount, concurrency, fetchCounted, controller);
      pages.push(...pooled.pages);
      if (!pooled.stalled && seen.size < cap) {
        pages.push(...(await fetchTrailingPages(pages[pages.length - 1], fetchCounted, () => seen.size >= cap)));
      }
    }
    const last = pages[pages.length - 1];
    const sessions = uniqueInOrder(pages);
    return { sessions: sessions.length > cap ? sessions.slice(0, cap) : sessions, total: last.total, requests };
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
}

/**
 * Pages 1 … pageCount − 1, at most `concurrency` at once. Indices are handed out one by one, so a
 * page count of a billion costs nothing until pages are asked for.
 *
 * A worker moves on to its next page as soon as the current one is answered, and the page's
 * parsing and bookkeeping finish on their own: with 50 ms of latency and ~1 ms of parsing per
 * page, parsing on the critical path cost about 10 % over the floor (issue 8). So a failed page
 * is only known after its worker may have asked for one more, which the failure then aborts; and
 * the head start is taken only while no page has come back stale (see the worker).
 *
 * A page that brings no new session is normal here once in a while: when newer sessions shift
 * the list by whole pages, the pages still in flight come back with sessions already read. So
 * the pool stops (`stalled`) at an empty page or at a run of stale pages longer than the pages
 * that can be in flight at once; a server repeating the same ids is stopped after that run.
 */
async function fetchInPool(
  pageCount: number,
  concurrency: number,
  fetchOne: CountedFetch,
  controller: AbortController,
): Promise<{ pages: SessionPage[]; stalled: boolean }> {
  const results: SessionPage[] = [];
  const settling: Promise<void>[] = [];
  let next = 1;
  let stalled = false;
  let staleRun = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && !stalled && !controller.signal.aborted && next < pageCount) {
      const pageIndex = next++;
      let answered!: () => void;
      const answer = new Promise<void>((resolve) => (answered = resolve));
      const settled = fetchOne(pageIndex, answered).then(
        ({ page, addsNew }) => {
          results[pageIndex - 1] = page;
          staleRun = addsNew ? 0 : staleRun + 1;
          if (page.sessions.length === 0 || staleRun > concurrency) stalled = true;
        },
        (error: unknown) => {
          // The first failure is the one to report; the aborts it causes come after it.
          failure ??= { error };
          controller.abort();
        },
      );
      settling.push(settled);
      await Promise.race([answer, settled]);
      // While pages keep coming back stale, wait for this page's verdict before asking for more,
      // so a server that repeats itself is stopped after as many requests as without the head start.
      if (staleRun > 0) await settled;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(0, pageCount - 1)) }, worker));
  // Pages answered but still being parsed when the workers stopped.
  await Promise.all(settling);
  if (failure) throw failure.error;
  // A stalled pool may leave holes where pages were never asked for.
  return { pages: results.filter((page) => page !== undefined), stalled };
}

/**
 * Sessions that start while we list push older ones to higher offsets (newest-first order), past
 * the page count the first page promised. Following `hasMore` from the last page picks them up,
 * while pages bring new sessions and within the pages the latest total implies plus the margin.
 */
async function fetchTrailingPages(
  last: SessionPage,
  fetchOne: CountedFetch,
  full: () => boolean,
): Promise<SessionPage[]> {
  const trailing: SessionPage[] = [];
  let current = last;
  while (!full() && current.hasMore && current.sessions.length > 0 && current.pageIndex + 1 < pageLimit(current)) {
    const { page, addsNew } = await fetchOne(current.pageIndex + 1);
    trailing.push(page);
    if (!addsNew) break;
    current = page;
  }
  return trailing;
}

function pageLimit(page: SessionPage): number {
  if (totalProblem(page.total) !== undefined || page.pageSize < 1) return 0;
  return Math.ceil(page.total / page.pageSize) + MARGIN_PAGES;
}

function uniqueInOrder(pages: readonly SessionPage[]): Session[] {
  const seen = new Set<string>();
  const sessions: Session[] = [];
  for (const page of pages) {
    for (const session of page.sessions) {
      if (seen.has(session.id)) continue;
      seen.add(session.id);
      sessions.push(session);
    }
  }
  return sessions;
}
