// How both webview panels (details, overview) open: in the active editor column, scripts on, and
// local resources only from the bundles in dist/ and the stylesheets in media/.
import * as vscode from 'vscode';

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
