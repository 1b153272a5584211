// The overview protocol's guards: the host takes only the three messages the webview may send,
// field by field; the webview draws only a report whose every field has its type.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOverviewHostMessage, isOverviewReport, isOverviewWebviewMessage } from '../../src/shared/overviewProtocol';
import { connection, report } from './support/overview-panel-report';

describe('isOverviewWebviewMessage', () => {
  for (const message of [
    { type: 'ready' },
    { type: 'compute', periodDays: 7 },
    { type: 'compute', periodDays: 30 },
    { type: 'compute', periodDays: 90 },
    { type: 'cancel', run: 1 },
  ]) {
    it(`accepts ${JSON.stringify(message)}`, () => assert.equal(isOverviewWebviewMessage(message), true));
  }

  const invalid: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'ready'],
    ['an array', [{ type: 'ready' }]],
    ['no type', { periodDays: 30 }],
    ['unknown type', { type: 'openUrl', requestId: 1, which: 'target' }],
    ['a host message', { type: 'report', run: 1, report: report() }],
    ['ready with extra fields', { type: 'ready', html: '<b>' }],
    ['compute without period', { type: 'compute' }],
    ['compute with a period not offered', { type: 'compute', periodDays: 365 }],
    ['compute with the period as text', { type: 'compute', periodDays: '30' }],
    ['compute with extra fields', { type: 'compute', periodDays: 30, connection: 'x' }],
    ['cancel without run', { type: 'cancel' }],
    ['cancel of run 0', { type: 'cancel', run: 0 }],
    ['cancel of a fractional run', { type: 'cancel', run: 1.5 }],
    ['cancel of NaN', { type: 'cancel', run: Number.NaN }],
    ['cancel with extra fields', { type: 'cancel', run: 1, all: true }],
  ];
  for (const [name, message] of invalid) {
    it(`refuses ${name}`, () => assert.equal(isOverviewWebviewMessage(message), false));
  }
});

describe('isOverviewHostMessage', () => {
  it('accepts each message the host sends', () => {
    for (const message of [
      { type: 'started', run: 1, periodDays: 30 },
      { type: 'progress', run: 1, message: 'Anchor: listing' },
      { type: 'progress', run: 1, message: 'Anchor: listing', fraction: 0.25 },
      { type: 'report', run: 2, report: report() },
      { type: 'report', run: 2, report: report({ all: undefined, connections: [] }) },
      { type: 'failed', run: 3, cancelled: true, message: 'Cancelled.' },
    ]) {
      assert.equal(isOverviewHostMessage(structuredClone(message)), true, JSON.stringify(message).slice(0, 80));
    }
  });

  const invalid: Array<[string, unknown]> = [
    ['no run', { type: 'started', periodDays: 30 }],
    ['a negative run', { type: 'progress', run: -1, message: 'x' }],
    ['an unknown type', { type: 'html', run: 1, html: '<b>' }],
    ['a period not offered', { type: 'started', run: 1, periodDays: 14 }],
    ['a fraction above 1', { type: 'progress', run: 1, message: 'x', fraction: 1.5 }],
    ['progress without text', { type: 'progress', run: 1 }],
    ['failed without cancelled', { type: 'failed', run: 1, message: 'x' }],
    ['a report without connections', { type: 'report', run: 1, report: { ...report(), connections: undefined } }],
  ];
  for (const [name, message] of invalid) {
    it(`refuses ${name}`, () => assert.equal(isOverviewHostMessage(message), false));
  }
});

describe('isOverviewReport', () => {
  it('accepts a report with a failed connection and one without `all`', () => {
    assert.equal(isOverviewReport(report()), true);
    assert.equal(isOverviewReport(report({ all: undefined })), true);
  });

  const broken: Array<[string, unknown]> = [
    ['a count as text', report({ connections: [connection({ statusMix: [{ label: 'failed', count: '3' as unknown as number }] })] })],
    ['a negative count', report({ connections: [connection({ topDomains: [{ label: 'a', count: -1 }] })] })],
    ['an infinite byte count', report({ connections: [connection({ bandwidthPerDay: [{ day: '2026-11-29', bytes: Infinity }] })] })],
    ['a label that is not text', report({ connections: [connection({ topErrors: [{ label: { html: '<b>' } as unknown as string, count: 1 }] })] })],
    ['an error that is not text', report({ connections: [connection({ error: 42 as unknown as string })] })],
    ['an unknown countsFrom', report({ connections: [connection({ countsFrom: 'guess' as 'totals' })] })],
    ['no sample', report({ all: { ...connection(), sample: undefined as never } })],
    ['a filter that is not text', { ...report(), filters: [1] }],
    ['an unknown period', { ...report(), periodDays: 14 }],
  ];
  for (const [name, value] of broken) {
    it(`refuses ${name}`, () => assert.equal(isOverviewReport(value), false));
  }
});
