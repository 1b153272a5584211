// The overview panel of the packaged extension in code-server, against the contract server: it shows
// the counts the server's own records give for the period the panel names, hostile domains and
// error codes only as text with no script run and no CSP refusal, the period picker recomputes,
// and a provider that fails shows its error in its place while the other still draws. The page
// is read through stable hooks of the webview (src/webview/overviewRender.ts): `time.from`/`time.to`/
// `time.generated` carry the report's ISO bounds, `article[data-connection=<id>]` holds one
// connection, `.chart-<id> table` each chart's numbers.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { DEFAULT_KEYS, HOSTILE, type ContractServer, type ProviderId } from '../server/index';
import { TIMEOUTS } from './harness/browser';
import { REPO_ROOT } from './harness/install';
import { PROVIDER_LABEL, sessionFacts, type SessionFacts } from './harness/oracle';
import { pollUntil } from './harness/poll';
import { CONTAINER_TITLE, SessionsView } from './harness/sessionsView';
import { E2ESuite, packageVsix, SCENARIO_TIMEOUT_MS, SETUP_TIMEOUT_MS } from './harness/suite';

const SCREENSHOTS = path.resolve(REPO_ROOT, process.env['SCREENSHOTS_DIR'] ?? path.join('test-results', 'screenshots'));
const PROVIDERS: readonly ProviderId[] = ['brightData', 'anchor'];
/**
 * Added to Anchor sessions. The data has 7 generated domains and the hostile fixture's 2, so with
 * this one every domain fits in the top 10, and the count is exact.
 */
const HOSTILE_DOMAIN = `<img src=x onerror="${HOSTILE.marker}=1">`;
const HOSTILE_DOMAIN_SESSIONS = 25;
/** Bright Data's failed hostile session's error code: one of five codes, so always in the top 10. */
const HOSTILE_ERROR_CODE = HOSTILE.brightData.failed.error.code;
/** A report can take a while: every connection is listed up to the scan cap. */
const REPORT_TIMEOUT_MS = 90_000;

/** The picker's values for all connections added together and for each one (src/webview/overviewRender.ts). */
const ALL = '*all';
const EACH = '*each';

const suite = new E2ESuite('overview');
let server: ContractServer;

/** Runs an expression in the webview document and returns its JSON result (the test's types have no DOM). */
async function read<T>(frame: Frame, expression: string): Promise<T> {
  return JSON.parse(String(await frame.evaluate(`JSON.stringify(${expression})`))) as T;
}

/** The overview's webview document (VS Code nests it in two iframes). */
async function overviewFrame(page: Page): Promise<Frame> {
  return pollUntil(
    async () => {
      for (const frame of page.frames()) {
        const found = await frame.evaluate('document.querySelector("select.connection-picker") !== null').catch(() => false);
        if (found === true) return frame;
      }
      return undefined;
    },
    (frame) => frame !== undefined,
    { timeoutMs: TIMEOUTS.tree, what: 'the overview webview' },
  ) as Promise<Frame>;
}

interface Bounds {
  readonly from: string;
  readonly to: string;
  readonly generated: string;
}

/** Waits until a report other than `previous` is drawn and nothing is computing; returns its bounds. */
async function waitForReport(frame: Frame, previous?: string): Promise<Bounds> {
  const bounds = await pollUntil(
    () =>
      read<Bounds | null>(
        frame,
        `(() => {
          const at = (name) => document.querySelector(".report time." + name)?.getAttribute("datetime") ?? null;
          const busy = !document.querySelector(".progress-line").hidden;
          return busy || at("generated") === null ? null : { from: at("from"), to: at("to"), generated: at("generated") };
        })()`,
      ),
    (value) => value !== null && value.generated !== previous,
    { timeoutMs: REPORT_TIMEOUT_MS, what: 'an overview report' },
  );
  assert.ok(bounds);
  return bounds;
}

async function select(frame: Frame, picker: 'connection' | 'period', value: string): Promise<void> {
  await frame.selectOption(`select.${picker}-picker`, value);
}

/** Rows of one chart's table for one connection (ALL for all together), each as its cells' text. */
function tableRows(frame: Frame, connection: string, chart: string): Promise<string[][]> {
  return read<string[][]>(
    frame,
    `[...document.querySelectorAll('article[data-connection="${connection}"] .chart-${chart} table tbody tr')].map((row) => [...row.cells].map((cell) => cell.textContent))`,
  );
}

