// Owns what the tree and the panel show: per connection and status group, the sessions loaded so far,
// the API totals, the last error and what is loading. Only the store talks to providers/.
// Keyed by connection: two accounts of one provider never share state, gate or errors.
// No `vscode` import, so it is unit-tested in plain Node against the contract server.
import { EventEmitter } from 'node:events';
import { queryFor, type Filters } from '../filters/model';
import {
  ProviderError,
  type ProviderClient,
  type Session,
  type SessionPage,
  type SessionQuery,
  type StatusKind,
} from '../providers/types';
import { DEFINITIONS, PROVIDER_IDS } from '../providers';
import { webUrl } from '../shared/urls';
import {
  OTHER_STATUSES,
  appendUnique,
  emptyProviderState,
  findGroup,
  findLoadedSession,
  type AccessBlock,
  type GroupState,
  type ConnectionId,
  type ProviderState,
  type StoreConnection,
  type StoreError,
} from './state';
import { errorMessage } from '../providers/errors';

export interface StoreDependencies {
  /** Every connection, in display order; read again on each call, so added and removed ones show. */
  connections(): readonly StoreConnection[];
  /** undefined while the connection has no API key. */
  client(connection: ConnectionId): ProviderClient | undefined;
  filters(): Filters;
  pageSize(): number;
  now?(): Date;
  /**
   * Asked before a connection's first request of each refresh: undefined lets requests go out, a block
   * stops them. May take long (it can ask the user), so a newer refresh may supersede it.
   */
  access?(connection: ConnectionId): Promise<AccessBlock | undefined>;
  /** Runs `callback` after `delayMs` (default: setTimeout); tests pass a scheduler they drive. */
  schedule?: (callback: () => void, delayMs: number) => { dispose(): void };
  /** Told of a failure that is our own bug (anything but a ProviderError), so its stack is logged. */
  reportBug?(error: unknown): void;
}

