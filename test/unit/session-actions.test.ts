// Issue 9 §1, §4 through a scripted `vscode` and the contract server: Find Session by ID… makes one
// get-one request per chosen connection, Open Session as JSON opens the (full) record under the
// browser-session: scheme, Stop Session… asks first, sends one request, refreshes, and a failure
// changes nothing.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type * as vscode from 'vscode';
import { NO_FILTERS } from '../../src/filters/model';
import { createProviderClient, HttpClient, type ProviderClient, type Session } from '../../src/providers/index';
import { SessionStore } from '../../src/store/sessionStore';
import type { StoreConnection } from '../../src/store/state';
import { DEFAULT_KEYS, startContractServer, type ContractServer } from '../server';
import { registered, script, shownErrors } from './support/vscode';

interface Shown {
  readonly kind: 'info' | 'warning';
  readonly message: string;
  readonly modal: boolean;
}

const shown: Shown[] = [];
const executed: { id: string; args: unknown[] }[] = [];
const opened: { uri: string; text: string }[] = [];
let inputAnswer: string | undefined;
let warningAnswer: string | undefined;
let pick: (items: readonly (vscode.QuickPickItem & Record<string, unknown>)[]) => unknown = () => undefined;
let picked: string[][] = [];
let contentProvider: vscode.TextDocumentContentProvider | undefined;

function messageOptions(rest: unknown[]): { modal: boolean } {
  const first = rest[0];
  return { modal: typeof first === 'object' && first !== null && (first as { modal?: boolean }).modal === true };
}

script({
  commands: {
    executeCommand: (id: string, ...args: unknown[]) => {
      executed.push({ id, args });
      return Promise.resolve(undefined);
    },
  },
  window: {
    showInputBox: () => Promise.resolve(inputAnswer),
    showInformationMessage: (message: string, ...rest: unknown[]) => {
      shown.push({ kind: 'info', message, ...messageOptions(rest) });
      return Promise.resolve(undefined);
    },
    showWarningMessage: (message: string, ...rest: unknown[]) => {
      const options = messageOptions(rest);
      shown.push({ kind: 'warning', message, ...options });
      return Promise.resolve(options.modal ? warningAnswer : undefined);
    },
    showQuickPick: (items: readonly (vscode.QuickPickItem & Record<string, unknown>)[]) => {
      picked.push(items.map((item) => item.label));
      return Promise.resolve(pick(items));
    },
    withProgress: (_options: unknown, task: (progress: unknown, token: unknown) => Promise<unknown>) =>
      task({ report: () => undefined }, { onCancellationRequested: () => ({ dispose: () => undefined }) }),
    setStatusBarMessage: () => ({ dispose: () => undefined }),
    showTextDocument: () => Promise.resolve(undefined),
  },
  Uri: {
    from: (parts: { scheme: string; path: string }) => ({ ...parts, toString: () => `${parts.scheme}:${parts.path}` }),
  },
  workspace: {
    openTextDocument: (uri: vscode.Uri) => {
      const content = contentProvider?.provideTextDocumentContent(uri, {} as vscode.CancellationToken);
      const text = typeof content === 'string' ? content : '';
      opened.push({ uri: uri.toString(), text });
      return Promise.resolve({ uri, languageId: uri.path.endsWith('.json') ? 'json' : 'plaintext' });
    },
  },
});

const { registerSessionActions } = require('../../src/commands/sessionActions') as typeof import('../../src/commands/sessionActions');

const CONNECTIONS: readonly StoreConnection[] = [
  { id: 'brightData', provider: 'brightData', label: 'Bright Data' },
  { id: 'anchor', provider: 'anchor', label: 'Anchor' },
  { id: 'steel', provider: 'steel', label: 'Steel' },
];

let server: ContractServer;
let http: HttpClient;
let store: SessionStore;
let clients: Map<string, ProviderClient>;
let keyed: Set<string>;
let feature: import('../../src/commands/sessionActions').InspectorFeature;

before(async () => {
  server = await startContractServer({ seed: 19, counts: { brightData: 30, anchor: 30, steel: 30 } });
  http = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 1 });
  clients = new Map(
    CONNECTIONS.map((connection) => [
      connection.id,
      createProviderClient(connection.provider, { baseUrl: server.urlFor(connection.provider), apiKey: DEFAULT_KEYS[connection.provider], http }),
    ]),
  );
  keyed = new Set(CONNECTIONS.map((connection) => connection.id));
  store = new SessionStore({
    connections: () => CONNECTIONS,
    client: (id) => (keyed.has(id) ? clients.get(id) : undefined),
    filters: () => NO_FILTERS,
    pageSize: () => 50,
  });
  const context = { subscriptions: [] as { dispose(): unknown }[] } as unknown as vscode.ExtensionContext;
  feature = registerSessionActions(
    context,
    { store, client: (id) => (keyed.has(id) ? clients.get(id) : undefined), access: () => Promise.resolve(undefined) },
    { selection: [], reveal: () => Promise.resolve() } as unknown as vscode.TreeView<never>,
    { inspector: () => Promise.resolve({ problem: 'no logs in these tests' }) },
  );
  // Registered for the scheme at activation (extension.ts); here it is asked directly.
  contentProvider = feature.documentContent;
});

