import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { ConcurrencyLimit, RateLimitGate } from '../../src/providers/gate';

/** A gate on a clock the test moves. */
function gateAt(start = 1_000_000): { gate: RateLimitGate; advance(ms: number): void } {
  let now = start;
  return { gate: new RateLimitGate(() => now), advance: (ms) => (now += ms) };
}

describe('RateLimitGate', () => {
  it('lets everything go until a 429, then refuses with the reopening time', async () => {
    const { gate } = gateAt();
    assert.equal(await gate.admit({}), 'go');
    const until = gate.close(5000);
    assert.equal(until, 1_005_000);
    assert.equal(gate.closedUntil(), until);
    assert.equal(await gate.admit({}), until);
  });

  it('never shortens a longer close', () => {
    const { gate } = gateAt();
    const long = gate.close(60_000);
    assert.equal(gate.close(1000), long);
  });

  it('after the window one probe goes; the others wait for its answer and are refused on another 429', async () => {
    const { gate, advance } = gateAt();
    gate.close(1000);
    advance(1000);
    assert.equal(gate.closedUntil(), undefined);
    const probe = {};
    assert.equal(await gate.admit(probe), 'probe');
    const waiting = [gate.admit({}), gate.admit({})];
    let settled = false;
    void Promise.all(waiting).then(() => (settled = true));
    await tick();
    assert.equal(settled, false, 'the others wait for the probe');
    const until = gate.close(1000);
    assert.deepEqual(await Promise.all(waiting), [until, until]);
  });

  it('a good answer to the probe opens the gate for the waiting callers', async () => {
    const { gate, advance } = gateAt();
    gate.close(1000);
    advance(1000);
    const probe = {};
    assert.equal(await gate.admit(probe), 'probe');
    const waiting = gate.admit({});
    gate.open(probe);
    assert.equal(await waiting, 'go');
    assert.equal(gate.isHalfOpen(), false);
  });

  it('reserves the probe for the request that got the 429, so no one else goes first', async () => {
    const { gate, advance } = gateAt();
    const retrier = {};
    gate.close(1000, retrier);
    advance(1000);
    const other = gate.admit({});
    assert.equal(await gate.admit(retrier), 'probe');
    gate.open(retrier);
    assert.equal(await other, 'go');
  });

  it('a probe that ends without an answer hands the probe to the next caller', async () => {
    const { gate, advance } = gateAt();
    gate.close(1000);
    advance(1000);
    const first = {};
    assert.equal(await gate.admit(first), 'probe');
    const second = {};
    const next = gate.admit(second);
    gate.release(first);
    assert.equal(await next, 'probe');
  });

  it('a wait for the probe ends when the caller aborts', async () => {
    const { gate, advance } = gateAt();
    gate.close(1000);
    advance(1000);
    await gate.admit({});
    const controller = new AbortController();
    const waiting = gate.admit({}, controller.signal);
    controller.abort();
    await assert.rejects(waiting);
  });
});

describe('ConcurrencyLimit', () => {
  it('holds the fifth caller until one of four releases, in order', async () => {
    const limit = new ConcurrencyLimit(4);
    for (let i = 0; i < 4; i++) await limit.acquire();
    const order: number[] = [];
    const fifth = limit.acquire().then(() => order.push(5));
    const sixth = limit.acquire().then(() => order.push(6));
    await tick();
    assert.deepEqual(order, []);
    limit.release();
    await fifth;
    assert.deepEqual(order, [5]);
    assert.equal(limit.active, 4);
    limit.release();
    await sixth;
    assert.deepEqual(order, [5, 6]);
  });

  it('an aborted wait gives up its place', async () => {
    const limit = new ConcurrencyLimit(1);
    await limit.acquire();
    const controller = new AbortController();
    const waiting = limit.acquire(controller.signal);
    controller.abort();
    await assert.rejects(waiting);
    limit.release();
    assert.equal(limit.active, 0);
  });
});
