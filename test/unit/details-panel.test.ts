// The panel manager against a stand-in for the few `vscode` APIs it touches: the ready handshake,
// live updates, stale sessions, requests through commands, and what it ignores.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import type { Session } from '../../src/providers/types';
import type { HostToWebview } from '../../src/shared/protocol';
import { FakePanel, fakeJoinPath } from './support/fakePanel';
import { EventEmitter as Emitter, script } from './support/vscode';


class DetailsPanelFake extends FakePanel<HostToWebview> {
  get snapshots(): Extract<HostToWebview, { type: 'snapshot' }>[] {
    return this.webview.posted.filter((message) => message.type === 'snapshot');
  }
}

const created: DetailsPanelFake[] = [];
const executed: Array<{ command: string; args: unknown[] }> = [];
const commands = new Map<string, (...args: unknown[]) => unknown>();
const infoMessages: string[] = [];
let failingCommand: string | undefined;

const vscodeStub = {
  Uri: {
    joinPath: fakeJoinPath,
  },
  window: {
    createWebviewPanel: (viewType: string, title: string, _show: unknown, options: Record<string, unknown>) => {
      const panel = new DetailsPanelFake(viewType, title, options);
      created.push(panel);
      return panel;
    },
    showInformationMessage: (message: string) => {
      infoMessages.push(message);
      return Promise.resolve(undefined);
    },
  },
  commands: {
    registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
      commands.set(id, handler);
      return { dispose: () => commands.delete(id) };
    },
    executeCommand: async (command: string, ...args: unknown[]) => {
      executed.push({ command, args });
      // As the command wrapper answers a failed command: it returns the failure, it does not throw.
      if (command === failingCommand) return { commandFailed: true, message: 'Clipboard unavailable' };
      return undefined;
    },
  },
};

script(vscodeStub);
// Loaded after the stand-in is in place.
 
const { registerDetails } = require('../../src/details/register') as typeof import('../../src/details/register');

const anchorSession: Session = {
  id: 'sess_1',
  provider: 'anchor',
  status: 'running',
  statusKind: 'running',
  domains: ['example.com'],
  tags: ['prod'],
  steps: 3,
  raw: { id: 'sess_1', status: 'running', headless: true },
};

/** A session listed by its provider's default connection. */
function ref(session: Session): { connection: string; session: Session } {
  return { connection: session.provider, session };
}

class FakeSource {
  readonly sessions = new Map<string, Session>();
  readonly changes = new Emitter<void>();
  readonly onDidChange = this.changes.event as unknown as vscode.Event<void>;
  findSession(connection: string, id: string): Session | undefined {
    return this.sessions.get(`${connection}:${id}`);
  }
  connectionLabel(connection: string): string {
    return connection === 'anchor-2' ? 'Anchor · Second' : 'Anchor';
  }
  put(session: Session): void {
    this.sessions.set(`${session.provider}:${session.id}`, session);
  }
}

/** Shows a session the way the tree and the palette do: through the showDetails command. */
interface Panels {
  show(ref: { readonly connection: string; readonly session: Session }): void;
}

