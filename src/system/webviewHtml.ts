// What both webview panels' HTML shells share: the nonce, escaping, the checks that keep a CSP
// intact, and the document around one nonce'd module script. Each panel keeps its own policy.

/**
 * 18 random bytes in base64: 144 bits, and base64 of a multiple of 3 bytes has no '=' padding.
 * node:crypto is taken when the first panel opens, not when the extension loads: requiring it
 * costs several milliseconds of activation in a fresh process.
 */
export function createNonce(): string {
  return process.getBuiltinModule('node:crypto').randomBytes(18).toString('base64');
}

const htmlEscapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEscapes[char] ?? char);
}

/**
 * Escaping keeps the HTML intact but not the policy: a ';' would start a new directive, a ',' a
 * second policy, and a quote in the nonce would end its source expression. VS Code's cspSource is
 * itself a list such as "'self' https://*.vscode-cdn.net", so quotes and spaces are fine there.
 */
export function assertCspSafe(nonce: string, cspSource: string): void {
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(nonce)) throw new Error('The nonce must be base64 or hex.');
  if (/[;,]/.test(cspSource)) throw new Error('The CSP source must not contain ";" or ",".');
}

export interface WebviewDocument {
  /** The policy's directives, already built from escaped parts. */
  readonly csp: readonly string[];
  /** Escaped. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** May come from session data: escaped here like the URIs. */
  readonly title: string;
}

export function webviewDocument(input: WebviewDocument): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${input.csp.join('; ')}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>${escapeHtml(input.title)}</title>
</head>
<body>
<main id="app"></main>
<script type="module" nonce="${input.nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>
`;
}
