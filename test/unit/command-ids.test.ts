// The typed command list and package.json's contributions are one list, and every command runs
// through the wrapper that logs a failure's stack instead of losing it.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ProviderError } from '../../src/providers/providerError';
import { isCommandFailure, runCommand, useCommandLog } from '../../src/system/command';
import { COMMAND, COMMAND_IDS } from '../../src/system/ids';
import { shownErrors } from './support/vscode';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[] };
};
const contributed = manifest.contributes.commands.map((entry) => entry.command);

describe('command ids', () => {
  it('every contributed command is in the typed list', () => {
    const known = new Set<string>(COMMAND_IDS);
    assert.deepEqual(contributed.filter((id) => !known.has(id)), []);
  });

  it('every typed command is contributed', () => {
    const declared = new Set(contributed);
    assert.deepEqual(COMMAND_IDS.filter((id) => !declared.has(id)), []);
  });

  it('has no duplicates and the shorthand names each id once', () => {
    assert.equal(new Set(COMMAND_IDS).size, COMMAND_IDS.length);
    assert.deepEqual(Object.values(COMMAND).sort(), [...COMMAND_IDS].sort());
    assert.equal(COMMAND.showDetails, 'browserSessions.showDetails');
  });
});

describe('the command wrapper', () => {
  function recordingLog(): { lines: string[]; error(m: string): void; warn(m: string): void } {
    const lines: string[] = [];
    return { lines, error: (m) => lines.push(`error ${m}`), warn: (m) => lines.push(`warn ${m}`) };
  }

  it('logs an unexpected exception with its stack and shows a short internal-error message', async () => {
    const log = recordingLog();
    shownErrors.length = 0;
    const shown = shownErrors;
    const binding = useCommandLog(log);
    try {
      const result = await runCommand(COMMAND.copyId, () => {
        throw new TypeError('boom');
      }, []);
      assert.ok(isCommandFailure(result));
      assert.match(result.message, /internal error/);
      assert.equal(log.lines.length, 1);
      assert.match(log.lines[0], /^error Command browserSessions\.copyId failed: TypeError: boom\n\s+at /);
      assert.equal(shown.length, 1);
      assert.match(shown[0], /internal error/);
      assert.doesNotMatch(shown[0], /boom|\bat\b /);
    } finally {
      binding.dispose();
    }
  });

  it("shows a provider's error as it is, without calling it internal", async () => {
    const log = recordingLog();
    shownErrors.length = 0;
    const shown = shownErrors;
    const binding = useCommandLog(log);
    try {
      await runCommand(COMMAND.refresh, () => {
        throw new ProviderError('auth', 'Anchor refused the API key.', { provider: 'anchor', endpoint: 'GET /v1/sessions' });
      }, []);
      assert.deepEqual(shown, ['Anchor refused the API key.']);
      assert.deepEqual(log.lines, ['warn Command browserSessions.refresh: Anchor refused the API key.']);
    } finally {
      binding.dispose();
    }
  });

  it('passes arguments through and returns the handler result', async () => {
    assert.equal(await runCommand(COMMAND.refresh, (a, b) => `${String(a)}-${String(b)}`, [1, 2]), '1-2');
  });
});
