// Open Target URL / Open End URL through a scripted `vscode`: what is opened, what is refused, what is asked.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type * as vscode from 'vscode';
import type { Session } from '../../src/providers/types';
import { script } from './support/vscode';

const opened: string[] = [];
const warnings: { message: string; modal: boolean; detail?: string }[] = [];
const commands = new Map<string, (...args: unknown[]) => unknown>();
let warningAnswer: string | undefined;

const vscodeStub = {
  commands: {
    registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
      commands.set(id, handler);
      return { dispose: () => commands.delete(id) };
    },
  },
  window: {
    showWarningMessage: async (message: string, ...rest: unknown[]) => {
      const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { modal?: boolean; detail?: string }) : {};
      warnings.push({ message, modal: options.modal === true, detail: options.detail });
      return options.modal ? warningAnswer : undefined;
    },
    showQuickPick: async () => undefined,
  },
  env: {
    openExternal: async (target: unknown) => {
      opened.push(String(target));
      return true;
    },
  },
};

script(vscodeStub);
 
const { registerSessionCommands } = require('../../src/commands/sessionCommands') as typeof import('../../src/commands/sessionCommands');

const context = { subscriptions: [] as { dispose(): unknown }[] } as unknown as vscode.ExtensionContext;
registerSessionCommands(context, {} as never, { selection: [] } as unknown as vscode.TreeView<never>);

function session(overrides: Partial<Session>): Session {
  return { id: 's1', provider: 'anchor', status: 'completed', statusKind: 'finished', domains: [], tags: [], raw: {}, ...overrides };
}

function run(command: string, ...args: unknown[]): Promise<unknown> {
  return Promise.resolve(commands.get(command)!(...args));
}

beforeEach(() => {
  opened.length = 0;
  warnings.length = 0;
  warningAnswer = undefined;
});

describe('open commands', () => {
  test('a plain Anchor domain opens behind https://', async () => {
    await run('browserSessions.openTargetUrl', session({ domains: ['example.com'] }));
    assert.deepEqual(opened, ['https://example.com/']);
  });

  test('"good.com:443@evil.com" is refused with a message, never opens evil.com', async () => {
    const hostile = session({ domains: ['good.com:443@evil.com'] });
    await run('browserSessions.openTargetUrl', hostile);
    await run('browserSessions.openTargetUrl', hostile, 'good.com:443@evil.com');
    assert.deepEqual(opened, []);
    assert.equal(warnings.length, 2);
    for (const warning of warnings) assert.match(warning.message, /not a plain domain/);
  });

  test('a target URL with user:pass@ asks first, naming the real host; no answer, no opening', async () => {
    const withCredentials = session({ provider: 'brightData', targetUrl: 'https://good.com:443@evil.com/login' });
    await run('browserSessions.openTargetUrl', withCredentials);
    assert.deepEqual(opened, []);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].modal, true);
    assert.match(warnings[0].message, /user name or password.*evil\.com/);

    warningAnswer = 'Open';
    await run('browserSessions.openTargetUrl', withCredentials);
    assert.deepEqual(opened, ['https://good.com:443@evil.com/login']);
  });

  test('an ordinary URL opens without a question', async () => {
    await run('browserSessions.openEndUrl', session({ provider: 'brightData', endUrl: 'https://example.com/a?b=%23' }));
    assert.deepEqual(opened, ['https://example.com/a?b=%23']);
    assert.equal(warnings.length, 0);
  });
});
