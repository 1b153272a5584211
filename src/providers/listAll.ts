// Every page of one query: the first page gives the total, the rest go in parallel under a cap.
import type { ListAllOptions, ListAllResult, Session, SessionPage } from './types';

export type PageFetcher = (pageIndex: number, signal: AbortSignal) => Promise<SessionPage>;

const DEFAULT_CONCURRENCY = 4;

/**
 * Stops at the first failure: pages not yet started are never fired and the ones in flight are
 * aborted. That matters most for a 429 (already retried once inside HttpClient): Bright Data blocks
 * an IP after 25 of them in five minutes, so the listing must not keep knocking. Pages already in
 * flight when the first 429 arrives may still each spend their one retry before the abort reaches
 * them, so one listing costs at most 2 × concurrency 429s.
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
  const fetchCounted = (pageIndex: number): Promise<SessionPage> => {
    requests++;
    return fetchPage(pageIndex, controller.signal);
  };
  try {
    const first = await fetchCounted(0);
    const pages = [first];
    if (first.hasMore) {
      const pageCount = Math.ceil(first.total / first.pageSize);
      const indices = Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => i + 1);
      pages.push(...(await fetchInPool(indices, concurrency, fetchCounted, controller)));
      pages.push(...(await fetchTrailingPages(pages[pages.length - 1] as SessionPage, fetchCounted)));
    }
    const last = pages[pages.length - 1] as SessionPage;
    return { sessions: uniqueInOrder(pages), total: last.total, requests };
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
}

async function fetchInPool(
  indices: readonly number[],
  concurrency: number,
  fetchOne: (pageIndex: number) => Promise<SessionPage>,
  controller: AbortController,
): Promise<SessionPage[]> {
  const results: SessionPage[] = [];
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && !controller.signal.aborted && next < indices.length) {
      const slot = next++;
      try {
        results[slot] = await fetchOne(indices[slot] as number);
      } catch (error) {
        // The first failure is the one to report; the aborts it causes come after it.
        failure ??= { error };
        controller.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, indices.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

/**
 * Sessions that start while we list push older ones to higher offsets (newest-first order), past
 * the page count the first page promised. Following `hasMore` from the last page picks them up.
 */
async function fetchTrailingPages(
  last: SessionPage,
  fetchOne: (pageIndex: number) => Promise<SessionPage>,
): Promise<SessionPage[]> {
  const trailing: SessionPage[] = [];
  let current = last;
  while (current.hasMore && current.sessions.length > 0) {
    current = await fetchOne(current.pageIndex + 1);
    trailing.push(current);
  }
  return trailing;
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
