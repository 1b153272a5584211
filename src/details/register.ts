// The details feature: one panel per session, kept in step with the store, opened by
// `browserSessions.showDetails`.
import * as vscode from 'vscode';
import { sessionFromArg } from '../system/args';
import type { ProviderId, Session } from '../providers/types';
import { DetailsPanel } from './panel';
import { registerCommand } from '../system/command';
import { COMMAND } from '../system/ids';

export interface SessionSource {
  /** The freshest copy the store holds, or undefined when it is no longer loaded. */
  findSession(provider: ProviderId, id: string): Session | undefined;
  readonly onDidChange: vscode.Event<void>;
  /** From the palette, with no argument: the selected row, or a pick among the loaded sessions. */
  pickSession?(): Promise<Session | undefined>;
}

export function registerDetails(context: vscode.ExtensionContext, source: SessionSource): void {
  const panels = new DetailsPanelManager(context.extensionUri, source);
  context.subscriptions.push(
    panels,
    source.onDidChange(() => panels.refresh()),
    registerCommand(COMMAND.showDetails, async (arg?: unknown) => {
      const session = sessionFromArg(arg) ?? (arg === undefined ? await source.pickSession?.() : undefined);
      if (session) panels.show(session);
      else void vscode.window.showInformationMessage('Pick a session in the Browser Sessions view to see its details.');
    }),
  );
}

function keyOf(provider: ProviderId, id: string): string {
  return `${provider}:${id}`;
}

class DetailsPanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, DetailsPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: SessionSource,
  ) {}

  show(session: Session): void {
    const key = keyOf(session.provider, session.id);
    // The store's copy wins when it has one; a session found elsewhere (a search through every page) is shown as given.
    const fresh = this.source.findSession(session.provider, session.id);
    const existing = this.panels.get(key);
    if (existing) {
      existing.update(fresh ?? session, fresh === undefined);
      existing.reveal();
      return;
    }
    const panel = DetailsPanel.create(this.extensionUri, fresh ?? session, fresh === undefined);
    this.panels.set(key, panel);
    panel.onDidDispose(() => this.panels.delete(key));
  }

  refresh(): void {
    for (const panel of this.panels.values()) {
      const fresh = this.source.findSession(panel.provider, panel.id);
      if (fresh) panel.update(fresh, false);
      else panel.markStale();
    }
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}
