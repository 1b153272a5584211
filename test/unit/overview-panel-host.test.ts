// The overview panel's host side against the vscode stand-in and a scripted OverviewSource (the
// test's input): one panel, the ready handshake and replay, cancel, close, superseded runs, and
// what it ignores.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { MANIFEST } from './support/manifest';
import { beforeEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import type { OverviewPeriodDays, OverviewProgress, OverviewReport, OverviewSource } from '../../src/shared/overview';
import type { OverviewHostToWebview } from '../../src/shared/overviewProtocol';
import { report } from './support/overview-panel-report';
import { FakePanel, fakeJoinPath } from './support/fakePanel';
import { EventEmitter as Emitter, registered, script } from './support/vscode';

class OverviewPanelFake extends FakePanel<OverviewHostToWebview> {
  types(): string[] {
    return this.webview.posted.map((message) => message.type);
  }
}

const created: OverviewPanelFake[] = [];
script({
  Uri: { joinPath: fakeJoinPath },
  window: {
    createWebviewPanel: (viewType: string, title: string, _show: unknown, options: Record<string, unknown>) => {
      const panel = new OverviewPanelFake(viewType, title, options);
      created.push(panel);
      return panel;
    },
  },
});

const { registerOverview } = require('../../src/overviewPanel/register') as typeof import('../../src/overviewPanel/register');

/** One call of the source, settled by the test. */
interface Call {
  readonly periodDays: OverviewPeriodDays;
  readonly progress: (step: OverviewProgress) => void;
  readonly signal: AbortSignal;
  resolve(value: OverviewReport): void;
  reject(error: unknown): void;
}

class ScriptedSource implements OverviewSource {
  readonly calls: Call[] = [];
  compute(periodDays: OverviewPeriodDays, progress: (step: OverviewProgress) => void, signal: AbortSignal): Promise<OverviewReport> {
    return new Promise((resolve, reject) => this.calls.push({ periodDays, progress, signal, resolve, reject }));
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function setUp(): { source: ScriptedSource; subscriptions: Array<{ dispose(): unknown }>; show: () => void; filtersChanged: Emitter<unknown> } {
  created.length = 0;
  const source = new ScriptedSource();
  const subscriptions: Array<{ dispose(): unknown }> = [];
  const context = { extensionUri: { path: '/ext' }, subscriptions } as unknown as vscode.ExtensionContext;
  const filtersChanged = new Emitter<unknown>();
  registerOverview(context, { source, refreshOn: [filtersChanged.event] });
  const command = registered.get('browserSessions.showOverview');
  assert.ok(command, 'showOverview is registered');
  return { source, subscriptions, show: () => void command(), filtersChanged };
}

describe('overview panel host', () => {
  let env: ReturnType<typeof setUp>;
  beforeEach(() => {
    for (const panel of created) panel.dispose();
    env = setUp();
  });

  it('opens one locked-down panel of the agreed view type and reveals it when asked again', () => {
    env.show();
    assert.equal(created.length, 1);
    const [panel] = created;
    assert.equal(panel.viewType, 'browserSessions.overview');
    assert.equal(panel.title, 'Sessions Overview');
    assert.equal(panel.options.enableScripts, true);
    assert.equal(panel.options.retainContextWhenHidden, false);
    assert.deepEqual(panel.options.localResourceRoots, [{ path: '/ext/dist' }, { path: '/ext/media' }]);
    assert.match(panel.webview.html, /default-src 'none'; script-src 'nonce-[^']+'; style-src https:\/\/csp\.example"/);
    assert.ok(panel.webview.html.includes('src="https://resource.example/ext/dist/overview.js"'));
    assert.ok(panel.webview.html.includes('href="https://resource.example/ext/media/overview.css"'));

    env.show();
    assert.equal(created.length, 1);
    assert.equal(panel.revealed, 1);
    assert.equal(env.source.calls.length, 1, 'revealing does not compute again');
  });

  it('computes the default 30 days at once, but posts nothing before ready', async () => {
    env.show();
    const panel = created[0];
    assert.deepEqual(env.source.calls.map((call) => call.periodDays), [30]);
    env.source.calls[0].progress({ message: 'Bright Data: counting', fraction: 0.5 });
    assert.deepEqual(panel.webview.posted, []);

    panel.webview.messages.fire({ type: 'ready' });
    assert.deepEqual(panel.webview.posted, [
      { type: 'started', run: 1, periodDays: 30 },
      { type: 'progress', run: 1, message: 'Bright Data: counting', fraction: 0.5 },
    ]);

    const computed = report();
    env.source.calls[0].resolve(computed);
    await settle();
    assert.deepEqual(panel.webview.posted.at(-1), { type: 'report', run: 1, report: computed });
  });

  it('replays the last report after the webview is rebuilt', async () => {
    env.show();
    const panel = created[0];
    panel.webview.messages.fire({ type: 'ready' });
    env.source.calls[0].resolve(report());
    await settle();
    panel.visible = false;
    panel.viewState.fire();
    panel.visible = true;
    const before = panel.webview.posted.length;
    panel.webview.messages.fire({ type: 'ready' });
    assert.deepEqual(panel.webview.posted.slice(before), [{ type: 'report', run: 1, report: report() }]);
  });

  it('recomputes for the picked period and aborts the computation it replaces; the late answer is dropped', async () => {
    env.show();
    const panel = created[0];
    panel.webview.messages.fire({ type: 'ready' });
    panel.webview.messages.fire({ type: 'compute', periodDays: 90 });
    const [first, second] = env.source.calls;
    assert.equal(second.periodDays, 90);
    assert.equal(first.signal.aborted, true);
    assert.equal(second.signal.aborted, false);

    first.progress({ message: 'late progress' });
    first.resolve(report({ periodDays: 30 }));
    await settle();
    assert.deepEqual(panel.types(), ['started', 'started']);

    second.resolve(report({ periodDays: 90 }));
    await settle();
    const last = panel.webview.posted.at(-1);
    assert.ok(last?.type === 'report' && last.run === 2 && last.report.periodDays === 90);
  });

  it('computes the period shown again when the filters change, and only while the panel is open', () => {
    env.filtersChanged.fire(undefined);
    assert.equal(created.length, 0, 'no panel is opened by a filter change');
    env.show();
    const panel = created[0];
    panel.webview.messages.fire({ type: 'ready' });
    panel.webview.messages.fire({ type: 'compute', periodDays: 7 });
    env.filtersChanged.fire(undefined);
    assert.deepEqual(env.source.calls.map((call) => call.periodDays), [30, 7, 7]);
    assert.deepEqual(env.source.calls.map((call) => call.signal.aborted), [true, true, false]);
    panel.dispose();
    env.filtersChanged.fire(undefined);
    assert.equal(env.source.calls.length, 3);
  });

  it('Cancel aborts the signal of its own run only and says so', async () => {
    env.show();
    const panel = created[0];
    panel.webview.messages.fire({ type: 'ready' });
    const call = env.source.calls[0];
    panel.webview.messages.fire({ type: 'cancel', run: 2 });
    assert.equal(call.signal.aborted, false, 'a cancel for another run changes nothing');

    panel.webview.messages.fire({ type: 'cancel', run: 1 });
    assert.equal(call.signal.aborted, true);
    call.reject(new DOMException('This operation was aborted', 'AbortError'));
    await settle();
    assert.deepEqual(panel.webview.posted.at(-1), { type: 'failed', run: 1, cancelled: true, message: 'Cancelled. The last overview stays.' });
  });

  it('after a cancelled period change, a refresh from outside computes the period on screen', async () => {
    env.show();
    const panel = created[0];
    panel.webview.messages.fire({ type: 'ready' });
    env.source.calls[0].resolve(report({ periodDays: 30 }));
    await settle();
    panel.webview.messages.fire({ type: 'compute', periodDays: 90 });
    panel.webview.messages.fire({ type: 'cancel', run: 2 });
    env.source.calls[1].reject(new Error('aborted'));
    await settle();
    env.filtersChanged.fire(undefined);
    assert.deepEqual(env.source.calls.map((call) => call.periodDays), [30, 90, 30]);
  });

  it('a source that finishes despite the abort shows nothing of what was cancelled', async () => {
    env.show();
    const panel = created[0];
    panel.webview.messages.fire({ type: 'ready' });
    panel.webview.messages.fire({ type: 'cancel', run: 1 });
    env.source.calls[0].resolve(report());
    await settle();
    assert.deepEqual(panel.types(), ['started', 'failed']);
  });

  it('shows a failed computation with its message', async () => {
    env.show();
    const panel = created[0];
    panel.webview.messages.fire({ type: 'ready' });
    env.source.calls[0].reject(new Error('no connection could be listed'));
    await settle();
    assert.deepEqual(panel.webview.posted.at(-1), {
      type: 'failed',
      run: 1,
      cancelled: false,
      message: 'The overview could not be computed: no connection could be listed',
    });
  });

  it('closing the panel aborts the computation, releases its listeners, and the command opens a new one', async () => {
    env.show();
    const panel = created[0];
    panel.webview.messages.fire({ type: 'ready' });
    const call = env.source.calls[0];
    panel.dispose();
    assert.equal(call.signal.aborted, true);
    assert.equal(panel.webview.messages.size, 0);
    assert.equal(panel.viewState.size, 0);
    call.resolve(report());
    await settle();
    assert.deepEqual(panel.types(), ['started'], 'nothing is posted to a closed panel');

    env.show();
    assert.equal(created.length, 2);
    assert.equal(env.source.calls.length, 2);
  });

  it('disposing the extension unregisters the command and closes the panel', () => {
    env.show();
    const call = env.source.calls[0];
    for (const subscription of env.subscriptions) subscription.dispose();
    assert.equal(registered.has('browserSessions.showOverview'), false);
    assert.equal(env.filtersChanged.size, 0, 'the refresh listeners are released');
    assert.equal(created[0].disposed, true);
    assert.equal(call.signal.aborted, true);
  });

  it('ignores messages that are not the protocol’s', () => {
    env.show();
    const panel = created[0];
    panel.webview.messages.fire({ type: 'ready' });
    for (const message of [
      { type: 'compute', periodDays: 14 },
      { type: 'compute', periodDays: '30' },
      { type: 'compute', periodDays: 30, source: 'x' },
      { type: 'cancel', run: '1' },
      { type: 'eval', code: '1' },
      null,
      'ready',
    ]) {
      panel.webview.messages.fire(message);
    }
    assert.equal(env.source.calls.length, 1);
    assert.equal(env.source.calls[0].signal.aborted, false);
    assert.deepEqual(panel.types(), ['started']);
  });
});

describe('overview contributions', () => {
  interface MenuEntry {
    readonly command?: string;
    readonly when?: string;
    readonly group?: string;
  }
  const manifest = MANIFEST as {
    contributes: { commands: Array<{ command: string; title: string; category?: string }>; menus: Record<string, MenuEntry[]> };
  };

  it('offers Show Overview in the palette and in the Sessions view’s title-bar menu', () => {
    const command = manifest.contributes.commands.find((entry) => entry.command === 'browserSessions.showOverview');
    assert.deepEqual(command && { title: command.title, category: command.category }, { title: 'Show Overview', category: 'Browser Sessions' });
    const hidden = manifest.contributes.menus['commandPalette']?.find((entry) => entry.command === 'browserSessions.showOverview');
    assert.ok(hidden === undefined || hidden.when !== 'false', 'not hidden from the palette');
    const inView = manifest.contributes.menus['view/title']?.find((entry) => entry.command === 'browserSessions.showOverview');
    assert.ok(inView, 'in the view title bar menu');
    assert.equal(inView.when, 'view == browserSessions.sessions');
    assert.ok(!inView.group?.startsWith('navigation'), 'in the … menu, not among the icons');
  });
});
