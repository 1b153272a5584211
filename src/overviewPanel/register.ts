// The overview feature: `browserSessions.showOverview` opens one panel (or reveals it) and computes
// the default period. The numbers come from an OverviewSource the composition root passes in.
import type * as vscode from 'vscode';
import type { OverviewSource } from '../shared/overview';
import { registerCommand } from '../system/command';
import { COMMAND } from '../system/ids';
import { DEFAULT_PERIOD, OverviewPanel } from './panel';

export interface OverviewDeps {
  readonly source: OverviewSource;
  /**
   * Events after which an open panel computes its period again, e.g. the filters' onDidChange and
   * a change of connections or keys: "the active filters apply" to what the panel shows.
   */
  readonly refreshOn?: readonly vscode.Event<unknown>[];
}

export function registerOverview(context: vscode.ExtensionContext, deps: OverviewDeps): void {
  let panel: OverviewPanel | undefined;
  context.subscriptions.push(
    registerCommand(COMMAND.showOverview, () => {
      // An open panel is only revealed: a computation can cost many requests, and Refresh is one click.
      if (panel) {
        panel.reveal();
        return;
      }
      const opened = OverviewPanel.create(context.extensionUri, deps.source, () => {
        if (panel === opened) panel = undefined;
      });
      panel = opened;
      opened.compute(DEFAULT_PERIOD);
    }),
    ...(deps.refreshOn ?? []).map((event) => event(() => panel?.compute())),
    { dispose: () => panel?.dispose() },
  );
}
