// Add, Rename and Remove Connection… through the vscode stand-in: what each step asks, what reaches
// the machine-scoped `browserSessions.connections` setting and secret storage, and that cancelling
// at any step writes nothing.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type * as vscode from 'vscode';
import type { ApiKeys as ApiKeysType } from '../../src/keys/apiKeys';
import type { LiveConnections as LiveConnectionsType } from '../../src/connections/liveConnections';
import { ConfigurationTarget, EventEmitter, registered, script, settings } from './support/vscode';

interface Question {
  readonly kind: 'quickPick' | 'inputBox' | 'warning' | 'information';
  readonly title?: string;
  readonly message?: string;
  readonly items?: readonly { label: string }[];
  readonly options?: {
    readonly value?: string;
    readonly password?: boolean;
    readonly modal?: boolean;
    readonly validateInput?: (value: string) => unknown;
  };
  readonly buttons?: readonly string[];
}

/** Everything the command asked or said, in order. */
const asked: Question[] = [];
/** The person's answers, one per question, in order; a question with no answer left is dismissed. */
let answers: Array<(question: Question) => unknown> = [];

function answer(question: Question): unknown {
  asked.push(question);
  const next = answers.shift();
  return next ? next(question) : undefined;
}

script({
  window: {
    showQuickPick: async (items: readonly { label: string }[] | Promise<readonly { label: string }[]>, options?: { title?: string }) =>
      answer({ kind: 'quickPick', title: options?.title, items: await items }),
    showInputBox: async (options: Question['options'] & { title?: string }) => answer({ kind: 'inputBox', title: options.title, options }),
    showWarningMessage: async (message: string, options: Question['options'], ...buttons: string[]) =>
      answer({ kind: 'warning', message, options, buttons }),
    showInformationMessage: async (message: string) => answer({ kind: 'information', message }),
  },
});

// Loaded after the stand-in is scripted.
const { registerConnectionCommands } = require('../../src/config/connectionCommands') as typeof import('../../src/config/connectionCommands');
const { LiveConnections, CONNECTIONS_SETTING } = require('../../src/connections/liveConnections') as typeof import('../../src/connections/liveConnections');
const { ApiKeys } = require('../../src/keys/apiKeys') as typeof import('../../src/keys/apiKeys');
const { keyProblem } = require('../../src/keys/validate') as typeof import('../../src/keys/validate');
const { PROVIDERS } = require('../../src/providers') as typeof import('../../src/providers');

const KEY = 'demo-key-12345678';

/** SecretStorage in memory, with its change event. */
class Secrets {
  readonly values = new Map<string, string>();
  private readonly changed = new EventEmitter<{ key: string }>();
  readonly onDidChange = this.changed.event;
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    this.changed.fire({ key });
    return Promise.resolve();
  }
}

const pick =
  (label: string) =>
  (question: Question): unknown => {
    const item = question.items?.find((candidate) => candidate.label === label);
    assert.ok(item, `no “${label}” among ${JSON.stringify(question.items?.map((candidate) => candidate.label))}`);
    return item;
  };

/** Types `text` into an input box, which (as VS Code does) only accepts what its validateInput accepts. */
const type =
  (text: string) =>
  (question: Question): unknown => {
    assert.equal(question.options?.validateInput?.(text), undefined, `the box would not accept ${JSON.stringify(text)}`);
    return text;
  };

/** What a box returns regardless of its validation (VS Code would not; the command checks again). */
const submitAnyway = (text: string) => (): unknown => text;
const dismiss = (): unknown => undefined;

let secrets: Secrets;
let connections: LiveConnectionsType;
let keys: ApiKeysType;
let context: { subscriptions: { dispose(): unknown }[] };

async function setUp(entries?: unknown[], storedKeys: Record<string, string> = {}): Promise<void> {
  settings.values.clear();
  if (entries) settings.values.set(CONNECTIONS_SETTING, entries);
  secrets = new Secrets();
  for (const [key, value] of Object.entries(storedKeys)) secrets.values.set(key, value);
  connections = new LiveConnections({ warn: () => {} } as unknown as vscode.LogOutputChannel);
  keys = await ApiKeys.create(secrets, connections.list.map((connection) => connection.id));
  context = { subscriptions: [] };
  registerConnectionCommands(context as unknown as vscode.ExtensionContext, connections, keys);
  // Only what the command under test does from here on.
  settings.updates.length = 0;
  asked.length = 0;
}

function run(command: string, arg?: unknown): Promise<unknown> {
  const handler = registered.get(command);
  assert.ok(handler, `${command} is not registered`);
  return Promise.resolve(handler(arg));
}

function assertNothingWritten(secretsBefore: ReadonlyMap<string, string>): void {
  assert.deepEqual(settings.updates, []);
  assert.deepEqual(secrets.values, secretsBefore);
}

