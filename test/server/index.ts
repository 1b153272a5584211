// A local, strict, deterministic stand-in for both provider APIs (see the specs in
// /work/shared/specs). One origin serves Bright Data's GET /browser_sessions and Anchor's
// GET /v1/sessions; tests switch faults on and off and read the log of requests received.
import type { ProviderId } from '../../src/providers/types';
import type { Fault } from './faults';
import type { AnchorHiddenAttributes, AnchorRecord, BrightDataRecord } from './records';
import type { AnchorSessionInput } from './store';
import { ContractHttpServer } from './server';

export type { ProviderId } from '../../src/providers/types';
export type { Fault, FaultStatus } from './faults';
export type { AnchorHiddenAttributes, AnchorRecord, BrightDataError, BrightDataRecord } from './records';
export type { AnchorSessionInput } from './store';
export { ANCHOR_STATUSES, BRIGHT_DATA_STATUSES, anchorHiddenAttributes, generateSessions } from './generate';
export { DEFAULT_COUNTS, DEFAULT_KEYS } from './defaults';
export { HOSTILE } from './hostile';

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
  /** Sessions generated per provider, hostile fixtures included; default { brightData: 257, anchor: 145 }. */
  counts?: Partial<Record<ProviderId, number>>;
  /** The valid API key per provider; default 'test-key-brightdata' / 'test-key-anchor'. */
  keys?: Partial<Record<ProviderId, string>>;
  /** Any non-empty key is accepted. */
  demo?: boolean;
  /** Epoch ms the generated timestamps are relative to; default Date.now(). */
  now?: number;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Delay before every provider answer, on top of any fault's; survives clearFaults(). */
  latencyMs?: number;
}

export interface ContractServer {
  /** e.g. http://127.0.0.1:43123; one server serves both APIs on different paths. */
  readonly url: string;
  readonly brightDataUrl: string;
  readonly anchorUrl: string;
  /** undefined clears. */
  setFault(provider: ProviderId, fault: Fault | undefined): void;
  clearFaults(): void;
  /** Inserts a session newer than all others (unless the record says otherwise); returns its id. */
  addSession(provider: ProviderId, record?: Partial<BrightDataRecord> | AnchorSessionInput): string;
  /** Current data (deep copies), for test oracles. */
  sessions(provider: 'brightData'): readonly BrightDataRecord[];
  sessions(provider: 'anchor'): readonly AnchorRecord[];
  sessions(provider: ProviderId): readonly (BrightDataRecord | AnchorRecord)[];
  /** The Anchor attributes that are filterable but never serialised, by session id. */
  anchorHidden(): ReadonlyMap<string, AnchorHiddenAttributes>;
  /** Every provider request received, in order (control requests are not recorded). */
  readonly requests: RecordedRequest[];
  resetRequests(): void;
  /** Closes the listening socket and destroys open and hung connections. */
  close(): Promise<void>;
}

export function startContractServer(options: ContractServerOptions = {}): Promise<ContractServer> {
  return ContractHttpServer.start(options);
}
