// The status bar's content as plain data: the running sessions across connections and one entry per
// connection. Pure, so the counting and the "12+" rule are tested without VS Code; the words are
// the renderer's (statusBar.ts, through l10n).
import type { ConnectionId, ProviderState } from '../store/state';

export interface ConnectionRunning {
  /** The connection's label, user-provided: the renderer must treat it as text. */
  readonly label: string;
  readonly condition: 'loaded' | 'loading' | 'notLoaded' | 'blocked';
  readonly running: number;
  /** False when a running total is a lower bound (the API gave no count): "12+". */
  readonly exact: boolean;
  /** Epoch ms of the data shown, when known. */
  readonly loadedAt?: number;
  /** The last refresh failed: the count is that of the load before. */
  readonly lastRefreshFailed: boolean;
}

export interface RunningSummary {
  /** False when no connection has a key: the item hides. */
  readonly visible: boolean;
  readonly running: number;
  readonly exact: boolean;
  readonly connections: readonly ConnectionRunning[];
}

/**
 * Counts only what the store last loaded (the view refreshes while visible and focused), so each
 * entry carries when that was rather than passing old data off as live.
 */
export function runningSummary(
  connections: readonly ConnectionId[],
  read: (connection: ConnectionId) => ProviderState,
  loadedAt: (connection: ConnectionId) => number | undefined,
): RunningSummary {
  const entries = connections
    .map(read)
    .filter((state) => state.hasKey)
    .map((state) => entryFor(state, loadedAt(state.connection)));
  return {
    visible: entries.length > 0,
    running: entries.reduce((sum, entry) => sum + entry.running, 0),
    exact: entries.every((entry) => entry.exact),
    connections: entries,
  };
}

function entryFor(state: ProviderState, loadedAt: number | undefined): ConnectionRunning {
  const running = state.groups.filter((group) => group.kind === 'running');
  const condition = state.blocked ? 'blocked' : state.total === undefined ? (state.loading ? 'loading' : 'notLoaded') : 'loaded';
  const shown = condition === 'loaded';
  return {
    label: state.label,
    condition,
    running: shown ? running.reduce((sum, group) => sum + group.total, 0) : 0,
    exact: !shown || running.every((group) => group.totalExact !== false),
    ...(shown && loadedAt !== undefined ? { loadedAt } : {}),
    lastRefreshFailed: state.error !== undefined,
  };
}
