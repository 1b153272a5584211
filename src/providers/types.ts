// The provider layer's vocabulary. Nothing here (or anywhere under providers/) imports `vscode`:
// the layer is tested in plain Node against the contract server.
import { PROVIDERS, type ProviderId } from './registry';

export type { ProviderId } from './registry';
export { ProviderError, type ProviderErrorKind } from './providerError';

import type { StatusKind } from '../shared/statusKind';

export type { StatusKind } from '../shared/statusKind';

/** One session, normalised. A field the API left out, set to null or sent with the wrong type is `undefined`. */
export interface Session {
  readonly id: string;
  readonly provider: ProviderId;
  /** As the provider spells it ('' when the record has none). */
  readonly status: string;
  readonly statusKind: StatusKind;
  /** Bright Data `target_url`. */
  readonly targetUrl?: string;
  /** Bright Data `end_url`. */
  readonly endUrl?: string;
  /** Anchor `domains` (Bright Data has none). */
  readonly domains: readonly string[];
  /** ISO 8601: Bright Data `timestamp`, Anchor `created_at`. */
  readonly startedAt?: string;
  readonly durationSeconds?: number;
  /** Bright Data `bandwidth`, Anchor `proxy_bytes`. */
  readonly bytes?: number;
  /** Bright Data `captcha` ("solved", "none", …). */
  readonly captcha?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** Anchor `tags`. */
  readonly tags: readonly string[];
  /** Anchor `used_credits`. */
  readonly credits?: number;
  /** Bright Data `navigations`, Anchor `steps`. */
  readonly steps?: number;
  /** Bright Data `api_name` (the zone). */
  readonly zone?: string;
  /** Anchor `proxy_type`; Steel `proxySource` (Steel-provided or external). */
  readonly proxyType?: string;
  /** ISO 8601: Browserbase `endedAt`, Hyperbrowser `endTime` (epoch ms, converted). Absent while running. */
  readonly endedAt?: string;
  /** Browserbase `region`, Steel `region`; shown as sent (the specs' enums disagree). */
  readonly region?: string;
  /** Browserbase `projectId`, Steel `projectId`, Hyperbrowser `teamId`. */
  readonly projectId?: string;
  /** Browserbase `avgCpuUsage`: unit never stated, shown as a bare number and never computed with. */
  readonly cpuUsage?: number;
  /** Browserbase `memoryUsage`: unit never stated, as for `cpuUsage`. */
  readonly memoryUsage?: number;
  /** Browserbase `keepAlive`: the session survives disconnects and must be released. */
  readonly keepAlive?: boolean;
  /**
   * Whether the provider offers a live view of this session now: its capabilities name a live-view
   * endpoint and the session is running (Browserbase: "on any running browser session"). Undefined
   * when the provider has none.
   */
  readonly liveViewAvailable?: boolean;
  /**
   * Whether a recording may exist: Hyperbrowser `launchState.enableWebRecording`; Browserbase and
   * Steel record every session, so true once it has ended. Undefined when nothing says.
   */
  readonly recordingAvailable?: boolean;
  /** The record exactly as the API sent it. */
  readonly raw: unknown;
}

export type SortOrder = 'asc' | 'desc';

/**
 * A listing request in provider-neutral terms. Each client maps it onto its own query parameters
 * and only the fields its capabilities list are sent; the UI reads the capabilities so it never
 * offers a filter a provider would ignore.
 */
export interface SessionQuery {
  /** The provider's own status spelling. Unset: every status. */
  readonly status?: string;
  /** Bright Data `target_url` (substring such as "example.com"); Anchor `domains` (comma-separated, all must match). */
  readonly target?: string;
  /** ISO 8601 lower bound: Bright Data `start_date`, Anchor `created_from`. */
  readonly from?: string;
  /** ISO 8601 upper bound: Bright Data `end_date`, Anchor `created_to`. */
  readonly to?: string;
  /** Bright Data `api_name`. */
  readonly zone?: string;
  /** Anchor `tags`: the session must carry all of them. */
  readonly tags?: readonly string[];
  /** Steel `projectId` (newest SDK only). */
  readonly projectId?: string;
  /** Browserbase `q`: a user-metadata query such as `user_metadata['env']:'staging'`. */
  readonly metadataQuery?: string;
  /** One of the provider's `sortFields`. */
  readonly sortBy?: string;
  readonly order?: SortOrder;
  /** Wanted sessions per page; each client maps it to a size its API accepts. */
  readonly pageSize?: number;
}

export type FilterKey =
  | 'status'
  | 'target'
  | 'dateRange'
  | 'zone'
  | 'tags'
  | 'project'
  | 'metadataQuery';

/**
 * How an API pages its list. `offset`: offset = index × size (Bright Data). `pageNumber`: page =
 * index + 1 (Anchor, Hyperbrowser). `cursor`: each page names the next (Steel), so page i is reached
 * only through pages 0…i−1. `none`: one unpaged array (Browserbase), paged locally by the client.
 */