function number(text: string): number {
  return Number(text.replace(/,/g, ''));
}

function inPeriod(provider: ProviderId, bounds: Bounds): SessionFacts[] {
  const from = Date.parse(bounds.from);
  const to = Date.parse(bounds.to);
  return sessionFacts(server, provider).filter((session) => session.time >= from && session.time <= to);
}

function countByStatus(sessions: readonly SessionFacts[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { status } of sessions) counts.set(status, (counts.get(status) ?? 0) + 1);
  return counts;
}

/** The status mix of one connection against the server's records in the period: every status, exactly. */
async function expectStatusMix(frame: Frame, provider: ProviderId, bounds: Bounds): Promise<void> {
  // A status listed with 0 (a documented one with no session) says the same as one left out.
  const rows = (await tableRows(frame, provider, 'status')).map(([label, count]): [string, number] => [label, number(count)]);
  const shown = new Map(rows.filter(([, count]) => count > 0));
  assert.deepEqual(shown, countByStatus(inPeriod(provider, bounds)), `${provider} status mix`);
}

/** The days table adds up to the sessions in the period; for Bright Data the failed column to its failed ones. */
async function expectDays(frame: Frame, provider: ProviderId, bounds: Bounds): Promise<void> {
  const rows = await tableRows(frame, provider, 'days');
  const sessions = inPeriod(provider, bounds);
  assert.equal(rows.reduce((sum, row) => sum + number(row[1]), 0), sessions.length, `${provider} sessions per day add up`);
  if (provider === 'brightData') {
    // brightdata-session-extras.txt: status enum running | finished | failed; only `failed` is a failure.
    const failed = sessions.filter((session) => session.status === 'failed').length;
    assert.equal(rows.reduce((sum, row) => sum + number(row[2]), 0), failed, 'Bright Data failed per day add up');
  }
}

async function pwnedMarkers(page: Page): Promise<string[]> {
  const results = await Promise.all(page.frames().map((frame) => frame.evaluate(`typeof ${HOSTILE.marker}`).catch(() => 'undefined')));
  return results.map(String);
}

