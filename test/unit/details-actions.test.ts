import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandFor } from '../../src/details/actions';
import type { Session } from '../../src/providers/types';

const anchor: Session = {
  id: 'sess_1',
  provider: 'anchor',
  status: 'completed',
  statusKind: 'finished',
  domains: ['example.com', 'shop.example'],
  tags: [],
  raw: {},
};
const brightData: Session = {
  id: 'b-1',
  provider: 'brightData',
  status: 'finished',
  statusKind: 'finished',
  targetUrl: 'https://example.com',
  endUrl: 'javascript:alert(1)',
  domains: [],
  tags: [],
  raw: {},
};

describe('commandFor', () => {
  it('opens URLs through the tree commands, leaving the scheme check to them', () => {
    assert.deepEqual(commandFor({ type: 'openUrl', requestId: 1, which: 'target' }, brightData), {
      command: 'browserSessions.openTargetUrl',
      args: [brightData],
    });
    assert.deepEqual(commandFor({ type: 'openUrl', requestId: 2, which: 'end' }, brightData), {
      command: 'browserSessions.openEndUrl',
      args: [brightData],
    });
  });

  it('ignores a request for a URL the session does not have', () => {
    assert.equal(commandFor({ type: 'openUrl', requestId: 1, which: 'target' }, anchor), undefined);
    assert.equal(commandFor({ type: 'openUrl', requestId: 1, which: 'end' }, anchor), undefined);
  });

  it("opens one of the session's own domains", () => {
    assert.deepEqual(commandFor({ type: 'openDomain', requestId: 3, domain: 'shop.example' }, anchor), {
      command: 'browserSessions.openTargetUrl',
      args: [anchor, 'shop.example'],
    });
  });

  it('ignores a domain the session does not carry', () => {
    assert.equal(commandFor({ type: 'openDomain', requestId: 3, domain: 'evil.example' }, anchor), undefined);
    assert.equal(commandFor({ type: 'openDomain', requestId: 3, domain: 'EXAMPLE.COM' }, anchor), undefined);
    assert.equal(commandFor({ type: 'openDomain', requestId: 3, domain: 'example.com' }, brightData), undefined);
  });

  it('copies through the copy commands with a confirmation', () => {
    assert.deepEqual(commandFor({ type: 'copy', requestId: 4, what: 'id' }, anchor), {
      command: 'browserSessions.copyId',
      args: [anchor],
      successMessage: 'Session ID copied',
    });
    assert.deepEqual(commandFor({ type: 'copy', requestId: 5, what: 'json' }, anchor), {
      command: 'browserSessions.copyJson',
      args: [anchor],
      successMessage: 'JSON copied',
    });
  });
});
