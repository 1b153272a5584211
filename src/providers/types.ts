// The provider layer's vocabulary. Nothing here (or anywhere under providers/) imports `vscode`:
// the layer is tested in plain Node against the contract server.

export type ProviderId = 'brightData' | 'anchor';

/** What the UI groups and colours by; the provider's own spelling stays in `Session.status`. */
export type StatusKind = 'running' | 'finished' | 'failed' | 'other';

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
  /** Anchor `proxy_type`. */
  readonly proxyType?: string;
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
  /** Bright Data `end_url`. */
  readonly endUrl?: string;
  /** ISO 8601 lower bound: Bright Data `start_date`, Anchor `created_from`. */
  readonly from?: string;
  /** ISO 8601 upper bound: Bright Data `end_date`, Anchor `created_to`. */
  readonly to?: string;
  /** Bright Data `api_name`. */
  readonly zone?: string;
  /** Anchor `tags`: the session must carry all of them. */
  readonly tags?: readonly string[];
  /** Anchor-only filters, named as in the spec. */
  readonly batchId?: string;
  readonly taskInitiated?: boolean;
  readonly playground?: boolean;
  readonly proxy?: boolean;
  readonly extraStealth?: boolean;
  readonly profileName?: string;
  /** One of the provider's `sortFields`. */
  readonly sortBy?: string;
  readonly order?: SortOrder;
  /** Wanted sessions per page; each client maps it to a size its API accepts. */
  readonly pageSize?: number;
}

export type FilterKey =
  | 'status'
  | 'target'
  | 'endUrl'
  | 'dateRange'
  | 'zone'
  | 'tags'
  | 'batchId'
  | 'taskInitiated'
  | 'playground'
  | 'proxy'
  | 'extraStealth'
  | 'profileName';

export interface ProviderCapabilities {
  readonly filters: ReadonlySet<FilterKey>;
  /** Statuses the UI groups by, in display order (the spec's list, or our reading where it has none). */
  readonly statuses: readonly string[];
  /** The provider's spelling of each status kind a filter can ask for, e.g. Anchor finished = "completed". */
  readonly statusFor: Readonly<Record<Exclude<StatusKind, 'other'>, string>>;
  readonly sortFields: readonly string[];
  readonly defaultSort: { readonly field: string; readonly order: SortOrder };
  /** Page sizes the API accepts, ascending. */
  readonly pageSizes: { readonly max: number } | { readonly allowed: readonly number[] };
}

export interface SessionPage {
  readonly sessions: readonly Session[];
  /** Sessions matching the query, as the API reports it. */
  readonly total: number;
  readonly pageIndex: number;
  /** The page size actually sent. */
  readonly pageSize: number;
  readonly hasMore: boolean;
}

export interface ListAllOptions {
  /** Pages in flight at once after the first (default 4). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

export interface ListAllResult {
  /** Deduplicated by id, in the order the API returned them. */
  readonly sessions: readonly Session[];
  readonly total: number;
  readonly requests: number;
}

export interface ProviderClient {
  readonly id: ProviderId;
  readonly label: string;
  readonly capabilities: ProviderCapabilities;
  /** `pageIndex` is 0-based: Bright Data offset = index × size, Anchor page = index + 1. */
  fetchPage(query: SessionQuery, pageIndex: number, signal?: AbortSignal): Promise<SessionPage>;
  listAll(query: SessionQuery, options?: ListAllOptions): Promise<ListAllResult>;
}

export type ProviderErrorKind =
  | 'auth' // 401/403: key missing, wrong or refused
  | 'notFound' // 404
  | 'badRequest' // other 4xx
  | 'rateLimited' // 429
  | 'server' // 5xx
  | 'network' // connection refused/reset, DNS, TLS, proxy
  | 'timeout'
  | 'badResponse' // body not JSON or not of the documented shape
  | 'cancelled';

/**
 * One error type with a discriminant instead of a class per case. `message` is written for people
 * and never contains the API key (nor any header).
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly details: {
      readonly provider: ProviderId;
      /** Method and path without the query, e.g. "GET /browser_sessions". */
      readonly endpoint: string;
      readonly status?: number;
      readonly retryAfterSeconds?: number;
      /** Epoch ms before which this connection's gate sends nothing (kind 'rateLimited'). */
      readonly retryAt?: number;
    },
  ) {
    super(message);
  }
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

export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = {
  brightData: 'Bright Data',
  anchor: 'Anchor',
};