function scheduleWithTimer(callback: () => void, delayMs: number): { dispose(): void } {
  const timer = setTimeout(callback, delayMs);
  return { dispose: () => clearTimeout(timer) };
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** How many pages of the unfiltered listing one "Load more" of the other-statuses group may scan. */
const OTHER_SCAN_PAGES = 5;

export class SessionStore {
  private readonly states = new Map<ConnectionId, ProviderState>();
  /** The query behind each connection's current data, so Load more continues the same listing. */
  private readonly queries = new Map<ConnectionId, SessionQuery>();
  private readonly inFlight = new Map<ConnectionId, AbortController>();
  private readonly generations = new Map<ConnectionId, number>();
  /** One reload per rate-limited connection, due when its gate opens. */
  private readonly retryTimers = new Map<ConnectionId, { dispose(): void }>();
  private readonly events = new EventEmitter();
  /** Every connection seen, so a removed one's stale tree node still reads a sensible state. */
  private readonly known = new Map<ConnectionId, StoreConnection>();

  constructor(private readonly deps: StoreDependencies) {
    for (const connection of this.current()) {
      this.states.set(connection.id, emptyProviderState(connection, deps.client(connection.id) !== undefined));
    }
  }

  /** Subscribes to state changes; the listener receives the connection whose state changed. */
  onDidChange(listener: (connection: ConnectionId) => void): { dispose(): void } {
    this.events.on('change', listener);
    return { dispose: () => this.events.off('change', listener) };
  }

  get connections(): readonly ConnectionId[] {
    return this.current().map((connection) => connection.id);
  }

  /** The connection's provider and label (also for one removed since). */
  connection(id: ConnectionId): StoreConnection {
    this.current();
    // Never seen at all: only a forged command argument gets here; it reads as an empty, keyless state.
    return this.known.get(id) ?? { id, provider: PROVIDER_IDS[0], label: id };
  }

  state(connection: ConnectionId): ProviderState {
    return this.states.get(connection) ?? emptyProviderState(this.connection(connection), false);
  }

  /**
   * After `browserSessions.connections` changed: a removed connection's requests, timers and data go;
   * an added one starts empty (the caller refreshes). A relabelled one keeps its data under the new label.
   */
  syncConnections(): void {
    const ids = new Set(this.connections);
    for (const id of [...this.states.keys()]) {
      if (ids.has(id)) continue;
      this.cancel(id);
      this.clearRetryTimer(id);
      this.queries.delete(id);
      this.states.delete(id);
      this.events.emit('change', id);
    }
    for (const connection of this.current()) {
      const state = this.states.get(connection.id);
      // Data of another provider under the same id (an entry edited by hand) must not stay.
      if (!state || state.provider !== connection.provider) {
        if (state) this.cancel(connection.id);
        this.setState(connection.id, emptyProviderState(connection, this.deps.client(connection.id) !== undefined));
      } else if (state.label !== connection.label) this.setState(connection.id, { ...state, label: connection.label });
    }
  }

  findSession(connection: ConnectionId, id: string): Session | undefined {
    return findLoadedSession(this.state(connection), id);
  }

  /** Every loaded session with its connection, for pickers, suggestions and context keys. */
  loadedSessions(): { connection: ConnectionId; session: Session }[] {
    return this.connections.flatMap((connection) =>
      this.state(connection).groups.flatMap((group) => group.sessions.map((session) => ({ connection, session }))),
    );
  }

  /** Values seen in the loaded sessions, offered by the filter pickers. */
  suggestions(): { zones: string[]; tags: string[]; targets: string[] } {
    const zones = new Set<string>();
    const tags = new Set<string>();
    const targets = new Set<string>();
    for (const { session } of this.loadedSessions()) {
      if (session.zone) zones.add(session.zone);
      for (const tag of session.tags) tags.add(tag);
      for (const domain of session.domains) targets.add(domain);
      const host = webUrl(session.targetUrl)?.hostname;
      if (host) targets.add(host);
    }
    const sorted = (values: Set<string>): string[] => [...values].sort((a, b) => a.localeCompare(b));
    return { zones: sorted(zones), tags: sorted(tags), targets: sorted(targets) };
  }

  runningCount(): number {
    let running = 0;
    for (const connection of this.connections) {
      for (const group of this.state(connection).groups) if (group.kind === 'running') running += group.total;
    }
    return running;
  }

  /** Whether the connection's rate-limit gate is closed now: requests would fail at once. */
  isRateLimited(connection: ConnectionId): boolean {
    const until = this.state(connection).rateLimitedUntil;
    return until !== undefined && until > this.now().getTime();
  }

  /** Providers an automatic refresh should reload: a closed gate is reopened by the store's own timer. */
  autoRefreshTargets(): ConnectionId[] {
    return this.connections.filter((connection) => !this.isRateLimited(connection));
  }

  /** Reloads the first page of every group; the last good data stays visible until the answer arrives. */
  async refresh(connections: readonly ConnectionId[] = this.connections): Promise<void> {
    await Promise.all(connections.map((connection) => this.refreshConnection(connection)));
  }

  async loadMore(connection: ConnectionId, groupKey: string): Promise<void> {
    const client = this.deps.client(connection);
    const query = this.queries.get(connection);
    const group = findGroup(this.state(connection), groupKey);
    if (!client || !query || !group || group.loadingMore || group.exhausted || this.state(connection).blocked) return;
    const generation = this.generations.get(connection) ?? 0;
    const signal = this.inFlight.get(connection)?.signal;
    this.updateGroup(connection, groupKey, { loadingMore: true, error: undefined });
    try {
      const update =
        groupKey === OTHER_STATUSES
          ? await this.scanOtherStatuses(client, query, group, this.state(connection).groups, signal)
          : await this.nextStatusPage(client, query, group, signal);
      if (this.generations.get(connection) !== generation) return;
      this.updateGroup(connection, groupKey, { ...update, loadingMore: false });
    } catch (error) {
      if (this.generations.get(connection) !== generation) return;
      const storeError = this.toStoreError(error);
      this.updateGroup(connection, groupKey, { loadingMore: false, error: storeError });
      this.noteRateLimit(connection, storeError);
    }
  }

  /** Lists every page of the connection's current query (used to find a session beyond the loaded pages). */
  async listAll(connection: ConnectionId, signal?: AbortSignal): Promise<readonly Session[]> {
    const listing = await this.listing(connection);
    if (!listing) return [];
    const result = await listing.client.listAll(listing.query, signal ? { signal } : {});
    return result.sessions;
  }

  /**
   * The client and query behind the connection's current data (filters applied), for a listing that
   * runs outside the store and must not hold every session (export). Undefined without a key; throws
   * when the origin is blocked, like listAll.
   */
  async listing(connection: ConnectionId): Promise<{ client: ProviderClient; query: SessionQuery } | undefined> {
    const client = this.deps.client(connection);
    if (!client) return undefined;
    const blocked = await this.deps.access?.(connection);
    if (blocked) throw new Error(blocked.message);
    return { client, query: this.queries.get(connection) ?? this.currentQuery(client).query };
  }

  /** Forgets a connection's data, e.g. when its key is cleared. */
  reset(connection: ConnectionId): void {
    this.cancel(connection);
    this.clearRetryTimer(connection);
    this.queries.delete(connection);
    // A key stored just before its connection's entry (Add Connection…): syncConnections adds the state.
    if (!this.connections.includes(connection)) {
      if (this.states.delete(connection)) this.events.emit('change', connection);
      return;
    }
    this.setState(connection, emptyProviderState(this.connection(connection), this.deps.client(connection) !== undefined));
  }

  dispose(): void {
    for (const connection of this.states.keys()) {
      this.cancel(connection);
      this.clearRetryTimer(connection);
    }
    this.events.removeAllListeners();
  }

  private async refreshConnection(connection: ConnectionId): Promise<void> {
    const client = this.deps.client(connection);
    if (!client) {
      this.reset(connection);
      return;
    }
    this.cancel(connection);
    const controller = new AbortController();
    this.inFlight.set(connection, controller);
    const generation = (this.generations.get(connection) ?? 0) + 1;
    this.generations.set(connection, generation);
    this.setState(connection, { ...this.state(connection), hasKey: true, loading: true });

    const { query, unsupported } = this.currentQuery(client);
    try {
      const blocked = await this.deps.access?.(connection);
      if (this.generations.get(connection) !== generation) return;
      if (blocked) {
        // Data listed from another origin does not belong under this one; nothing is asked until unblocked.
        this.clearRetryTimer(connection);
        this.queries.delete(connection);
        this.setState(connection, { ...emptyProviderState(this.connection(connection), true), blocked });
        return;
      }
      const loaded = await loadGroups(client, query, controller.signal);
      if (this.generations.get(connection) !== generation) return;
      this.clearRetryTimer(connection);
      this.queries.set(connection, query);
      this.setState(connection, {
        ...emptyProviderState(this.connection(connection), true),
        hasKey: true,
        loading: false,
        total: loaded.total,
        ...(loaded.totalExact ? {} : { totalExact: false }),
        groups: loaded.groups,
        unsupported,
      });
    } catch (error) {
      if (this.generations.get(connection) !== generation) return;
      // A refresh superseded by a newer one says nothing; any other failure keeps the last good data.
      if (error instanceof ProviderError && error.kind === 'cancelled') return;
      const storeError = this.toStoreError(error);
      this.setState(connection, {
        ...this.state(connection),
        loading: false,
        unsupported,
        error: storeError,
        blocked: undefined,
        rateLimitedUntil: undefined,
      });
      this.noteRateLimit(connection, storeError);
    } finally {
      if (this.inFlight.get(connection) === controller) this.inFlight.delete(connection);
    }
  }

  private current(): readonly StoreConnection[] {
    const connections = this.deps.connections();
    for (const connection of connections) this.known.set(connection.id, connection);
    return connections;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * A 429 whose transport named the gate's opening time: the connection shows "rate limited until …",
   * automatic refreshes pass it by, and one reload is scheduled for that time. Without `retryAt`
   * the error is an ordinary one (Retry offered, nothing scheduled).
   */
  private toStoreError(error: unknown): StoreError {
    if (error instanceof ProviderError) {
      const retryAt = error.kind === 'rateLimited' ? error.details.retryAt : undefined;
      return retryAt === undefined ? { kind: error.kind, message: error.message } : { kind: error.kind, message: error.message, retryAt };
    }
    // Anything else is a bug of ours, not the API's: logged with its stack, shown as ours. Its
    // message names no secret (keys live in headers only).
    this.deps.reportBug?.(error);
    const detail = errorMessage(error);
    return { kind: 'internal', message: `Internal error in Browser Sessions: ${detail}. Details are in the Browser Sessions output.` };
  }

  private noteRateLimit(connection: ConnectionId, error: StoreError): void {
    if (error.kind !== 'rateLimited' || error.retryAt === undefined) return;
    const retryAt = error.retryAt;
    const state = this.state(connection);
    if (state.rateLimitedUntil !== retryAt) this.setState(connection, { ...state, rateLimitedUntil: retryAt });
    this.clearRetryTimer(connection);
    // setTimeout fires at once beyond 2^31-1 ms; a later wake-up finds the gate still closed and re-arms.
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, retryAt - this.now().getTime()));
    const schedule = this.deps.schedule ?? scheduleWithTimer;
    this.retryTimers.set(
      connection,
      schedule(() => {
        this.retryTimers.delete(connection);
        void this.refresh([connection]);
      }, delay),
    );
  }

  private clearRetryTimer(connection: ConnectionId): void {
    this.retryTimers.get(connection)?.dispose();
    this.retryTimers.delete(connection);
  }

  private currentQuery(client: ProviderClient): { query: SessionQuery; unsupported: readonly string[] } {
    const mapped = queryFor(this.deps.filters(), client.capabilities, this.now(), client.id);
    return { query: { ...mapped.query, pageSize: this.deps.pageSize() }, unsupported: mapped.unsupported };
  }

  private async nextStatusPage(
    client: ProviderClient,
    query: SessionQuery,
    group: GroupState,
    signal: AbortSignal | undefined,
  ): Promise<Partial<GroupState>> {
    const page = await client.fetchPage({ ...query, status: group.key }, group.nextPage, signal);
    const sessions = appendUnique(group.sessions, page.sessions);
    const exact = page.totalExact !== false;
    return {
      sessions,
      total: exact ? page.total : Math.max(page.total, sessions.length),
      totalExact: exact ? undefined : false,
      nextPage: group.nextPage + 1,
      exhausted: !page.hasMore || (exact && sessions.length >= page.total),
    };
  }

  /**
   * Statuses outside the capabilities cannot be asked for by name (Bright Data's `status` is an enum),
   * so their group is filled by reading further pages of the unfiltered listing.
   */
  private async scanOtherStatuses(
    client: ProviderClient,
    query: SessionQuery,
    group: GroupState,
    groups: readonly GroupState[],
    signal: AbortSignal | undefined,
  ): Promise<Partial<GroupState>> {
    // Statuses with a group of their own (free-text providers count each one seen) are not "other".
    const listed = new Set([...client.capabilities.statuses, ...groups.map((named) => named.key)]);
    let sessions = group.sessions;
    let nextPage = group.nextPage;
    let exhausted = false;
    for (let scanned = 0; scanned < OTHER_SCAN_PAGES && sessions.length === group.sessions.length; scanned++) {
      const page = await client.fetchPage({ ...query, status: undefined }, nextPage, signal);
      sessions = appendUnique(sessions, page.sessions.filter((session) => !listed.has(session.status)));
      nextPage++;
      if (!page.hasMore) {
        exhausted = true;
        break;
      }
    }
    const exact = group.totalExact !== false;
    return {
      sessions,
      nextPage,
      exhausted: exhausted || (exact && sessions.length >= group.total),
      ...(exact ? {} : { total: sessions.length }),
    };
  }

  private updateGroup(connection: ConnectionId, key: string, change: Partial<GroupState>): void {
    const state = this.state(connection);
    const groups = state.groups.map((group) => (group.key === key ? { ...group, ...change } : group));
    this.setState(connection, { ...state, groups });
  }

  private setState(connection: ConnectionId, state: ProviderState): void {
    this.states.set(connection, state);
    this.events.emit('change', connection);
  }

  private cancel(connection: ConnectionId): void {
    this.inFlight.get(connection)?.abort();
    this.inFlight.delete(connection);
  }
}