beforeEach(() => {
  answers = [];
});

afterEach(() => {
  for (const disposable of context.subscriptions) disposable.dispose();
  connections.dispose();
  keys.dispose();
});

describe('Add Connection…', () => {
  test('asks provider, label, base URL and key; the entry goes to the user settings, the key to secret storage only', async () => {
    await setUp();
    answers = [pick('Anchor'), type('  staging  '), type(''), type(`  ${KEY}  `)];
    await run('browserSessions.addConnection');
    assert.deepEqual(
      asked.map((question) => question.kind),
      ['quickPick', 'inputBox', 'inputBox', 'inputBox'],
    );
    assert.deepEqual(
      asked[0]?.items?.map((item) => item.label),
      PROVIDERS.map((definition) => definition.label),
    );
    assert.equal(asked[3]?.options?.password, true, 'the key is typed into a password box');
    assert.deepEqual(settings.updates, [
      { key: CONNECTIONS_SETTING, value: [{ id: 'anchor-2', provider: 'anchor', label: 'staging' }], target: ConfigurationTarget.Global },
    ]);
    assert.ok(!JSON.stringify([...settings.values]).includes(KEY), 'no key in settings');
    assert.deepEqual([...secrets.values], [['browserSessions.apiKey.connection.anchor-2', KEY]]);
    assert.equal(connections.find('anchor-2')?.label, 'Anchor · staging');
    assert.equal(keys.get('anchor-2'), KEY);
  });

  test('a base URL is kept, trimmed; another account of the same provider gets the next free id', async () => {
    await setUp([{ id: 'anchor-2', provider: 'anchor', label: 'staging' }]);
    answers = [pick('Anchor'), type('eu'), type('  https://eu.anchor.example/api  '), type(KEY)];
    await run('browserSessions.addConnection');
    assert.deepEqual(settings.updates.map((update) => update.value), [
      [
        { id: 'anchor-2', provider: 'anchor', label: 'staging' },
        { id: 'anchor-3', provider: 'anchor', label: 'eu', baseUrl: 'https://eu.anchor.example/api' },
      ],
    ]);
    assert.deepEqual([...secrets.values.keys()], ['browserSessions.apiKey.connection.anchor-3']);
  });

  test('the boxes refuse an empty or overlong label, an unusable base URL and an invalid key', async () => {
    await setUp();
    answers = [pick('Bright Data'), type('staging'), type(''), dismiss];
    await run('browserSessions.addConnection');
    const [, label, baseUrl, key] = asked.map((question) => question.options?.validateInput);
    assert.ok(label && baseUrl && key);
    for (const bad of ['', '   ', 'x'.repeat(81)]) assert.equal(typeof label(bad), 'string', JSON.stringify(bad));
    assert.equal(label('production'), undefined);
    for (const bad of ['not a url', 'ftp://files.example', 'https://user:secret@eu.example', 'http://api.example.com']) {
      assert.match(String(baseUrl(bad)), /^Not usable: /, bad);
    }
    for (const good of ['', 'https://eu.example/api', 'http://localhost:8080', 'http://127.0.0.1:9000/']) assert.equal(baseUrl(good), undefined, good);
    for (const bad of ['', 'short', 'two words-here', 'tab\tinside-key', 'ключ-12345678']) assert.equal(key(bad), keyProblem(bad), bad);
    for (const bad of ['short', 'two words-here']) assert.equal(typeof key(bad), 'string');
    assert.equal(key(KEY), undefined);
    assertNothingWritten(new Map());
  });

  test('a label or key that is not valid is not saved, even if a box returns it', async () => {
    for (const script of [
      [pick('Steel'), submitAnyway('   ')],
      [pick('Steel'), type('ci'), type(''), submitAnyway('two words')],
    ]) {
      await setUp();
      answers = script;
      await run('browserSessions.addConnection');
      assertNothingWritten(new Map());
    }
  });

  const steps = ['provider', 'label', 'base URL', 'key'];
  for (const [index, step] of steps.entries()) {
    test(`cancelling at the ${step} writes nothing`, async () => {
      await setUp([{ id: 'steel-2', provider: 'steel', label: 'old' }], { 'browserSessions.apiKey.connection.steel-2': KEY });
      const before = new Map(secrets.values);
      answers = [pick('Steel'), type('ci'), type('https://steel.example'), type(KEY)].slice(0, index);
      answers.push(dismiss);
      await run('browserSessions.addConnection');
      assert.equal(asked.length, index + 1, 'no question after the cancelled one');
      assertNothingWritten(before);
      assert.deepEqual(connections.extra.map((connection) => connection.id), ['steel-2']);
    });
  }
});

