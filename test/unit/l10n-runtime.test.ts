// The bundle runs src/system/l10nRuntime.ts where the sources import @vscode/l10n (esbuild.js
// aliases it): both must give the same text for every form of call, with and without a bundle.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ours from '../../src/system/l10nRuntime';

const theirs = require('@vscode/l10n') as typeof ours;

const CALLS: readonly (readonly [Parameters<typeof ours.t>[0], ...unknown[]])[] = [
  ['Load more'],
  ['{0} of {1} sessions', 10, 250],
  ['Set API Key for {0}…', 'Bright Data'],
  ['{0} and {0} again, {1} missing {2}', 'x'],
  ['Named {who} in {where}', { who: 'Ada', where: 'prod' }],
  ['Braces {not a key} stay', { other: 1 }],
  [{ message: 'With a comment {0}', args: ['a'], comment: 'why' }],
  [{ message: 'With comments', comment: ['one', 'two'] }],
  [{ message: 'Args by name {n}', args: { n: 3 } }],
  ['A zero {0} and an empty {1}', 0, ''],
];

const BUNDLE = {
  'Load more': 'Mehr laden',
  '{0} of {1} sessions': '{0} von {1} Sitzungen',
  'With a comment {0}/why': { message: 'Mit Kommentar {0}', comment: ['why'] },
  'With comments/onetwo': 'Mit Kommentaren',
  'Named {who} in {where}': { message: 'no comment: the English is used' },
};

describe('the bundle’s l10n runtime', () => {
  for (const [label, contents] of [
    ['without a bundle', {}],
    ['with a bundle', BUNDLE],
  ] as const) {
    it(`gives @vscode/l10n’s text for every form of call, ${label}`, () => {
      ours.config({ contents });
      theirs.config({ contents });
      for (const [message, ...args] of CALLS) {
        assert.equal(ours.t(message, ...args), theirs.t(message, ...args), JSON.stringify([message, ...args]));
      }
    });
  }

  it('takes a bundle given as JSON text', () => {
    ours.config({ contents: JSON.stringify(BUNDLE) });
    assert.equal(ours.t('Load more'), 'Mehr laden');
  });
});