/**
 * One request for the connection total (unfiltered by status) and one per listed status, in parallel.
 * The first failure aborts the others: after a 429, firing more requests only brings a ban closer.
 */
async function loadGroups(
  client: ProviderClient,
  query: SessionQuery,
  outer: AbortSignal,
): Promise<{ total: number; totalExact: boolean; groups: GroupState[] }> {
  const controller = new AbortController();
  const signal = AbortSignal.any([outer, controller.signal]);
  const fetch = (status: string | undefined): Promise<SessionPage> =>
    client.fetchPage({ ...query, status }, 0, signal).catch((error: unknown) => {
      controller.abort();
      throw error;
    });

  const capabilities = client.capabilities;
  if (query.status !== undefined) {
    const page = await fetch(query.status);
    return {
      total: page.total,
      totalExact: page.totalExact !== false,
      groups: page.total > 0 ? [groupFromPage(query.status, kindOf(client, query.status), page)] : [],
    };
  }

  const [overview, ...perStatus] = await Promise.all([
    fetch(undefined),
    ...capabilities.statuses.map((status) => fetch(status)),
  ]);
  const groups = capabilities.statuses
    .map((status, index) => groupFromPage(status, kindOf(client, status), perStatus[index]))
    .filter((group) => group.total > 0);
  const listed = new Set(capabilities.statuses);
  const unlisted = overview.sessions.filter((session) => !listed.has(session.status));
  if (DEFINITIONS[client.id].statusFilter === 'freeText') {
    // The API takes any spelling, so each status seen on the first page is counted by name; the
    // smallest page suffices for the count, and the group starts with the sessions already seen.
    const seen = [...new Set(unlisted.map((session) => session.status))].filter((status) => status !== '' && status !== OTHER_STATUSES);
    const counts = await Promise.all(seen.map((status) => fetchCount(status)));
    seen.forEach((status, index) => {
      const count = counts[index];
      const sessions = appendUnique([], unlisted.filter((session) => session.status === status));
      const exact = count.totalExact !== false;
      const total = exact ? count.total : Math.max(count.total, sessions.length);
      groups.push({
        key: status,
        kind: kindOf(client, status),
        total,
        ...(exact ? {} : { totalExact: false }),
        sessions,
        // Load more asks the status's own listing from its first page; appendUnique drops the repeats.
        nextPage: 0,
        exhausted: total === 0 || (exact && sessions.length >= total),
        loadingMore: false,
      });
    });
    const named = new Set(seen);
    const rest = unlisted.filter((session) => !named.has(session.status));
    return withRemainder(groups, overview, rest);
  }
  return withRemainder(groups, overview, unlisted);

  function fetchCount(status: string): Promise<SessionPage> {
    return client.fetchPage({ ...query, status, pageSize: 1 }, 0, signal).catch((error: unknown) => {
      controller.abort();
      throw error;
    });
  }
}

