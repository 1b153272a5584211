// How the extension copes in a real VS Code (code-server) when things go wrong or change under it:
// a refused API key, a server error with Retry, and auto-refresh picking up a new session while the
// view is open. Runs the build in dist/ (the sessions suite covers the packaged .vsix).
// Needs `npm run build` first (the `npm test` script does it).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_KEYS, type ContractServer, type ProviderId } from '../server/index';
import { TIMEOUTS } from './harness/browser';
import { REPO_ROOT } from './harness/install';
import { expectedCounts, newestFirst, rowLabel, sessionFacts } from './harness/oracle';
import { pollUntil, pollUntilEqual } from './harness/poll';
import { CONTAINER_TITLE, SessionsView } from './harness/sessionsView';
import { E2ESuite, SCENARIO_TIMEOUT_MS, SETUP_TIMEOUT_MS } from './harness/suite';

const PAGE_SIZE = 10;
/** Long enough that a tick is never mistaken for the refresh under test, short enough to wait for. */
const AUTO_REFRESH_SECONDS = 2;

const suite = new E2ESuite('resilience');
let server: ContractServer;
let view: SessionsView;

async function expectServerCounts(provider: ProviderId, what: string): Promise<void> {
  await view.waitForCounts(provider, expectedCounts(provider, sessionFacts(server, provider)), what);
}

async function noticeLabels(provider: ProviderId): Promise<{ label: string; description: string }[]> {
  return (await view.notices(provider)).map(({ label, description }) => ({ label, description }));
}

/**
 * Changes a number setting in the Settings editor, as a person would, and waits until VS Code has
 * saved it. (code-server 4.139 does not notice a settings.json edited behind its back.)
 */
async function changeSetting(key: string, value: number): Promise<void> {
  const { workbench, page } = suite.browser;
  await workbench.runCommand('Preferences: Open Settings (UI)');
  const search = page.locator('.settings-editor .settings-header .suggest-input-container');
  await search.click();
  await page.keyboard.type(key);
  const input = page.locator(`.settings-editor .setting-item-contents[data-key="${key}"] input`);
  await input.fill(String(value));
  const settingsFile = path.join(suite.codeServer.userDataDir, 'User', 'settings.json');
  await pollUntil(
    async () => (JSON.parse(await readFile(settingsFile, 'utf8')) as Record<string, unknown>)[key],
    (saved) => saved === value,
    { timeoutMs: TIMEOUTS.action, what: `${key} = ${value} in settings.json` },
  );
  await input.press('Escape');
  await workbench.runCommand('View: Close All Editors');
  await page.locator('.settings-editor').waitFor({ state: 'hidden' });
}