function setUp(): { source: FakeSource; subscriptions: Array<{ dispose(): unknown }>; panels: Panels } {
  created.length = 0;
  executed.length = 0;
  infoMessages.length = 0;
  failingCommand = undefined;
  const source = new FakeSource();
  source.put(anchorSession);
  const subscriptions: Array<{ dispose(): unknown }> = [];
  const context = { extensionUri: { path: '/ext' }, subscriptions } as unknown as vscode.ExtensionContext;
  registerDetails(context, source);
  const showDetails = commands.get('browserSessions.showDetails');
  assert.ok(showDetails);
  return { source, subscriptions, panels: { show: (ref) => void showDetails(ref) } };
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('details panels', () => {
  let env: ReturnType<typeof setUp>;
  beforeEach(() => {
    for (const panel of created) panel.dispose();
    env = setUp();
  });

  it('registers showDetails and hands every disposable to the context', () => {
    assert.ok(commands.has('browserSessions.showDetails'));
    assert.equal(env.source.changes.size, 1);
    for (const subscription of env.subscriptions) subscription.dispose();
    assert.ok(!commands.has('browserSessions.showDetails'));
    assert.equal(env.source.changes.size, 0);
  });

  it('creates the panel with the agreed view type and a locked-down webview', () => {
    env.panels.show(ref(anchorSession));
    const [panel] = created;
    assert.ok(panel);
    assert.equal(panel.viewType, 'browserSessions.details');
    assert.equal(panel.title, 'Session example.com · sess_1');
    assert.equal(panel.options.enableScripts, true);
    assert.equal(panel.options.retainContextWhenHidden, false);
    assert.deepEqual(panel.options.localResourceRoots, [{ path: '/ext/dist' }, { path: '/ext/media' }]);
    assert.match(panel.webview.html, /default-src 'none'; script-src 'nonce-/);
    assert.match(panel.webview.html, /style-src https:\/\/csp\.example /);
    assert.ok(panel.webview.html.includes('src="https://resource.example/ext/dist/webview.js"'));
    assert.ok(panel.webview.html.includes('href="https://resource.example/ext/media/details.css"'));
  });

  it('posts nothing before ready, the snapshot after it, and again after a reload', () => {
    env.panels.show(ref(anchorSession));
    const panel = created[0];
    assert.deepEqual(panel.webview.posted, []);
    env.source.changes.fire();
    assert.deepEqual(panel.webview.posted, []);

    panel.webview.messages.fire({ type: 'ready' });
    assert.equal(panel.snapshots.length, 1);
    assert.equal(panel.snapshots[0].session.id, 'sess_1');
    assert.equal(panel.snapshots[0].stale, false);

    panel.visible = false;
    panel.viewState.fire();
    panel.visible = true;
    panel.webview.messages.fire({ type: 'ready' });
    assert.equal(panel.snapshots.length, 2);
    assert.deepEqual(panel.snapshots[1], panel.snapshots[0]);
  });

  it('keeps one panel per session and reveals it when shown again', () => {
    env.panels.show(ref(anchorSession));
    commands.get('browserSessions.showDetails')!({ kind: 'session', session: anchorSession });
    assert.equal(created.length, 1);
    assert.equal(created[0].revealed, 1);
    env.panels.show(ref({ ...anchorSession, id: 'sess_2' }));
    assert.equal(created.length, 2);
  });

  it('opens a new panel after the old one was closed', () => {
    env.panels.show(ref(anchorSession));
    created[0].dispose();
    env.panels.show(ref(anchorSession));
    assert.equal(created.length, 2);
    assert.equal(created[0].webview.messages.size, 0, 'the closed panel released its listeners');
  });

  it('asks for a session when the command has none', async () => {
    await commands.get('browserSessions.showDetails')!();
    await commands.get('browserSessions.showDetails')!({ label: 'not a session' });
    assert.equal(created.length, 0);
    assert.equal(infoMessages.length, 2);
    assert.match(infoMessages[0], /Pick a session/);
  });

  it('follows the store: posts a changed session, skips an unchanged one, marks a vanished one stale', () => {
    env.panels.show(ref(anchorSession));
    const panel = created[0];
    panel.webview.messages.fire({ type: 'ready' });

    env.source.changes.fire();
    assert.equal(panel.snapshots.length, 1, 'nothing changed');

    env.source.put({ ...anchorSession, status: 'completed', statusKind: 'finished', domains: ['shop.example'] });
    env.source.changes.fire();
    assert.equal(panel.snapshots.length, 2);
    assert.equal(panel.snapshots[1].session.status, 'completed');
    assert.equal(panel.title, 'Session shop.example · sess_1');

    env.source.sessions.clear();
    env.source.changes.fire();
    assert.equal(panel.snapshots.length, 3);
    assert.equal(panel.snapshots[2].stale, true);
    assert.equal(panel.snapshots[2].session.status, 'completed', 'the last copy stays on screen');
  });

  it('shows a session the store does not hold as stale from the start', () => {
    const found = { ...anchorSession, id: 'sess_elsewhere' };
    env.panels.show(ref(found));
    const panel = created[0];
    panel.webview.messages.fire({ type: 'ready' });
    assert.equal(panel.snapshots[0].stale, true);
    assert.equal(panel.snapshots[0].session.id, 'sess_elsewhere');
  });

  it('runs requests through the tree commands with the current session and reports the result', async () => {
    env.panels.show(ref(anchorSession));
    const panel = created[0];
    panel.webview.messages.fire({ type: 'ready' });
    panel.webview.messages.fire({ type: 'openDomain', requestId: 1, domain: 'example.com' });
    panel.webview.messages.fire({ type: 'copy', requestId: 2, what: 'id' });
    await settle();
    assert.deepEqual(
      executed.map(({ command, args }) => [command, ...args.map((arg) => (typeof arg === 'string' ? arg : (arg as Session).id))]),
      [
        ['browserSessions.openTargetUrl', 'sess_1', 'example.com'],
        ['browserSessions.copyId', 'sess_1'],
      ],
    );
    const results = panel.webview.posted.filter((message) => message.type === 'result');
    assert.deepEqual(results, [
      { type: 'result', requestId: 1, ok: true, message: undefined },
      { type: 'result', requestId: 2, ok: true, message: 'Session ID copied' },
    ]);
  });

  it('reports a failing command as not ok', async () => {
    env.panels.show(ref(anchorSession));
    const panel = created[0];
    failingCommand = 'browserSessions.copyJson';
    panel.webview.messages.fire({ type: 'copy', requestId: 9, what: 'json' });
    await settle();
    assert.deepEqual(panel.webview.posted.at(-1), { type: 'result', requestId: 9, ok: false, message: 'Clipboard unavailable' });
  });

  it('ignores junk and domains the session does not carry', async () => {
    env.panels.show(ref(anchorSession));
    const panel = created[0];
    for (const junk of [
      null,
      'ready',
      { type: 'openDomain', requestId: 1, domain: 'evil.example' },
      { type: 'openUrl', requestId: 2, which: 'target' },
      { type: 'openUrl', requestId: '3', which: 'end' },
      { type: 'copy', requestId: 4, what: 'apiKey' },
      { type: 'run', command: 'workbench.action.quit' },
    ]) {
      panel.webview.messages.fire(junk);
    }
    await settle();
    assert.deepEqual(executed, []);
    assert.deepEqual(panel.webview.posted, []);
  });

  it('closes every panel when the extension is disposed', () => {
    env.panels.show(ref(anchorSession));
    env.panels.show(ref({ ...anchorSession, id: 'sess_2' }));
    for (const subscription of env.subscriptions) subscription.dispose();
    assert.deepEqual(
      created.map((panel) => panel.disposed),
      [true, true],
    );
  });
});
