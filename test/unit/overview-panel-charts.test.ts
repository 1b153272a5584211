// The overview's chart models without a DOM: scales, bar geometry, the failure-rate line, the
// tables of numbers, and the formats (Intl for numbers, date-fns for days).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  barsChart,
  CHART_WIDTH,
  daysChart,
  failureRate,
  LABEL_CHARS,
  niceStep,
  sampleNote,
  sections,
  shorten,
  ticks,
} from '../../src/webview/overviewCharts';
import { formatBytes, formatCount, formatDayLong, formatDayShort, formatMoment, formatPercent, formatSeconds } from '../../src/webview/overviewFormat';
import { NewestRun } from '../../src/webview/overviewRuns';
import { connection, HOSTILE_DOMAIN, HOSTILE_ERROR } from './support/overview-panel-report';

describe('overview scales', () => {
  it('steps by 1, 2 or 5 × 10ⁿ and never below one session', () => {
    assert.equal(niceStep(0), 1);
    assert.equal(niceStep(3), 1);
    assert.equal(niceStep(7), 2);
    assert.equal(niceStep(40), 10);
    assert.equal(niceStep(1_900), 500);
    assert.equal(niceStep(1_000_000), 500_000);
  });

  it('ends the axis at the first tick at or above the largest value', () => {
    assert.deepEqual(ticks(0), [0, 1]);
    assert.deepEqual(ticks(7), [0, 2, 4, 6, 8]);
    assert.deepEqual(ticks(20), [0, 5, 10, 15, 20]);
    assert.deepEqual(ticks(21), [0, 10, 20, 30]);
  });

  it('computes the failure rate only for days with sessions', () => {
    assert.equal(failureRate(0, 0), undefined);
    assert.equal(failureRate(20, 5), 0.25);
    assert.equal(failureRate(2, 5), 1, 'more failures than sessions is capped at 100%');
  });
});

describe('overview bars', () => {
  const chart = barsChart([
    { label: 'example.com', value: 12, valueText: '12' },
    { label: 'x'.repeat(60), value: 3, valueText: '3' },
    { label: 'none', value: 0, valueText: '0' },
  ]);

  it('scales the largest bar to the full span and the rest in proportion', () => {
    const [first, second, third] = chart.rows;
    assert.ok(first.bar.x + first.bar.width < CHART_WIDTH);
    assert.equal(second.bar.width * 4, first.bar.width);
    assert.equal(third.bar.width, 0);
    assert.ok(second.y > first.y && third.y > second.y, 'one row per label, in the report’s order');
    assert.equal(chart.height, 3 * (second.y - first.y));
  });

  it('cuts long labels in the picture and keeps the full text for the title and table', () => {
    assert.equal([...chart.rows[1].shortLabel].length, LABEL_CHARS);
    assert.ok(chart.rows[1].shortLabel.endsWith('…'));
    assert.equal(chart.rows[1].label, 'x'.repeat(60));
    assert.equal(shorten('short'), 'short');
    assert.equal(shorten('😀'.repeat(40)).length, (LABEL_CHARS - 1) * 2 + 1, 'no half surrogate pair');
  });
});

describe('overview days', () => {
  const days = [
    { day: '2026-11-27', value: 20, failed: 5 },
    { day: '2026-11-28', value: 0, failed: 0 },
    { day: '2026-11-29', value: 10, failed: 10 },
  ];
  const chart = daysChart(days, formatCount, true);

  it('draws one column per day, heights in proportion, failed part inside its column', () => {
    assert.equal(chart.columns.length, 3);
    const [a, b, c] = chart.columns;
    assert.equal(b.total.height, 0);
    assert.equal(a.total.height, 2 * c.total.height);
    assert.equal(a.failed!.height * 4, a.total.height);
    assert.equal(c.failed!.height, c.total.height);
    for (const column of chart.columns) {
      assert.equal(column.total.y + column.total.height, chart.plot.y + chart.plot.height, 'columns stand on the axis');
    }
    assert.ok(a.total.x < b.total.x && b.total.x < c.total.x);
    assert.ok(a.total.width <= 36, 'a few days still draw bars, not slabs');
    assert.equal(chart.xLabels[1].at, b.total.x + b.total.width / 2, 'each column is centred on its day’s label');
    assert.equal(a.title, 'Fri, Nov 27, 2026: 20, 5 failed');
  });

  it('breaks the failure-rate line at a day without sessions', () => {
    assert.equal(chart.rateLines?.length, 2);
    const bottom = chart.plot.y + chart.plot.height;
    const [, firstY] = chart.rateLines[0].split(',').map(Number);
    const [, lastY] = chart.rateLines[1].split(',').map(Number);
    assert.equal(firstY, Math.round((bottom - 0.25 * chart.plot.height) * 10) / 10);
    assert.equal(lastY, chart.plot.y, '100% is the top of the plot');
    assert.deepEqual(chart.rateTicks?.map((tick) => tick.text), ['0%', '50%', '100%']);
  });

  it('labels at most eight days under a 90-day axis', () => {
    const many = Array.from({ length: 90 }, (_, index) => ({ day: `2026-0${1 + Math.floor(index / 31)}-${String((index % 28) + 1).padStart(2, '0')}`, value: index }));
    const wide = daysChart(many, formatCount, false);
    assert.ok(wide.xLabels.length <= 8 && wide.xLabels.length >= 6, `${wide.xLabels.length} labels`);
    assert.equal(wide.rateLines, undefined);
    assert.equal(wide.yTicks.at(-1)!.at, wide.plot.y, 'the top tick is the top of the plot');
  });
});

