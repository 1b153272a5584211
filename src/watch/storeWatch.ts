// What the status bar and the failure notifications need from the store's change events, kept free
// of vscode so it is tested in plain Node: when each connection last loaded successfully, and which
// failed sessions a load found that the previous load of the same query did not.
import type { SessionStore } from '../store/sessionStore';
import type { ConnectionId, ProviderState } from '../store/state';

export type WatchedStore = Pick<SessionStore, 'onDidChange' | 'state'>;

/** Sessions that newly failed on one connection, to be shown as one notification. */
export interface FailureNotice {
  readonly connection: ConnectionId;
  readonly label: string;
  /** How many failed since the last notice (ids seen plus any rise of the failed total beyond them). */
  readonly count: number;
  /** The new failed sessions among those loaded, newest listed first: what Show reveals. */
  readonly sessionIds: readonly string[];
}

export interface StoreWatchOptions {
  /** Epoch ms; injected by tests. */
  readonly now?: () => number;
  /** At most one notice per connection within this time (default one minute). */
  readonly minIntervalMs?: number;
  /**
   * Whether notices are wanted now (the setting). While not, failures still become the baseline
   * (turning it on later does not replay them) and no minute is started by a notice nobody saw.
   */
  readonly enabled?: () => boolean;
  /** Runs `callback` after `delayMs` (default: setTimeout); tests pass a scheduler they drive. */
  readonly schedule?: (callback: () => void, delayMs: number) => { dispose(): void };
}

function scheduleWithTimer(callback: () => void, delayMs: number): { dispose(): void } {
  const timer = setTimeout(callback, delayMs);
  return { dispose: () => clearTimeout(timer) };
}

interface Baseline {
  readonly ids: ReadonlySet<string>;
  /** Sum of the failed groups' totals, when every one of them is exact. */
  readonly total: number | undefined;
}

interface Pending {
  readonly ids: Set<string>;
  /** Failures the total counted beyond the loaded pages (e.g. an ascending sort lists them last). */
  beyond: number;
}

const MINUTE_MS = 60_000;

export class StoreWatch {
  private readonly loading = new Map<ConnectionId, boolean>();
  private readonly loaded = new Map<ConnectionId, number>();
  private readonly baselines = new Map<ConnectionId, Baseline>();
  private readonly pending = new Map<ConnectionId, Pending>();
  private readonly lastNotice = new Map<ConnectionId, number>();
  /** One per connection with withheld failures: tells them when its minute is over. */
  private readonly releases = new Map<ConnectionId, { dispose(): void }>();
  private readonly subscription: { dispose(): void };
  private readonly now: () => number;
  private readonly minIntervalMs: number;
  private readonly enabled: () => boolean;
  private readonly schedule: NonNullable<StoreWatchOptions['schedule']>;

  constructor(
    private readonly store: WatchedStore,
    private readonly onFailures: (notice: FailureNotice) => void,
    options: StoreWatchOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.minIntervalMs = options.minIntervalMs ?? MINUTE_MS;
    this.enabled = options.enabled ?? (() => true);
    this.schedule = options.schedule ?? scheduleWithTimer;
    this.subscription = store.onDidChange((connection) => this.changed(connection));
  }

  /** Epoch ms of the connection's last successful load, for "as of 10:42". */
  loadedAt(connection: ConnectionId): number | undefined {
    return this.loaded.get(connection);
  }

  /**
   * Starts over for one connection, or all: its next load is a first load again. For a change the
   * store cannot see (the filters): the failures of another query are not new failures.
   */
  forget(connection?: ConnectionId): void {
    for (const map of [this.baselines, this.pending]) {
      if (connection === undefined) map.clear();
      else map.delete(connection);
    }
    for (const [id, release] of this.releases) {
      if (connection !== undefined && id !== connection) continue;
      release.dispose();
      this.releases.delete(id);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.forget();
  }

  private changed(connection: ConnectionId): void {
    const state = this.store.state(connection);
    const wasLoading = this.loading.get(connection) ?? false;
    this.loading.set(connection, state.loading);
    if (state.loading) return;
    if (state.total === undefined) {
      // Reset (key cleared or changed, connection gone or re-pointed) or blocked: nothing to compare with.
      this.forget(connection);
      this.loaded.delete(connection);
      return;
    }
    // A refresh ended well: it was loading, and it is not loading now without an error. Load more
    // and other group updates never set `loading`, so they pass here unnoticed.
    if (!wasLoading || state.error !== undefined) return;
    this.loaded.set(connection, this.now());
    const notice = this.compare(state);
    if (notice) this.onFailures(notice);
  }

  private compare(state: ProviderState): FailureNotice | undefined {
    const connection = state.connection;
    const failed = state.groups.filter((group) => group.kind === 'failed');
    const ids = new Set(failed.flatMap((group) => group.sessions.map((session) => session.id)));
    const total = failed.every((group) => group.totalExact !== false) ? failed.reduce((sum, group) => sum + group.total, 0) : undefined;
    const previous = this.baselines.get(connection);
    this.baselines.set(connection, { ids, total });
    if (!previous) return undefined;

    const fresh = [...ids].filter((id) => !previous.ids.has(id));
    const rise = total !== undefined && previous.total !== undefined ? total - previous.total : 0;
    const pending = this.pending.get(connection) ?? { ids: new Set<string>(), beyond: 0 };
    for (const id of fresh) pending.ids.add(id);
    pending.beyond += Math.max(0, rise - fresh.length);
    if (pending.ids.size === 0 && pending.beyond === 0) return undefined;
    if (!this.enabled()) {
      this.pending.delete(connection);
      return undefined;
    }
    this.pending.set(connection, pending);

    // Withheld, not dropped: what failed within the minute is told when the minute is over, by the
    // next load or, if none comes first (auto-refresh off, view hidden), by a timer.
    const now = this.now();
    const last = this.lastNotice.get(connection);
    if (last !== undefined && now - last < this.minIntervalMs) {
      if (!this.releases.has(connection)) {
        this.releases.set(
          connection,
          this.schedule(() => this.release(connection), last + this.minIntervalMs - now),
        );
      }
      return undefined;
    }
    return this.take(connection, state.label, pending);
  }

  private release(connection: ConnectionId): void {
    this.releases.delete(connection);
    const pending = this.pending.get(connection);
    if (!pending) return;
    if (!this.enabled()) {
      this.pending.delete(connection);
      return;
    }
    this.onFailures(this.take(connection, this.store.state(connection).label, pending));
  }

  private take(connection: ConnectionId, label: string, pending: Pending): FailureNotice {
    this.releases.get(connection)?.dispose();
    this.releases.delete(connection);
    this.lastNotice.set(connection, this.now());
    this.pending.delete(connection);
    return { connection, label, count: pending.ids.size + pending.beyond, sessionIds: [...pending.ids] };
  }
}