after(async () => {
  store.dispose();
  await http.close();
  await server.close();
});

beforeEach(async () => {
  shown.length = 0;
  executed.length = 0;
  opened.length = 0;
  shownErrors.length = 0;
  picked = [];
  pick = () => undefined;
  inputAnswer = undefined;
  warningAnswer = undefined;
  keyed = new Set(CONNECTIONS.map((connection) => connection.id));
  server.clearFaults();
  await store.refresh();
  server.resetRequests();
});

function run(id: string, ...args: unknown[]): Promise<unknown> {
  const handler = registered.get(id);
  assert.ok(handler, `${id} is registered`);
  return Promise.resolve(handler(...args));
}

function detailsShown(): { connection: string; session: Session } | undefined {
  const call = executed.find((entry) => entry.id === 'browserSessions.showDetails');
  return call?.args[0] as { connection: string; session: Session } | undefined;
}

describe('Find Session by ID…', () => {
  test('one connection picked: exactly one get-one request, then the details', async () => {
    const id = server.addSession('anchor', { status: 'running' });
    inputAnswer = id;
    pick = (items) => items.find((item) => item.label === 'Anchor');
    await run('browserSessions.findSession');
    assert.deepEqual(picked[0], ['All connections', 'Bright Data', 'Anchor', 'Steel']);
    assert.deepEqual(
      server.requests.map((request) => `${request.method} ${request.path}`),
      [`GET /v1/sessions/${id}`],
    );
    assert.equal(detailsShown()?.connection, 'anchor');
    assert.equal(detailsShown()?.session.id, id);
    // The panel it opens gets that record without asking again; a later fetch asks.
    assert.equal((await feature.fetchFull('anchor', id, new AbortController().signal))?.id, id);
    assert.equal(server.requests.length, 1);
    await feature.fetchFull('anchor', id, new AbortController().signal);
    assert.equal(server.requests.length, 2);
  });

  test('All connections: one request to each; a 404 is “No session <id> in <connection>.”', async () => {
    inputAnswer = 'no-such-session';
    pick = (items) => items[0];
    await run('browserSessions.findSession');
    assert.equal(server.requests.length, 3);
    assert.ok(server.requests.every((request) => request.method === 'GET' && request.path.endsWith('/no-such-session')));
    assert.equal(detailsShown(), undefined);
    const info = shown.find((entry) => entry.kind === 'info')?.message ?? '';
    for (const label of ['Bright Data', 'Anchor', 'Steel']) assert.match(info, new RegExp(`No session no-such-session in ${label}\\.`));
  });

  test('a single keyed connection is asked without a pick', async () => {
    keyed = new Set(['steel']);
    await store.refresh();
    const id = server.addSession('steel');
    server.resetRequests();
    inputAnswer = id;
    await run('browserSessions.findSession');
    assert.equal(picked.length, 0);
    assert.equal(server.requests.length, 1);
    assert.equal(detailsShown()?.connection, 'steel');
  });

  test('a loaded session is shown without any request', async () => {
    const loaded = store.state('steel').groups[0]?.sessions[0];
    assert.ok(loaded);
    inputAnswer = loaded.id;
    await run('browserSessions.findSession');
    assert.equal(server.requests.length, 0);
    assert.equal(detailsShown()?.session.id, loaded.id);
  });

  test('another failure is an error message with the provider’s words', async () => {
    keyed = new Set(['steel']);
    await store.refresh();
    server.setFault('steel', { status: 401 });
    inputAnswer = 'whatever';
    await run('browserSessions.findSession');
    assert.equal(detailsShown(), undefined);
    assert.match(shownErrors.join('\n'), /Steel refused the API key/);
  });
});

