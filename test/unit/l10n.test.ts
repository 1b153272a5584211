// package.json's user-visible text lives in package.nls.json (VS Code swaps in a translation,
// package.nls.<locale>.json, when one ships): every `%key%` resolves, no key is left unused, and no
// title or description is written in plain English where a translation could not reach it. Runtime
// strings: the committed bundle matches the source, and the modules without `vscode` translate
// through @vscode/l10n once activation hands it VS Code's bundle.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { getL10nJson } from '@vscode/l10n-dev';
import path from 'node:path';
import { describe, test } from 'node:test';
import * as l10n from '@vscode/l10n';
import { describeFilters } from '../../src/filters/describe';
import { statusItems, sortOrderItems } from '../../src/filters/picks';
import { keyProblem } from '../../src/keys/validate';
import { CAPABILITIES, PROVIDER_IDS, PROVIDER_LABELS } from '../../src/providers';
import type { Session } from '../../src/providers/types';
import { emptyProviderState, type ProviderState } from '../../src/store/state';
import { itemFor, type TreeContext } from '../../src/tree/model';
import { defaultConnection } from './support/connections';
import { MANIFEST, NLS, NLS_PLACEHOLDER, RAW_MANIFEST, resolveNls } from './support/manifest';

const ROOT = path.join(__dirname, '..', '..');

/** Manifest fields VS Code shows to people, and so localises through `%key%`. */
const LOCALISABLE = new Set([
  'title',
  'name',
  'label',
  'category',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'contextualTitle',
  'contents',
]);

/** Subtrees holding data (setting values) rather than text shown as a label. */
const DATA = new Set(['default', 'examples', 'enum', 'const']);

interface Found {
  where: string;
  value: string;
}

