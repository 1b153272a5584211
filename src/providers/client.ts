// What the two clients share: URL building, the HTTP call and the listing. Each provider module
// only describes its API (parameters, headers, body shape) as a ProviderDefinition.
import type { HttpClient } from './http';
import { listAllPages, totalProblem } from './listAll';
import { shapeError } from './parse';
import {
  PROVIDER_LABELS,
  type ListAllOptions,
  type ListAllResult,
  type ProviderCapabilities,
  type ProviderClient,
  type ProviderId,
  type Session,
  type SessionPage,
  type SessionQuery,
} from './types';
import { endpointUrl } from './url';

export interface ClientOptions {
  /** May carry a path prefix and a trailing slash. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly http: HttpClient;
}

export interface PageRequest {
  readonly pageIndex: number;
  /** The size actually sent. */
  readonly pageSize: number;
  /** "GET /browser_sessions", for error messages. */
  readonly endpoint: string;
}

export interface ProviderDefinition {
  readonly id: ProviderId;
  readonly capabilities: ProviderCapabilities;
  /** Relative to the base URL, without a leading slash so a base path prefix is kept. */
  readonly path: string;
  authHeaders(apiKey: string): Record<string, string>;
  pageSize(wanted: number | undefined): number;
  params(query: SessionQuery, pageIndex: number, pageSize: number): URLSearchParams;
  parsePage(body: unknown, request: PageRequest): SessionPage;
}

/** Used when the query names no page size: the extension's own default setting. */
export const DEFAULT_PAGE_SIZE = 50;

export function createClient(definition: ProviderDefinition, options: ClientOptions): ProviderClient {
  const fetchPage = async (query: SessionQuery, pageIndex: number, signal?: AbortSignal): Promise<SessionPage> => {
    const url = endpointUrl(definition.id, options.baseUrl, definition.path);
    const pageSize = definition.pageSize(query.pageSize);
    url.search = definition.params(query, pageIndex, pageSize).toString();
    const body = await options.http.getJson({
      provider: definition.id,
      url,
      headers: definition.authHeaders(options.apiKey),
      signal,
      secret: options.apiKey,
    });
    const endpoint = `GET ${url.pathname}`;
    const page = definition.parsePage(body, { pageIndex, pageSize, endpoint });
    // A negative, fractional or absurd total is a bad answer for every caller, not only listAll.
    const problem = totalProblem(page.total);
    if (problem) throw shapeError(definition.id, endpoint, problem);
    return page;
  };
  return {
    id: definition.id,
    label: PROVIDER_LABELS[definition.id],
    capabilities: definition.capabilities,
    fetchPage,
    listAll: (query: SessionQuery, listOptions?: ListAllOptions): Promise<ListAllResult> =>
      listAllPages((pageIndex, signal) => fetchPage(query, pageIndex, signal), listOptions),
  };
}

/** Page sizes as a count of sessions: whole, at least 1. */
export function wholePageSize(wanted: number | undefined): number {
  if (wanted === undefined || !Number.isFinite(wanted)) return DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.ceil(wanted));
}

/**
 * A page from the rows of either API. `declaredHasMore` is what the body says about further pages;
 * when it is silent, `total` decides, and without `total` a full page is taken to mean more follow
 * (`total` then falls back to a lower bound).
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
  return { sessions, total: reportedTotal ?? reachedEnd, pageIndex: request.pageIndex, pageSize: request.pageSize, hasMore };
}