describe('Open Session as JSON', () => {
  test('Anchor: the full record (one get-one request) under browser-session:/<connection>/<id>.json', async () => {
    const id = server.addSession('anchor', { status: 'running', user_configuration: { session: { idle_timeout: 600 } } });
    await store.refresh(['anchor']);
    server.resetRequests();
    const session = store.findSession('anchor', id);
    assert.ok(session);
    await run('browserSessions.openJson', { connection: 'anchor', session });
    assert.equal(server.requests.length, 1);
    assert.equal(opened[0]?.uri, `browser-session:/anchor/${id}.json`);
    // The record inside the spec's `data` envelope.
    const record = JSON.parse(opened[0]?.text ?? '') as Record<string, unknown>;
    assert.equal(record['session_id'], id);
    assert.deepEqual(record['configuration'], { session: { idle_timeout: 600 } });
  });

  test('a provider whose get-one adds nothing: the listed record, no request', async () => {
    const session = store.state('steel').groups[0]?.sessions[0];
    assert.ok(session);
    await run('browserSessions.openJson', { connection: 'steel', session });
    assert.equal(server.requests.length, 0);
    assert.deepEqual(JSON.parse(opened[0]?.text ?? ''), session.raw);
  });
});

describe('Stop Session…', () => {
  async function runningRef(provider: 'anchor' | 'steel' | 'brightData'): Promise<{ connection: string; session: Session }> {
    const id = server.addSession(provider, { status: provider === 'steel' ? 'live' : 'running' });
    await store.refresh([provider]);
    server.resetRequests();
    const session = store.findSession(provider, id);
    assert.ok(session);
    return { connection: provider, session };
  }

  test('confirmed: a modal naming session and connection, one stop request, then the connection refreshed', async () => {
    const ref = await runningRef('anchor');
    warningAnswer = 'Stop Session';
    const result = await run('browserSessions.stopSession', ref);
    assert.equal(result, undefined);
    const question = shown.find((entry) => entry.kind === 'warning');
    assert.equal(question?.modal, true);
    assert.match(question?.message ?? '', new RegExp(`${ref.session.id}.*Anchor`));
    assert.equal(server.requests[0]?.method, 'DELETE');
    assert.equal(server.requests[0]?.path, `/v1/sessions/${ref.session.id}`);
    assert.ok(server.requests.slice(1).length > 0 && server.requests.slice(1).every((request) => request.method === 'GET'), 'refreshed');
    assert.notEqual(store.findSession('anchor', ref.session.id)?.statusKind, 'running');
  });

  test('declined: nothing is sent', async () => {
    const ref = await runningRef('steel');
    warningAnswer = undefined;
    await run('browserSessions.stopSession', ref);
    assert.equal(server.requests.length, 0);
    assert.equal(store.findSession('steel', ref.session.id)?.statusKind, 'running');
  });

  test('a failure is a clear message, returned to the panel, and changes nothing', async () => {
    const ref = await runningRef('steel');
    warningAnswer = 'Stop Session';
    server.setFault('steel', { status: 500 });
    const result = (await run('browserSessions.stopSession', ref)) as { commandFailed?: boolean; message?: string };
    assert.equal(result.commandFailed, true);
    assert.match(result.message ?? '', new RegExp(`Could not stop session ${ref.session.id} in Steel: Steel had a server error`));
    assert.equal(server.requests.length, 1, 'one stop request, not retried, no refresh');
    assert.match(shownErrors.join('\n'), /Could not stop session/);
    server.clearFaults();
    assert.equal(server.sessions('steel').find((record) => record.id === ref.session.id)?.status, 'live');
  });

  test('never for a provider without stop (Bright Data) nor for a session that is not running', async () => {
    const brightData = await runningRef('brightData');
    warningAnswer = 'Stop Session';
    const refused = (await run('browserSessions.stopSession', brightData)) as { commandFailed?: boolean; message?: string };
    assert.equal(refused.commandFailed, true);
    assert.match(refused.message ?? '', /Bright Data has no API to stop a session/);
    const finished = store.state('anchor').groups.find((group) => group.kind === 'finished')?.sessions[0];
    assert.ok(finished);
    const notRunning = (await run('browserSessions.stopSession', { connection: 'anchor', session: finished })) as { message?: string };
    assert.match(notRunning.message ?? '', /is not running/);
    assert.equal(server.requests.length, 0);
    assert.equal(shown.filter((entry) => entry.modal).length, 0, 'no confirmation was asked');
  });

  test('from the palette: a pick among loaded running sessions of providers that can stop', async () => {
    await runningRef('brightData');
    const anchor = await runningRef('anchor');
    pick = (items) => items.find((item) => item['detail'] === anchor.session.id);
    warningAnswer = undefined;
    await run('browserSessions.stopSession');
    const offered = picked[0] ?? [];
    const runningStoppable = ['anchor', 'steel'].flatMap((connection) =>
      store.state(connection).groups.flatMap((group) => group.sessions.filter((session) => session.statusKind === 'running')),
    );
    assert.equal(offered.length, runningStoppable.length, 'every running Anchor and Steel session, no Bright Data one');
    assert.match(shown.find((entry) => entry.modal)?.message ?? '', new RegExp(anchor.session.id));
  });
});