describe('Rename Connection…', () => {
  const entries = [
    { id: 'anchor-2', provider: 'anchor', label: 'staging', baseUrl: 'https://eu.anchor.example' },
    { id: 'brightData-2', provider: 'brightData', label: 'second' },
  ];
  const stored = { 'browserSessions.apiKey.connection.anchor-2': KEY, 'browserSessions.apiKey.brightData': 'default-key-1' };

  test('changes only the label of that entry', async () => {
    await setUp(entries, stored);
    const before = new Map(secrets.values);
    answers = [
      (question) => {
        assert.equal(question.options?.value, 'staging', 'the box starts from the current label');
        return type('  production ')(question);
      },
    ];
    await run('browserSessions.renameConnection', { connection: 'anchor-2' });
    assert.deepEqual(settings.updates, [
      {
        key: CONNECTIONS_SETTING,
        value: [{ ...entries[0], label: 'production' }, entries[1]],
        target: ConfigurationTarget.Global,
      },
    ]);
    assert.deepEqual(secrets.values, before, 'the key stays where it was');
    assert.equal(connections.find('anchor-2')?.label, 'Anchor · production');
  });

  test('from the palette it offers the added connections only; cancelling or an empty label writes nothing', async () => {
    for (const last of [dismiss, submitAnyway('  ')]) {
      await setUp(entries, stored);
      const before = new Map(secrets.values);
      answers = [pick('Anchor · staging'), last];
      await run('browserSessions.renameConnection');
      assert.deepEqual(
        asked[0]?.items?.map((item) => item.label),
        ['Anchor · staging', 'Bright Data · second'],
      );
      assert.equal(asked.length, 2);
      assertNothingWritten(before);
    }
  });
});

describe('Remove Connection…', () => {
  const entries = [
    { id: 'anchor-2', provider: 'anchor', label: 'staging' },
    { id: 'brightData-2', provider: 'brightData', label: 'second' },
  ];
  const stored = {
    'browserSessions.apiKey.connection.anchor-2': KEY,
    'browserSessions.apiKey.connection.brightData-2': 'other-key-12345',
    'browserSessions.apiKey.anchor': 'default-key-1',
  };

  test('asks first (modal), then deletes the entry and its key; the others stay', async () => {
    await setUp(entries, stored);
    answers = [
      (question) => {
        assert.equal(question.options?.modal, true);
        return question.buttons?.[0];
      },
    ];
    await run('browserSessions.removeConnection', { connection: 'anchor-2' });
    assert.deepEqual(
      asked.map((question) => question.kind),
      ['warning'],
    );
    assert.deepEqual(settings.updates, [{ key: CONNECTIONS_SETTING, value: [entries[1]], target: ConfigurationTarget.Global }]);
    assert.deepEqual(
      [...secrets.values.keys()].sort(),
      ['browserSessions.apiKey.anchor', 'browserSessions.apiKey.connection.brightData-2'],
    );
    assert.equal(keys.has('anchor-2'), false);
    assert.equal(connections.find('anchor-2'), undefined);
  });

  test('from the palette: pick, confirm; dismissing the question removes nothing', async () => {
    await setUp(entries, stored);
    const before = new Map(secrets.values);
    answers = [pick('Bright Data · second'), dismiss];
    await run('browserSessions.removeConnection');
    assertNothingWritten(before);
    answers = [pick('Bright Data · second'), (question) => question.buttons?.[0]];
    await run('browserSessions.removeConnection');
    assert.deepEqual(settings.updates.map((update) => update.value), [[entries[0]]]);
    assert.equal(secrets.values.has('browserSessions.apiKey.connection.brightData-2'), false);
  });

  test('a default connection is neither removed nor renamed: nothing is asked, nothing written', async () => {
    await setUp(entries, stored);
    const before = new Map(secrets.values);
    for (const command of ['browserSessions.removeConnection', 'browserSessions.renameConnection']) {
      for (const arg of ['anchor', { connection: 'brightData' }, { provider: 'anchor' }]) {
        answers = [(question) => question.buttons?.[0] ?? 'renamed'];
        await run(command, arg);
      }
    }
    assert.deepEqual(asked, []);
    assertNothingWritten(before);
    assert.ok(connections.find('anchor')?.isDefault);
  });

  test('with no added connection the palette says so and asks nothing else', async () => {
    await setUp([], { 'browserSessions.apiKey.anchor': 'default-key-1' });
    for (const command of ['browserSessions.removeConnection', 'browserSessions.renameConnection']) await run(command);
    assert.deepEqual(
      asked.map((question) => question.kind),
      ['information', 'information'],
    );
    assertNothingWritten(new Map([['browserSessions.apiKey.anchor', 'default-key-1']]));
  });
});