/**
 * "Other statuses": what the named groups do not account for. With exact totals it is the difference
 * (where every status is counted by name it appears only if the totals disagree); without, it holds
 * what the first page showed.
 */
function withRemainder(
  groups: GroupState[],
  overview: SessionPage,
  unlisted: readonly Session[],
): { total: number; totalExact: boolean; groups: GroupState[] } {
  const others = appendUnique([], unlisted);
  const listedTotal = groups.reduce((sum, group) => sum + group.total, 0);
  const exact = overview.totalExact !== false && groups.every((group) => group.totalExact !== false);
  const remainder = exact ? overview.total - listedTotal : others.length;
  if (remainder > 0) {
    groups.push({
      key: OTHER_STATUSES,
      kind: 'other',
      total: remainder,
      ...(exact ? {} : { totalExact: false }),
      sessions: others,
      nextPage: 1,
      exhausted: !overview.hasMore,
      loadingMore: false,
    });
  }
  return { total: overview.total, totalExact: overview.totalExact !== false, groups };
}

function groupFromPage(status: string, kind: StatusKind, page: SessionPage): GroupState {
  const sessions = appendUnique([], page.sessions);
  return {
    key: status,
    kind,
    total: page.total,
    ...(page.totalExact === false ? { totalExact: false } : {}),
    sessions,
    nextPage: 1,
    exhausted: !page.hasMore || (page.totalExact !== false && sessions.length >= page.total),
    loadingMore: false,
  };
}

function kindOf(client: ProviderClient, status: string): StatusKind {
  const entries = Object.entries(client.capabilities.statusFor) as [StatusKind, string][];
  return entries.find(([, spelling]) => spelling === status)?.[0] ?? 'other';
}


