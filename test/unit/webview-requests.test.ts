// The details page shows a result only for a request it made and has not heard back about.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PendingRequests } from '../../src/webview/requests';

describe('webview requests', () => {
  it('matches each result to its request once, and drops the rest', () => {
    const requests = new PendingRequests();
    const first = requests.open();
    const second = requests.open();
    assert.notEqual(first, second);
    assert.equal(requests.settle(second), true);
    assert.equal(requests.settle(second), false, 'a duplicate reply');
    assert.equal(requests.settle(99), false, 'a reply to a request this page never made');
    assert.equal(requests.settle(first), true, 'replies may arrive out of order');
  });
});
