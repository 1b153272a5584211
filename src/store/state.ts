// The store's state as plain immutable data: the tree, the badge and the details panel read it,
// and unit tests build it by hand. No `vscode` import.
import type { ProviderErrorKind, ProviderId, Session, StatusKind } from '../providers/types';

/** A provider id (its default connection) or the id of an entry of `browserSessions.connections`. */
export type ConnectionId = string;

/** What the store needs to know of a connection; the rest (key, base URL) stays behind `client()`. */
export interface StoreConnection {
  readonly id: ConnectionId;
  readonly provider: ProviderId;
  /** As the tree's root shows it ("Bright Data · Second account"). */
  readonly label: string;
}

/** Key of the group that gathers statuses the provider's capabilities do not list. */
export const OTHER_STATUSES = '*other';

export interface GroupState {
  /** The provider's status spelling, or OTHER_STATUSES. */
  readonly key: string;
  readonly kind: StatusKind;
  /** From the API's `total` (for OTHER_STATUSES: the provider total minus the listed groups). */
  readonly total: number;
  /** False when the API reported no count and `total` is what is loaded (shown as "50+"). Absent means exact. */
  readonly totalExact?: boolean;
  /** Loaded so far, in API order, unique by id. */
  readonly sessions: readonly Session[];
  /** Next 0-based page to ask for; for OTHER_STATUSES a page of the unfiltered listing. */
  readonly nextPage: number;
  /** No page is left to ask for (OTHER_STATUSES can reach the end before `total` sessions). */
  readonly exhausted: boolean;
  readonly loadingMore: boolean;
  /** The last Load more failure; the loaded sessions stay. */
  readonly error?: StoreError;
}

export interface StoreError {
  /** A provider's error, or `internal`: a bug of ours, reported with its stack, never blamed on the API. */
  readonly kind: ProviderErrorKind | 'internal';
  readonly message: string;
  /** Kind 'rateLimited': epoch ms when the connection's gate opens again, when the transport said. */
  readonly retryAt?: number;
}

/**
 * Why no request may go out for a provider, decided outside the store (origin policy, the user's
 * answer to the consent prompt). `setting` names the setting that fixes it, when one does.
 */
export interface AccessBlock {
  readonly reason: 'insecureHttp' | 'invalidUrl' | 'consentRefused';
  /** The origin the key would have gone to (absent when the URL does not parse). */
  readonly origin?: string;
  readonly message: string;
  readonly setting?: string;
}

/** One connection's state (named for its first users: one connection per provider). */
export interface ProviderState {
  readonly connection: ConnectionId;
  readonly provider: ProviderId;
  readonly label: string;
  readonly hasKey: boolean;
  readonly loading: boolean;
  /** Sessions matching the filters; undefined until the first successful load. */
  readonly total?: number;
  /** As GroupState.totalExact. */
  readonly totalExact?: boolean;
  readonly groups: readonly GroupState[];
  /** The last refresh failure. Groups keep the last good data. */
  readonly error?: StoreError;
  /** Set while the key may not be sent to the configured origin; no request goes out and no data is shown. */
  readonly blocked?: AccessBlock;
  /** Epoch ms until which the connection's rate-limit gate is closed; the store reloads by itself then. */
  readonly rateLimitedUntil?: number;
  /** Filters this connection's provider cannot apply, for the view description. */
  readonly unsupported: readonly string[];
}

export function emptyProviderState(connection: StoreConnection, hasKey: boolean): ProviderState {
  return { connection: connection.id, provider: connection.provider, label: connection.label, hasKey, loading: false, groups: [], unsupported: [] };
}

export function findGroup(state: ProviderState, key: string): GroupState | undefined {
  return state.groups.find((group) => group.key === key);
}

export function findLoadedSession(state: ProviderState, id: string): Session | undefined {
  for (const group of state.groups) {
    const session = group.sessions.find((candidate) => candidate.id === id);
    if (session) return session;
  }
  return undefined;
}

/** Appends `incoming` to `existing`, skipping ids already present (offsets shift when sessions arrive between pages). */
export function appendUnique(existing: readonly Session[], incoming: readonly Session[]): Session[] {
  const seen = new Set(existing.map((session) => session.id));
  const merged = [...existing];
  for (const session of incoming) {
    if (seen.has(session.id)) continue;
    seen.add(session.id);
    merged.push(session);
  }
  return merged;
}
