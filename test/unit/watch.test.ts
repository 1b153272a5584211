// The status bar's running count and the failure notifications, over a real store fed by an
// in-memory client whose sessions the tests change between refreshes.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { NO_FILTERS } from '../../src/filters/model';
import { CAPABILITIES } from '../../src/providers';
import type { ProviderClient, Session, SessionPage, SessionQuery, StatusKind } from '../../src/providers/types';
import { formatClockTime } from '../../src/shared/format';
import { SessionStore } from '../../src/store/sessionStore';
import type { StoreConnection } from '../../src/store/state';
import type { TreeNode } from '../../src/tree/model';
import { registerWatch, type WatchSources } from '../../src/watch/register';
import { EventEmitter, script, statusBarItems, type MarkdownString, type StatusBarItem } from './support/vscode';

const KIND: Readonly<Record<string, StatusKind>> = { running: 'running', finished: 'finished', failed: 'failed' };

function session(id: string, status: string): Session {
  return { id, provider: 'brightData', status, statusKind: KIND[status] ?? 'other', domains: [], tags: [], raw: { session_id: id } };
}

/** Bright Data's capabilities over a list the test edits; newest first, like the API's default order. */
class FakeApi {
  sessions: Session[] = [];
  /** Steel-like: no count for running sessions, only "at least what this page holds". */
  runningInexact = false;
  failNext = false;

  client(): ProviderClient {
    const fetchPage = async (query: SessionQuery, pageIndex: number): Promise<SessionPage> => {
      if (this.failNext) {
        this.failNext = false;
        throw new Error('boom');
      }
      const matching = this.sessions.filter((candidate) => query.status === undefined || candidate.status === query.status);
      const pageSize = query.pageSize ?? 50;
      const sessions = matching.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);
      const inexact = this.runningInexact && query.status === 'running';
      return { sessions, total: inexact ? sessions.length : matching.length, ...(inexact ? { totalExact: false } : {}), pageIndex, pageSize, hasMore: matching.length > (pageIndex + 1) * pageSize };
    };
    return { id: 'brightData', label: 'Bright Data', capabilities: CAPABILITIES.brightData, fetchPage, listAll: () => Promise.reject(new Error('unused')) };
  }
}

const CONNECTIONS: readonly StoreConnection[] = [
  { id: 'prod', provider: 'brightData', label: 'Bright Data · prod' },
  { id: 'staging', provider: 'brightData', label: 'Bright *staging* [x](http://evil)' },
];

interface Harness {
  store: SessionStore;
  apis: Record<string, FakeApi>;
  keys: Set<string>;
  item: StatusBarItem;
  settings: { statusBarEnabled: boolean; notifyOnFailure: boolean };
  settingsChanged: EventEmitter<void>;
  filtersChanged: EventEmitter<void>;
  reveals: { node: TreeNode; options: unknown }[];
  warnings: string[];
  clock: { now: number };
  subscriptions: { dispose(): void }[];
  timers: { callback: () => void; delayMs: number; disposed: boolean }[];
}

let answer: string | undefined;

function setup(options: { pageSize?: number } = {}): Harness {
  const apis: Record<string, FakeApi> = { prod: new FakeApi(), staging: new FakeApi() };
  const keys = new Set(['prod', 'staging']);
  const clients = { prod: apis['prod'].client(), staging: apis['staging'].client() } as Record<string, ProviderClient>;
  const store = new SessionStore({
    connections: () => CONNECTIONS,
    client: (connection) => (keys.has(connection) ? clients[connection] : undefined),
    filters: () => NO_FILTERS,
    pageSize: () => options.pageSize ?? 50,
  });
  const settings = { statusBarEnabled: true, notifyOnFailure: true };
  const settingsChanged = new EventEmitter<void>();
  const filtersChanged = new EventEmitter<void>();
  const reveals: Harness['reveals'] = [];
  const warnings: string[] = [];
  const clock = { now: Date.parse('2026-03-01T10:42:00Z') };
  script({
    window: {
      showWarningMessage: (message: string) => {
        warnings.push(message);
        return Promise.resolve(answer);
      },
    },
  });
  const treeView: WatchSources['treeView'] = {
    reveal: (node: TreeNode, revealOptions?: unknown) => {
      reveals.push({ node, options: revealOptions });
      return Promise.resolve();
    },
  };
  const subscriptions: { dispose(): void }[] = [];
  const timers: Harness['timers'] = [];
  const schedule = (callback: () => void, delayMs: number): { dispose(): void } => {
    const timer = { callback, delayMs, disposed: false };
    timers.push(timer);
    return { dispose: () => (timer.disposed = true) };
  };
  registerWatch(
    { subscriptions },
    {
      store,
      settings: { get current() { return settings; }, onDidChange: (listener) => settingsChanged.event(listener) },
      treeView,
      onFiltersChange: (listener) => filtersChanged.event(listener),
    },
    { now: () => clock.now, schedule },
  );
  const item = statusBarItems[statusBarItems.length - 1];
  return { store, apis, keys, item, settings, settingsChanged, filtersChanged, reveals, warnings, clock, subscriptions, timers };
}

