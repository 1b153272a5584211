// The overview webview's HTML shell: a strict CSP, one nonce'd module script, the stylesheet from
// media/ and an empty mount point. Pure apart from the nonce, so the policy is unit-tested without
// VS Code. Not shared with the details panel's shell: the two panels sit in one layer and never
// import each other, and this one needs less (no toolkit, so no fonts and no empty-style hash).

export interface OverviewHtmlInput {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
}

export { createNonce } from '../system/nonce';

const htmlEscapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEscapes[char] ?? char);
}

export function buildOverviewHtml(input: OverviewHtmlInput): string {
  // A ';' or ',' would start a new directive or policy; a quote in the nonce would end its source.
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(input.nonce)) throw new Error('The nonce must be base64 or hex.');
  if (/[;,]/.test(input.cspSource)) throw new Error('The CSP source must not contain ";" or ",".');
  const nonce = escapeHtml(input.nonce);
  const source = escapeHtml(input.cspSource);
  // Charts are SVG built with createElementNS and coloured by classes from the stylesheet, so
  // neither inline styles nor images are needed.
  const csp = ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${source}`].join('; ');
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
