// How both webview panels (details, overview) open: in the active editor column, scripts on, and
// local resources only from the bundles in dist/ and the stylesheets in media/.
import * as vscode from 'vscode';
import { createNonce } from './webviewHtml';

export function createWebviewPanel(viewType: string, title: string, extensionUri: vscode.Uri): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(
    viewType,
    title,
    { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
    {
      enableScripts: true,
      enableFindWidget: true,
      // Each webview re-sends `ready` after being hidden and shown, and gets its state again.
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    },
  );
}

/** A panel's events, as both panels handle them. */
export interface PanelEvents {
  /** A message from the webview, not yet validated. */
  receive(message: unknown): void;
  /** The panel was hidden: its webview is rebuilt when shown and says `ready` again; post nothing until then. */
  hidden(): void;
  disposed(): void;
}

/** Subscribes `events` to the panel; the caller disposes what it returns when the panel is disposed. */
export function watchPanel(panel: vscode.WebviewPanel, events: PanelEvents): vscode.Disposable[] {
  return [
    panel.webview.onDidReceiveMessage((message: unknown) => events.receive(message)),
    panel.onDidChangeViewState(() => {
      if (!panel.visible) events.hidden();
    }),
    panel.onDidDispose(() => events.disposed()),
  ];
}

/** What a panel's document names under its CSP: a fresh nonce, its bundle `dist/<script>` and its stylesheet `media/<style>`. */
export function panelAssets(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  script: string,
  style: string,
): { cspSource: string; nonce: string; scriptUri: string; styleUri: string } {
  return {
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', script)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', style)).toString(),
  };
}
