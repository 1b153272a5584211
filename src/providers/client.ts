// What every client shares: URL building, the HTTP call, and the paging style. Each provider module
// only describes its API (parameters, headers, body shape) as a ProviderDefinition.
import { followCursor, MAX_CURSOR_PAGES } from './cursorPaging';
import type { ProviderDefinition } from './definition';
import type { HttpClient, JsonRequest } from './http';
import { listAllPages, totalProblem } from './listAll';
import type { PageRequest } from './paging';
import { shapeError } from './parse';
import type { ProviderId } from './registry';
import type { ListAllOptions, ListAllResult, ProviderClient, Session, SessionPage, SessionQuery } from './types';
import { endpointUrl } from './url';

export interface ClientOptions {
  /** May carry a path prefix and a trailing slash. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly http: HttpClient;
}

/**
 * Queries whose paging state (cursors, or an unpaged list) a client remembers. The store asks one
 * query per status group plus the unfiltered one, so a handful suffices; older ones are forgotten
 * and, if asked again, fetched again.
 */
const REMEMBERED_QUERIES = 16;

/**
 * `maxBodyBytes` is the per-request body cap HttpClient is getting (issue 8); until it has it, the
 * field is ignored and the default cap applies.
 */
type ListRequest = JsonRequest & { readonly maxBodyBytes?: number };

export function createClient(definition: ProviderDefinition<ProviderId>, options: ClientOptions): ProviderClient {
  const style = definition.capabilities.paging ?? 'offset';

  const request = async (
    query: SessionQuery,
    pageIndex: number,
    pageSize: number,
    cursor: string | undefined,
    signal: AbortSignal | undefined,
    onBodyRead?: () => void,
  ): Promise<SessionPage> => {
    const url = endpointUrl(definition.id, options.baseUrl, definition.path);
    url.search = definition.params(query, pageIndex, pageSize, cursor).toString();
    const jsonRequest: ListRequest = {
      provider: definition.id,
      url,
      headers: definition.authHeaders(options.apiKey),
      signal,
      secret: options.apiKey,
      ...(definition.listMaxBodyBytes === undefined ? {} : { maxBodyBytes: definition.listMaxBodyBytes }),
      onBodyRead,
    };
    const body = await options.http.getJson(jsonRequest);
    const pageRequest: PageRequest = { pageIndex, pageSize, endpoint: `GET ${url.pathname}` };
    const page = definition.parsePage(body, pageRequest);
    // A negative, fractional or absurd total is a bad answer for every caller, not only listAll.
    const problem = totalProblem(page.total);
    if (problem) throw shapeError(definition, pageRequest.endpoint, problem);
    return page;
  };

  const cursors = new BoundedMap<string, (string | undefined)[]>(REMEMBERED_QUERIES);
  const unpaged = new BoundedMap<string, readonly Session[]>(REMEMBERED_QUERIES);

  /** Page i of a cursor API: the pages before it are walked once, then their cursors are remembered. */
  const fetchCursorPage = async (query: SessionQuery, pageIndex: number, signal?: AbortSignal): Promise<SessionPage> => {
    const key = queryKey(query);
    const pageSize = definition.pageSize(query.pageSize);
    // A first page starts a new listing: sessions may have come and gone since the cursors were handed out.
    const known = pageIndex === 0 ? [undefined] : (cursors.get(key) ?? [undefined]);
    cursors.set(key, known);
    for (let index = known.length - 1; ; index++) {
      const page = await request(query, index, pageSize, known[index], signal);
      if (page.hasMore && page.nextCursor !== undefined) known[index + 1] = page.nextCursor;
      if (index === pageIndex) return page;
      if (!(page.hasMore && page.nextCursor !== undefined)) {
        // The list ended before the asked page.
        return { sessions: [], total: page.total, totalExact: page.totalExact, pageIndex, pageSize, hasMore: false };
      }
    }
  };

  const listsInFlight = new Map<string, Promise<readonly Session[]>>();

  /**
   * An unpaged list arrives whole, so one refresh (the unfiltered overview plus one query per status
   * group, all at once) would download it once per status. Instead the status is applied here, on
   * the unfiltered list (status is an exact enum match, so the result is the same), and queries
   * asked while that list is on its way share the one request.
   */
  const fetchWholeList = async (query: SessionQuery, signal?: AbortSignal): Promise<readonly Session[]> => {
    const unfiltered: SessionQuery = { ...query, status: undefined, pageSize: undefined };
    const key = queryKey(unfiltered);
    let pending = listsInFlight.get(key);
    if (!pending) {
      // A cancelled request must not be joined: a refresh that replaces a cancelled one would
      // otherwise share its cancellation.
      const forget = (): void => {
        if (listsInFlight.get(key) === pending) listsInFlight.delete(key);
      };
      signal?.addEventListener('abort', forget, { once: true });
      pending = request(unfiltered, 0, definition.pageSize(undefined), undefined, signal)
        .then((page) => {
          unpaged.set(key, page.sessions);
          return page.sessions;
        })
        .finally(() => {
          signal?.removeEventListener('abort', forget);
          forget();
        });
      listsInFlight.set(key, pending);
    }
    return withStatus(await pending, query.status);
  };

  const rememberedList = (query: SessionQuery): readonly Session[] | undefined => {
    const all = unpaged.get(queryKey({ ...query, status: undefined, pageSize: undefined }));
    return all && withStatus(all, query.status);
  };

  /** An unpaged API: page 0 fetches the list, later pages slice what it returned. */
  const fetchLocalPage = async (query: SessionQuery, pageIndex: number, signal?: AbortSignal): Promise<SessionPage> => {
    const pageSize = definition.pageSize(query.pageSize);
    const cached = pageIndex === 0 ? undefined : rememberedList(query);
    const all = cached ?? (await fetchWholeList(query, signal));
    const end = (pageIndex + 1) * pageSize;
    return {
      sessions: all.slice(pageIndex * pageSize, end),
      total: all.length,
      pageIndex,
      pageSize,
      hasMore: end < all.length,
    };
  };

  const fetchPage = (query: SessionQuery, pageIndex: number, signal?: AbortSignal): Promise<SessionPage> => {
    if (style === 'cursor') return fetchCursorPage(query, pageIndex, signal);
    if (style === 'none') return fetchLocalPage(query, pageIndex, signal);
    const pageSize = definition.pageSize(query.pageSize);
    return request(query, pageIndex, pageSize, undefined, signal);
  };

  const listAll = async (query: SessionQuery, listOptions: ListAllOptions = {}): Promise<ListAllResult> => {
    if (style === 'cursor') {
      const pageSize = definition.pageSize(query.pageSize);
      const cap = listOptions.maxSessions;
      const result = await followCursor((pageIndex, cursor, signal) => request(query, pageIndex, pageSize, cursor, signal), {
        signal: listOptions.signal,
        // The walk's own bound stays the most it ever goes; a cap only shortens it.
        ...(cap === undefined ? {} : { maxPages: Math.min(MAX_CURSOR_PAGES, Math.ceil(Math.max(1, cap) / pageSize)) }),
      });
      listOptions.onProgress?.(result.sessions.length, result.total);
      return cap !== undefined && result.sessions.length > cap ? { ...result, sessions: result.sessions.slice(0, cap) } : result;
    }
    if (style === 'none') {
      const all = uniqueById(await fetchWholeList(query, listOptions.signal));
      const cap = listOptions.maxSessions;
      listOptions.onProgress?.(cap === undefined ? all.length : Math.min(all.length, cap), all.length);
      return { sessions: cap === undefined ? all : all.slice(0, Math.max(1, Math.floor(cap))), total: all.length, requests: 1 };
    }
    const pageSize = definition.pageSize(query.pageSize);
    return listAllPages((pageIndex, signal, answered) => request(query, pageIndex, pageSize, undefined, signal, answered), listOptions);
  };

  return { id: definition.id, label: definition.label, capabilities: definition.capabilities, fetchPage, listAll };
}

/** The same query, whatever order its fields were written in; undefined fields do not count. */
function queryKey(query: SessionQuery): string {
  const entries = Object.entries(query).filter(([, value]) => value !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

function withStatus(sessions: readonly Session[], status: string | undefined): readonly Session[] {
  return status === undefined ? sessions : sessions.filter((session) => session.status === status);
}

function uniqueById(sessions: readonly Session[]): Session[] {
  const seen = new Set<string>();
  return sessions.filter((session) => !seen.has(session.id) && seen.add(session.id) !== undefined);
}

/** A Map that forgets its oldest entry beyond `limit`; setting a key again makes it the newest. */
class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();
  constructor(readonly limit: number) {}

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value as K);
  }
}