describe('resilience: errors, retry and auto-refresh in code-server', () => {
  before(
    async () => {
      assert.ok(existsSync(path.join(REPO_ROOT, 'dist', 'extension.js')), 'dist/extension.js is missing: run `npm run build` first');
      await suite.start({
        extension: { kind: 'folder', path: REPO_ROOT },
        settings: { 'browserSessions.pageSize': PAGE_SIZE, 'browserSessions.autoRefreshSeconds': 0 },
      });
      server = suite.server;
      view = new SessionsView(suite.browser.workbench);
      await suite.browser.workbench.openSidebar(CONTAINER_TITLE);
      await view.setApiKey('Bright Data', DEFAULT_KEYS.brightData);
      await view.setApiKey('Anchor', DEFAULT_KEYS.anchor);
      await expectServerCounts('brightData', 'counts once keys are set');
      await expectServerCounts('anchor', 'counts once keys are set');
    },
    { timeout: SETUP_TIMEOUT_MS },
  );

  after(() => suite.close());

  test('a refused key shows an error item with Set API Key…; setting the right key recovers', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('refused key', async ({ workbench }) => {
      await view.setApiKey('Anchor', 'not-the-anchor-key');
      const [refused] = await pollUntil(
        () => noticeLabels('anchor'),
        (notices) => notices.length === 1 && notices[0].description === 'Set API Key…',
        { timeoutMs: TIMEOUTS.tree, what: 'Anchor’s refused-key item' },
      );
      assert.match(refused.label, /^Anchor refused the API key \(401 on GET \/v1\/sessions\)\./);
      assert.deepEqual((await view.counts('anchor')).groups, [], 'sessions listed with the old key linger under the refused one');
      await expectServerCounts('brightData', 'counts, untouched by Anchor’s key');

      // The error item itself runs Set API Key… for its provider: no provider pick, straight to the key.
      const [row] = await view.notices('anchor');
      await view.rowLocator(row).click();
      await view.enterKey('Anchor', DEFAULT_KEYS.anchor);
      await expectServerCounts('anchor', 'counts with the right key');
      assert.deepEqual(await noticeLabels('anchor'), []);
      await workbench.dismissNotifications();
    }));

  test('a server error keeps the last good counts beside a Retry item; Retry recovers once the server does', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('server error', async ({ workbench, page }) => {
      const lastGood = await view.counts('brightData');
      assert.deepEqual(lastGood, expectedCounts('brightData', sessionFacts(server, 'brightData')));

      server.setFault('brightData', { status: 500 });
      await page.locator('.part.sidebar .title-actions').getByRole('button', { name: 'Refresh' }).click();
      await pollUntilEqual(
        () => noticeLabels('brightData'),
        [{ label: 'Bright Data had a server error (500 on GET /browser_sessions).', description: 'Retry' }],
        { timeoutMs: TIMEOUTS.tree, what: 'Bright Data’s Retry item' },
      );
      assert.deepEqual(await view.counts('brightData'), lastGood, 'the last good counts are gone');
      await expectServerCounts('anchor', 'counts, untouched by Bright Data’s error');

      server.clearFaults();
      const mark = server.requests.length;
      const [retry] = await view.notices('brightData');
      await view.rowLocator(retry).click();
      await pollUntilEqual(() => noticeLabels('brightData'), [], { timeoutMs: TIMEOUTS.tree, what: 'the Retry item to go' });
      await expectServerCounts('brightData', 'counts after Retry');
      assert.ok(
        server.requests.slice(mark).some((request) => request.provider === 'brightData'),
        'Retry sent no request to Bright Data',
      );
      await workbench.dismissNotifications();
    }));

  test('auto-refresh picks up a session the server adds while the view is open', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('auto-refresh', async ({ workbench, page }) => {
      // The extension only auto-refreshes while `vscode.window.state.focused`, which VS Code reads
      // from the page's focus; emulated focus makes that true whatever the headless browser reports.
      await workbench.emulateFocus();
      assert.equal(await page.evaluate('document.hasFocus()'), true, 'the workbench page does not have focus');
      await workbench.openSidebar(CONTAINER_TITLE);
      await view.setGroupExpanded('brightData', 'Running', true);

      await changeSetting('browserSessions.autoRefreshSeconds', AUTO_REFRESH_SECONDS);
      const runningBefore = (await view.groupRow('brightData', 'Running')).description;
      const added = server.addSession('brightData', { status: 'running', target_url: 'https://auto-refresh.example.net/' });
      const running = newestFirst(sessionFacts(server, 'brightData'), 'running');
      assert.equal(running[0]?.id, added);
      assert.equal(running.length, Number(runningBefore.replace(/,/g, '')) + 1);

      // Nothing is clicked from here on: only the timer can bring the new session in.
      await expectServerCounts('brightData', 'counts with the added session');
      await pollUntil(
        () => view.sessionLabels('brightData', 'Running'),
        (labels) => labels[0] === rowLabel(running[0]),
        { timeoutMs: TIMEOUTS.tree, what: 'the added session at the top of Running' },
      );
      await changeSetting('browserSessions.autoRefreshSeconds', 0);
    }));
});
