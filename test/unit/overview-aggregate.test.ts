// The record-based charts' arithmetic on known data: quantiles, top-N with ties, and the tally.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { quantile, sessionHosts, Tally, topCounts } from '../../src/overview/aggregate';
import type { Session } from '../../src/providers/types';

function session(fields: Partial<Session> & { id: string }): Session {
  return { provider: 'brightData', status: 'finished', statusKind: 'finished', domains: [], tags: [], raw: {}, ...fields };
}

describe('quantile', () => {
  it('interpolates between closest ranks', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([5], 0.5), 5);
    assert.equal(quantile([5], 0.95), 5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(quantile(hundred, 0.5), 50.5);
    assert.ok(Math.abs(quantile(hundred, 0.95)! - 95.05) < 1e-9);
    assert.equal(quantile([10, 20, 30], 0), 10);
    assert.equal(quantile([10, 20, 30], 1), 30);
  });

  it('has no value for no data', () => {
    assert.equal(quantile([], 0.5), undefined);
  });
});

describe('topCounts', () => {
  it('orders by count, then label, and cuts at the limit', () => {
    const counts = new Map([
      ['b', 3],
      ['a', 3],
      ['c', 5],
      ['d', 1],
      ['zero', 0],
    ]);
    assert.deepEqual(topCounts(counts, 3), [
      { label: 'c', count: 5 },
      { label: 'a', count: 3 },
      { label: 'b', count: 3 },
    ]);
    // A tie across the cut keeps the label that sorts first; zero counts never show.
    assert.deepEqual(
      topCounts(counts, 2).map((entry) => entry.label),
      ['c', 'a'],
    );
    assert.deepEqual(
      topCounts(counts, Infinity).map((entry) => entry.label),
      ['c', 'a', 'b', 'd'],
    );
  });

  it('keeps ten by default', () => {
    const counts = new Map(Array.from({ length: 15 }, (_, i) => [`label${String(i).padStart(2, '0')}`, 1] as const));
    const top = topCounts(counts);
    assert.equal(top.length, 10);
    assert.equal(top[9].label, 'label09');
  });
});

describe('sessionHosts', () => {
  it('reads the target URL host, else the domains, shown as people read them', () => {
    assert.deepEqual(sessionHosts(session({ id: '1', targetUrl: 'https://www.amazon.com/s?k=x' })), ['www.amazon.com']);
    assert.deepEqual(sessionHosts(session({ id: '2', targetUrl: 'https://xn--r8jz45g.jp/x' })), ['例え.jp']);
    assert.deepEqual(sessionHosts(session({ id: '3', domains: ['example.com', 'example.com', 'b.org'] })), ['example.com', 'b.org']);
    assert.deepEqual(sessionHosts(session({ id: '4', targetUrl: 'not a url' })), []);
  });
});

describe('Tally', () => {
  const savedTz = process.env['TZ'];
  before(() => {
    process.env['TZ'] = 'UTC';
  });
  after(() => {
    if (savedTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = savedTz;
  });

  it('adds up statuses, days, bytes, hosts, errors, captcha and durations', () => {
    const tally = new Tally();
    const sessions = [
      session({ id: 'a', startedAt: '2026-11-28T10:00:00Z', bytes: 100, durationSeconds: 10, captcha: 'solved', targetUrl: 'https://a.com/' }),
      session({
        id: 'b',
        status: 'failed',
        statusKind: 'failed',
        startedAt: '2026-11-28T23:59:59Z',
        bytes: 50,
        durationSeconds: 30,
        errorCode: 'timeout',
        captcha: 'none',
        targetUrl: 'https://a.com/x',
      }),
      session({ id: 'c', status: 'failed', statusKind: 'failed', startedAt: '2026-11-29T00:00:00Z', errorCode: 'timeout', durationSeconds: 20 }),
      session({ id: 'd', status: 'queued', statusKind: 'other' }),
    ];
    for (const one of sessions) tally.add(one, one.startedAt === undefined ? undefined : Date.parse(one.startedAt));
    assert.equal(tally.scanned, 4);
    assert.deepEqual(Object.fromEntries(tally.statuses), { finished: 1, failed: 2, queued: 1 });
    assert.deepEqual(Object.fromEntries(tally.dayTotals), { '2026-11-28': 2, '2026-11-29': 1 });
    assert.deepEqual(Object.fromEntries(tally.dayFailed), { '2026-11-28': 1, '2026-11-29': 1 });
    assert.deepEqual(Object.fromEntries(tally.dayBytes), { '2026-11-28': 150 });
    assert.deepEqual(Object.fromEntries(tally.domains), { 'a.com': 2 });
    assert.deepEqual(Object.fromEntries(tally.errors), { timeout: 2 });
    assert.deepEqual(Object.fromEntries(tally.captcha), { solved: 1, none: 1 });
    assert.deepEqual(tally.durationSummary(), { median: 20, p95: 29, samples: 3 });

    const other = new Tally();
    other.add(session({ id: 'e', startedAt: '2026-11-29T05:00:00Z', durationSeconds: 40, bytes: 7 }), Date.parse('2026-11-29T05:00:00Z'));
    tally.merge(other);
    assert.equal(tally.scanned, 5);
    assert.deepEqual(Object.fromEntries(tally.dayBytes), { '2026-11-28': 150, '2026-11-29': 7 });
    assert.deepEqual(tally.durationSummary(), { median: 25, p95: 38.5, samples: 4 });
  });

  it('has no median without durations', () => {
    assert.deepEqual(new Tally().durationSummary(), { samples: 0 });
  });
});
