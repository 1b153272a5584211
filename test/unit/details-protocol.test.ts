import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHostMessage, isWebviewMessage, type SessionSnapshot } from '../../src/shared/protocol';

describe('isWebviewMessage', () => {
  const valid: unknown[] = [
    { type: 'ready' },
    { type: 'openUrl', requestId: 1, which: 'target' },
    { type: 'openUrl', requestId: 0, which: 'end' },
    { type: 'openDomain', requestId: 7, domain: 'example.com' },
    { type: 'copy', requestId: 2, what: 'id' },
    { type: 'copy', requestId: 3, what: 'json' },
  ];
  for (const message of valid) {
    it(`accepts ${JSON.stringify(message)}`, () => {
      assert.equal(isWebviewMessage(message), true);
    });
  }

  const invalid: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'ready'],
    ['a number', 42],
    ['an array', [{ type: 'ready' }]],
    ['no type', { requestId: 1 }],
    ['unknown type', { type: 'eval', requestId: 1 }],
    ['type of the wrong kind', { type: 1 }],
    ['host message type', { type: 'snapshot', session: {}, stale: false }],
    ['ready with extra junk', { type: 'ready', html: '<b>' }],
    ['openUrl without requestId', { type: 'openUrl', which: 'target' }],
    ['openUrl with string requestId', { type: 'openUrl', requestId: '1', which: 'target' }],
    ['openUrl with NaN requestId', { type: 'openUrl', requestId: Number.NaN, which: 'target' }],
    ['openUrl with fractional requestId', { type: 'openUrl', requestId: 1.5, which: 'target' }],
    ['openUrl with negative requestId', { type: 'openUrl', requestId: -1, which: 'target' }],
    ['openUrl with Infinity requestId', { type: 'openUrl', requestId: Number.POSITIVE_INFINITY, which: 'end' }],
    ['openUrl with unknown which', { type: 'openUrl', requestId: 1, which: 'javascript:alert(1)' }],
    ['openUrl without which', { type: 'openUrl', requestId: 1 }],
    ['openUrl with a url smuggled in', { type: 'openUrl', requestId: 1, which: 'target', url: 'file:///etc/passwd' }],
    ['openDomain without domain', { type: 'openDomain', requestId: 1 }],
    ['openDomain with empty domain', { type: 'openDomain', requestId: 1, domain: '' }],
    ['openDomain with array domain', { type: 'openDomain', requestId: 1, domain: ['example.com'] }],
    ['openDomain with null requestId', { type: 'openDomain', requestId: null, domain: 'example.com' }],
    ['copy with unknown what', { type: 'copy', requestId: 1, what: 'apiKey' }],
    ['copy without what', { type: 'copy', requestId: 1 }],
    ['copy with extra text', { type: 'copy', requestId: 1, what: 'id', text: 'x' }],
  ];
  for (const [name, message] of invalid) {
    it(`rejects ${name}`, () => {
      assert.equal(isWebviewMessage(message), false);
    });
  }
});

describe('isHostMessage', () => {
  const snapshot: SessionSnapshot = {
    provider: 'anchor',
    providerLabel: 'Anchor',
    connection: 'anchor-2',
    connectionLabel: 'Anchor · Second',
    id: 'sess_1',
    status: 'completed',
    statusKind: 'finished',
    stepsLabel: 'Steps',
    bytesLabel: 'Proxy bytes',
    duration: '7m 0s',
    tags: ['a'],
    domains: [{ name: 'example.com', openable: true }],
    targetUrl: { text: 'javascript:alert(1)', openable: false, hint: 'not openable: javascript: scheme' },
    otherFields: [{ name: 'headless', value: 'false' }],
    rawJson: '{}',
  };

  it('accepts a snapshot and results', () => {
    assert.equal(isHostMessage({ type: 'snapshot', session: snapshot, stale: false }), true);
    assert.equal(isHostMessage({ type: 'result', requestId: 3, ok: true }), true);
    assert.equal(isHostMessage({ type: 'result', requestId: 3, ok: false, message: 'No clipboard' }), true);
  });

  it('rejects malformed snapshots and results', () => {
    assert.equal(isHostMessage({ type: 'snapshot', session: snapshot }), false);
    assert.equal(isHostMessage({ type: 'snapshot', session: { ...snapshot, tags: 'a' }, stale: true }), false);
    assert.equal(isHostMessage({ type: 'snapshot', session: { ...snapshot, statusKind: 'weird' }, stale: true }), false);
    assert.equal(isHostMessage({ type: 'snapshot', session: { ...snapshot, duration: 420 }, stale: true }), false);
    assert.equal(
      isHostMessage({ type: 'snapshot', session: { ...snapshot, domains: [{ name: 'x', openable: 'yes' }] }, stale: true }),
      false,
    );
    assert.equal(isHostMessage({ type: 'snapshot', session: { ...snapshot, targetUrl: 'https://x' }, stale: true }), false);
    for (const connection of ['', 'a b', '../x', 'x'.repeat(65), 5, undefined]) {
      assert.equal(isHostMessage({ type: 'snapshot', session: { ...snapshot, connection }, stale: true }), false, String(connection));
    }
    assert.equal(isHostMessage({ type: 'snapshot', session: { ...snapshot, connectionLabel: 3 }, stale: true }), false);
    assert.equal(isHostMessage({ type: 'result', requestId: '3', ok: true }), false);
    assert.equal(isHostMessage({ type: 'result', requestId: 3, ok: 'yes' }), false);
    assert.equal(isHostMessage({ type: 'result', requestId: 3, ok: true, message: 5 }), false);
    assert.equal(isHostMessage({ type: 'ready' }), false);
    assert.equal(isHostMessage(null), false);
  });
});
