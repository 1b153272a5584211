// A local, strict, deterministic stand-in for the five provider APIs (see the specs in
// /work/shared/specs). One origin serves them all: Bright Data's GET /browser_sessions and Anchor's
// GET /v1/sessions at its root, Browserbase, Steel and Hyperbrowser under /browserbase, /steel and
// /hyperbrowser (three of them share the path /v1/sessions). Tests switch faults on and off and read
// the log of requests received. Each provider is one module under ./providers.
import type { Fault } from './faults';
import type { ProviderId } from './ids';
import type { HyperbrowserPageSizeField } from './providers/hyperbrowser';
import type { AnchorHiddenAttributes, RecordOf, SessionInputOf } from './records';
import { ContractHttpServer } from './server';
import type { FileHost } from './fileHost';

export { recordingBytes, type FileHost, type FileRequest } from './fileHost';

export { PROVIDER_IDS, isProviderId, type ProviderId } from './ids';
export type { Fault, FaultStatus } from './faults';
export type {
  AnchorHiddenAttributes,
  AnchorRecord,
  AnchorSessionInput,
  RecordOf,
  SessionInputOf,
  BrightDataError,
  BrightDataRecord,
  BrowserbaseRecord,
  HyperbrowserRecord,
  SteelRecord,
} from './records';
export { ANCHOR_STATUSES, BRIGHT_DATA_STATUSES, anchorHiddenAttributes, generateSessions } from './generate';
export { BROWSERBASE_STATUSES } from './providers/browserbase';
export { STEEL_STATUSES } from './providers/steel';
export { HYPERBROWSER_STATUSES, type HyperbrowserPageSizeField } from './providers/hyperbrowser';
export { DEFAULT_COUNTS, DEFAULT_KEYS, DEMO_SECOND_ACCOUNT } from './defaults';
export { HOSTILE } from './hostile';
export { SYNTHETIC_STATUSES } from './synthetic-brightdata';

/** A further account of a provider: its own key and its own data. */
export interface AccountOptions {
  provider: ProviderId;
  /** The API key that opens this account (in demo mode too); must differ from the provider's default key. */
  key: string;
  /** Default: the server's seed + 1 + the account's position, so no two accounts share their data. */
  seed?: number;
  /** Default: the provider's count. */
  count?: number;
}

export interface RecordedRequest {
  provider: ProviderId;
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** Epoch ms of arrival. */
  at: number;
}

export interface ContractServerOptions {
  /** Default 1. */
  seed?: number;
  /** Sessions generated per provider, hostile fixtures included; default DEFAULT_COUNTS. */
  counts?: Partial<Record<ProviderId, number>>;
  /** The valid API key per provider; default DEFAULT_KEYS ('test-key-<provider in lower case>'). */
  keys?: Partial<Record<ProviderId, string>>;
  /**
   * Further accounts, each selected by its own key. Their data leaves out the hostile fixtures, so
   * they share no session id with the default account.
   */
  accounts?: readonly AccountOptions[];
  /** Any non-empty key that is not an account's opens the default dataset. */
  demo?: boolean;
  /** Hyperbrowser's sources disagree on the page-size field of list answers; default 'perPage'. */
  hyperbrowserPageSizeField?: HyperbrowserPageSizeField;
  /** Epoch ms the generated timestamps are relative to; default Date.now(). */
  now?: number;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Delay before every provider answer, on top of any fault's; survives clearFaults(). */
  latencyMs?: number;
  /**
   * The default Bright Data account becomes a synthetic one of this many sessions, computed from
   * their index when asked for and never held in memory (test/server/synthetic-brightdata.ts):
   * status, date range, paging and totals answer in microseconds at any size. It takes no added
   * sessions and has no hostile fixtures; `sessions('brightData')` builds every record (small
   * accounts only). `counts.brightData` is then ignored.
   */
  syntheticBrightData?: number;
  /** Days the synthetic sessions spread over, ending at `now`; default 90. */
  syntheticSpanDays?: number;
}

export interface ContractServer {
  /** e.g. http://127.0.0.1:43123; one server serves every API on different paths. */
  readonly url: string;
  readonly brightDataUrl: string;
  readonly anchorUrl: string;
  /** The base URL a client of this provider is configured with (the origin plus the provider's prefix). */
  urlFor(provider: ProviderId): string;
  /** undefined clears. */
  setFault(provider: ProviderId, fault: Fault | undefined): void;
  clearFaults(): void;
  /**
   * Inserts a session newer than all others (unless the record says otherwise) into the default
   * account, or into the account with that key; returns its id. Throws when the id exists.
   */
  addSession<P extends ProviderId>(provider: P, record?: SessionInputOf[P], account?: string): string;
  /** Current data of the default account or of the account with that key (deep copies), for test oracles. */
  sessions<P extends ProviderId>(provider: P, account?: string): readonly RecordOf[P][];
  /** The Anchor attributes that are filterable but never serialised, by session id. */
  anchorHidden(account?: string): ReadonlyMap<string, AnchorHiddenAttributes>;
  /** Every provider request received, in order (control requests are not recorded). */
  readonly requests: RecordedRequest[];
  resetRequests(): void;
  /**
   * Resolves once every provider request received so far has been answered or given up on (a hung
   * one only when the server closes). Tests that check that nothing more is sent wait for this
   * instead of sleeping: a client that misbehaves after an answer would have sent by then.
   */
  settled(): Promise<void>;
  /**
   * issue 9: the second origin serving recording files behind time-limited links. It answers 401 to
   * (and counts, in `keyReceived`) any request that carries an API key header.
   */
  readonly fileHost: FileHost;
  /** Closes the listening socket and destroys open and hung connections. */
  close(): Promise<void>;
}

export function startContractServer(options: ContractServerOptions = {}): Promise<ContractServer> {
  return ContractHttpServer.start(options);
}