/** Lets the notification's promise chain (show, then reveal) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  answer = undefined;
});

describe('status bar', () => {
  test('hidden without a key, then the running total across connections, a line per connection, a click that focuses the view', async () => {
    const h = setup();
    h.keys.clear();
    h.store.syncConnections();
    await h.store.refresh();
    assert.equal(h.item.visible, false, 'no key: hidden');

    h.keys.add('prod').add('staging');
    h.apis['prod'].sessions = [session('a', 'running'), session('b', 'running'), session('c', 'failed')];
    h.apis['staging'].sessions = [session('d', 'running'), session('e', 'finished')];
    await h.store.refresh();
    assert.equal(h.item.visible, true);
    assert.equal(h.item.text, '$(vm-running) 3 running');
    assert.equal(h.item.command, 'browserSessions.sessions.focus');
    const tooltip = h.item.tooltip as MarkdownString;
    const at = formatClockTime(h.clock.now);
    assert.ok(tooltip.textParts.includes('Bright Data · prod'));
    assert.ok(tooltip.textParts.includes(`: 2 running · as of ${at}`), tooltip.textParts.join('|'));
    assert.ok(tooltip.textParts.includes(`: 1 running · as of ${at}`));
    // The user's label went in as text (escaped), never as markdown: no link survives.
    assert.ok(tooltip.textParts.includes('Bright *staging* [x](http://evil)'));
    assert.doesNotMatch(tooltip.value, /\[x\]\(http/);
    assert.ok(tooltip.textParts.some((part) => part.includes('with its filters')), 'says the counts are the view’s, filtered');
  });

  test('a lower-bound total reads "12+", and a failed refresh keeps the count and says so', async () => {
    const h = setup({ pageSize: 2 });
    h.apis['prod'].runningInexact = true;
    h.apis['prod'].sessions = [session('a', 'running'), session('b', 'running'), session('c', 'running')];
    await h.store.refresh();
    assert.equal(h.item.text, '$(vm-running) 2+ running');
    h.apis['staging'].failNext = true;
    await h.store.refresh(['staging']);
    const tooltip = h.item.tooltip as MarkdownString;
    assert.ok(tooltip.textParts.some((part) => part.includes('the last refresh failed')), tooltip.textParts.join('|'));
    assert.equal(h.item.text, '$(vm-running) 2+ running');
  });

  test('follows the setting, and is disposed with the extension', async () => {
    const h = setup();
    await h.store.refresh();
    assert.equal(h.item.visible, true);
    h.settings.statusBarEnabled = false;
    h.settingsChanged.fire();
    assert.equal(h.item.visible, false);
    h.settings.statusBarEnabled = true;
    h.settingsChanged.fire();
    assert.equal(h.item.visible, true);
    for (const subscription of h.subscriptions) subscription.dispose();
    assert.equal(h.item.disposed, true);
    assert.equal(h.settingsChanged.size, 0);
    assert.equal(h.filtersChanged.size, 0);
  });
});

describe('failure notifications', () => {
  test('nothing on the first load; newly failed sessions give one notification per connection with its label', async () => {
    const h = setup();
    h.apis['prod'].sessions = [session('old-fail', 'failed'), session('r1', 'running'), session('r2', 'running')];
    h.apis['staging'].sessions = [session('s-old', 'failed')];
    await h.store.refresh();
    assert.deepEqual(h.warnings, [], 'first load is silent even with failed sessions');

    h.apis['prod'].sessions = [session('r1', 'failed'), session('r2', 'failed'), session('new', 'failed'), session('old-fail', 'failed')];
    h.apis['staging'].sessions = [session('s-new', 'failed'), session('s-old', 'failed')];
    await h.store.refresh();
    assert.deepEqual(h.warnings.sort(), ['1 session failed in Bright *staging* [x](http://evil)', '3 sessions failed in Bright Data · prod']);

    await h.store.refresh();
    assert.equal(h.warnings.length, 2, 'the same failures are not told twice');
  });

  test('at most one per connection per minute; what failed meanwhile comes with the next one', async () => {
    const h = setup();
    await h.store.refresh();
    h.apis['prod'].sessions = [session('f1', 'failed')];
    await h.store.refresh();
    assert.deepEqual(h.warnings, ['1 session failed in Bright Data · prod']);

    h.clock.now += 30_000;
    h.apis['prod'].sessions = [session('f2', 'failed'), session('f1', 'failed')];
    h.apis['staging'].sessions = [session('s1', 'failed')];
    await h.store.refresh();
    assert.deepEqual(h.warnings.slice(1), ['1 session failed in Bright *staging* [x](http://evil)'], 'prod withheld, staging is its own connection');

    h.clock.now += 29_999;
    h.apis['prod'].sessions = [session('f3', 'failed'), session('f2', 'failed'), session('f1', 'failed')];
    await h.store.refresh(['prod']);
    assert.equal(h.warnings.length, 2, 'still within the minute');

    h.clock.now += 1;
    await h.store.refresh(['prod']);
    assert.deepEqual(h.warnings.slice(2), ['2 sessions failed in Bright Data · prod'], 'the withheld ones, once the minute is over');
    assert.deepEqual(
      h.timers.map(({ delayMs, disposed }) => ({ delayMs, disposed })),
      [{ delayMs: 30_000, disposed: true }],
      'one timer for the withheld ones, set for the end of the minute, cancelled when a load told them first',
    );
  });

  test('withheld failures are told when the minute ends even if no refresh comes', async () => {
    const h = setup();
    await h.store.refresh(['prod']);
    h.apis['prod'].sessions = [session('f1', 'failed')];
    await h.store.refresh(['prod']);
    h.clock.now += 10_000;
    h.apis['prod'].sessions = [session('f2', 'failed'), session('f1', 'failed')];
    await h.store.refresh(['prod']);
    assert.equal(h.warnings.length, 1);
    assert.equal(h.timers.length, 1);
    assert.equal(h.timers[0].delayMs, 50_000);
    h.clock.now += 50_000;
    h.timers[0].callback();
    assert.deepEqual(h.warnings, ['1 session failed in Bright Data · prod', '1 session failed in Bright Data · prod']);
    h.timers[0].callback();
    assert.equal(h.warnings.length, 2, 'told once');
  });

  test('failures beyond the loaded page count through the failed total', async () => {
    const h = setup({ pageSize: 2 });
    h.apis['prod'].sessions = [session('f1', 'failed'), session('f2', 'failed')];
    await h.store.refresh(['prod']);
    // Listed last (e.g. oldest first): not on the first page, but the total rose by two.
    h.apis['prod'].sessions = [session('f1', 'failed'), session('f2', 'failed'), session('f3', 'failed'), session('f4', 'failed')];
    await h.store.refresh(['prod']);
    assert.deepEqual(h.warnings, ['2 sessions failed in Bright Data · prod']);
  });

  test('Show reveals and selects the newest new failure in the tree', async () => {
    const h = setup();
    h.apis['prod'].sessions = [session('f1', 'failed')];
    await h.store.refresh(['prod']);
    answer = 'Show';
    h.apis['prod'].sessions = [session('f3', 'failed'), session('f2', 'failed'), session('f1', 'failed')];
    await h.store.refresh(['prod']);
    await settle();
    assert.equal(h.reveals.length, 1);
    const { node, options } = h.reveals[0];
    assert.equal(node.kind, 'session');
    assert.equal(node.kind === 'session' && node.session.id, 'f3');
    assert.equal(node.connection, 'prod');
    assert.equal(node.kind === 'session' && node.groupKey, 'failed');
    assert.deepEqual(options, { select: true, focus: true, expand: true });
  });

  test('a filter change, a key change, a failed refresh or the setting turned off: no notification', async () => {
    const h = setup();
    h.apis['prod'].sessions = [session('f1', 'failed')];
    await h.store.refresh(['prod']);

    h.filtersChanged.fire();
    h.apis['prod'].sessions = [session('f2', 'failed'), session('f1', 'failed')];
    await h.store.refresh(['prod']);
    assert.deepEqual(h.warnings, [], 'after a filter change the next load is a first load');

    h.store.reset('prod');
    h.apis['prod'].sessions = [session('f3', 'failed'), session('f2', 'failed'), session('f1', 'failed')];
    await h.store.refresh(['prod']);
    assert.deepEqual(h.warnings, [], 'after a key change too');

    h.apis['prod'].failNext = true;
    await h.store.refresh(['prod']);
    assert.deepEqual(h.warnings, []);

    h.settings.notifyOnFailure = false;
    h.apis['prod'].sessions = [session('f4', 'failed'), ...h.apis['prod'].sessions];
    await h.store.refresh(['prod']);
    assert.deepEqual(h.warnings, [], 'the setting is off');

    h.settings.notifyOnFailure = true;
    h.apis['prod'].sessions = [session('f5', 'failed'), ...h.apis['prod'].sessions];
    await h.store.refresh(['prod']);
    assert.deepEqual(h.warnings, ['1 session failed in Bright Data · prod'], 'and on again');
  });
});
