// issue 9 §2–3 through a scripted `vscode`: the tree's flags per provider and state, what Open Live
// View opens (and that the URL goes nowhere else), Show Open Pages' open/copy, Download Recording…'s
// picks, save dialog, progress and cancel, the palette's context keys, and the logs document.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type * as vscode from 'vscode';
import { ProviderError, SecretUrl, type Recording, type SessionInspector } from '../../src/providers/index';
import type { Session } from '../../src/providers/types';
import { inspectFlags } from '../../src/tree/model';
import * as stub from './support/vscode';

interface FakeUri {
  scheme: string;
  path: string;
  fsPath: string;
}
const uri = (scheme: string, path: string): FakeUri => ({ scheme, path, fsPath: path });

const opened: string[] = [];
const messages: string[] = [];
const contextKeys = new Map<string, unknown>();
const quickPickAnswers: ((items: readonly { label: string }[] | readonly string[]) => unknown)[] = [];
const progressReports: { increment?: number; message?: string }[] = [];
let clipboard = '';
let saveAnswer: FakeUri | undefined;
let saveDefault: FakeUri | undefined;
let cancelDownload = false;

stub.script({
  commands: {
    executeCommand: (id: string, key: unknown, value: unknown) => {
      if (id === 'setContext') contextKeys.set(String(key), value);
      return Promise.resolve(undefined);
    },
  },
  window: {
    showInformationMessage: (message: string) => {
      messages.push(message);
      return Promise.resolve(undefined);
    },
    showWarningMessage: (message: string) => {
      messages.push(message);
      return Promise.resolve(undefined);
    },
    showQuickPick: (items: readonly { label: string }[] | readonly string[]) => Promise.resolve(quickPickAnswers.shift()?.(items)),
    showSaveDialog: (options: { defaultUri: FakeUri }) => {
      saveDefault = options.defaultUri;
      return Promise.resolve(saveAnswer);
    },
    withProgress: (
      _options: unknown,
      work: (progress: { report(value: object): void }, token: { onCancellationRequested(listener: () => void): { dispose(): void } }) => Promise<unknown>,
    ) =>
      work(
        { report: (value) => progressReports.push(value) },
        {
          onCancellationRequested: (listener) => {
            if (cancelDownload) queueMicrotask(listener);
            return { dispose: () => undefined };
          },
        },
      ),
    setStatusBarMessage: () => ({ dispose: () => undefined }),
  },
  env: {
    openExternal: (target: unknown) => {
      opened.push(String(target));
      return Promise.resolve(true);
    },
    clipboard: {
      writeText: (text: string) => {
        clipboard = text;
        return Promise.resolve();
      },
    },
  },
  Uri: {
    from: (parts: { scheme: string; path: string }) => uri(parts.scheme, parts.path),
    file: (path: string) => uri('file', path),
    joinPath: (base: FakeUri, name: string) => uri(base.scheme, `${base.path}/${name}`),
  },
});
// Namespaces the shared stand-in lacks, added for this process only: the module the code under
// test will get for `vscode` is the stand-in's exports plus these.
const standIn = require.cache[require.resolve('./support/vscode')]!;
standIn.exports = {
  ...(standIn.exports as object),
  ProgressLocation: { Window: 10, Notification: 15 },
  workspace: { workspaceFolders: [{ uri: uri('file', '/work') }] },
};

const { registerInspectorCommands, safeFileName, describeRecording } =
  require('../../src/commands/inspectorCommands') as typeof import('../../src/commands/inspectorCommands');
const { trackSessionContextKeys, INSPECT_CONTEXT_KEYS, CAN_STOP_ANY } = require('../../src/tree/contextKeys') as typeof import('../../src/tree/contextKeys');
const { logsDocument, logsUri, parseLogsUri } = require('../../src/commands/logsDocument') as typeof import('../../src/commands/logsDocument');

function session(overrides: Partial<Session>): Session {
  return { id: 's1', provider: 'browserbase', status: 'RUNNING', statusKind: 'running', domains: [], tags: [], raw: {}, ...overrides };
}

const calls: string[] = [];
let liveUrl = 'https://live.example/view?token=SECRET-live';
let recordings: Recording[] = [];
const fakeInspector: SessionInspector = {
  endpoints: { getOne: true, liveView: true, pages: true, recording: true, logs: true, stop: true },
  liveView: (id) => {
    calls.push(`liveView ${id}`);
    return Promise.resolve(new SecretUrl(liveUrl));
  },
  pages: () =>
    Promise.resolve([
      { id: 'p1', title: 'Example', url: 'https://example.com/a' },
      { id: 'p2', title: '', url: 'javascript:alert(1)' },
    ]),
  recordings: () => Promise.resolve(recordings),
  downloadRecording: async (id, recording, destination, options) => {
    calls.push(`download ${id} ${recording.id} ${destination}`);
    options?.onProgress?.(50, 100);
    // A cancel from the notification arrives while bytes are still coming.
    await new Promise((resolve) => setImmediate(resolve));
    if (options?.signal?.aborted) throw new ProviderError('cancelled', 'cancelled', { provider: 'browserbase', endpoint: 'x' });
    options?.onProgress?.(100, 100);
    return { path: destination, bytes: 100 };
  },
  logs: () => Promise.resolve({ lines: ['a', 'b'], truncated: true }),
};

