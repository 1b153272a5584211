// The overview webview's HTML shell: a strict CSP, one nonce'd module script, the stylesheet from
// media/ and an empty mount point. Pure apart from the nonce, so the policy is unit-tested without
// VS Code. The document around the policy is the details panel's (system/webviewHtml.ts); this
// policy needs less (no toolkit, so no fonts and no empty-style hash).

import { assertCspSafe, escapeHtml, webviewDocument } from '../system/webviewHtml';

export interface OverviewHtmlInput {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
}

export { createNonce } from '../system/webviewHtml';

export function buildOverviewHtml(input: OverviewHtmlInput): string {
  assertCspSafe(input.nonce, input.cspSource);
  const nonce = escapeHtml(input.nonce);
  const source = escapeHtml(input.cspSource);
  // Charts are SVG built with createElementNS and coloured by classes from the stylesheet, so
  // neither inline styles nor images are needed.
  const csp = ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${source}`];
  return webviewDocument({ csp, nonce, scriptUri: input.scriptUri, styleUri: input.styleUri, title: input.title });
}
