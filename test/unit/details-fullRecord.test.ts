// Issue 9 §1, §4 in the details panel: the full record fetched on open and merged with the listed
// one, re-fetched on each store refresh while the session runs and never after the panel closed;
// the Stop and Open as JSON buttons go through the commands with the panel's connection; the
// tree offers Stop only for running sessions of providers that can stop.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import type { Session } from '../../src/providers/types';
import { isWebviewMessage, type HostToWebview } from '../../src/shared/protocol';
import { EventEmitter as Emitter, script } from './support/vscode';

interface FakeUri {
  readonly path: string;
}

class FakePanel {
  title: string;
  readonly posted: HostToWebview[] = [];
  readonly messages = new Emitter<unknown>();
  private readonly disposeEmitter = new Emitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  readonly onDidChangeViewState = new Emitter<void>().event;
  readonly visible = true;
  readonly webview = {
    html: '',
    cspSource: 'https://csp.example',
    onDidReceiveMessage: this.messages.event,
    postMessage: (message: HostToWebview): Promise<boolean> => {
      this.posted.push(structuredClone(message));
      return Promise.resolve(true);
    },
    asWebviewUri: (uri: FakeUri) => ({ toString: () => `https://resource.example${uri.path}` }),
  };
  constructor(title: string) {
    this.title = title;
  }
  reveal(): void {}
  dispose(): void {
    this.disposeEmitter.fire();
  }
  lastSnapshot(): Extract<HostToWebview, { type: 'snapshot' }>['session'] | undefined {
    const snapshots = this.posted.filter((message) => message.type === 'snapshot');
    return snapshots[snapshots.length - 1]?.session;
  }
}

const created: FakePanel[] = [];
const commands = new Map<string, (...args: unknown[]) => unknown>();
const executed: { command: string; args: unknown[] }[] = [];

script({
  Uri: { joinPath: (base: FakeUri, ...parts: string[]): FakeUri => ({ path: [base.path, ...parts].join('/') }) },
  window: {
    createWebviewPanel: (_viewType: string, title: string) => {
      const panel = new FakePanel(title);
      created.push(panel);
      return panel;
    },
  },
  commands: {
    registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
      commands.set(id, handler);
      return { dispose: () => commands.delete(id) };
    },
    executeCommand: (command: string, ...args: unknown[]) => {
      executed.push({ command, args });
      return Promise.resolve(undefined);
    },
  },
});

const { registerDetails } = require('../../src/details/register') as typeof import('../../src/details/register');
const { mergeFull } = require('../../src/details/fullRecord') as typeof import('../../src/details/fullRecord');
const { itemFor } = require('../../src/tree/model') as typeof import('../../src/tree/model');

function listed(overrides: Partial<Session> = {}): Session {
  return {
    id: 'sess_1',
    provider: 'anchor',
    status: 'running',
    statusKind: 'running',
    domains: ['example.com'],
    tags: [],
    proxyType: 'custom',
    raw: { id: 'sess_1', status: 'running', domains: ['example.com'], proxy_type: 'custom' },
    ...overrides,
  };
}

