// The host API the overview webview gets: it can post only the overview protocol's messages, and
// keeps the connection it shows across reloads in the webview's own state.
import type { OverviewWebviewToHost } from '../shared/overviewProtocol';

export interface OverviewApi {
  postMessage(message: OverviewWebviewToHost): void;
  getState(): unknown;
  setState(state: { readonly connection: string }): void;
}

declare function acquireVsCodeApi(): OverviewApi;

/** VS Code allows one call per page load, so overview.ts calls this once. */
export function connectToHost(): OverviewApi {
  return acquireVsCodeApi();
}
