import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildConnections,
  connectionLabel,
  connectionSecretKey,
  idProblem,
  parseConnections,
} from '../../src/connections/connections';

describe('connections setting', () => {
  test('valid entries become connections after the five defaults, keys under apiKey.connection.<id>', () => {
    const { entries, problems } = parseConnections([
      { id: 'brightData-2', provider: 'brightData', label: 'Second account', baseUrl: 'http://127.0.0.1:1/' },
      { id: 'anc_staging', provider: 'anchor', label: 'Anchor staging' },
    ]);
    assert.deepEqual(problems, []);
    const all = buildConnections(entries);
    assert.deepEqual(
      all.map((connection) => [connection.id, connection.label, connection.secretKey]),
      [
        ['brightData', 'Bright Data', 'browserSessions.apiKey.brightData'],
        ['anchor', 'Anchor', 'browserSessions.apiKey.anchor'],
        ['browserbase', 'Browserbase', 'browserSessions.apiKey.browserbase'],
        ['steel', 'Steel', 'browserSessions.apiKey.steel'],
        ['hyperbrowser', 'Hyperbrowser', 'browserSessions.apiKey.hyperbrowser'],
        ['brightData-2', 'Bright Data · Second account', 'browserSessions.apiKey.connection.brightData-2'],
        ['anc_staging', 'Anchor staging', 'browserSessions.apiKey.connection.anc_staging'],
      ],
    );
    assert.equal(all[5].baseUrl, 'http://127.0.0.1:1/');
    assert.equal(all[6].baseUrl, undefined);
  });

  test('bad entries are skipped with a reason, good ones kept, nothing throws', () => {
    const { entries, problems } = parseConnections([
      null,
      'text',
      { id: 'brightData', provider: 'brightData', label: 'x' },
      { id: 'a b', provider: 'anchor', label: 'x' },
      { id: 'x'.repeat(65), provider: 'anchor', label: 'x' },
      { id: 'ok', provider: 'nope', label: 'x' },
      { id: 'ok', provider: 'anchor', label: 'y'.repeat(81) },
      { id: 'ok', provider: 'anchor', label: '  ' },
      { id: 'ok', provider: 'anchor', label: 'x', baseUrl: 42 },
      { id: 'ok', provider: 'anchor', label: 'good' },
      { id: 'ok', provider: 'steel', label: 'duplicate' },
      { id: '__proto__', provider: 'steel', label: 'fine id' },
    ]);
    assert.deepEqual(entries.map((entry) => entry.id), ['ok', '__proto__']);
    assert.equal(problems.length, 10);
    assert.match(problems[2], /\[2\].*default connection/);
    assert.match(problems[10 - 1], /already exists/);
    assert.deepEqual(parseConnections({ id: 'x' }).entries, []);
    assert.equal(parseConnections({ id: 'x' }).problems.length, 1);
    assert.deepEqual(parseConnections(undefined), { entries: [], problems: [] });
  });

  test('labels, ids and secret keys', () => {
    assert.equal(connectionLabel('brightData', 'staging'), 'Bright Data · staging');
    assert.equal(connectionLabel('brightData', 'Bright Data staging'), 'Bright Data staging');
    assert.equal(connectionSecretKey('steel'), 'browserSessions.apiKey.steel');
    assert.equal(connectionSecretKey('mine'), 'browserSessions.apiKey.connection.mine');
    assert.equal(idProblem('fine-1'), undefined);
    assert.match(idProblem('fine-1', ['fine-1'])!, /exists/);
    assert.match(idProblem('anchor')!, /default/);
  });
});

describe('command arguments naming a connection', () => {
  test('a string id, a tree node, a provider (its default connection); nothing else', async () => {
    const { connectionFromArg, sessionRefFromArg } = await import('../../src/system/args');
    assert.equal(connectionFromArg('brightData-2'), 'brightData-2');
    assert.equal(connectionFromArg({ kind: 'provider', connection: 'brightData-2' }), 'brightData-2');
    assert.equal(connectionFromArg({ provider: 'anchor' }), 'anchor');
    assert.equal(connectionFromArg({ provider: 'nope' }), undefined);
    assert.equal(connectionFromArg('a/b'), undefined);
    assert.equal(connectionFromArg({ connection: 7 }), undefined);
    const session = { id: 's1', provider: 'brightData', status: 'running', statusKind: 'running', domains: [], tags: [], raw: {} };
    assert.deepEqual(sessionRefFromArg({ kind: 'session', connection: 'brightData-2', groupKey: 'running', session }), {
      connection: 'brightData-2',
      session,
    });
    assert.deepEqual(sessionRefFromArg(session), { connection: 'brightData', session }, 'a bare session: its provider default');
    assert.equal(sessionRefFromArg({ connection: 'x' }), undefined);
  });
});
