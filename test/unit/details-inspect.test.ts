// issue 9: the details panel's inspector buttons. The snapshot names the actions the session offers
// (never a URL), the protocol accepts only those action names, and a request runs the tree's
// command with the panel's connection, or nothing when the session does not offer it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandFor } from '../../src/details/actions';
import { buildSnapshot } from '../../src/details/snapshot';
import type { Session } from '../../src/providers/types';
import { isHostMessage, isWebviewMessage } from '../../src/shared/protocol';

const running: Session = {
  id: 'bb-1',
  provider: 'browserbase',
  status: 'RUNNING',
  statusKind: 'running',
  domains: [],
  tags: [],
  liveViewAvailable: true,
  raw: { id: 'bb-1', status: 'RUNNING' },
};
const brightData: Session = { id: 'b-1', provider: 'brightData', status: 'running', statusKind: 'running', domains: [], tags: [], raw: {} };

describe('details panel: inspector buttons', () => {
  it('the snapshot lists what the session offers, and the webview accepts it', () => {
    const snapshot = buildSnapshot(running, new Date(), { id: 'work', label: 'Browserbase · work' });
    assert.deepEqual(snapshot.inspect, ['liveView', 'pages', 'logs']);
    assert.deepEqual(buildSnapshot(brightData).inspect, []);
    assert.equal(isHostMessage({ type: 'snapshot', session: snapshot, stale: false }), true);
    assert.equal(isHostMessage({ type: 'snapshot', session: { ...snapshot, inspect: ['liveView', 'rm -rf'] }, stale: false }), false);
  });

  it('the protocol takes exactly { type, requestId, action } with a known action', () => {
    assert.equal(isWebviewMessage({ type: 'inspect', requestId: 3, action: 'recording' }), true);
    assert.equal(isWebviewMessage({ type: 'inspect', requestId: 3, action: 'stop' }), false);
    assert.equal(isWebviewMessage({ type: 'inspect', requestId: 3, action: 'logs', url: 'x' }), false);
  });

  it('runs the tree command with the panel connection; nothing for an action the session lacks', () => {
    assert.deepEqual(commandFor({ type: 'inspect', requestId: 1, action: 'liveView' }, running, 'work'), {
      command: 'browserSessions.openLiveView',
      args: [{ connection: 'work', session: running }],
    });
    assert.deepEqual(commandFor({ type: 'inspect', requestId: 1, action: 'logs' }, running), {
      command: 'browserSessions.showLogs',
      // Without a connection the session's provider is its default connection.
      args: [{ connection: running.provider, session: running }],
    });
    assert.equal(commandFor({ type: 'inspect', requestId: 1, action: 'recording' }, running, 'work'), undefined);
    assert.equal(commandFor({ type: 'inspect', requestId: 1, action: 'liveView' }, brightData), undefined);
  });
});
