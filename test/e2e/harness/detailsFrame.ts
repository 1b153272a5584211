// The webview document that shows a session's details (VS Code nests it in two iframes).
import type { Frame, Page } from 'playwright-core';
import { TIMEOUTS } from './browser';
import { pollUntil } from './poll';

export async function detailsFrame(page: Page, sessionId: string): Promise<Frame> {
  return pollUntil(
    async () => {
      for (const frame of page.frames()) {
        const shown = await frame.evaluate('document.querySelector(".session-id")?.textContent ?? null').catch(() => null);
        if (shown === sessionId) return frame;
      }
      return undefined;
    },
    (frame) => frame !== undefined,
    { timeoutMs: TIMEOUTS.tree, what: `the details webview of ${sessionId}` },
  ) as Promise<Frame>;
}