/** Every string under `value`, with its JSON path. */
function strings(value: unknown, where: string): Found[] {
  if (typeof value === 'string') return [{ where, value }];
  if (Array.isArray(value)) return value.flatMap((entry, index) => strings(entry, `${where}[${index}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([name, entry]) => strings(entry, `${where}.${name}`));
  return [];
}

/** Strings in localisable fields under `value` (a setting named "label" is an object, so it is passed through, not taken). */
function localisable(value: unknown, where: string): Found[] {
  if (Array.isArray(value)) return value.flatMap((entry, index) => localisable(entry, `${where}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([name, entry]): Found[] => {
    if (DATA.has(name)) return [];
    const here = `${where}.${name}`;
    if (LOCALISABLE.has(name) && (typeof entry === 'string' || Array.isArray(entry))) return strings(entry, here);
    return localisable(entry, here);
  });
}

const raw = RAW_MANIFEST as {
  displayName: string;
  description: string;
  l10n?: string;
  capabilities: unknown;
  contributes: { commands: { command: string; title: string; category?: string }[] };
};
const placeholders = strings(RAW_MANIFEST, '$')
  .map((found) => ({ ...found, key: NLS_PLACEHOLDER.exec(found.value)?.[1] }))
  .filter((found): found is Found & { key: string } => found.key !== undefined);

describe('package.nls.json', () => {
  test('every %key% in package.json resolves to a non-empty text', () => {
    assert.ok(placeholders.length > 40, `only ${placeholders.length} placeholders found`);
    const missing = placeholders.filter(({ key }) => typeof NLS[key] !== 'string' || NLS[key] === '').map(({ where, key }) => `${where}: %${key}%`);
    assert.deepEqual(missing, []);
  });

  test('has no key package.json does not use', () => {
    const used = new Set(placeholders.map(({ key }) => key));
    assert.deepEqual(
      Object.keys(NLS).filter((key) => !used.has(key)),
      [],
    );
  });

  test('every title, name, label, category and description in package.json is a %key%', () => {
    const fields = [
      { where: '$.displayName', value: raw.displayName },
      { where: '$.description', value: raw.description },
      ...localisable(raw.capabilities, '$.capabilities'),
      ...localisable(raw.contributes, '$.contributes'),
    ];
    assert.ok(fields.length > 40, `only ${fields.length} localisable fields found`);
    const plain = fields.filter(({ value }) => !NLS_PLACEHOLDER.test(value)).map(({ where, value }) => `${where}: ${JSON.stringify(value)}`);
    assert.deepEqual(plain, [], 'write the English text in package.nls.json and `%key%` in package.json');
  });

  test('the check finds plain English in a new command title and setting description', () => {
    const added = {
      commands: [{ command: 'browserSessions.x', title: 'New Thing', category: '%command.category%' }],
      configuration: { properties: { 'browserSessions.x': { type: 'string', markdownDescription: 'Plain', default: 'kept' } } },
    };
    assert.deepEqual(
      localisable(added, '$')
        .filter(({ value }) => !NLS_PLACEHOLDER.test(value))
        .map(({ where }) => where),
      ['$.commands[0].title', "$.configuration.properties.browserSessions.x.markdownDescription"],
    );
  });

  test('resolving leaves an unknown key as written and resolves only whole-string placeholders', () => {
    const nls = { 'a.title': 'A' };
    assert.deepEqual(resolveNls({ t: '%a.title%', u: '%b.title%', v: 'x %a.title%', w: ['%a.title%', 3] }, nls), {
      t: 'A',
      u: '%b.title%',
      v: 'x %a.title%',
      w: ['A', 3],
    });
  });

  test('names ./l10n as the runtime strings bundle folder', () => {
    assert.equal(raw.l10n, './l10n');
  });
});

describe('English titles the end-to-end suites type into the palette', () => {
  const manifest = MANIFEST as { contributes: { commands: { title: string; category?: string }[] } };
  const palette = new Set(manifest.contributes.commands.map(({ title, category }) => (category ? `${category}: ${title}` : title)));
  const e2eDir = path.join(ROOT, 'test', 'e2e');
  const typed = readdirSync(e2eDir)
    .filter((file) => file.endsWith('.test.ts'))
    .flatMap((file) => [...readFileSync(path.join(e2eDir, file), 'utf8').matchAll(/runCommand\('(Browser Sessions: [^']+)'\)/g)].map((match) => match[1] ?? ''));

  test('each resolves to a contributed command', () => {
    assert.ok(typed.length > 5, `only ${typed.length} palette entries found in test/e2e`);
    assert.deepEqual(
      [...new Set(typed)].filter((entry) => !palette.has(entry)),
      [],
    );
  });
});

describe('modules without vscode translate through @vscode/l10n', () => {
  test('the tree model shows the bundle activation hands over, and English without one', () => {
    const connection = PROVIDER_IDS[0];
    const session: Session = { id: 's1', provider: connection, status: 'running', statusKind: 'running', domains: [], tags: [], raw: {} };
    const state: ProviderState = {
      ...emptyProviderState(defaultConnection(connection), true),
      total: 3,
      groups: [{ key: 'running', kind: 'running', total: 3, sessions: [session], nextPage: 2, exhausted: false, loadingMore: false }],
    };
    const context: TreeContext = { connections: [connection], read: () => state, filtersActive: false, now: new Date('2026-01-01T00:00:00Z') };
    const loadMore = (): { label: string; description?: string } => itemFor({ kind: 'loadMore', connection, groupKey: 'running' }, context);

    assert.equal(loadMore().label, 'Load more');
    assert.equal(loadMore().description, '1 of 3');
    l10n.config({ contents: { 'Load more': 'Mehr laden', '{0} of {1}': '{0} von {1}' } });
    try {
      const item = loadMore();
      assert.equal(item.label, 'Mehr laden');
      assert.equal(item.description, '1 von 3');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(loadMore().label, 'Load more');
  });

  test('tables built at module load (status names, sort orders) are translated when read, after the bundle arrives', () => {
    const german = { 'Running': 'Läuft', 'Newest first': 'Neueste zuerst', 'status: {0}': 'Status: {0}', 'The key cannot be empty.': 'Der Schlüssel fehlt.' };
    l10n.config({ contents: german });
    try {
      assert.equal(statusItems(undefined)[1]?.label, 'Läuft');
      assert.equal(sortOrderItems('timestamp', undefined)[0]?.label, 'Neueste zuerst');
      assert.equal(describeFilters({ status: 'running' }, CAPABILITIES, PROVIDER_LABELS), 'Status: running');
      assert.equal(keyProblem(' '), 'Der Schlüssel fehlt.');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(statusItems(undefined)[1]?.label, 'Running');
  });
});

describe('l10n/bundle.l10n.json', () => {
  test('holds exactly the strings `npm run l10n` extracts from src/ (run it after changing a vscode.l10n.t text)', async () => {
    // The same extractor the script runs, in memory: nothing is written.
    const src = path.join(ROOT, 'src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(?:ts|tsx|js|jsx)$/.test(file) && !file.endsWith('.d.ts'))
      .map((file) => ({ extension: path.extname(file), contents: readFileSync(path.join(src, file), 'utf8') }));
    const extracted = await getL10nJson(files);
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as unknown;
    assert.ok(Object.keys(extracted).length > 100, `only ${Object.keys(extracted).length} strings extracted`);
    assert.deepEqual(committed, extracted);
  });
});
