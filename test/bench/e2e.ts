// `npm run bench:e2e`: what a person waits for in a real VS Code (code-server + headless Chromium),
// against the contract server. A script that prints figures, not a test: nothing here asserts times.
//   cold start   code-server spawned → the tree shows "Bright Data 257 sessions"
//   refresh      Refresh clicked → the tree shows the session the server just added
//   details      a session row clicked → its id visible in the details webview
//   panel ratio  from the palette, in the same session: "Show Session Details" (the selected row) →
//                its id visible, against "Bench: Open Bare Webview" (test/bench/bare-webview: one
//                script under the same CSP, a line of text) → that text visible; their ratio
//   activation   the extension's activation time as VS Code's Running Extensions editor reports it
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startContractServer } from '../server/index';
import { launchBrowser, TIMEOUTS, type Browser } from '../e2e/harness/browser';
import { freePort, startCodeServer, type RunningCodeServer } from '../e2e/harness/codeServer';
import { ensureCodeServer, REPO_ROOT } from '../e2e/harness/install';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Figures {
  coldStartMs: number;
  refreshMs: number;
  detailsMs: number;
  paletteDetailsMs: number;
  paletteBareMs: number;
  activation: string;
}

const BARE_WEBVIEW = path.join(REPO_ROOT, 'test', 'bench', 'bare-webview');
const BARE_TEXT = 'bare webview ready';

async function main(): Promise<void> {
  const install = await ensureCodeServer();
  const contract = await startContractServer({ demo: true });
  const settings = {
    'browserSessions.brightData.baseUrl': contract.brightDataUrl,
    'browserSessions.anchor.baseUrl': contract.anchorUrl,
    'browserSessions.autoRefreshSeconds': 0,
  };
  // Keys live in the browser profile: set them once, then every measured run starts with them.
  // A restart that keeps what a person keeps: the browser profile, VS Code's user data and the
  // workspace folder (secrets need all three), and the port (browser storage is per origin).
  const keptDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-e2e-'));
  const profileDir = path.join(keptDir, 'browser');
  const userDataDir = path.join(keptDir, 'user-data');
  const workspaceDir = path.join(keptDir, 'workspace');
  await fs.mkdir(workspaceDir);
  const port = await freePort();
  const start = (): Promise<RunningCodeServer> =>
    startCodeServer({
      install,
      extension: { kind: 'folder', path: REPO_ROOT },
      extraExtensions: [BARE_WEBVIEW],
      settings,
      port,
      userDataDir,
      workspaceDir,
    });
  try {
    await withSession(start, profileDir, async ({ workbench }) => {
      await workbench.openSidebar();
      for (const provider of ['Bright Data', 'Anchor']) {
        await workbench.runCommand('Set API Key…');
        await workbench.pickQuickItem(provider);
        await workbench.fillInput('bench-key');
        await workbench.waitForNotification(`${provider} API key saved.`);
      }
      await workbench.treeItem(/^Bright Data [\d,]+ sessions/).waitFor({ timeout: TIMEOUTS.tree });
    });

    const results: Figures[] = [];
    for (let run = 1; run <= RUNS; run++) {
      let total = contract.sessions('brightData').length;
      const started = performance.now();
      const figures = await withSession(start, profileDir, async ({ workbench, page }) => {
        await workbench.openSidebar();
        await waitForRow(page, sessionsLabel(total), TIMEOUTS.workbench);
        const coldStartMs = performance.now() - started;

        const host = `bench-${run}.example`;
        const id = contract.addSession('brightData', { status: 'running', target_url: `https://${host}/` });
        total++;
        const refreshStarted = performance.now();
        await page.locator('.part.sidebar .title-actions [aria-label="Refresh"]').first().click();
        await waitForRow(page, sessionsLabel(total), TIMEOUTS.tree);
        const refreshMs = performance.now() - refreshStarted;

        const row = workbench.treeItem(host);
        await row.waitFor({ timeout: TIMEOUTS.tree });
        const detailsStarted = performance.now();
        await row.click();
        await waitForWebviewText(page, id, TIMEOUTS.tree);
        const detailsMs = performance.now() - detailsStarted;

        // Both from the palette, each into an empty editor area, so only the panels differ.
        const fromPalette = async (title: string, text: string): Promise<number> => {
          await workbench.runCommand('View: Close All Editors');
          const started = performance.now();
          await workbench.runCommand(title);
          await waitForWebviewText(page, text, TIMEOUTS.tree);
          return performance.now() - started;
        };
        const paletteBareMs = await fromPalette('Bench: Open Bare Webview', BARE_TEXT);
        const paletteDetailsMs = await fromPalette('Show Session Details', id);

        return { coldStartMs, refreshMs, detailsMs, paletteDetailsMs, paletteBareMs, activation: await activationTime(page) };
      });
      results.push(figures);
      console.log(
        `run ${run}: cold start ${ms(figures.coldStartMs)}, refresh ${ms(figures.refreshMs)}, ` +
          `details ${ms(figures.detailsMs)}, details from the palette ${ms(figures.paletteDetailsMs)} vs bare webview ` +
          `${ms(figures.paletteBareMs)}, activation ${figures.activation}`,
      );
    }
    printSummary(results);
  } finally {
    await contract.close();
    await fs.rm(keptDir, { recursive: true, force: true });
  }
}

