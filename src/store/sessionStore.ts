// Owns what the tree and the panel show: per provider and status group, the sessions loaded so far,
// the API totals, the last error and what is loading. Only the store talks to providers/.
// No `vscode` import, so it is unit-tested in plain Node against the contract server.
import { EventEmitter } from 'node:events';
import { queryFor, type Filters } from '../filters/model';
import {
  ProviderError,
  type ProviderClient,
  type ProviderId,
  type Session,
  type SessionPage,
  type SessionQuery,
  type StatusKind,
} from '../providers/types';
import { webUrl } from '../shared/urls';
import {
  OTHER_STATUSES,
  appendUnique,
  emptyProviderState,
  findGroup,
  findLoadedSession,
  type AccessBlock,
  type GroupState,
  type ProviderState,
  type StoreError,
} from './state';

export interface StoreDependencies {
  readonly providers: readonly ProviderId[];
  /** undefined while the provider has no API key. */
  client(provider: ProviderId): ProviderClient | undefined;
  filters(): Filters;
  pageSize(): number;
  now?(): Date;
  /**
   * Asked before a provider's first request of each refresh: undefined lets requests go out, a block
   * stops them. May take long (it can ask the user), so a newer refresh may supersede it.
   */
  access?(provider: ProviderId): Promise<AccessBlock | undefined>;
  /** Runs `callback` after `delayMs` (default: setTimeout); tests pass a scheduler they drive. */
  schedule?(callback: () => void, delayMs: number): { dispose(): void };
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
  private readonly states = new Map<ProviderId, ProviderState>();
  /** The query behind each provider's current data, so Load more continues the same listing. */
  private readonly queries = new Map<ProviderId, SessionQuery>();
  private readonly inFlight = new Map<ProviderId, AbortController>();
  private readonly generations = new Map<ProviderId, number>();
  /** One reload per rate-limited provider, due when its gate opens. */
  private readonly retryTimers = new Map<ProviderId, { dispose(): void }>();
  private readonly events = new EventEmitter();

  constructor(private readonly deps: StoreDependencies) {
    for (const provider of deps.providers) {
      this.states.set(provider, emptyProviderState(provider, deps.client(provider) !== undefined));
    }
  }

  /** Subscribes to state changes; the listener receives the provider whose state changed. */
  onDidChange(listener: (provider: ProviderId) => void): { dispose(): void } {
    this.events.on('change', listener);
    return { dispose: () => this.events.off('change', listener) };
  }

  get providers(): readonly ProviderId[] {
    return this.deps.providers;
  }

  state(provider: ProviderId): ProviderState {
    return this.states.get(provider) ?? emptyProviderState(provider, false);
  }

  findSession(provider: ProviderId, id: string): Session | undefined {
    return findLoadedSession(this.state(provider), id);
  }

  /** Every loaded session, for pickers and suggestions. */
  loadedSessions(): Session[] {
    return this.deps.providers.flatMap((provider) => this.state(provider).groups.flatMap((group) => group.sessions));
  }

