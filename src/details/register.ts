// The details feature: one panel per session, kept in step with the store, opened by
// `browserSessions.showDetails`.
import * as vscode from 'vscode';
import { sessionRefFromArg } from '../system/args';
import type { Session } from '../providers/types';
import { mergeFull } from './fullRecord';
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
  /**
   * Issue 9: the full record by get-one, or undefined when the provider has none or its record
   * holds nothing more than the list's (then no request is made). Rejects when the request fails.
   */
  fetchFull?(connection: string, id: string, signal: AbortSignal): Promise<Session | undefined>;
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

/** Issue 9: a panel showing a full record: the last one fetched, the list copy it was merged with, the request in flight. */
interface FullRecord {
  session?: Session;
  listed?: Session;
  inFlight?: AbortController;
}

class DetailsPanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, DetailsPanel>();
  private readonly full = new Map<string, FullRecord>();

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
    panel.onDidDispose(() => {
      this.panels.delete(key);
      this.full.get(key)?.inFlight?.abort();
      this.full.delete(key);
    });
    if (this.source.fetchFull) {
      this.full.set(key, { listed: fresh ?? session });
      this.fetchFull(key, panel);
    }
  }

  refresh(): void {
    for (const [key, panel] of this.panels) {
      const fresh = this.source.findSession(panel.connection, panel.id);
      const full = this.full.get(key);
      const label = this.source.connectionLabel(panel.connection);
      if (full?.session) panel.update(mergeFull(fresh, full.session), false, label);
      else if (fresh) panel.update(fresh, false, label);
      else panel.markStale();
      // Re-fetched on the store's own cadence: each refresh hands the store a new copy of the session.
      if (full && fresh && fresh !== full.listed) {
        full.listed = fresh;
        if (fresh.statusKind === 'running' || full.session?.statusKind === 'running') this.fetchFull(key, panel);
      }
    }
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
    for (const full of this.full.values()) full.inFlight?.abort();
    this.full.clear();
  }

  /** One request at a time per panel; a newer one replaces an older one still on its way. */
  private fetchFull(key: string, panel: DetailsPanel): void {
    const full = this.full.get(key);
    if (!full || !this.source.fetchFull) return;
    full.inFlight?.abort();
    const controller = new AbortController();
    full.inFlight = controller;
    this.source.fetchFull(panel.connection, panel.id, controller.signal).then(
      (session) => {
        if (controller.signal.aborted || this.full.get(key) !== full) return;
        full.inFlight = undefined;
        // Nothing more to show than the list's record: this panel never asks again.
        if (!session) {
          this.full.delete(key);
          return;
        }
        full.session = session;
        panel.update(mergeFull(this.source.findSession(panel.connection, panel.id) ?? full.listed, session), false);
      },
      // The list's copy stays; the next refresh asks again.
      () => {
        if (full.inFlight === controller) full.inFlight = undefined;
      },
    );
  }
}
