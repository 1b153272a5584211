// Commands whose code loads on first use (system/firstUse.ts, src/features.ts): activation's
// stand-ins hand the first call over to the real handler, the module loads once, and the ids the
// stand-ins cover are exactly the ones the first-use half registers.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { registerFeatures, type Activated } from '../../src/features';
import { registerContentOnFirstUse, registerOnFirstUse } from '../../src/system/firstUse';
import { ACTIVATION_COMMANDS, COMMAND, COMMAND_IDS, FIRST_USE_COMMANDS, type CommandId } from '../../src/system/ids';
import { commands, EventEmitter, registered, shownErrors, workspace } from './support/vscode';

const originalExecute = commands.executeCommand;

beforeEach(() => {
  registered.clear();
  shownErrors.length = 0;
  // As VS Code does for the extension's own commands: the registered handler, with the arguments.
  commands.executeCommand = (id: string, ...args: unknown[]) => {
    const handler = registered.get(id);
    return handler ? Promise.resolve(handler(...args)) : Promise.reject(new Error(`command '${id}' not found`));
  };
});
afterEach(() => {
  commands.executeCommand = originalExecute;
});

function context(): { subscriptions: { dispose(): unknown }[] } {
  return { subscriptions: [] };
}

describe('registerOnFirstUse', () => {
  const ids: CommandId[] = [COMMAND.copyId, COMMAND.copyJson];

  it('loads once, replaces every stand-in, and passes the first calls on with their arguments', async () => {
    let loads = 0;
    const calls: string[] = [];
    registerOnFirstUse(context(), ids, () => {
      loads += 1;
      return Promise.resolve(() => {
        // The stand-ins are gone before the real handlers arrive, so VS Code would not refuse them.
        assert.deepEqual(ids.filter((id) => registered.has(id)), []);
        for (const id of ids) registered.set(id, (...args: unknown[]) => (calls.push(`${id} ${JSON.stringify(args)}`), `${id} done`));
      });
    });
    assert.deepEqual([...registered.keys()].sort(), [...ids].sort());
    const standIn = registered.get(COMMAND.copyId)!;
    const otherStandIn = registered.get(COMMAND.copyJson)!;
    const results = await Promise.all([standIn({ id: 'a' }, 2), otherStandIn('b')]);
    assert.equal(loads, 1);
    assert.deepEqual(results, ['browserSessions.copyId done', 'browserSessions.copyJson done']);
    assert.deepEqual(calls.sort(), ['browserSessions.copyId [{"id":"a"},2]', 'browserSessions.copyJson ["b"]']);
    // Later calls reach the real handler itself.
    assert.equal(await registered.get(COMMAND.copyId)!('c'), 'browserSessions.copyId done');
    assert.equal(loads, 1);
  });

  it('a failed load is shown like a command failure, and the next call tries again', async () => {
    let attempts = 0;
    registerOnFirstUse(context(), ids, () => {
      attempts += 1;
      if (attempts === 1) return Promise.reject(new Error('features.js is missing'));
      return Promise.resolve(() => registered.set(COMMAND.copyId, () => 'loaded'));
    });
    const first = await registered.get(COMMAND.copyId)!();
    assert.equal(attempts, 1);
    assert.match(JSON.stringify(first), /commandFailed/);
    assert.equal(shownErrors.length, 1);
    assert.match(shownErrors[0], /internal error/);
    assert.equal(await registered.get(COMMAND.copyId)!(), 'loaded');
    assert.equal(attempts, 2);
  });

  it('the stand-ins are disposed with the extension', () => {
    const ctx = context();
    registerOnFirstUse(ctx, ids, () => Promise.resolve(() => undefined));
    for (const disposable of ctx.subscriptions) disposable.dispose();
    assert.equal(registered.size, 0);
  });
});

describe('registerContentOnFirstUse', () => {
  it('is registered at once, loads on the first document asked for, and relays change events', async () => {
    const schemes: string[] = [];
    let registeredProvider: vscode.TextDocumentContentProvider | undefined;
    workspace.registerTextDocumentContentProvider = (scheme: string, provider: vscode.TextDocumentContentProvider) => {
      schemes.push(scheme);
      registeredProvider = provider;
      return { dispose: () => (registeredProvider = undefined) };
    };
    let loads = 0;
    const realChanged = new EventEmitter<vscode.Uri>();
    const real: vscode.TextDocumentContentProvider = {
      onDidChange: realChanged.event,
      provideTextDocumentContent: (uri) => `text of ${String(uri)}`,
    };
    const registration = registerContentOnFirstUse('browser-session', () => {
      loads += 1;
      return Promise.resolve(real);
    });
    assert.deepEqual(schemes, ['browser-session']);
    assert.equal(loads, 0, 'nothing loads before a document is asked for');
    const seen: unknown[] = [];
    registeredProvider!.onDidChange!((uri) => seen.push(uri));
    const token = {} as vscode.CancellationToken;
    assert.equal(await registeredProvider!.provideTextDocumentContent('browser-session:/a.json' as unknown as vscode.Uri, token), 'text of browser-session:/a.json');
    assert.equal(await registeredProvider!.provideTextDocumentContent('browser-session:/b.json' as unknown as vscode.Uri, token), 'text of browser-session:/b.json');
    realChanged.fire('browser-session:/a.json' as unknown as vscode.Uri);
    assert.deepEqual(seen, ['browser-session:/a.json']);
    registration.dispose();
    assert.equal(registeredProvider, undefined);
    assert.equal(realChanged.size, 0, 'the relay is released');
    assert.equal(loads, 2, 'each document asks the loader, which loads once in the extension (FirstUse.ensure)');
  });
});

describe('the first-use half', () => {
  it('registers exactly the commands activation leaves to it, and serves the documents', () => {
    assert.deepEqual([...FIRST_USE_COMMANDS, ...ACTIVATION_COMMANDS].sort(), [...COMMAND_IDS].sort());
    const event = new EventEmitter<void>().event;
    const ctx = { subscriptions: [] as { dispose(): unknown }[] } as unknown as vscode.ExtensionContext;
    // Registration only stores these; no command runs here.
    const unused = new Proxy({}, { get: (_target, key) => (key === 'then' ? undefined : () => ({ dispose: () => undefined })) });
    const features = registerFeatures({
      context: ctx,
      settings: unused,
      connections: { onDidChange: event },
      keys: unused,
      clients: unused,
      filters: { onDidChange: event },
      access: unused,
      store: { onDidChange: event },
      storeChanged: event,
      view: { treeView: unused, refresh: () => Promise.resolve() },
    } as unknown as Activated);
    assert.deepEqual([...registered.keys()].sort(), [...FIRST_USE_COMMANDS].sort());
    assert.equal(typeof features.documentContent.provideTextDocumentContent, 'function');
    for (const disposable of ctx.subscriptions) disposable.dispose();
    assert.equal(registered.size, 0, 'every registration is disposed with the extension');
  });
});
