import * as vscode from 'vscode';
import { connectionFromArg } from '../system/args';
import { CAPABILITIES, PROVIDER_IDS } from '../providers';
import { PROVIDER_LABELS } from '../providers/types';
import type { SessionStore } from '../store/sessionStore';
import type { ConnectionId } from '../store/state';
import { describeFilters } from '../filters/describe';
import { isActive } from '../filters/model';
import type { FilterState } from '../filters/state';
import type { TreeNode } from './model';
import { SessionsTreeProvider, VIEW_ID } from './sessionsView';
import { registerCommand, executeCommand } from '../system/command';
import { COMMAND } from '../system/ids';

export interface SessionsView {
  readonly treeView: vscode.TreeView<TreeNode>;
  /** Reloads with the view's progress bar; all connections unless named. */
  readonly refresh: (connections?: readonly ConnectionId[]) => Promise<void>;
}

export function registerSessionsView(
  context: vscode.ExtensionContext,
  store: SessionStore,
  filters: FilterState,
  autoRefreshSeconds: () => number,
): SessionsView {
  const provider = new SessionsTreeProvider(store, () => isActive(filters.current));
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });

  const refresh = (connections?: readonly ConnectionId[]): Promise<void> =>
    Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => store.refresh(connections)));

  const updateHeader = (): void => {
    // "(Bright Data only)" is measured against the providers in the tree, not every one registered:
    // a filter all your connected providers apply is not limited.
    const withKey = store.connections.map((id) => store.state(id)).filter((state) => state.hasKey);
    const shown = withKey.length > 0 ? new Set(withKey.map((state) => state.provider)) : new Set(PROVIDER_IDS);
    const capabilities = Object.fromEntries([...shown].map((id) => [id, CAPABILITIES[id]])) as typeof CAPABILITIES;
    const description = describeFilters(filters.current, capabilities, PROVIDER_LABELS);
    treeView.description = description || undefined;
    // VS Code hides the header (and so the description) of a container's only view; the message
    // line above the tree stays visible, so a filtered list never looks like the whole list.
    treeView.message = description ? vscode.l10n.t('Filtered: {0}', description) : undefined;
    const running = store.runningCount();
    treeView.badge =
      running > 0
        ? { value: running, tooltip: running === 1 ? vscode.l10n.t('1 running session') : vscode.l10n.t('{0} running sessions', running) }
        : undefined;
    void executeCommand(
      'setContext',
      'browserSessions.hasAnyKey',
      store.connections.some((id) => store.state(id).hasKey),
    );
  };
  updateHeader();

  // A connection behind a closed rate-limit gate is left out: the store reloads it when the gate opens.
  const autoRefresh = new AutoRefresh(treeView, autoRefreshSeconds, () => {
    const targets = store.autoRefreshTargets();
    if (targets.length > 0) void refresh(targets);
  });
  const storeSubscription = store.onDidChange(updateHeader);
  context.subscriptions.push(
    provider,
    treeView,
    autoRefresh,
    { dispose: () => storeSubscription.dispose() },
    filters.onDidChange(() => {
      updateHeader();
      provider.refreshAll();
    }),
    registerCommand(COMMAND.refresh, (arg?: unknown) => {
      const connection = connectionFromArg(arg);
      return refresh(connection && store.connections.includes(connection) ? [connection] : undefined);
    }),
    registerCommand(COMMAND.loadMore, async (arg?: unknown) => {
      if (!isGroupRef(arg)) return;
      await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => store.loadMore(arg.connection, arg.groupKey));
    }),
  );
  return { treeView, refresh };
}

/** Ticks only while the view is visible and the window focused: nobody reads a hidden list. */
class AutoRefresh implements vscode.Disposable {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastTick = Date.now();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly view: vscode.TreeView<TreeNode>,
    private readonly seconds: () => number,
    private readonly tick: () => void,
  ) {
    this.subscriptions = [
      view.onDidChangeVisibility(() => this.update(true)),
      vscode.window.onDidChangeWindowState(() => this.update(true)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('browserSessions.autoRefreshSeconds')) this.update(false);
      }),
    ];
    this.update(false);
  }

  /** `catchUp`: when the view comes back after a pause longer than the interval, refresh at once. */
  private update(catchUp: boolean): void {
    this.stop();
    const seconds = this.seconds();
    if (seconds <= 0 || !this.view.visible || !vscode.window.state.focused) return;
    const intervalMs = seconds * 1000;
    if (catchUp && Date.now() - this.lastTick >= intervalMs) this.fire();
    this.timer = setInterval(() => this.fire(), intervalMs);
  }

  private fire(): void {
    this.lastTick = Date.now();
    this.tick();
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.stop();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function isGroupRef(arg: unknown): arg is { connection: ConnectionId; groupKey: string } {
  if (typeof arg !== 'object' || arg === null || !('connection' in arg) || connectionFromArg(arg) === undefined) return false;
  return typeof (arg as { groupKey?: unknown }).groupKey === 'string';
}