  /** Values seen in the loaded sessions, offered by the filter pickers. */
  suggestions(): { zones: string[]; tags: string[]; targets: string[] } {
    const zones = new Set<string>();
    const tags = new Set<string>();
    const targets = new Set<string>();
    for (const session of this.loadedSessions()) {
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
    for (const provider of this.deps.providers) {
      for (const group of this.state(provider).groups) if (group.kind === 'running') running += group.total;
    }
    return running;
  }

  /** Whether the provider's rate-limit gate is closed now: requests would fail at once. */
  isRateLimited(provider: ProviderId): boolean {
    const until = this.state(provider).rateLimitedUntil;
    return until !== undefined && until > this.now().getTime();
  }

  /** Providers an automatic refresh should reload: a closed gate is reopened by the store's own timer. */
  autoRefreshTargets(): ProviderId[] {
    return this.deps.providers.filter((provider) => !this.isRateLimited(provider));
  }

  /** Reloads the first page of every group; the last good data stays visible until the answer arrives. */
  async refresh(providers: readonly ProviderId[] = this.deps.providers): Promise<void> {
    await Promise.all(providers.map((provider) => this.refreshProvider(provider)));
  }

  async loadMore(provider: ProviderId, groupKey: string): Promise<void> {
    const client = this.deps.client(provider);
    const query = this.queries.get(provider);
    const group = findGroup(this.state(provider), groupKey);
    if (!client || !query || !group || group.loadingMore || group.exhausted || this.state(provider).blocked) return;
    const generation = this.generations.get(provider) ?? 0;
    const signal = this.inFlight.get(provider)?.signal;
    this.updateGroup(provider, groupKey, { loadingMore: true, error: undefined });
    try {
      const update =
        groupKey === OTHER_STATUSES
          ? await this.scanOtherStatuses(client, query, group, signal)
          : await this.nextStatusPage(client, query, group, signal);
      if (this.generations.get(provider) !== generation) return;
      this.updateGroup(provider, groupKey, { ...update, loadingMore: false });
    } catch (error) {
      if (this.generations.get(provider) !== generation) return;
      const storeError = this.toStoreError(error);
      this.updateGroup(provider, groupKey, { loadingMore: false, error: storeError });
      this.noteRateLimit(provider, storeError);
    }
  }

  /** Lists every page of the provider's current query (used to find a session beyond the loaded pages). */
  async listAll(provider: ProviderId, signal?: AbortSignal): Promise<readonly Session[]> {
    const client = this.deps.client(provider);
    if (!client) return [];
    const blocked = await this.deps.access?.(provider);
    if (blocked) throw new Error(blocked.message);
    const query = this.queries.get(provider) ?? this.currentQuery(client).query;
    const result = await client.listAll(query, signal ? { signal } : {});
    return result.sessions;
  }

  /** Forgets a provider's data, e.g. when its key is cleared. */
  reset(provider: ProviderId): void {
    this.cancel(provider);
    this.clearRetryTimer(provider);
    this.queries.delete(provider);
    this.setState(provider, emptyProviderState(provider, this.deps.client(provider) !== undefined));
  }

  dispose(): void {
    for (const provider of this.deps.providers) {
      this.cancel(provider);
      this.clearRetryTimer(provider);
    }
    this.events.removeAllListeners();
  }

  private async refreshProvider(provider: ProviderId): Promise<void> {
    const client = this.deps.client(provider);
    if (!client) {
      this.reset(provider);
      return;
    }
    this.cancel(provider);
    const controller = new AbortController();
    this.inFlight.set(provider, controller);
    const generation = (this.generations.get(provider) ?? 0) + 1;
    this.generations.set(provider, generation);
    this.setState(provider, { ...this.state(provider), hasKey: true, loading: true });

    const { query, unsupported } = this.currentQuery(client);
    try {
      const blocked = await this.deps.access?.(provider);
      if (this.generations.get(provider) !== generation) return;
      if (blocked) {
        // Data listed from another origin does not belong under this one; nothing is asked until unblocked.
        this.clearRetryTimer(provider);
        this.queries.delete(provider);
        this.setState(provider, { ...emptyProviderState(provider, true), blocked });
        return;
      }
      const loaded = await loadGroups(client, query, controller.signal);
      if (this.generations.get(provider) !== generation) return;
      this.clearRetryTimer(provider);
      this.queries.set(provider, query);
      this.setState(provider, {
        provider,
        hasKey: true,
        loading: false,
        total: loaded.total,
        ...(loaded.totalExact ? {} : { totalExact: false }),
        groups: loaded.groups,
        unsupported,
      });
    } catch (error) {
      if (this.generations.get(provider) !== generation) return;
      // A refresh superseded by a newer one says nothing; any other failure keeps the last good data.
      if (error instanceof ProviderError && error.kind === 'cancelled') return;
      const storeError = this.toStoreError(error);
      this.setState(provider, {
        ...this.state(provider),
        loading: false,
        unsupported,
        error: storeError,
        blocked: undefined,
        rateLimitedUntil: undefined,
      });
      this.noteRateLimit(provider, storeError);
    } finally {
      if (this.inFlight.get(provider) === controller) this.inFlight.delete(provider);
    }
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * A 429 whose transport named the gate's opening time: the provider shows "rate limited until …",
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
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'internal', message: `Internal error in Browser Sessions: ${detail}. Details are in the Browser Sessions output.` };
  }

  private noteRateLimit(provider: ProviderId, error: StoreError): void {
    if (error.kind !== 'rateLimited' || error.retryAt === undefined) return;
    const retryAt = error.retryAt;
    const state = this.state(provider);
    if (state.rateLimitedUntil !== retryAt) this.setState(provider, { ...state, rateLimitedUntil: retryAt });
    this.clearRetryTimer(provider);
    // setTimeout fires at once beyond 2^31-1 ms; a later wake-up finds the gate still closed and re-arms.
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, retryAt - this.now().getTime()));
    const schedule = this.deps.schedule ?? scheduleWithTimer;
    this.retryTimers.set(
      provider,
      schedule(() => {
        this.retryTimers.delete(provider);
        void this.refresh([provider]);
      }, delay),
    );
  }

  private clearRetryTimer(provider: ProviderId): void {
    this.retryTimers.get(provider)?.dispose();
    this.retryTimers.delete(provider);
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
    signal: AbortSignal | undefined,
  ): Promise<Partial<GroupState>> {
    const listed = new Set(client.capabilities.statuses);
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

  private updateGroup(provider: ProviderId, key: string, change: Partial<GroupState>): void {
    const state = this.state(provider);
    const groups = state.groups.map((group) => (group.key === key ? { ...group, ...change } : group));
    this.setState(provider, { ...state, groups });
  }

  private setState(provider: ProviderId, state: ProviderState): void {
    this.states.set(provider, state);
    this.events.emit('change', provider);
  }

  private cancel(provider: ProviderId): void {
    this.inFlight.get(provider)?.abort();
    this.inFlight.delete(provider);
  }
}

/**
 * One request for the provider total (unfiltered by status) and one per listed status, in parallel.
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
    .map((status, index) => groupFromPage(status, kindOf(client, status), perStatus[index]!))
    .filter((group) => group.total > 0);
  const listedTotal = groups.reduce((sum, group) => sum + group.total, 0);
  const listed = new Set(capabilities.statuses);
  const others = appendUnique([], overview!.sessions.filter((session) => !listed.has(session.status)));
  // Without exact counts the difference means nothing: the group then holds what the first page showed.
  const exact = overview!.totalExact !== false && groups.every((group) => group.totalExact !== false);
  const remainder = exact ? overview!.total - listedTotal : others.length;
  if (remainder > 0) {
    groups.push({
      key: OTHER_STATUSES,
      kind: 'other',
      total: remainder,
      ...(exact ? {} : { totalExact: false }),
      sessions: others,
      nextPage: 1,
      exhausted: !overview!.hasMore,
      loadingMore: false,
    });
  }
  return { total: overview!.total, totalExact: overview!.totalExact !== false, groups };
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


