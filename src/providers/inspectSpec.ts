// issue 9 §2–3: what a provider definition says about a session's live view, open pages,
// recordings and logs. Each provider file fills in only what its spec documents; inspect.ts does
// the HTTP, the bounds and the downloads. A definition's block must agree with its
// `capabilities.endpoints` flags (test/unit/inspect-spec.test.ts).

/**
 * A GET of `path` (relative to the connection's base URL, no leading slash, segments already
 * encoded) through the connection's HttpClient: gate, limit, body cap, redaction, typed errors.
 */
export type GetJson = (path: string, params?: URLSearchParams) => Promise<unknown>;

/** One tab of a running session. Its URL is the site's, not a live view: it may be shown. */
export interface OpenPage {
  readonly id: string;
  readonly title: string;
  readonly url: string;
}

export interface Recording {
  /** The provider's id for it (Anchor recording id, Browserbase pageId, Hyperbrowser kind). */
  readonly id: string;
  /** As people read it in a picker. */
  readonly label: string;
  readonly durationSeconds?: number;
  /** A duration the spec gives no format for (Anchor's string): shown as sent. */
  readonly durationText?: string;
  readonly sizeBytes?: number;
  /** ISO 8601. */
  readonly createdAt?: string;
  /** False while the provider is still preparing it (or it failed): it cannot be downloaded now. */
  readonly ready: boolean;
  /** The provider's own word for its state when not ready ("PENDING", "not_enabled"…). */
  readonly state?: string;
  /** A file name for the save dialog. */
  readonly fileName: string;
}

/** One page of log entries, each already one line of text. */
export interface LogPage {
  readonly lines: readonly string[];
  readonly hasMore: boolean;
}

export interface InspectSpec {
  /** The live or debugger URL of a running session, asked for afresh; undefined when it has none. */
  liveView?(get: GetJson, sessionId: string): Promise<string | undefined>;
  pages?(get: GetJson, sessionId: string): Promise<readonly OpenPage[]>;
  recordings?: {
    list(get: GetJson, sessionId: string): Promise<readonly Recording[]>;
    /**
     * Where to download it from, asked for each download because signed links expire: a path
     * relative to the base URL (the key goes with it) or an absolute URL (the key goes only if it
     * is the API's own origin). Undefined when it is no longer available.
     */
    source(get: GetJson, sessionId: string, recording: Recording): Promise<string | undefined>;
  };
  readonly logs?: (get: GetJson, sessionId: string, pageIndex: number) => Promise<LogPage>;
}

/** A session id as one path segment. */
export function segment(id: string): string {
  return encodeURIComponent(id);
}

/** How errors name the request: "GET /v1/sessions/…/debug" (the base URL's own path left out). */
export function endpointOf(path: string): string {
  return `GET /${path}`;
}

/** Tabs as the specs list them ({ id, title, url, … }); items that are not objects are skipped. */
export function readOpenPages(list: readonly unknown[]): OpenPage[] {
  const pages: OpenPage[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    const record = item as Record<string, unknown>;
    const text = (key: string): string => (typeof record[key] === 'string' ? record[key] : '');
    pages.push({ id: text('id'), title: text('title'), url: text('url') });
  }
  return pages;
}

/** Epoch milliseconds as ISO 8601, or '' for a value that is not one. */
export function isoFromMs(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
