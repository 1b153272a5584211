// A small overview report for the overview panel's unit tests: one connection that drew, one that
// failed, hostile labels, and a capped sample. The tests' input, built by hand.
import type { ConnectionOverview, OverviewReport } from '../../../src/shared/overview';

export const HOSTILE_DOMAIN = '<img src=x onerror="window.__pwned=1">.example';
export const HOSTILE_ERROR = '<b>bold</b>';

export function connection(overrides: Partial<ConnectionOverview> = {}): ConnectionOverview {
  return {
    connectionId: 'brightData',
    label: 'Bright Data',
    provider: 'brightData',
    countsFrom: 'totals',
    statusMix: [
      { label: 'finished', count: 30 },
      { label: 'failed', count: 10 },
    ],
    days: [
      { day: '2026-11-27', total: 20, failed: 5 },
      { day: '2026-11-28', total: 0, failed: 0 },
      { day: '2026-11-29', total: 20, failed: 5 },
    ],
    bandwidthPerDay: [
      { day: '2026-11-27', bytes: 1_500_000 },
      { day: '2026-11-28', bytes: 0 },
      { day: '2026-11-29', bytes: 250_000 },
    ],
    topDomains: [
      { label: 'example.com', count: 12 },
      { label: HOSTILE_DOMAIN, count: 3 },
    ],
    topErrors: [{ label: HOSTILE_ERROR, count: 10 }],
    captcha: [{ label: 'solved', count: 4 }],
    durationSeconds: { median: 42.25, p95: 3725, samples: 40 },
    sample: { scanned: 20_000, inPeriod: 1_000_000, inPeriodExact: true, capped: true },
    requests: 7,
    ...overrides,
  };
}

export function report(overrides: Partial<OverviewReport> = {}): OverviewReport {
  const good = connection();
  return {
    periodDays: 30,
    from: '2026-10-30T14:00:00.000Z',
    to: '2026-11-29T14:00:00.000Z',
    generatedAt: '2026-11-29T14:00:00.000Z',
    filters: ['status: failed'],
    connections: [good, connection({ connectionId: 'anchor', label: 'Anchor', provider: 'anchor', error: 'Anchor: 503 Service Unavailable' })],
    all: { ...good, connectionId: 'all', label: 'All connections' },
    ...overrides,
  };
}