describe('overview: the packaged extension in code-server', () => {
  before(
    async () => {
      const vsix = await packageVsix();
      await suite.start({
        extension: { kind: 'vsix', path: vsix },
        settings: { 'browserSessions.autoRefreshSeconds': 0 },
        prepare: (contract) => {
          for (let index = 0; index < HOSTILE_DOMAIN_SESSIONS; index++) {
            contract.addSession('anchor', { status: 'completed', domains: [HOSTILE_DOMAIN] });
          }
        },
      });
      server = suite.server;
      const view = new SessionsView(suite.browser.workbench);
      await suite.browser.workbench.openSidebar(CONTAINER_TITLE);
      for (const provider of PROVIDERS) await view.setApiKey(PROVIDER_LABEL[provider], DEFAULT_KEYS[provider]);
    },
    { timeout: SETUP_TIMEOUT_MS },
  );

  after(() => suite.close());

  test('Show Overview draws each connection’s counts as the server has them, hostile labels as text', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('overview', async ({ workbench, page }) => {
      await workbench.runCommand('Browser Sessions: Show Overview');
      await workbench.editorTab('Sessions Overview').waitFor();
      const frame = await overviewFrame(page);
      const bounds = await waitForReport(frame);
      assert.equal(await frame.inputValue('select.period-picker'), '30', 'the default period');
      const days = (Date.parse(bounds.to) - Date.parse(bounds.from)) / 86_400_000;
      assert.ok(days >= 29 && days <= 31, `the period spans ${days} days`);

      // All connections together: the day table adds up to both providers' sessions in the period.
      const allDays = await tableRows(frame, ALL, 'days');
      const expectedAll = PROVIDERS.reduce((sum, provider) => sum + inPeriod(provider, bounds).length, 0);
      assert.equal(allDays.reduce((sum, row) => sum + number(row[1]), 0), expectedAll, 'all connections add up');
      await workbench.parkPointer();
      await workbench.screenshot(path.join(SCREENSHOTS, 'overview.png'));

      await select(frame, 'connection', 'brightData');
      await expectStatusMix(frame, 'brightData', bounds);
      await expectDays(frame, 'brightData', bounds);
      const errors = await tableRows(frame, 'brightData', 'errors');
      assert.ok(errors.some(([code]) => code === HOSTILE_ERROR_CODE), `the error codes show ${HOSTILE_ERROR_CODE} as text: ${JSON.stringify(errors)}`);

      await select(frame, 'connection', 'anchor');
      await expectDays(frame, 'anchor', bounds);
      const domains = await tableRows(frame, 'anchor', 'domains');
      assert.ok(
        domains.some(([label, count]) => label === HOSTILE_DOMAIN && count === String(HOSTILE_DOMAIN_SESSIONS)),
        `the top domains show the hostile domain as text with its count: ${JSON.stringify(domains)}`,
      );
      const drawnLabels = await read<string[]>(frame, `[...document.querySelectorAll('.chart-domains svg.chart text')].map((node) => node.textContent)`);
      assert.ok(drawnLabels.some((label) => label.startsWith('<img src=x')), `the chart labels the hostile domain as text: ${JSON.stringify(drawnLabels)}`);

      // Nothing from the data became markup, nothing ran, nothing broke the policy.
      assert.equal(await read<number>(frame, `document.querySelectorAll("#app img, #app script, #app iframe, #app b, #app foreignObject").length`), 0);
      assert.equal(await read<number>(frame, `[...document.querySelectorAll("#app svg")].filter((node) => !node.matches("svg.chart, svg.swatch")).length`), 0);
      assert.deepEqual(await pwnedMarkers(page), page.frames().map(() => 'undefined'), `${HOSTILE.marker} was set: a payload ran`);
      assert.deepEqual(workbench.cspViolations(), [], 'the overview webview broke its Content-Security-Policy');
    }));

  test('the period picker recomputes for 7 days', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('period', async ({ page }) => {
      const frame = await overviewFrame(page);
      const before = await waitForReport(frame);
      await select(frame, 'period', '7');
      const bounds = await waitForReport(frame, before.generated);
      const days = (Date.parse(bounds.to) - Date.parse(bounds.from)) / 86_400_000;
      assert.ok(days >= 6 && days <= 8, `the period spans ${days} days`);
      await select(frame, 'connection', 'brightData');
      await expectStatusMix(frame, 'brightData', bounds);
      await expectDays(frame, 'brightData', bounds);
    }));

  test('a provider that fails shows its error in its place while the other still draws', { timeout: SCENARIO_TIMEOUT_MS }, () =>
    suite.scenario('failing provider', async ({ workbench, page }) => {
      const frame = await overviewFrame(page);
      const before = await waitForReport(frame);
      server.setFault('anchor', { status: 401 });
      try {
        await frame.click('button.refresh');
        const bounds = await waitForReport(frame, before.generated);
        // Each connection: Anchor's error where its charts would be, Bright Data's charts as before.
        await select(frame, 'connection', EACH);
        const anchorError = await read<string | null>(frame, `document.querySelector('article[data-connection="anchor"] .connection-error')?.textContent ?? null`);
        assert.ok(anchorError, 'Anchor shows an error');
        assert.equal(await read<number>(frame, `document.querySelectorAll('article[data-connection="anchor"] svg').length`), 0);
        await expectStatusMix(frame, 'brightData', bounds);
        await expectDays(frame, 'brightData', bounds);

        // All together: the failed connection named above the sum of the others.
        await select(frame, 'connection', ALL);
        const named = await read<string[]>(frame, `[...document.querySelectorAll('.report > .connection-error')].map((node) => node.textContent)`);
        assert.deepEqual(named, [`${PROVIDER_LABEL.anchor}: ${anchorError}`]);
        const allDays = await tableRows(frame, ALL, 'days');
        assert.equal(allDays.reduce((sum, row) => sum + number(row[1]), 0), inPeriod('brightData', bounds).length, 'the sum leaves the failed connection out');
        assert.ok(!anchorError.includes(DEFAULT_KEYS.anchor), 'the key is not in the error');
        assert.deepEqual(workbench.cspViolations(), []);
      } finally {
        server.clearFaults();
      }
    }));
});
