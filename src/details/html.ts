// The details webview's HTML shell: a strict CSP, one nonce'd module script and an empty mount
// point. Pure apart from the nonce's randomness, so the policy is unit-tested without VS Code.

export interface DetailsHtmlInput {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Comes from session data: escaped like everything else. */
  readonly title: string;
}

export { createNonce } from '../system/nonce';

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
function assertCspSafe(nonce: string, cspSource: string): void {
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(nonce)) throw new Error('The nonce must be base64 or hex.');
  if (/[;,]/.test(cspSource)) throw new Error('The CSP source must not contain ";" or ",".');
}

/**
 * The SHA-256 of the empty string. FAST (under the toolkit) probes for :focus-visible at load by
 * appending an empty <style> and inserting a rule through the CSSOM; without this source the probe
 * is a logged CSP violation and focus rings fall back to plain :focus. The hash admits an inline
 * <style> whose text is empty and nothing else: no style attributes, no <style> with content.
 */
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

export function buildDetailsHtml(input: DetailsHtmlInput): string {
  assertCspSafe(input.nonce, input.cspSource);
  const nonce = escapeHtml(input.nonce);
  const source = escapeHtml(input.cspSource);
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${source} ${EMPTY_STYLE_HASH}`,
    `font-src ${source}`,
    `img-src ${source} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>${escapeHtml(input.title)}</title>
</head>
<body>
<main id="app"></main>
<script type="module" nonce="${nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>
`;
}