/** One code-server and one browser on the shared profile, both closed whatever happens. */
async function withSession<T>(
  start: () => Promise<RunningCodeServer>,
  profileDir: string,
  body: (browser: Browser) => Promise<T>,
): Promise<T> {
  const codeServer = await start();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser({ profileDir });
    await browser.workbench.open(codeServer.url);
    return await body(browser);
  } finally {
    await browser?.close();
    await codeServer.stop();
  }
}

/** The little of the DOM the page functions below read (they run in the browser; this file is type-checked without DOM types). */
interface PageDocument {
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
  readonly body: { readonly innerText: string } | null;
}

/** Polls inside the page at every animation frame: Playwright's own waits back off to 500 ms steps, too coarse here. */
async function waitForRow(page: Browser['page'], label: RegExp, timeout: number): Promise<void> {
  await page.waitForFunction(
    (source) => {
      const pattern = new RegExp(source);
      const rows = Array.from((globalThis as unknown as { document: PageDocument }).document.querySelectorAll('.part.sidebar .monaco-list-row[role="treeitem"]'));
      return rows.some((row) => pattern.test(row.getAttribute('aria-label') ?? ''));
    },
    label.source,
    { polling: 'raf', timeout },
  );
}

/** The webview lives in nested frames that appear only once the panel exists: look in every frame but the workbench's. */
async function waitForWebviewText(page: Browser['page'], text: string, timeout: number): Promise<void> {
  const deadline = performance.now() + timeout;
  while (performance.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const found = await frame.evaluate((wanted) => (globalThis as unknown as { document: PageDocument }).document.body?.innerText.includes(wanted) ?? false, text).catch(() => false);
      if (found) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no webview showed "${text}" within ${timeout} ms`);
}

/** Reads our row of "Developer: Show Running Extensions", e.g. "Activation: 41ms". */
async function activationTime(page: Browser['page']): Promise<string> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill('>Developer: Show Running Extensions');
  await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'Show Running Extensions' }).first().click();
  const row = page.locator('.runtime-extensions-editor .monaco-list-row').filter({ hasText: 'Browser Sessions' }).first();
  await row.waitFor({ timeout: TIMEOUTS.action });
  const text = (await row.locator('.activation-time').first().innerText().catch(() => row.innerText())).trim();
  return text.replace(/\s+/g, ' ');
}

function sessionsLabel(total: number): RegExp {
  return new RegExp(`^Bright Data ${new Intl.NumberFormat('en-US').format(total)} sessions`);
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function printSummary(results: Figures[]): void {
  const rows: [string, number[]][] = [
    ['cold start → tree with counts', results.map((r) => r.coldStartMs)],
    ['refresh → tree updated', results.map((r) => r.refreshMs)],
    ['open details → content visible', results.map((r) => r.detailsMs)],
    ['palette: details panel', results.map((r) => r.paletteDetailsMs)],
    ['palette: bare webview', results.map((r) => r.paletteBareMs)],
  ];
  console.log(`\nbench:e2e — ${results.length} runs, code-server + headless Chromium on ${os.cpus().length} cores`);
  console.log('figure                            median      min      max');
  for (const [name, values] of rows) {
    console.log(
      `${name.padEnd(32)} ${ms(median(values)).padStart(8)} ${ms(Math.min(...values)).padStart(8)} ${ms(Math.max(...values)).padStart(8)}`,
    );
  }
  const ratio = median(results.map((r) => r.paletteDetailsMs)) / median(results.map((r) => r.paletteBareMs));
  console.log(`details panel / bare webview     ${ratio.toFixed(2)} × (medians; goal ≤ 1.25)`);
  console.log(`extension activation (VS Code)   ${results.map((r) => r.activation).join(' | ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