export type PagingStyle = 'offset' | 'pageNumber' | 'cursor' | 'none';

/** Single-session endpoints the provider documents (for the inspector: which commands to offer). */
export interface ProviderEndpoints {
  readonly getOne: boolean;
  readonly liveView: boolean;
  readonly pages: boolean;
  readonly recording: boolean;
  readonly logs: boolean;
  readonly stop: boolean;
}

export interface ProviderCapabilities {
  readonly filters: ReadonlySet<FilterKey>;
  /** Statuses the UI groups by, in display order (the spec's list, or our reading where it has none). */
  readonly statuses: readonly string[];
  /** The provider's spelling of each status kind a filter can ask for, e.g. Anchor finished = "completed". */
  readonly statusFor: Readonly<Record<Exclude<StatusKind, 'other'>, string>>;
  /** Empty when the API documents no sort; the list then comes in the API's own order. */
  readonly sortFields: readonly string[];
  /** With no `sortFields`, `field` is '' and nothing is sent. */
  readonly defaultSort: { readonly field: string; readonly order: SortOrder };
  /** Every registered definition sets it (test/unit/registry.test.ts); absent (hand-made test capabilities) reads as 'offset'. */
  readonly paging?: PagingStyle;
  /** Every registered definition sets it; absent reads as none. */
  readonly endpoints?: ProviderEndpoints;
  /**
   * The list's `total` is the exact count of every session matching the query, whatever the page
   * size (issue 10: the overview counts days and statuses with one smallest page each). With the
   * `dateRange` filter this makes counting by day possible. Absent reads as false.
   */
  readonly totals?: boolean;
  /**
   * The date filter's upper bound is inclusive at this resolution, in ms: a day [start, next) is sent
   * as start … next − step. Absent reads as 1000 (whole seconds, the form of the Bright Data
   * reference's own example, `end_date=…T23:59:59Z`).
   */
  readonly dateToStepMs?: number;
  /**
   * Every spelling of the failed kind the status filter takes, each counted on its own. Absent reads
   * as `[statusFor.failed]`.
   */
  readonly failedStatuses?: readonly string[];
}

export interface SessionPage {
  readonly sessions: readonly Session[];
  /**
   * Sessions matching the query, as the API reports it. When the API reports none, the sessions up
   * to the end of this page: a lower bound, and `totalExact` is false.
   */
  readonly total: number;
  /** False when `total` is only a lower bound (the UI then says "50+"). Absent means exact. */
  readonly totalExact?: boolean;
  readonly pageIndex: number;
  /** The page size actually sent (for an unpaged API: the size of the local slice). */
  readonly pageSize: number;
  readonly hasMore: boolean;
  /** Cursor APIs: what to send for the next page (undefined at the end). */
  readonly nextCursor?: string;
}

export interface ListAllOptions {
  /** Pages in flight at once after the first (default 4). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /**
   * Stop once this many sessions are listed (the overview's `maxSessionsScanned`): no page beyond
   * those that hold them is asked for, and `sessions` holds at most this many, the first in the
   * API's order. `total` stays the API's count, so `sessions.length < total` says the cap cut.
   */
  readonly maxSessions?: number;
  /** After each page: the distinct sessions listed so far and the latest total (a lower bound when inexact). */
  readonly onProgress?: (listed: number, total: number) => void;
}

export interface ListAllResult {
  /** Deduplicated by id, in the order the API returned them. */
  readonly sessions: readonly Session[];
  readonly total: number;
  /** False when `total` is only what was listed (the API reported no count). Absent means exact. */
  readonly totalExact?: boolean;
  readonly requests: number;
}

export interface ProviderClient {
  readonly id: ProviderId;
  readonly label: string;
  readonly capabilities: ProviderCapabilities;
  /**
   * `pageIndex` is 0-based whatever the paging style: offset = index × size, page = index + 1, the
   * index-th cursor (reached through the pages before it), or the index-th local slice.
   */
  fetchPage(query: SessionQuery, pageIndex: number, signal?: AbortSignal): Promise<SessionPage>;
  listAll(query: SessionQuery, options?: ListAllOptions): Promise<ListAllResult>;
  // Issue 9 §1, §4 (src/providers/singleSession.ts): present only when the provider's spec has the endpoint.
  /** One request for one session; a ProviderError of kind 'notFound' when the API has no such id. */
  getSession?(id: string, signal?: AbortSignal): Promise<Session>;
  /** Ends a running session; sent once, never retried. */
  stopSession?(id: string, signal?: AbortSignal): Promise<void>;
}

/** One line per HTTP request for the output channel. Paths carry no secrets: keys travel in headers. */
export interface RequestLogEntry {
  readonly provider: ProviderId;
  readonly method: string;
  /** Path with query string. */
  readonly path: string;
  readonly status?: number;
  readonly ms: number;
  readonly attempt: number;
  readonly error?: string;
}

/** Derived from the registry, like every other per-provider table. */
export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = Object.fromEntries(
  PROVIDERS.map((definition) => [definition.id, definition.label]),
) as Record<ProviderId, string>;