describe('overview sections', () => {
  const { counts, records } = sections(connection());

  it('lists the charts of the issue in order, each with a table', () => {
    assert.deepEqual([...counts, ...records].map((section) => section.id), ['status', 'days', 'bandwidth', 'domains', 'errors', 'captcha', 'duration']);
  });

  it('tables hold the report’s numbers and labels exactly as sent', () => {
    const byId = new Map([...counts, ...records].map((section) => [section.id, section.table]));
    assert.deepEqual(byId.get('status')!.rows, [
      ['finished', '30', '75%'],
      ['failed', '10', '25%'],
    ]);
    assert.deepEqual(byId.get('days')!.columns, ['Day', 'Sessions', 'Failed', 'Failure rate']);
    assert.deepEqual(byId.get('days')!.rows, [
      ['Fri, Nov 27, 2026', '20', '5', '25%'],
      ['Sat, Nov 28, 2026', '0', '0', '—'],
      ['Sun, Nov 29, 2026', '20', '5', '25%'],
    ]);
    assert.deepEqual(byId.get('bandwidth')!.rows.map((row) => row[1]), ['1.5 MB', '0 byte', '250 kB']);
    assert.deepEqual(byId.get('domains')!.rows, [
      ['example.com', '12'],
      [HOSTILE_DOMAIN, '3'],
    ]);
    assert.deepEqual(byId.get('errors')!.rows, [[HOSTILE_ERROR, '10']]);
    assert.deepEqual(byId.get('duration')!.rows, [
      ['Median', '42.3 sec'],
      ['95th percentile', '1 hr 2 min'],
      ['Sessions measured', '40'],
    ]);
    for (const table of byId.values()) assert.ok(table.caption.length > 0);
  });

  it('says when there is nothing to draw instead of drawing an empty chart', () => {
    const empty = sections(
      connection({
        statusMix: [],
        days: [{ day: '2026-11-29', total: 0, failed: 0 }],
        bandwidthPerDay: [],
        topDomains: [],
        topErrors: [],
        captcha: [],
        durationSeconds: { samples: 0 },
      }),
    );
    for (const section of [...empty.counts, ...empty.records]) {
      assert.equal(section.chart, undefined, section.id);
      assert.ok(section.empty, section.id);
    }
  });

  it('says how much of the period the record-based charts saw', () => {
    assert.equal(sampleNote(connection()), 'Based on the latest 20,000 of 1,000,000 sessions in the period.');
    assert.equal(
      sampleNote(connection({ sample: { scanned: 500, inPeriod: 500, inPeriodExact: false, capped: false } })),
      'Based on 500 of at least 500 sessions in the period.',
    );
  });
});

describe('overview formats', () => {
  it('formats numbers through Intl', () => {
    assert.equal(formatCount(1_000_000), '1,000,000');
    assert.equal(formatPercent(0.125), '12.5%');
    assert.equal(formatBytes(999), '999 byte');
    assert.equal(formatBytes(123_456_789), '123.5 MB');
    assert.equal(formatSeconds(59.96), '60 sec');
    assert.equal(formatSeconds(209), '3 min 29 sec');
  });

  it('formats days through date-fns and leaves anything else as it came', () => {
    assert.equal(formatDayShort('2026-11-29'), 'Nov 29');
    assert.equal(formatDayLong('2026-11-29'), 'Sun, Nov 29, 2026');
    assert.equal(formatDayShort('2026-13-45'), '2026-13-45');
    assert.equal(formatDayLong('<b>day</b>'), '<b>day</b>');
    assert.equal(formatMoment('not a date'), 'not a date');
    assert.match(formatMoment('2026-11-29T14:00:00Z'), /^Nov (29|30), 2026, \d\d:\d\d$/);
  });
});

describe('overview runs in the webview', () => {
  it('shows the newest run only: a late message of an older one is dropped', () => {
    const runs = new NewestRun();
    assert.equal(runs.accept(1), true, 'the replayed report of run 1');
    assert.equal(runs.accept(2), true, 'run 2 starts');
    assert.equal(runs.accept(2), true, 'its progress and outcome');
    assert.equal(runs.accept(1), false, 'a late answer of run 1');
    assert.equal(runs.accept(3), true);
  });
});
