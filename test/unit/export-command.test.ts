// Export Sessions… as a person drives it: the pickers, the save dialog, the progress notification's
// Cancel, and what is said (and left on disk) when it succeeds, is cancelled or fails.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { registerExportCommand } from '../../src/export/command';
import { NO_FILTERS } from '../../src/filters/model';
import { CAPABILITIES } from '../../src/providers';
import { ProviderError, type ProviderClient, type Session, type SessionPage, type SessionQuery } from '../../src/providers/types';
import { SessionStore } from '../../src/store/sessionStore';
import type { StoreConnection } from '../../src/store/state';
import { registered, script } from './support/vscode';

const CONNECTIONS: readonly StoreConnection[] = [
  { id: 'prod', provider: 'brightData', label: 'Bright Data · prod' },
  { id: 'staging', provider: 'brightData', label: 'Bright Data · staging' },
];

function session(id: string): Session {
  return { id, provider: 'brightData', status: 'failed', statusKind: 'failed', domains: [], tags: [], raw: { session_id: id, status: 'failed' } };
}

/** Pages of two; `failAt` makes that page a server error, `onPage` runs as each page is asked. */
function fakeClient(count: number, options: { failAt?: number; onPage?: (index: number) => void } = {}): ProviderClient {
  const all = Array.from({ length: count }, (_, index) => session(`s${index}`));
  const fetchPage = async (_query: SessionQuery, pageIndex: number, signal?: AbortSignal): Promise<SessionPage> => {
    options.onPage?.(pageIndex);
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new ProviderError('cancelled', 'cancelled', { provider: 'brightData', endpoint: 'GET /browser_sessions' });
    if (pageIndex === options.failAt) {
      throw new ProviderError('server', 'Bright Data had a server error (500 on GET /browser_sessions).', { provider: 'brightData', endpoint: 'GET /browser_sessions', status: 500 });
    }
    const sessions = all.slice(pageIndex * 2, pageIndex * 2 + 2);
    return { sessions, total: all.length, pageIndex, pageSize: 2, hasMore: (pageIndex + 1) * 2 < all.length };
  };
  return { id: 'brightData', label: 'Bright Data', capabilities: CAPABILITIES.brightData, fetchPage, listAll: () => Promise.reject(new Error('unused')) };
}

