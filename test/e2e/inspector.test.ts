// Issue 9 (the inspector) end to end: the built extension in code-server, driven by headless
// Chromium, against the contract server. §1: Find Session by ID… makes exactly one request (the
// server's log says so) and opens the details; Open Session as JSON opens the record as a json
// document. §4: Stop Session… asks in a modal naming session and connection, and the session
// leaves Running. Needs `npm run build` first.
//
// Built to be extended (INSPECT2's live view, pages, recordings, logs): one suite, Anchor's key set
// once in `before`, each scenario starting from a fresh view and adding the sessions it needs.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_KEYS, type ContractServer, type RecordedRequest } from '../server/index';
import { TIMEOUTS } from './harness/browser';
import { REPO_ROOT } from './harness/install';
import { expectedCounts, newestFirst, rowLabel, sessionFacts } from './harness/oracle';
import { pollUntil, pollUntilEqual } from './harness/poll';
import { CONTAINER_TITLE, SessionsView } from './harness/sessionsView';
import { E2ESuite, SCENARIO_TIMEOUT_MS, SETUP_TIMEOUT_MS } from './harness/suite';
import { detailsFrame } from './harness/detailsFrame';

/** Small pages, so a session far down the listing is not loaded and Find must ask the API. */
const PAGE_SIZE = 10;
/** Running: the newest session of the Running group, first row, the one Stop Session… ends. */
let toStop = '';

const suite = new E2ESuite('inspector');
let server: ContractServer;
let view: SessionsView;

function requestsSince(mark: number): RecordedRequest[] {
  return server.requests.slice(mark);
}

async function freshView(): Promise<void> {
  const { workbench } = suite.browser;
  await workbench.closeQuickInput();
  await workbench.dismissNotifications();
  await workbench.openSidebar(CONTAINER_TITLE);
}

describe('inspector: one session by id, JSON, stop', () => {
  before(
    async () => {
      assert.ok(existsSync(path.join(REPO_ROOT, 'dist', 'extension.js')), 'dist/extension.js is missing: run `npm run build` first');
      await suite.start({
        extension: { kind: 'folder', path: REPO_ROOT },
        settings: { 'browserSessions.pageSize': PAGE_SIZE, 'browserSessions.autoRefreshSeconds': 0 },
        prepare: (contract) => {
          toStop = contract.addSession('anchor', { status: 'running', domains: ['stop.example.com'] });
        },
      });
      server = suite.server;
      view = new SessionsView(suite.browser.workbench);
      await suite.browser.workbench.openSidebar(CONTAINER_TITLE);
      await suite.browser.workbench.resizeSidebar(480);
      await view.setApiKey('Anchor', DEFAULT_KEYS.anchor);
      await view.waitForCounts('anchor', expectedCounts('anchor', sessionFacts(server, 'anchor')));
    },
    { timeout: SETUP_TIMEOUT_MS },
  );

  after(() => suite.close());

  test('Find Session by ID… makes exactly one request and opens the details', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('find', async ({ workbench, page }) => {
      await freshView();
      // The oldest completed session: far beyond the first page, so it is not loaded.
      const completed = newestFirst(sessionFacts(server, 'anchor'), 'completed');
      const wanted = completed[completed.length - 1];
      assert.ok(wanted && completed.length > PAGE_SIZE);
      await server.settled();
      const mark = server.requests.length;
      await workbench.runCommand('Browser Sessions: Find Session by ID…');
      await workbench.fillInput(wanted.id);
      const frame = await detailsFrame(page, wanted.id);
      await server.settled();
      assert.deepEqual(
        requestsSince(mark).map((request) => `${request.method} ${request.path}`),
        [`GET /v1/sessions/${wanted.id}`],
        'one get-one request, no scan, no second fetch by the panel',
      );
      // The full record's extra fields are shown (Anchor's detail has team_id and configuration).
      await pollUntil(
        async () => String(await frame.evaluate('document.body.innerText')),
        (text) => text.includes('team_id') && text.includes('configuration'),
        { timeoutMs: TIMEOUTS.action, what: 'the full record’s fields in the panel' },
      );
    }));

  test('Open Session as JSON opens the record as a json document', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('json', async ({ workbench, page }) => {
      await freshView();
      const row = await view.sessionRowLocator('anchor', 'Running', 0);
      await pollUntilEqual(() => view.sessionLabels('anchor', 'Running').then((labels) => labels[0]), rowLabel(sessionFacts(server, 'anchor').find((s) => s.id === toStop)!), {
        timeoutMs: TIMEOUTS.tree,
        what: 'the session to stop as the first running row',
      });
      await workbench.rowContextMenu(row, 'Open Session as JSON');
      await workbench.editorTab(`${toStop}.json`).waitFor({ state: 'visible', timeout: TIMEOUTS.action });
      const text = await pollUntil(
        () => page.locator('.part.editor .monaco-editor .view-lines').first().innerText(),
        (lines) => lines.includes(toStop),
        { timeoutMs: TIMEOUTS.action, what: 'the record in the JSON document' },
      );
      assert.match(text.replace(/\u00a0/g, ' '), /"session_id": "/);
      // The status bar names the active editor's language.
      await page
        .locator('.part.statusbar .statusbar-item')
        .filter({ hasText: /^\s*JSON\s*$/ })
        .first()
        .waitFor({ state: 'visible', timeout: TIMEOUTS.action });
    }));

  test('Stop Session… asks in a modal naming session and connection, then the session leaves Running', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('stop', async ({ workbench }) => {
      await freshView();
      const row = await view.sessionRowLocator('anchor', 'Running', 0);
      await workbench.rowContextMenu(row, 'Stop Session…');
      const dialog = workbench.dialog();
      await dialog.waitFor({ state: 'visible' });
      const question = await dialog.innerText();
      assert.match(question, new RegExp(`${toStop}.*Anchor`, 's'));
      const mark = server.requests.length;
      await dialog.getByRole('button', { name: 'Stop Session', exact: true }).click();
      const label = rowLabel(sessionFacts(server, 'anchor').find((s) => s.id === toStop)!);
      await pollUntil(
        () => view.sessionLabels('anchor', 'Running'),
        (labels) => !labels.includes(label),
        { timeoutMs: TIMEOUTS.tree, what: 'the stopped session to leave Running' },
      );
      const stops = requestsSince(mark).filter((request) => request.method === 'DELETE');
      assert.deepEqual(stops.map((request) => request.path), [`/v1/sessions/${toStop}`]);
      assert.equal(server.sessions('anchor').find((record) => record.id === toStop)?.status, 'completed');
    }));
});
