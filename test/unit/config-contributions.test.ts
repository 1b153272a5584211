// What package.json promises about trust, and the per-provider HTTP clients of the registry.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type * as vscode from 'vscode';
import { buildConnections } from '../../src/connections/connections';
import { ClientRegistry } from '../../src/config/clients';
import { PROVIDER_IDS } from '../../src/providers';
import type { Settings } from '../../src/config/settings';
import type { ApiKeys } from '../../src/keys/apiKeys';
import type { HttpClient } from '../../src/providers/http';

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string; type?: string; default?: unknown }> } };
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;
const originSettings = [...Object.keys(properties).filter((key) => key.endsWith('.baseUrl')), 'browserSessions.connections'];

describe('package.json: a workspace cannot redirect a key', () => {
  test('every base-URL setting and the connections list are machine-scoped', () => {
    assert.ok(originSettings.length >= 3);
    for (const key of originSettings) assert.equal(properties[key]?.scope, 'machine', key);
    assert.equal(properties['browserSessions.connections']?.type, 'array');
    assert.deepEqual(properties['browserSessions.connections']?.default, []);
  });

  test('untrusted workspaces: limited, with those settings restricted', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.deepEqual([...(untrusted?.restrictedConfigurations ?? [])].sort(), [...originSettings].sort());
  });
});

describe('client registry', () => {
  const settings: Settings = {
    baseUrls: Object.fromEntries(PROVIDER_IDS.map((id, index) => [id, `http://127.0.0.1:${index + 1}`])) as Settings['baseUrls'],
    pageSize: 50,
    autoRefreshSeconds: 0,
    statusBarEnabled: true,
    notifyOnFailure: true,
    maxSessionsScanned: 20_000,
    http: { timeoutMs: 1000 },
  };
  const keys = { get: (connection: string) => `key-of-${connection}` } as unknown as ApiKeys;
  const log = { info: () => undefined, warn: () => undefined } as unknown as vscode.LogOutputChannel;
  const httpOf = (registry: ClientRegistry): Map<string, HttpClient> =>
    (registry as unknown as { https: Map<string, HttpClient> }).https;

  const connections = buildConnections([{ id: 'brightData-2', provider: 'brightData', label: 'Second', baseUrl: 'http://127.0.0.1:9' }]);
  const lookup = (id: string) => connections.find((connection) => connection.id === id);

  test('one HttpClient per connection, so a rate-limit gate never spans two connections (even of one provider)', () => {
    const registry = new ClientRegistry(settings, keys, log, lookup);
    registry.client('brightData');
    registry.client('anchor');
    const second = registry.client('brightData-2');
    assert.equal(second?.id, 'brightData', 'an extra connection builds its provider\'s client');
    assert.equal(registry.client('nobody'), undefined, 'an unknown connection has no client');
    const https = httpOf(registry);
    assert.equal(https.size, 3);
    assert.notEqual(https.get('brightData'), https.get('anchor'));
    assert.notEqual(https.get('brightData'), https.get('brightData-2'));
    registry.client('brightData');
    assert.equal(httpOf(registry).size, 3, 'reused, not rebuilt per call');
    registry.dispose();
    assert.equal(httpOf(registry).size, 0, 'disposed with the registry');
  });
});