const changeListeners: (() => void)[] = [];
let loaded: Session[] = [];
const store = {
  get connections() {
    return ['browserbase'];
  },
  state: () => ({ label: 'Browserbase', groups: [{ sessions: loaded }] }),
  loadedSessions: () => loaded.map((session) => ({ connection: 'browserbase', session })),
  onDidChange: (listener: () => void) => {
    changeListeners.push(listener);
    return { dispose: () => undefined };
  },
};
const commands = stub.registered;
const context = { subscriptions: [] as { dispose(): unknown }[] } as unknown as vscode.ExtensionContext;
registerInspectorCommands(context, {
  store: store as never,
  treeView: { selection: [] } as unknown as vscode.TreeView<never>,
  inspector: () => Promise.resolve(fakeInspector),
});
context.subscriptions.push(trackSessionContextKeys(store as never));

function run(command: string, ...args: unknown[]): Promise<unknown> {
  return Promise.resolve(commands.get(command)!(...args));
}

beforeEach(() => {
  opened.length = 0;
  messages.length = 0;
  calls.length = 0;
  progressReports.length = 0;
  quickPickAnswers.length = 0;
  clipboard = '';
  saveAnswer = undefined;
  cancelDownload = false;
  liveUrl = 'https://live.example/view?token=SECRET-live';
});

describe('tree flags from capabilities and state', () => {
  test('per provider and status, never from an id', () => {
    assert.equal(inspectFlags(session({ provider: 'brightData', status: 'running' })), '+running');
    assert.equal(inspectFlags(session({ provider: 'browserbase' })), '+running+liveView+pages+logs');
    assert.equal(inspectFlags(session({ provider: 'browserbase', status: 'COMPLETED', statusKind: 'finished' })), '+recording+logs');
    assert.equal(inspectFlags(session({ provider: 'anchor', status: 'completed', statusKind: 'finished' })), '+recording');
    assert.equal(inspectFlags(session({ provider: 'steel', status: 'live' })), '+running+liveView+pages');
    assert.equal(inspectFlags(session({ provider: 'steel', status: 'released', statusKind: 'finished' })), '');
    assert.equal(inspectFlags(session({ provider: 'hyperbrowser', status: 'closed', statusKind: 'finished', recordingAvailable: false })), '+logs');
    assert.equal(inspectFlags(session({ provider: 'hyperbrowser', status: 'active', liveViewAvailable: true })), '+running+liveView+logs');
  });
});

describe('Open Live View', () => {
  test('opens the fetched URL and shows it nowhere else', async () => {
    await run('browserSessions.openLiveView', session({}));
    assert.deepEqual(opened, ['https://live.example/view?token=SECRET-live']);
    assert.deepEqual(calls, ['liveView s1']);
    assert.ok(messages.every((message) => !message.includes('SECRET')));
  });

  test('a non-http(s) live URL is refused, naming only its scheme', async () => {
    liveUrl = 'javascript:alert("SECRET")';
    await run('browserSessions.openLiveView', session({}));
    assert.deepEqual(opened, []);
    assert.equal(messages.length, 1);
    assert.match(messages[0], /javascript:/);
    assert.ok(!messages[0].includes('SECRET'));
  });

  test('an ended session is not asked about', async () => {
    await run('browserSessions.openLiveView', session({ status: 'COMPLETED', statusKind: 'finished' }));
    assert.deepEqual(calls, []);
    assert.equal(messages.length, 1);
  });
});

describe('Show Open Pages', () => {
  test('pick a page, then Copy URL', async () => {
    quickPickAnswers.push((items) => (items as { label: string }[])[0], () => 'Copy URL');
    await run('browserSessions.showPages', session({}));
    assert.equal(clipboard, 'https://example.com/a');
    assert.deepEqual(opened, []);
  });

  test('pick a page, then Open in Browser; a javascript: page is refused', async () => {
    quickPickAnswers.push((items) => (items as { label: string }[])[0], () => 'Open in Browser');
    await run('browserSessions.showPages', session({}));
    assert.deepEqual(opened, ['https://example.com/a']);
    quickPickAnswers.push((items) => (items as { label: string }[])[1], () => 'Open in Browser');
    await run('browserSessions.showPages', session({}));
    assert.deepEqual(opened, ['https://example.com/a']);
    assert.match(messages.at(-1) ?? '', /javascript:/);
  });
});

