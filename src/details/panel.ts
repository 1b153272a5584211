// One webview panel showing one session. It posts nothing before the webview says `ready`, posts a
// snapshot whenever it differs from the last one the webview received, and runs requests through
// the tree's commands.
import type * as vscode from 'vscode';
import type { Session } from '../providers/types';
import { isWebviewMessage, type HostToWebview } from '../shared/protocol';
import { commandFor, type PanelRequest } from './actions';
import { buildDetailsHtml } from './html';
import { createWebviewPanel, panelAssets, watchPanel } from '../system/webviewPanel';
import { buildSnapshot, panelTitle, type SnapshotConnection } from './snapshot';
import { executeCommand, isCommandFailure } from '../system/command';
import { errorMessage } from '../providers/errors';

export const DETAILS_VIEW_TYPE = 'browserSessions.details';

export class DetailsPanel {
  readonly connection: string;
  readonly id: string;
  private session: Session;
  private stale: boolean;
  /** The webview has announced itself since it was last (re)loaded; until then posts would be lost. */
  private ready = false;
  private lastPosted: string | undefined;
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  static create(extensionUri: vscode.Uri, connection: SnapshotConnection, session: Session, stale: boolean): DetailsPanel {
    const panel = createWebviewPanel(DETAILS_VIEW_TYPE, panelTitle(session), extensionUri);
    return new DetailsPanel(panel, extensionUri, connection, session, stale);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private connectionInfo: SnapshotConnection,
    session: Session,
    stale: boolean,
  ) {
    this.connection = connectionInfo.id;
    this.id = session.id;
    this.session = session;
    this.stale = stale;
    this.subscriptions.push(
      ...watchPanel(panel, {
        receive: (message) => this.receive(message),
        hidden: () => (this.ready = false),
        disposed: () => this.release(),
      }),
    );
    panel.webview.html = buildDetailsHtml({
      ...panelAssets(panel.webview, extensionUri, 'webview.js', 'details.css'),
      title: panelTitle(session),
    });
  }

  get onDidDispose(): vscode.Event<void> {
    return this.panel.onDidDispose;
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** The store's current copy, or the last one with `stale` when the store no longer holds it. */
  update(session: Session, stale: boolean, label?: string): void {
    if (this.disposed) return;
    if (label !== undefined) this.connectionInfo = { id: this.connection, label };
    this.session = session;
    this.stale = stale;
    const title = panelTitle(session);
    if (this.panel.title !== title) this.panel.title = title;
    this.postSnapshot();
  }

  /** Keeps showing the last copy, with a note that the store no longer holds it. */
  markStale(): void {
    this.update(this.session, true);
  }

  /** Closes the panel; its onDidDispose then releases everything. */
  dispose(): void {
    if (!this.disposed) this.panel.dispose();
  }

  private release(): void {
    this.disposed = true;
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private postSnapshot(): void {
    if (!this.ready) return;
    const message: HostToWebview = { type: 'snapshot', session: buildSnapshot(this.session, new Date(), this.connectionInfo), stale: this.stale };
    const serialised = JSON.stringify(message);
    if (serialised === this.lastPosted) return;
    this.lastPosted = serialised;
    this.post(message);
  }

  private post(message: HostToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private receive(message: unknown): void {
    if (this.disposed || !isWebviewMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.lastPosted = undefined;
      this.postSnapshot();
      return;
    }
    void this.run(message);
  }

  private async run(request: PanelRequest): Promise<void> {
    const call = commandFor(request, this.session, this.connection);
    if (!call) return;
    try {
      const result = await executeCommand(call.command, ...call.args);
      if (isCommandFailure(result)) this.post({ type: 'result', requestId: request.requestId, ok: false, message: result.message });
      else this.post({ type: 'result', requestId: request.requestId, ok: true, message: call.successMessage });
    } catch (error) {
      const message = errorMessage(error);
      this.post({ type: 'result', requestId: request.requestId, ok: false, message });
    }
  }
}
