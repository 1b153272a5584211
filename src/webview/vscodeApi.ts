// The one host API a webview gets. Declared here rather than pulled from a types package so the
// webview can only ever post the protocol's messages.
import type { WebviewToHost } from '../shared/protocol';

export interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** VS Code allows one call per page load, so main.ts calls this once and passes the result on. */
export function connectToHost(): VsCodeApi {
  return acquireVsCodeApi();
}