describe('Download Recording…', () => {
  const ended = session({ status: 'COMPLETED', statusKind: 'finished' });
  const ready: Recording = {
    id: 'r1',
    label: 'Page 0 (MP4)',
    durationText: '00:07:00',
    sizeBytes: 1_234_567,
    createdAt: '2026-11-20T09:19:44Z',
    ready: true,
    fileName: '../../etc/evil:name.mp4',
  };

  test('duration, size and date in the pick; a plain file name in the save dialog; progress; saved', async () => {
    recordings = [ready];
    let described = '';
    quickPickAnswers.push((items) => {
      described = (items as unknown as { description: string }[])[0].description;
      return items[0];
    });
    saveAnswer = uri('file', '/tmp/out.mp4');
    await run('browserSessions.downloadRecording', ended);
    assert.match(described, /^00:07:00 · 1\.2 MB · /);
    assert.equal(saveDefault?.path, '/work/evil_name.mp4');
    assert.deepEqual(calls, ['download s1 r1 /tmp/out.mp4']);
    assert.deepEqual(
      progressReports.map((report) => report.increment),
      [50, 50],
    );
    assert.match(messages.at(-1) ?? '', /^Saved the recording to \/tmp\/out\.mp4/);
  });

  test('cancelled: says nothing was saved', async () => {
    recordings = [ready];
    quickPickAnswers.push((items) => items[0]);
    saveAnswer = uri('file', '/tmp/out.mp4');
    cancelDownload = true;
    await run('browserSessions.downloadRecording', ended);
    assert.match(messages.at(-1) ?? '', /cancelled; nothing was saved/);
  });

  test('a recording not ready is not downloaded', async () => {
    recordings = [{ ...ready, ready: false, state: 'PENDING' }];
    quickPickAnswers.push((items) => items[0]);
    await run('browserSessions.downloadRecording', ended);
    assert.deepEqual(calls, []);
    assert.match(messages.at(-1) ?? '', /not ready \(PENDING\)/);
  });

  test('file names and descriptions', () => {
    assert.equal(safeFileName('a/b\\c.mp4'), 'c.mp4');
    assert.equal(safeFileName('..'), 'recording');
    assert.equal(describeRecording({ id: 'x', label: 'x', ready: true, fileName: 'x', durationSeconds: 65 }), '1m 5s');
  });
});

describe('palette context keys', () => {
  test('follow what the loaded sessions offer', () => {
    loaded = [session({ provider: 'anchor', status: 'completed', statusKind: 'finished' })];
    for (const listener of changeListeners) listener();
    assert.equal(contextKeys.get(INSPECT_CONTEXT_KEYS.recording), true);
    assert.equal(contextKeys.get(INSPECT_CONTEXT_KEYS.liveView), false);
    loaded = [session({})];
    for (const listener of changeListeners) listener();
    assert.equal(contextKeys.get(INSPECT_CONTEXT_KEYS.liveView), true);
    assert.equal(contextKeys.get(INSPECT_CONTEXT_KEYS.recording), false);
  });

  test('Stop is offered while a loaded session can be stopped', () => {
    loaded = [session({ provider: 'browserbase', status: 'RUNNING', statusKind: 'running' })];
    for (const listener of changeListeners) listener();
    assert.equal(contextKeys.get(CAN_STOP_ANY), true);
    loaded = [session({ provider: 'brightData', status: 'running', statusKind: 'running' })];
    for (const listener of changeListeners) listener();
    assert.equal(contextKeys.get(CAN_STOP_ANY), false, 'Bright Data has no stop endpoint');
  });
});

describe('logs document', () => {
  test('the URI round-trips, any session id', () => {
    const target = logsUri('browserbase', 'a/b c?#') as unknown as FakeUri;
    assert.equal(target.scheme, 'browser-session');
    assert.match(target.path, /^\/logs\/browserbase\/[^/]+\.log$/);
    assert.deepEqual(parseLogsUri(target as unknown as vscode.Uri), { connection: 'browserbase', sessionId: 'a/b c?#' });
    assert.equal(parseLogsUri(uri('browser-session', '/json/browserbase/x.json') as unknown as vscode.Uri), undefined);
  });

  test('header, lines, and the truncation note', async () => {
    const text = await logsDocument(logsUri('browserbase', 's1'), { inspector: () => Promise.resolve(fakeInspector) });
    assert.deepEqual(text.split('\n').slice(0, 3), ['# Session s1: 2 log entries', 'a', 'b']);
    assert.match(text, /truncated: only the first 2 entries are shown \(at most 5,000 lines, 1 MB\)/);
  });

  test("a provider's error is written in the document", async () => {
    const failing: SessionInspector = {
      ...fakeInspector,
      logs: () => Promise.reject(new ProviderError('auth', 'Browserbase refused the API key.', { provider: 'browserbase', endpoint: 'x' })),
    };
    const text = await logsDocument(logsUri('browserbase', 's1'), { inspector: () => Promise.resolve(failing) });
    assert.match(text, /Could not load the logs: Browserbase refused the API key\./);
  });
});
