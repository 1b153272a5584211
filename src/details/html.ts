// The details webview's HTML shell: a strict CSP, one nonce'd module script and an empty mount
// point (the document itself: system/webviewHtml.ts). Pure, so the policy is unit-tested without VS Code.

import { assertCspSafe, escapeHtml, webviewDocument } from '../system/webviewHtml';

export interface DetailsHtmlInput {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Comes from session data: escaped like everything else. */
  readonly title: string;
}

export { createNonce, escapeHtml } from '../system/webviewHtml';

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
  ];
  return webviewDocument({ csp, nonce, scriptUri: input.scriptUri, styleUri: input.styleUri, title: input.title });
}
