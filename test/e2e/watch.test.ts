// The status bar, the failure notification and Export Sessions… in a real VS Code (code-server):
// a session the server fails during the run is announced, Show selects it in the tree, and an
// export through the save dialog writes the server's rows. Runs the build in dist/.
// Needs `npm run build` first (the `npm test` script does it).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_KEYS, type ContractServer } from '../server/index';
import { TIMEOUTS } from './harness/browser';
import { REPO_ROOT } from './harness/install';
import { expectedCounts, newestFirst, rowLabel, sessionFacts } from './harness/oracle';
import { pollUntil } from './harness/poll';
import { CONTAINER_TITLE, SessionsView } from './harness/sessionsView';
import { E2ESuite, SCENARIO_TIMEOUT_MS, SETUP_TIMEOUT_MS } from './harness/suite';
import { parseCsv } from '../support/csv';

const suite = new E2ESuite('watch');
let server: ContractServer;
let view: SessionsView;

async function expectServerCounts(what: string): Promise<void> {
  await view.waitForCounts('brightData', expectedCounts('brightData', sessionFacts(server, 'brightData')), what);
}

function runningOnServer(): number {
  return server.sessions('brightData').filter((record) => record.status === 'running').length;
}

describe('watch: status bar, failure notification and export in code-server', () => {
  before(
    async () => {
      assert.ok(existsSync(path.join(REPO_ROOT, 'dist', 'extension.js')), 'dist/extension.js is missing: run `npm run build` first');
      await suite.start({
        extension: { kind: 'folder', path: REPO_ROOT },
        settings: { 'browserSessions.pageSize': 10, 'browserSessions.autoRefreshSeconds': 0 },
      });
      server = suite.server;
      view = new SessionsView(suite.browser.workbench);
      await suite.browser.workbench.openSidebar(CONTAINER_TITLE);
      await view.setApiKey('Bright Data', DEFAULT_KEYS.brightData);
      await expectServerCounts('counts once the key is set');
    },
    { timeout: SETUP_TIMEOUT_MS },
  );

  after(() => suite.close());

  test('the status bar counts running sessions; a session failed during the run raises one notification, and Show selects it', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('failure notification', async ({ workbench, page }) => {
      const statusBar = page.locator('.part.statusbar .statusbar-item').filter({ hasText: /\d[\d,]*\+? running$/ }).first();
      await pollUntil(
        async () => (await statusBar.innerText()).trim(),
        (text) => text === `${runningOnServer()} running`,
        { timeoutMs: TIMEOUTS.tree, what: `the status bar to read "${runningOnServer()} running"` },
      );
      await workbench.dismissNotifications();
      // The first load raised nothing, though the data holds failed sessions.
      assert.deepEqual((await workbench.notifications()).filter((text) => /failed in/.test(text)), []);

      const failed = server.addSession('brightData', { status: 'failed', target_url: 'https://failed-during-run.example/' });
      await page.locator('.part.sidebar .title-actions').getByRole('button', { name: 'Refresh' }).click();
      await expectServerCounts('counts with the failed session');
      await workbench.notification(/session failed in Bright Data/).waitFor({ state: 'visible', timeout: TIMEOUTS.tree });
      const message = await workbench.waitForNotification(/session failed in Bright Data/);
      assert.equal(message, '1 session failed in Bright Data');

      await workbench.notification(/session failed in Bright Data/).getByRole('button', { name: 'Show' }).click();
      const newest = newestFirst(sessionFacts(server, 'brightData'), 'failed')[0];
      assert.equal(newest?.id, failed);
      const selected = page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-selected="true"] .label-name');
      await pollUntil(
        async () => (await selected.allInnerTexts()).map((text) => text.trim()),
        (labels) => labels.length === 1 && labels[0] === rowLabel(newest),
        { timeoutMs: TIMEOUTS.tree, what: 'the failed session selected in the tree' },
      );
      await workbench.dismissNotifications();
    }));

  test('Export Sessions… writes every session of the query to the file chosen in the save dialog', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('export', async ({ workbench }) => {
      const target = path.join(suite.codeServer.workspaceDir, 'e2e-export.csv');
      await workbench.runCommand('Browser Sessions: Export Sessions…');
      // One connection has a key, so the first question is the format.
      await workbench.pickQuickItem('CSV');
      // code-server's save dialog is VS Code's simple file dialog: an input box holding a path.
      await workbench.fillSaveDialog(target);
      await workbench.notification(/Exported [\d,]+ sessions to e2e-export\.csv\./).waitFor({ state: 'visible', timeout: TIMEOUTS.tree });
      const done = await workbench.waitForNotification(/Exported [\d,]+ sessions to e2e-export\.csv\./);
      const records = server.sessions('brightData');
      assert.match(done, new RegExp(`^Exported ${records.length.toLocaleString('en-US')} sessions`));

      const [header, ...rows] = parseCsv(await readFile(target, 'utf8'));
      const id = header.indexOf('id');
      const status = header.indexOf('status');
      assert.ok(id >= 0 && status >= 0, header.join(','));
      assert.equal(rows.length, records.length);
      const byId = new Map(records.map((record) => [record.session_id, record.status]));
      assert.deepEqual(rows.map((row) => row[id]).sort(), [...byId.keys()].sort());
      for (const row of rows) assert.equal(row[status], byId.get(row[id]), row[id]);
      // The progress toast closes by itself once the export is done: dismissing it meanwhile races it.
      await workbench.notification('Exporting sessions').waitFor({ state: 'hidden', timeout: TIMEOUTS.action });
      await workbench.dismissNotifications();
    }));
});
