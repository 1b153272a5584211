// The details feature: one panel per session, kept in step with the store, opened by
// `browserSessions.showDetails`.
import * as vscode from 'vscode';
import { sessionRefFromArg } from '../system/args';
import type { Session } from '../providers/types';
import { DetailsPanel } from './panel';
import { registerCommand } from '../system/command';
import { COMMAND } from '../system/ids';

export interface SessionSource {
  /** The freshest copy the store holds, or undefined when it is no longer loaded. */
  findSession(connection: string, id: string): Session | undefined;
  /** As the tree's root shows it. */
  connectionLabel(connection: string): string;
  readonly onDidChange: vscode.Event<void>;
  /** From the palette, with no argument: the selected row, or a pick among the loaded sessions. */
  pickSession?(): Promise<SessionRef | undefined>;
}

/** A session and the connection that listed it: two accounts may hold the same session id. */
export interface SessionRef {
  readonly connection: string;
  readonly session: Session;
}

export interface DetailsPanels {
  show(ref: SessionRef): void;
}

export function registerDetails(context: vscode.ExtensionContext, source: SessionSource): void {
  const panels = new DetailsPanelManager(context.extensionUri, source);
  context.subscriptions.push(
    panels,
    source.onDidChange(() => panels.refresh()),
    registerCommand(COMMAND.showDetails, async (arg?: unknown) => {
      const ref = sessionRefFromArg(arg) ?? (arg === undefined ? await source.pickSession?.() : undefined);
      if (ref) panels.show(ref);
      else void vscode.window.showInformationMessage(vscode.l10n.t('Pick a session in the Browser Sessions view to see its details.'));
    }),
  );
}

function keyOf(connection: string, id: string): string {
  return `${connection}:${id}`;
}

class DetailsPanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, DetailsPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: SessionSource,
  ) {}

  show({ connection, session }: SessionRef): void {
    const key = keyOf(connection, session.id);
    // The store's copy wins when it has one; a session found elsewhere (a search through every page) is shown as given.
    const fresh = this.source.findSession(connection, session.id);
    const existing = this.panels.get(key);
    if (existing) {
      existing.update(fresh ?? session, fresh === undefined);
      existing.reveal();
      return;
    }
    const label = this.source.connectionLabel(connection);
    const panel = DetailsPanel.create(this.extensionUri, { id: connection, label }, fresh ?? session, fresh === undefined);
    this.panels.set(key, panel);
    panel.onDidDispose(() => this.panels.delete(key));
  }

  refresh(): void {
    for (const panel of this.panels.values()) {
      const fresh = this.source.findSession(panel.connection, panel.id);
      if (fresh) panel.update(fresh, false, this.source.connectionLabel(panel.connection));
      else panel.markStale();
    }
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}
