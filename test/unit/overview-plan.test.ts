// What the count queries cost and ask: ≤ 62 requests for 30 days on every provider whose API filters
// by date and reports a total, each with the smallest page and one day's bounds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countsFromTotals, planCounts } from '../../src/overview/counts';
import { periodOf } from '../../src/overview/days';
import { queryFor, NO_FILTERS } from '../../src/filters/model';
import { CAPABILITIES, DEFINITIONS, PROVIDER_IDS, type ProviderCapabilities, type ProviderId } from '../../src/providers';

const NOW = new Date('2026-11-29T10:00:00Z');

describe('count plan', () => {
  const savedTz = process.env['TZ'];
  before(() => {
    process.env['TZ'] = 'UTC';
  });
  after(() => {
    if (savedTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = savedTz;
  });

  const byTotals = PROVIDER_IDS.filter((id) => countsFromTotals(CAPABILITIES[id]));
  const base = (id: ProviderId) => queryFor(NO_FILTERS, CAPABILITIES[id], NOW, id).query;

  it('counts from totals exactly where the spec gives a date filter and a total', () => {
    assert.deepEqual(byTotals, ['brightData', 'anchor']);
  });

  it('costs at most 62 requests for 30 days', () => {
    for (const id of byTotals) {
      const plan = planCounts(periodOf(30, NOW), CAPABILITIES[id], base(id));
      assert.ok(plan.queries.length <= 62, `${id}: ${plan.queries.length}`);
      assert.equal(plan.queries.length, 62, id);
      assert.equal(planCounts(periodOf(7, NOW), CAPABILITIES[id], base(id)).queries.length, 16);
      assert.equal(planCounts(periodOf(90, NOW), CAPABILITIES[id], base(id)).queries.length, 182);
    }
  });

  it('asks each day for all and for failed, with the smallest page the API accepts', () => {
    const plan = planCounts(periodOf(30, NOW), CAPABILITIES.brightData, base('brightData'));
    const day0 = plan.queries.filter((entry) => 'dayIndex' in entry.target && entry.target.dayIndex === 0);
    assert.deepEqual(
      day0.map((entry) => [entry.target.kind, entry.query.status, entry.query.from, entry.query.to]),
      [
        ['day', undefined, '2026-10-31T00:00:00Z', '2026-10-31T23:59:59Z'],
        ['dayFailed', 'failed', '2026-10-31T00:00:00Z', '2026-10-31T23:59:59Z'],
      ],
    );
    assert.ok(plan.queries.every((entry) => entry.query.pageSize === 1));
    assert.equal(DEFINITIONS.brightData.pageSize(1), 1);
    assert.equal(DEFINITIONS.anchor.pageSize(1), 10);
    const mix = plan.queries.filter((entry) => entry.target.kind === 'status');
    assert.deepEqual(
      mix.map((entry) => [entry.query.status, entry.query.from, entry.query.to]),
      [
        ['running', '2026-10-31T00:00:00Z', '2026-11-29T23:59:59Z'],
        ['finished', '2026-10-31T00:00:00Z', '2026-11-29T23:59:59Z'],
      ],
    );
    // Anchor's created_to is inclusive at milliseconds.
    const anchor = planCounts(periodOf(30, NOW), CAPABILITIES.anchor, base('anchor'));
    assert.equal(anchor.queries[0].query.to, '2026-10-31T23:59:59.999Z');
    assert.equal(anchor.queries.filter((entry) => entry.target.kind === 'status').map((entry) => entry.query.status).join(), 'running,completed');
  });

  it('asks no failed or status query when the filter fixes the status', () => {
    const query = queryFor({ status: 'failed' }, CAPABILITIES.brightData, NOW, 'brightData').query;
    const plan = planCounts(periodOf(30, NOW), CAPABILITIES.brightData, query);
    assert.equal(plan.queries.length, 30);
    assert.ok(plan.queries.every((entry) => entry.target.kind === 'day' && entry.query.status === 'failed'));
    assert.deepEqual(plan.fixedStatus, { status: 'failed', failed: true });
  });

  it('skips the days outside the date filter', () => {
    const query = queryFor({ date: { from: '2026-11-27' } }, CAPABILITIES.brightData, NOW, 'brightData').query;
    const plan = planCounts(periodOf(30, NOW), CAPABILITIES.brightData, query);
    assert.equal(plan.queries.length, 3 * 2 + 2);
    assert.equal(plan.queries.find((entry) => entry.target.kind === 'status')?.query.from, '2026-11-27T00:00:00Z');
  });

  it('counts each spelling of the failed kind', () => {
    const capabilities: ProviderCapabilities = { ...CAPABILITIES.brightData, failedStatuses: ['failed', 'errored'] };
    const plan = planCounts(periodOf(30, NOW), capabilities, base('brightData'));
    assert.equal(plan.queries.length, 30 * 3 + 2);
    assert.deepEqual(
      plan.queries.filter((entry) => entry.target.kind === 'dayFailed' && entry.target.dayIndex === 5).map((entry) => entry.query.status),
      ['failed', 'errored'],
    );
  });
});
