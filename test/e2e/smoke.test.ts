// The built extension in a real VS Code (code-server) driven by headless Chromium: it installs,
// contributes its activity-bar container and view, and its tree shows both providers.
// Needs `npm run build` first (the `npm test` script does it); installs code-server on first use.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_KEYS, startContractServer, type ContractServer } from '../server/index';
import { launchBrowser, type Browser } from './harness/browser';
import { startCodeServer, type RunningCodeServer } from './harness/codeServer';
import { ensureCodeServer, log, REPO_ROOT } from './harness/install';
import { MANIFEST } from '../unit/support/manifest';

const CONTAINER_TITLE = 'Browser Sessions';
const FAILURE_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');
/** A cold install downloads ~617 MB and compiles native modules. */
const SETUP_TIMEOUT_MS = 15 * 60_000;

interface Manifest {
  contributes: { views: Record<string, Array<{ id: string; name: string }>> };
}

function sessionsViewName(): string {
  // Resolved through package.nls.json: the view's name in package.json is a `%key%`.
  const manifest = MANIFEST as Manifest;
  const view = manifest.contributes.views['browserSessions']?.find((candidate) => candidate.id === 'browserSessions.sessions');
  assert.ok(view, 'package.json contributes no browserSessions.sessions view in the browserSessions container');
  return view.name;
}

describe('smoke: Browser Sessions in code-server', () => {
  let contract: ContractServer | undefined;
  let codeServer: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let failed = false;

  /** Runs a scenario and, when it fails, leaves a screenshot and code-server's log behind. */
  async function scenario(name: string, body: (browser: Browser) => Promise<void>): Promise<void> {
    assert.ok(browser, 'setup did not finish');
    try {
      await body(browser);
    } catch (error) {
      failed = true;
      const shot = path.join(FAILURE_DIR, `smoke-${name.replace(/\W+/g, '-')}.png`);
      await browser.workbench.screenshot(shot).catch(() => undefined);
      log(`"${name}" failed; screenshot ${shot}; code-server log ${codeServer?.logFile}`);
      throw error;
    }
  }

  before(
    async () => {
      assert.ok(existsSync(path.join(REPO_ROOT, 'dist', 'extension.js')), 'dist/extension.js is missing: run `npm run build` first');
      const install = await ensureCodeServer();
      contract = await startContractServer();
      codeServer = await startCodeServer({
        install,
        extension: { kind: 'folder', path: REPO_ROOT },
        settings: {
          'browserSessions.brightData.baseUrl': contract.brightDataUrl,
          'browserSessions.anchor.baseUrl': contract.anchorUrl,
          'browserSessions.autoRefreshSeconds': 0,
        },
      });
      browser = await launchBrowser();
      await browser.workbench.open(codeServer.url);
    },
    { timeout: SETUP_TIMEOUT_MS },
  );

  after(async () => {
    await browser?.close();
    await codeServer?.stop({ keepLog: failed });
    await contract?.close();
  });

  test('the Browser Sessions container appears in the activity bar', () =>
    scenario('activity bar', async ({ workbench }) => {
      const item = workbench.activityBarItem(CONTAINER_TITLE);
      await item.waitFor({ state: 'visible' });
      assert.equal(await item.locator('a.action-label').getAttribute('aria-label'), CONTAINER_TITLE);
    }));

  test('opening it shows the Sessions view', () =>
    scenario('sessions view', async ({ workbench, page }) => {
      await workbench.openSidebar(CONTAINER_TITLE);
      // The viewlet's DOM id is the container id, so a renamed title cannot hide a wrong container.
      const container = page.locator('.part.sidebar [id="workbench.view.extension.browserSessions"]');
      await container.waitFor({ state: 'visible' });
      const viewName = sessionsViewName();
      const header = container.locator('.pane-header').first();
      assert.equal(await header.getAttribute('aria-label'), `${viewName} Section`);
      assert.match(await workbench.sidebarTitle(CONTAINER_TITLE).innerText(), new RegExp(`${viewName}$`, 'i'));
    }));

  test('without keys it offers Set API Key…; with both keys set its tree shows a root for each provider', () =>
    scenario('provider roots', async ({ workbench, page }) => {
      await workbench.openSidebar(CONTAINER_TITLE);
      await page.locator('.part.sidebar .welcome-view-content').getByRole('button', { name: 'Set API Key…' }).waitFor({ state: 'visible' });

      for (const [provider, key] of [['Bright Data', DEFAULT_KEYS.brightData], ['Anchor', DEFAULT_KEYS.anchor]] as const) {
        await workbench.runCommand('Set API Key…');
        await workbench.pickQuickItem(provider);
        await workbench.fillInput(key);
        await workbench.waitForNotification(`${provider} API key saved.`);
      }

      await workbench.waitForTreeItems('Bright Data', 'Anchor');
      const roots = (await workbench.visibleTreeLabels()).filter((label) => label === 'Bright Data' || label === 'Anchor');
      assert.deepEqual(roots, ['Bright Data', 'Anchor']);
      await workbench.screenshot(path.join(REPO_ROOT, 'test-results', 'e2e', 'smoke-view-open.png'));
    }));
});
