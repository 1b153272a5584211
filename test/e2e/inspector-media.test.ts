// issue 9 §2–3 end to end: the packaged extension in code-server against the contract server.
// Open Live View opens the running Browserbase session's live URL (as the server hands it out) in a
// new page; Download Recording… saves an Anchor recording, fetched through the 302 to the file
// host, to the path typed into the save dialog, byte for byte, and the file host never sees a key;
// Show Session Logs opens the read-only logs document. Screenshots go to test-results/ (ignored).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEFAULT_KEYS, type ContractServer } from '../server/index';
import { recordingFile } from '../server/inspectData';
import { TIMEOUTS } from './harness/browser';
import { PROVIDER_LABEL } from './harness/oracle';
import { pollUntil } from './harness/poll';
import { CONTAINER_TITLE, SessionsView } from './harness/sessionsView';
import { E2ESuite, packageVsix, SCENARIO_TIMEOUT_MS, SETUP_TIMEOUT_MS } from './harness/suite';

const LIVE_HOST = 'www.browserbase.com';

const suite = new E2ESuite('inspector-media');
let server: ContractServer;
let view: SessionsView;
let runningId = '';
let recordedId = '';
const saveDir = mkdtempSync(path.join(tmpdir(), 'inspector-media-'));

async function freshView(): Promise<void> {
  const { workbench } = suite.browser;
  await workbench.closeQuickInput();
  await workbench.dismissNotifications();
  await workbench.openSidebar(CONTAINER_TITLE);
}

/** Runs a session command from the palette and picks the session by its id (its label: no target). */
async function runOnSession(title: string, sessionId: string): Promise<void> {
  const { workbench } = suite.browser;
  await workbench.runCommand(title);
  await workbench.pickQuickItem(sessionId);
}

describe('inspector media: live view, recording download, logs in code-server', () => {
  before(
    async () => {
      const vsix = await packageVsix();
      await suite.start({
        extension: { kind: 'vsix', path: vsix },
        // The simple dialog is an input box with a path, which a test can type into.
        settings: { 'browserSessions.autoRefreshSeconds': 0, 'files.simpleDialog.enable': true },
        settingsFor: (contract) => ({
          'browserSessions.browserbase.baseUrl': contract.urlFor('browserbase'),
          'browserSessions.anchor.baseUrl': contract.urlFor('anchor'),
        }),
        prepare: (contract) => {
          runningId = contract.addSession('browserbase', { status: 'RUNNING' });
          recordedId = contract.addSession('anchor', { status: 'completed', recording: true, duration: 95 });
        },
      });
      server = suite.server;
      view = new SessionsView(suite.browser.workbench);
      // The live page gets a stub answer: the machine has no internet.
      await suite.browser.context.route(
        (url) => url.hostname === LIVE_HOST,
        (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'live view opened by the e2e test' }),
      );
      const { workbench } = suite.browser;
      await freshView();
      for (const provider of ['browserbase', 'anchor'] as const) {
        await view.setApiKey(PROVIDER_LABEL[provider], DEFAULT_KEYS[provider]);
        await workbench.dismissNotifications();
      }
      // The palette offers the commands once sessions that have them are loaded.
      for (const provider of ['browserbase', 'anchor'] as const) {
        await pollUntil(
          async () => (await view.sectionOf(PROVIDER_LABEL[provider])).root.description,
          (description) => /sessions?$/.test(description),
          { timeoutMs: TIMEOUTS.tree, what: `${PROVIDER_LABEL[provider]} to show a count` },
        );
      }
    },
    { timeout: SETUP_TIMEOUT_MS },
  );

  after(async () => {
    await suite.close();
    rmSync(saveDir, { recursive: true, force: true });
  });

  test('Open Live View opens the running session’s live URL in a new page', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('live view', async (browser) => {
      const { workbench } = browser;
      await freshView();
      // What the API hands out for this session now (the token is the server's, deterministic).
      const debug = await fetch(`${server.urlFor('browserbase')}/v1/sessions/${runningId}/debug`, {
        headers: { 'x-bb-api-key': DEFAULT_KEYS.browserbase },
      });
      const expected = ((await debug.json()) as { debuggerFullscreenUrl: string }).debuggerFullscreenUrl;
      await workbench.runCommand('Browser Sessions: Open Live View');
      const opened = browser.waitForNewPage();
      await workbench.pickQuickItem(runningId);
      const dialog = workbench.dialog();
      await dialog.waitFor({ state: 'visible' });
      await dialog.getByRole('button', { name: 'Open', exact: true }).click();
      const page: Page = await opened;
      await page.waitForURL(() => page.url() !== 'about:blank', { timeout: TIMEOUTS.action }).catch(() => undefined);
      assert.equal(page.url(), new URL(expected).href);
      await page.close();
      const requests = server.requests.filter((request) => request.path.endsWith(`/${runningId}/debug`));
      assert.ok(requests.length >= 2, 'the extension fetched the live URL when asked');
    }));

  test('Download Recording… writes the right bytes to the chosen file', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('download recording', async (browser) => {
      const { workbench } = browser;
      await freshView();
      await runOnSession('Browser Sessions: Download Recording…', recordedId);
      await workbench.pickQuickItem(/\(primary\)/);
      const target = path.join(saveDir, 'saved-recording.mp4');
      await workbench.fillSaveDialog(target);
      await workbench.waitForNotification(/Saved the recording to/);
      const listing = await fetch(`${server.urlFor('anchor')}/v1/sessions/${recordedId}/recordings`, {
        headers: { 'anchor-api-key': DEFAULT_KEYS.anchor },
      });
      const primary = ((await listing.json()) as { data: { items: { id: string; is_primary: boolean }[] } }).data.items.find((item) => item.is_primary);
      assert.ok(primary);
      const saved = readFileSync(target);
      const expected = recordingFile(`anchor/${recordedId}/${primary.id}`);
      assert.ok(saved.length > 100_000 && saved.equals(expected), 'the saved file is not the recording');
      assert.equal(server.fileHost.keyReceived, 0, 'the API key reached the file host');
    }));

  test('Show Session Logs opens the logs as a document', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('logs', async (browser) => {
      await freshView();
      await runOnSession('Browser Sessions: Show Session Logs', runningId);
      const tab = browser.page.locator('.tabs-container .tab').filter({ hasText: `${runningId}.log` });
      await tab.waitFor({ state: 'visible', timeout: TIMEOUTS.action });
      const text = await pollUntil(
        // Monaco renders spaces as no-break spaces.
        async () => (await browser.page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' '),
        (shown) => shown.includes(`# Session ${runningId}:`),
        { timeoutMs: TIMEOUTS.action, what: 'the logs document' },
      );
      assert.match(text, /Page\.navigate/);
      await browser.workbench.runCommand('View: Close All Editors');
    }));
});
