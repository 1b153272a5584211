// The status bar's running count and the failure notifications: both read what the store last
// loaded (they start no poller of their own) and follow their settings as they change.
import * as vscode from 'vscode';
import type { Settings } from '../config/settings';
import { formatClockTime, formatCount } from '../shared/format';
import type { SessionStore } from '../store/sessionStore';
import type { ConnectionId } from '../store/state';
import type { TreeNode } from '../tree/model';
import { executeCommand } from '../system/command';
import type { BuiltinCommandId } from '../system/ids';
import { StoreWatch, type FailureNotice, type StoreWatchOptions } from './storeWatch';
import { runningSummary, type ConnectionRunning } from './summary';

/** VS Code's generated command that opens the container and focuses our view. */
const FOCUS_VIEW: BuiltinCommandId = 'browserSessions.sessions.focus';

export interface WatchSources {
  readonly store: SessionStore;
  readonly settings: {
    readonly current: Pick<Settings, 'statusBarEnabled' | 'notifyOnFailure'>;
    readonly onDidChange: (listener: () => void) => vscode.Disposable;
  };
  readonly treeView: Pick<vscode.TreeView<TreeNode>, 'reveal'>;
  /** Fires when the filters change: the next load lists another query, whose failures are not new. */
  readonly onFiltersChange: (listener: () => void) => vscode.Disposable;
}

export function registerWatch(context: Pick<vscode.ExtensionContext, 'subscriptions'>, sources: WatchSources, options: StoreWatchOptions = {}): void {
  const { store, settings, treeView } = sources;
  const item = vscode.window.createStatusBarItem('browserSessions.running', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Browser Sessions: running');
  item.command = FOCUS_VIEW;
  const storeWatch = new StoreWatch(store, (notice) => void notify(notice, store, treeView), {
    enabled: () => settings.current.notifyOnFailure,
    ...options,
  });
  const update = (): void => updateStatusBar(item, store, storeWatch, settings.current.statusBarEnabled);
  update();
  const storeSubscription = store.onDidChange(update);
  context.subscriptions.push(
    {
      dispose: () => {
        storeSubscription.dispose();
        storeWatch.dispose();
        item.dispose();
      },
    },
    settings.onDidChange(update),
    sources.onFiltersChange(() => storeWatch.forget()),
  );
}

function updateStatusBar(item: vscode.StatusBarItem, store: SessionStore, storeWatch: StoreWatch, enabled: boolean): void {
  const summary = runningSummary(store.connections, (connection) => store.state(connection), (connection) => storeWatch.loadedAt(connection));
  if (!enabled || !summary.visible) {
    item.hide();
    return;
  }
  item.text = `$(vm-running) ${vscode.l10n.t('{0} running', count(summary.running, summary.exact))}`;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${vscode.l10n.t('Running browser sessions')}**\n\n`);
  for (const entry of summary.connections) {
    // Labels are the user's own text: appendText escapes them.
    tooltip.appendText(entry.label);
    tooltip.appendText(`: ${describe(entry)}`);
    tooltip.appendMarkdown('  \n');
  }
  tooltip.appendMarkdown('\n');
  tooltip.appendText(vscode.l10n.t('Counts are those of the Sessions view’s last refresh, with its filters; it refreshes while it is visible. Click to open it.'));
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: vscode.l10n.t('{0} running browser sessions', count(summary.running, summary.exact)) };
  item.show();
}

function count(running: number, exact: boolean): string {
  return exact ? formatCount(running) : vscode.l10n.t('{0}+', formatCount(running));
}

function describe(entry: ConnectionRunning): string {
  switch (entry.condition) {
    case 'blocked':
      return vscode.l10n.t('not loaded: its API origin is not allowed');
    case 'loading':
      return vscode.l10n.t('loading…');
    case 'notLoaded':
      return entry.lastRefreshFailed ? vscode.l10n.t('not loaded: the refresh failed') : vscode.l10n.t('not loaded yet');
    case 'loaded': {
      let text = vscode.l10n.t('{0} running', count(entry.running, entry.exact));
      if (entry.loadedAt !== undefined) text += ` · ${vscode.l10n.t('as of {0}', formatClockTime(entry.loadedAt))}`;
      if (entry.lastRefreshFailed) text += ` · ${vscode.l10n.t('the last refresh failed')}`;
      return text;
    }
  }
}

async function notify(notice: FailureNotice, store: SessionStore, treeView: WatchSources['treeView']): Promise<void> {
  const message =
    notice.count === 1
      ? vscode.l10n.t('1 session failed in {0}', notice.label)
      : vscode.l10n.t('{0} sessions failed in {1}', formatCount(notice.count), notice.label);
  const show = vscode.l10n.t('Show');
  const choice = await vscode.window.showWarningMessage(message, show);
  if (choice === show) await reveal(notice, store, treeView);
}

/**
 * The newest of the new failures, selected in the tree (its group expanded); when the data has moved
 * on and none is loaded any more, the connection's failed group; at least the view.
 */
async function reveal(notice: FailureNotice, store: SessionStore, treeView: WatchSources['treeView']): Promise<void> {
  const connection: ConnectionId = notice.connection;
  const state = store.state(connection);
  const failed = state.groups.filter((group) => group.kind === 'failed');
  for (const id of notice.sessionIds) {
    for (const group of failed) {
      const session = group.sessions.find((candidate) => candidate.id === id);
      if (session) {
        await treeView.reveal({ kind: 'session', connection, groupKey: group.key, session }, { select: true, focus: true, expand: true });
        return;
      }
    }
  }
  const group = failed.at(0);
  if (group) await treeView.reveal({ kind: 'group', connection, groupKey: group.key }, { select: true, focus: true, expand: true });
  else await executeCommand(FOCUS_VIEW);
}