interface Said {
  info: string[];
  errors: string[];
  picks: string[][];
  executed: unknown[][];
  progress: string[];
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-export-command-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function fileUri(fsPath: string, scheme = 'file'): { scheme: string; fsPath: string; path: string } {
  return { scheme, fsPath, path: fsPath };
}

/**
 * Registers the command over a store of the given clients and scripts the window: quick picks
 * answer with the labels in `answers` (in order), the save dialog with `target`, a notification
 * button with `button`. `cancel` is called with the progress token's canceller.
 */
function setup(options: {
  clients: Record<string, ProviderClient | undefined>;
  answers: string[];
  target?: { scheme: string; fsPath: string; path: string };
  button?: string;
  onCancellable?: (cancel: () => void) => void;
}): { run: (arg?: unknown) => Promise<unknown>; said: Said } {
  const said: Said = { info: [], errors: [], picks: [], executed: [], progress: [] };
  const store = new SessionStore({
    connections: () => CONNECTIONS,
    client: (connection) => options.clients[connection],
    filters: () => NO_FILTERS,
    pageSize: () => 50,
  });
  const answers = [...options.answers];
  script({
    window: {
      showQuickPick: (items: { label: string }[]) => {
        said.picks.push(items.map((item) => item.label));
        const wanted = answers.shift();
        return Promise.resolve(items.find((item) => item.label === wanted));
      },
      showSaveDialog: () => Promise.resolve(options.target),
      withProgress: async (_options: unknown, task: (progress: unknown, token: unknown) => Promise<unknown>) => {
        const listeners: (() => void)[] = [];
        options.onCancellable?.(() => listeners.forEach((listener) => listener()));
        const token = { onCancellationRequested: (listener: () => void) => (listeners.push(listener), { dispose: () => undefined }) };
        return task({ report: (value: { message: string }) => said.progress.push(value.message) }, token);
      },
      showInformationMessage: (message: string) => {
        said.info.push(message);
        return Promise.resolve(options.button);
      },
      showErrorMessage: (message: string) => {
        said.errors.push(message);
        return Promise.resolve(undefined);
      },
    },
    commands: {
      executeCommand: (...args: unknown[]) => {
        said.executed.push(args);
        return Promise.resolve(undefined);
      },
    },
    Uri: {
      file: (fsPath: string) => fileUri(fsPath),
      joinPath: (base: { fsPath: string }, name: string) => fileUri(path.join(base.fsPath, name)),
    },
  });
  const subscriptions: { dispose(): void }[] = [];
  registerExportCommand({ subscriptions } as never, store);
  const handler = registered.get('browserSessions.exportSessions');
  assert.ok(handler);
  return { run: async (arg?: unknown) => handler(arg), said };
}

describe('Export Sessions… command', () => {
  test('from a connection\'s row: no connection question, JSON Lines written, the count said, Open opens it', async () => {
    const target = path.join(dir, 'prod.jsonl');
    const { run, said } = setup({ clients: { prod: fakeClient(5), staging: fakeClient(1) }, answers: ['JSON Lines'], target: fileUri(target), button: 'Open' });
    await run({ kind: 'provider', connection: 'prod' });
    assert.deepEqual(said.picks, [['CSV', 'JSON Lines']], 'only the format is asked');
    const lines = (await readFile(target, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as { session_id: string });
    assert.deepEqual(lines.map((line) => line.session_id), ['s0', 's1', 's2', 's3', 's4']);
    assert.deepEqual(said.info, ['Exported 5 sessions to prod.jsonl.']);
    assert.equal(said.progress.at(-1), '5 sessions written');
    assert.deepEqual(said.executed, [['vscode.open', fileUri(target)]]);
  });

  test('from the palette: every connection into one CSV, each row under its label', async () => {
    const target = path.join(dir, 'all.csv');
    const { run, said } = setup({ clients: { prod: fakeClient(3), staging: fakeClient(1) }, answers: ['All connections', 'CSV'], target: fileUri(target) });
    await run();
    assert.deepEqual(said.picks[0], ['All connections', 'Bright Data · prod', 'Bright Data · staging']);
    const rows = (await readFile(target, 'utf8')).trimEnd().split('\r\n');
    assert.equal(rows.length, 5);
    assert.deepEqual(rows.slice(1).map((row) => row.split(',')[0]), ['Bright Data · prod', 'Bright Data · prod', 'Bright Data · prod', 'Bright Data · staging']);
    assert.deepEqual(said.info, ['Exported 4 sessions to all.csv.']);
  });

  test('Cancel mid-way: said so, and no file, not even a temporary one', async () => {
    const target = path.join(dir, 'cancelled.csv');
    let cancel: (() => void) | undefined;
    const client = fakeClient(10, { onPage: (index) => index === 2 && cancel?.() });
    const { run, said } = setup({ clients: { prod: client }, answers: ['CSV'], target: fileUri(target), onCancellable: (canceller) => (cancel = canceller) });
    await run();
    assert.deepEqual(said.info, ['Export cancelled: cancelled.csv was not written.']);
    assert.deepEqual(said.errors, []);
    assert.deepEqual(await readdir(dir), []);
  });

  test('a server error mid-way: the provider\'s message, and no file', async () => {
    const target = path.join(dir, 'broken.csv');
    const { run, said } = setup({ clients: { prod: fakeClient(10, { failAt: 2 }) }, answers: ['CSV'], target: fileUri(target) });
    await run();
    assert.deepEqual(said.errors, ['Export failed: Bright Data had a server error (500 on GET /browser_sessions). broken.csv was not written.']);
    assert.deepEqual(said.info, []);
    assert.deepEqual(await readdir(dir), []);
  });

  test('no key: nothing is asked; a save location that is not on disk is refused', async () => {
    const none = setup({ clients: {}, answers: [] });
    await none.run();
    assert.deepEqual(none.said.picks, []);
    assert.deepEqual(none.said.info, ['Set an API key first: there is nothing to export.']);

    const elsewhere = setup({ clients: { prod: fakeClient(1) }, answers: ['CSV'], target: fileUri('/x.csv', 'untitled') });
    await elsewhere.run();
    assert.deepEqual(elsewhere.said.errors, ['Export writes to files on disk only, not to untitled.']);
    assert.deepEqual(elsewhere.said.info, []);
  });
});
