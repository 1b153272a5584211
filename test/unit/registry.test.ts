// The registry is the only list of providers: each definition is complete, package.json has its
// base-URL setting, the webview protocol accepts its snapshots, and no other source file names it.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { affectsClients } from '../../src/config/settings';
import { buildSnapshot } from '../../src/details/snapshot';
import { BASE_URL_SETTINGS, PROVIDER_IDS, PROVIDERS, SECRET_KEYS, isProviderId } from '../../src/providers/index';
import { PROVIDER_ID_PATTERN, isHostMessage } from '../../src/shared/protocol';

const ROOT = join(__dirname, '..', '..');
const settings = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: unknown; scope?: string }> } };
}).contributes.configuration.properties;

/** The base-URL settings added with the registry are machine-scoped (SURFACE.md). */
const FIRST_TWO = new Set(['brightData', 'anchor']);

describe('provider registry', () => {
  it('lists five providers with unique ids, in SURFACE.md order', () => {
    assert.deepEqual(PROVIDER_IDS, ['brightData', 'anchor', 'browserbase', 'steel', 'hyperbrowser']);
  });

  for (const definition of PROVIDERS) {
    describe(definition.id, () => {
      it('is a complete definition', () => {
        const { capabilities } = definition;
        assert.match(definition.id, PROVIDER_ID_PATTERN);
        assert.ok(definition.label.trim() !== '');
        assert.equal(new URL(definition.defaultBaseUrl).protocol, 'https:');
        assert.ok(!definition.path.startsWith('/'), 'a relative path keeps a base URL prefix');
        assert.ok(capabilities.paging, 'paging style');
        assert.ok(capabilities.endpoints, 'single-session endpoints');
        assert.ok(capabilities.filters.has('status'));
        assert.ok(capabilities.statuses.length > 0);
        for (const spelling of Object.values(capabilities.statusFor)) assert.ok(capabilities.statuses.includes(spelling), spelling);
        if (capabilities.sortFields.length === 0) assert.equal(capabilities.defaultSort.field, '');
        else assert.ok(capabilities.sortFields.includes(capabilities.defaultSort.field));
        assert.ok(definition.fieldLabels.steps !== '' && definition.fieldLabels.bytes !== '');
        assert.ok(Object.keys(definition.authHeaders('k')).length > 0);
        assert.ok(definition.pageSize(50) >= 1);
        assert.equal(isProviderId(definition.id), true);
        for (const status of Object.keys(definition.statusLabels ?? {})) assert.ok(capabilities.statuses.includes(status), status);
      });

      it('has its base-URL setting in package.json, defaulting to the definition', () => {
        const setting = settings[`browserSessions.${BASE_URL_SETTINGS[definition.id]}`];
        assert.ok(setting, 'setting missing');
        assert.equal(setting.default, definition.defaultBaseUrl);
        if (!FIRST_TWO.has(definition.id)) assert.equal(setting.scope, 'machine');
        assert.equal(SECRET_KEYS[definition.id], `browserSessions.apiKey.${definition.id}`);
      });

      it('a change of its base URL rebuilds the clients', () => {
        const setting = `browserSessions.${BASE_URL_SETTINGS[definition.id]}`;
        assert.equal(affectsClients({ affectsConfiguration: (section: string) => section === setting }), true);
      });

      it('its snapshots pass the webview protocol check', () => {
        const session = definition.parsePage(
          definition.capabilities.paging === 'none' ? [{ id: 'x', status: 'RUNNING' }] : bodyFor(definition.id),
          { pageIndex: 0, pageSize: 10, endpoint: 'GET /x' },
        ).sessions[0];
        assert.ok(session);
        assert.equal(isHostMessage({ type: 'snapshot', session: buildSnapshot(session), stale: false }), true);
      });
    });
  }

  it('the webview protocol refuses a provider that is not id-shaped', () => {
    const session = PROVIDERS[0].parsePage(bodyFor('brightData'), { pageIndex: 0, pageSize: 10, endpoint: 'GET /x' }).sessions[0];
    assert.ok(session);
    const snapshot = { ...buildSnapshot(session), provider: '<img src=x>' };
    assert.equal(isHostMessage({ type: 'snapshot', session: snapshot, stale: false }), false);
  });

  it('no source file outside the provider definitions and the registry names a provider id', () => {
    const allowed = new Set([...PROVIDER_IDS.map((id) => `src/providers/${id}.ts`), 'src/providers/registry.ts']);
    const literal = new RegExp(`['"\`](${PROVIDER_IDS.join('|')})['"\`]`);
    const offenders = sourceFiles(join(ROOT, 'src'))
      .map((file) => relative(ROOT, file).split('\\').join('/'))
      .filter((file) => !allowed.has(file) && literal.test(readFileSync(join(ROOT, file), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});

function bodyFor(id: string): unknown {
  const record = { id: 'x', session_id: 'x', status: 'running' };
  if (id === 'anchor') return { data: { sessions: [record], total: 1, page: 1, total_pages: 1 } };
  return { sessions: [record], total: 1, totalCount: 1, nextCursor: null };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}
