// bench:e2e's yardstick: what any webview panel costs in this VS Code (creating the panel, the iframes,
// one nonce'd module script from the extension's folder) with nothing of ours in it. Plain JS so it
// needs no build; the policy is the details panel's minus what only the toolkit needs.
const { randomBytes } = require('node:crypto');
const vscode = require('vscode');

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.commands.registerCommand('benchBareWebview.open', () => {
      const panel = vscode.window.createWebviewPanel('benchBareWebview', 'Bare webview', vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [context.extensionUri],
      });
      const nonce = randomBytes(18).toString('base64');
      const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'bare.js'));
      const source = panel.webview.cspSource;
      panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src ${source}; font-src ${source}; img-src ${source} data:">
</head><body><main id="app"></main><script type="module" nonce="${nonce}" src="${script}"></script></body></html>`;
    }),
  );
};
