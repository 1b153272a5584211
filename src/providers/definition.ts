// What one provider file describes. The client (client.ts) does the rest: URL, HTTP, paging style.
import type { InspectSpec } from './inspectSpec';
import type { PageRequest } from './paging';
import type { ProviderCapabilities, Session, SessionPage, SessionQuery } from './types';

/** Whether a raw field already shows through the normalised session (its value passed validation). */
export type ShownBy = (session: Session, rawValue: unknown) => boolean;

export interface ProviderDefinition<Id extends string = string> {
  readonly id: Id;
  /** As people read it in the tree, pickers and messages. */
  readonly label: string;
  /** Default of the setting `browserSessions.<id>.baseUrl`. */
  readonly defaultBaseUrl: string;
  readonly capabilities: ProviderCapabilities;
  /** Relative to the base URL, without a leading slash so a base path prefix is kept. */
  readonly path: string;
  /**
   * A body cap for the list request larger than HttpClient's default, in bytes, for an API that
   * cannot page and so sends every session at once. Unset: the default cap.
   */
  readonly listMaxBodyBytes?: number;
  /**
   * How the list's `status` filter takes a status: 'enum' (only the documented spellings, e.g. Bright
   * Data) or 'freeText' (any spelling, e.g. Anchor's "Exact session status filter"). With free text
   * every status seen gets its own counted group. Unset reads as 'enum'.
   */
  readonly statusFilter?: 'freeText' | 'enum';
  /** Group labels for status spellings that do not read well capitalised ("TIMED_OUT"). */
  readonly statusLabels?: Readonly<Record<string, string>>;
  /** Labels of the normalised `steps` and `bytes` fields in this provider's words. */
  readonly fieldLabels: { readonly steps: string; readonly bytes: string };
  /**
   * The raw keys the normaliser reads, per the spec. A key whose value the normaliser rejected
   * (wrong type) is not "shown", so the details panel still lists it as the API sent it.
   */
  readonly shownKeys: Readonly<Record<string, ShownBy>>;
  authHeaders(apiKey: string): Record<string, string>;
  pageSize(wanted: number | undefined): number;
  /** `cursor` only for the `cursor` paging style: undefined for the first page. */
  params(query: SessionQuery, pageIndex: number, pageSize: number, cursor?: string): URLSearchParams;
  /** For the `none` paging style, `request.pageSize` is the whole list's and the client slices. */
  parsePage(body: unknown, request: PageRequest): SessionPage;
  /** issue 9 §2–3: live view, open pages, recordings, logs; only what the spec documents (inspect.ts). */
  readonly inspect?: InspectSpec;

  // Issue 9 §1, §4: one session by id, stop. Present exactly when `capabilities.endpoints` says
  // getOne / stop (test/integration/providers.singleSession.test.ts holds them equal).
  readonly getOne?: GetOneEndpoint;
  readonly stop?: StopEndpoint;
}

/** GET one session. */
export interface GetOneEndpoint {
  /** Relative to the base URL, no leading slash; `id` arrives percent-encoded. */
  path(encodedId: string): string;
  /** The session in the answer; throws a 'badResponse' ProviderError when the shape is wrong. */
  parse(body: unknown, endpoint: string): Session;
  /**
   * Top-level keys of the answer that are connection credentials (a CDP WebSocket URL, a signing
   * key, a live-view token): dropped from `raw` before anything else sees the record.
   */
  readonly secretKeys?: readonly string[];
  /** The answer holds fields the list's records lack (Anchor: configuration, tokens, team_id). */
  readonly richerThanList: boolean;
}

/** End a running session through the provider's API. */
export interface StopEndpoint {
  readonly method: 'POST' | 'PUT' | 'DELETE';
  /** As for GetOneEndpoint.path. */
  path(encodedId: string): string;
  /** The JSON body the spec requires; unset: none. */
  readonly body?: unknown;
  /**
   * Ids that would turn the path into another endpoint (Anchor: DELETE /v1/sessions/all ends every
   * session): refused before anything is sent.
   */
  readonly reservedIds?: readonly string[];
  /** Why a 2xx answer still says the stop failed (Steel `success: false`), else undefined. */
  failure?(body: unknown): string | undefined;
}