function full(overrides: Partial<Session> = {}): Session {
  return {
    id: 'sess_1',
    provider: 'anchor',
    status: 'running',
    statusKind: 'running',
    domains: [],
    tags: [],
    steps: 2,
    raw: { session_id: 'sess_1', status: 'running', configuration: { session: { idle_timeout: 60 } }, steps: [{}, {}] },
    ...overrides,
  };
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

interface Env {
  store: Map<string, Session>;
  changes: Emitter<void>;
  fetches: { id: string; signal: AbortSignal }[];
  answer: () => Promise<Session | undefined>;
  show(session: Session, connection?: string): void;
}

function setUp(): Env {
  created.length = 0;
  executed.length = 0;
  const store = new Map<string, Session>();
  const changes = new Emitter<void>();
  const env: Env = {
    store,
    changes,
    fetches: [],
    answer: () => Promise.resolve(full()),
    show: (session, connection = session.provider) => void commands.get('browserSessions.showDetails')?.({ connection, session }),
  };
  const context = { extensionUri: { path: '/ext' }, subscriptions: [] } as unknown as vscode.ExtensionContext;
  registerDetails(context, {
    findSession: (connection, id) => store.get(`${connection}:${id}`),
    connectionLabel: () => 'Anchor',
    onDidChange: changes.event,
    fetchFull: (_connection, id, signal) => {
      env.fetches.push({ id, signal });
      return env.answer();
    },
  });
  return env;
}

function open(env: Env, session: Session): FakePanel {
  env.store.set(`anchor:${session.id}`, session);
  env.show(session);
  const panel = created[created.length - 1];
  assert.ok(panel);
  panel.messages.fire({ type: 'ready' });
  return panel;
}

describe('details panel: the full record', () => {
  let env: Env;
  beforeEach(() => {
    env = setUp();
  });

  it('is fetched once on open and its extra fields shown, merged with what only the list has', async () => {
    const panel = open(env, listed());
    await settle();
    assert.equal(env.fetches.length, 1);
    const snapshot = panel.lastSnapshot();
    assert.ok(snapshot?.otherFields.some((field) => field.name === 'configuration'), 'configuration from get-one');
    assert.match(snapshot?.rawJson ?? '', /idle_timeout/);
    assert.deepEqual(snapshot?.domains.map((domain) => domain.name), ['example.com'], 'domains from the list');
    assert.equal(snapshot?.proxyType, 'custom');
    assert.equal(snapshot?.steps, '2');
  });

  it('is re-fetched on each store refresh while running, not on other change events, and not once ended', async () => {
    const panel = open(env, listed());
    await settle();
    env.changes.fire();
    await settle();
    assert.equal(env.fetches.length, 1, 'same list copy: no refresh happened');
    env.store.set('anchor:sess_1', listed());
    env.changes.fire();
    await settle();
    assert.equal(env.fetches.length, 2, 'a refresh brought a new copy');
    env.answer = () => Promise.resolve(full({ status: 'completed', statusKind: 'finished' }));
    env.store.set('anchor:sess_1', listed());
    env.changes.fire();
    await settle();
    assert.equal(env.fetches.length, 3);
    assert.equal(panel.lastSnapshot()?.status, 'completed');
    env.store.set('anchor:sess_1', listed({ status: 'completed', statusKind: 'finished' }));
    env.changes.fire();
    await settle();
    assert.equal(env.fetches.length, 3, 'ended: no more requests');
  });

  it('stops when the panel closes: the request in flight is aborted and no more are made', async () => {
    let resolve: (session: Session) => void = () => undefined;
    env.answer = () => new Promise((done) => (resolve = done));
    const panel = open(env, listed());
    panel.dispose();
    assert.equal(env.fetches[0]?.signal.aborted, true);
    resolve(full());
    env.store.set('anchor:sess_1', listed());
    env.changes.fire();
    await settle();
    assert.equal(env.fetches.length, 1);
  });

  it('a provider whose record adds nothing (fetchFull answers undefined) is never asked again', async () => {
    env.answer = () => Promise.resolve(undefined);
    open(env, listed());
    await settle();
    env.store.set('anchor:sess_1', listed());
    env.changes.fire();
    await settle();
    assert.equal(env.fetches.length, 1);
  });

  it('a failed fetch keeps the listed copy', async () => {
    env.answer = () => Promise.reject(new Error('offline'));
    const panel = open(env, listed());
    await settle();
    assert.equal(panel.lastSnapshot()?.proxyType, 'custom');
    assert.ok(!panel.lastSnapshot()?.otherFields.some((field) => field.name === 'configuration'));
  });
});

describe('details panel: Stop and Open as JSON', () => {
  let env: Env;
  beforeEach(() => {
    env = setUp();
    env.answer = () => Promise.resolve(undefined);
  });

  it('Stop is offered for a running session of a provider that can stop, and runs the command with the connection', async () => {
    env.store.set('anchor-2:sess_1', listed());
    env.show(listed(), 'anchor-2');
    const panel = created[0];
    assert.ok(panel);
    panel.messages.fire({ type: 'ready' });
    assert.equal(panel.lastSnapshot()?.canStop, true);
    panel.messages.fire({ type: 'stop', requestId: 1 });
    panel.messages.fire({ type: 'openJson', requestId: 2 });
    await settle();
    assert.deepEqual(
      executed.map((call) => [call.command, (call.args[0] as { connection: string }).connection]),
      [
        ['browserSessions.stopSession', 'anchor-2'],
        ['browserSessions.openJson', 'anchor-2'],
      ],
    );
  });

  it('not for an ended session, nor for Bright Data; a forged stop request is ignored', async () => {
    const panel = open(env, listed({ status: 'completed', statusKind: 'finished' }));
    assert.equal(panel.lastSnapshot()?.canStop, false);
    panel.messages.fire({ type: 'stop', requestId: 1 });
    await settle();
    assert.equal(executed.length, 0);
    const brightData = listed({ id: 'bd1', provider: 'brightData', raw: {} });
    env.store.set('brightData:bd1', brightData);
    env.show(brightData);
    const second = created[created.length - 1];
    second?.messages.fire({ type: 'ready' });
    assert.equal(second?.lastSnapshot()?.canStop, false);
  });

  it('the protocol accepts exactly { type, requestId } for stop and openJson', () => {
    assert.ok(isWebviewMessage({ type: 'stop', requestId: 3 }));
    assert.ok(isWebviewMessage({ type: 'openJson', requestId: 3 }));
    assert.ok(!isWebviewMessage({ type: 'stop', requestId: 3, id: 'other' }));
    assert.ok(!isWebviewMessage({ type: 'stop' }));
  });
});

describe('mergeFull and the tree', () => {
  it('the full record wins where it has a value; the list fills the rest, in raw too', () => {
    const merged = mergeFull(listed({ credits: 1 }), full({ credits: 2 }));
    assert.equal(merged.credits, 2);
    assert.deepEqual(merged.domains, ['example.com']);
    assert.equal(merged.proxyType, 'custom');
    assert.deepEqual(merged.raw, { ...(listed().raw as object), ...(full().raw as object) });
    assert.equal((merged.raw as Record<string, unknown>)['proxy_type'], 'custom', 'a field only the list sends stays');
    assert.deepEqual(mergeFull(listed({ id: 'other' }), full()), full(), 'another session is not merged');
  });

  it('a running session of a provider that can stop carries +canStop; Bright Data and ended ones do not', () => {
    const context = { connections: [], read: () => undefined, filtersActive: false, now: new Date() } as never;
    const node = (session: Session) => itemFor({ kind: 'session', connection: session.provider, groupKey: 'running', session }, context);
    assert.match(node(listed({ domains: [] })).contextValue, /\+canStop$/);
    assert.doesNotMatch(node(listed({ domains: [], status: 'completed', statusKind: 'finished' })).contextValue, /canStop/);
    assert.doesNotMatch(node(listed({ domains: [], provider: 'brightData' })).contextValue, /canStop/);
  });
});
