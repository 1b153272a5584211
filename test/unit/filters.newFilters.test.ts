// The project (Steel) and user-metadata (Browserbase) filters: how they map onto each provider's
// query through the registered capabilities, how the view names the providers that cannot apply
// them, how stored state is sanitised, and how the metadata box reads what is typed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMMAND } from '../../src/system/ids';
import { formatMetadataQuery, metadataInputFor, parseMetadataQuery, readMetadataInput } from '../../src/filters/metadata';
import { describeFilters, metadataWords } from '../../src/filters/describe';
import { applyChange, isActive, queryFor, sanitizeFilters } from '../../src/filters/model';
import { parseProjectInput } from '../../src/filters/picks';
import { MANIFEST } from './support/manifest';
import { CAPABILITIES, PROVIDER_IDS, PROVIDER_LABELS } from '../../src/providers/index';

const NOW = new Date('2026-11-20T12:00:00Z');
const Q = "user_metadata['env']:'staging'";

describe('queryFor: project and metadata', () => {
  test('Steel sends the project as projectId and reports the metadata query as unsupported', () => {
    const { query, unsupported } = queryFor({ project: 'proj_scrapers', metadataQuery: Q }, CAPABILITIES.steel, NOW, 'steel');
    assert.equal(query.projectId, 'proj_scrapers');
    assert.equal(query.metadataQuery, undefined);
    assert.deepEqual(unsupported, ['metadataQuery']);
  });

  test('Browserbase sends the metadata query as is and reports the project as unsupported', () => {
    const { query, unsupported } = queryFor({ project: 'proj_scrapers', metadataQuery: Q }, CAPABILITIES.browserbase, NOW, 'browserbase');
    assert.equal(query.metadataQuery, Q);
    assert.equal(query.projectId, undefined);
    assert.deepEqual(unsupported, ['project']);
  });

  for (const provider of ['brightData', 'anchor', 'hyperbrowser'] as const) {
    test(`${provider} applies neither and names both`, () => {
      const { query, unsupported } = queryFor({ project: 'p', metadataQuery: Q }, CAPABILITIES[provider], NOW, provider);
      assert.equal(query.projectId, undefined);
      assert.equal(query.metadataQuery, undefined);
      assert.deepEqual(unsupported, ['project', 'metadataQuery']);
    });
  }
});

describe('describeFilters: project and metadata', () => {
  test('each names the one provider that applies it', () => {
    assert.equal(
      describeFilters({ project: 'proj_équipe', metadataQuery: "user_metadata['team']['name']:'payments'" }, CAPABILITIES, PROVIDER_LABELS),
      'project: proj_équipe (Steel only) · metadata: team.name = payments (Browserbase only)',
    );
  });

  test('a query outside the documented syntax is shown as stored', () => {
    assert.equal(metadataWords('env=staging'), 'env=staging');
  });
});

describe('state: project and metadata', () => {
  test('each makes the filters active, is trimmed when stored, and clears with undefined', () => {
    assert.equal(isActive({ project: 'p' }), true);
    assert.equal(isActive({ metadataQuery: Q }), true);
    assert.deepEqual(sanitizeFilters({ project: '  p ', metadataQuery: ` ${Q} ` }), { project: 'p', metadataQuery: Q });
    assert.deepEqual(sanitizeFilters({ project: '   ', metadataQuery: 42 }), {});
    assert.deepEqual(applyChange({ project: 'p', metadataQuery: Q }, { project: undefined }), { metadataQuery: Q });
  });
});

describe('the metadata box', () => {
  const cases: [string, string | undefined][] = [
    ['env=staging', Q],
    ['  env = staging  ', Q],
    ['team.name=payments', "user_metadata['team']['name']:'payments'"],
    ['url=https://a.example/?x=1', "user_metadata['url']:'https://a.example/?x=1'"],
    ['owner=zoë 🚀', "user_metadata['owner']:'zoë 🚀'"],
    [Q, Q],
    ['', undefined],
  ];
  for (const [typed, query] of cases) {
    test(`"${typed}" reads as ${String(query)}`, () => {
      assert.deepEqual(readMetadataInput(typed), { query });
    });
  }

  for (const typed of ['staging', "env=it's", '.env=x', 'team..name=x', "user_metadata['env']=staging", "user_metadata['a']:'b' extra"]) {
    test(`"${typed}" is refused with a reason`, () => {
      const read = readMetadataInput(typed);
      assert.ok('problem' in read && read.problem.length > 0, JSON.stringify(read));
    });
  }

  test('the stored query is offered back in the short form, when it has one', () => {
    assert.equal(metadataInputFor(undefined), '');
    assert.equal(metadataInputFor(Q), 'env=staging');
    assert.equal(metadataInputFor("user_metadata['team']['name']:'payments'"), 'team.name=payments');
    // A key with a dot would split differently when read back.
    assert.equal(metadataInputFor("user_metadata['a.b']:'c'"), "user_metadata['a.b']:'c'");
  });

  test('parse and format are inverse', () => {
    const parsed = parseMetadataQuery("user_metadata['team']['name']:'payments'");
    assert.deepEqual(parsed, { path: ['team', 'name'], value: 'payments' });
    assert.equal(formatMetadataQuery({ path: ['team', 'name'], value: 'payments' }), "user_metadata['team']['name']:'payments'");
  });

  test('project input is trimmed, empty clears', () => {
    assert.equal(parseProjectInput('  proj_a '), 'proj_a');
    assert.equal(parseProjectInput('  '), undefined);
  });
});

describe('filter command ids', () => {
  interface Manifest {
    contributes: {
      commands: { command: string; title: string }[];
      menus: Record<string, { command?: string }[]>;
    };
  }
  const manifest = MANIFEST as Manifest;

  test('every filter command is contributed and in the Filter submenu', () => {
    const contributed = new Set(manifest.contributes.commands.map((command) => command.command));
    const inMenu = new Set((manifest.contributes.menus['browserSessions.filterMenu'] ?? []).map((entry) => entry.command));
    const filterCommands = [
      COMMAND.filterByStatus,
      COMMAND.filterByTarget,
      COMMAND.filterByDate,
      COMMAND.filterByZone,
      COMMAND.filterByTags,
      COMMAND.filterByProject,
      COMMAND.filterByMetadata,
      COMMAND.sort,
      COMMAND.clearFilters,
    ];
    for (const id of filterCommands) {
      assert.ok(contributed.has(id), `${id} in contributes.commands`);
      assert.ok(inMenu.has(id), `${id} in the Filter submenu`);
    }
  });

  test('the new commands name the provider that applies them', () => {
    const title = (id: string): string | undefined => manifest.contributes.commands.find((command) => command.command === id)?.title;
    assert.equal(title(COMMAND.filterByProject), 'Filter by Project (Steel)…');
    assert.equal(title(COMMAND.filterByMetadata), 'Filter by User Metadata (Browserbase)…');
    // The titles' provider is the one whose capabilities apply the filter.
    assert.deepEqual(PROVIDER_IDS.filter((id) => CAPABILITIES[id].filters.has('project')), ['steel']);
    assert.deepEqual(PROVIDER_IDS.filter((id) => CAPABILITIES[id].filters.has('metadataQuery')), ['browserbase']);
  });
});
