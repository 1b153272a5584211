// The overview's numbers against the contract server: counts equal what the server's data says,
// 30 days cost ≤ 62 count requests on Bright Data and Anchor, a provider without totals counts from
// records, the cap, a fault mid-way on one connection, and cancel.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Filters } from '../../src/filters/model';
import { periodOf } from '../../src/overview/days';
import { ALL_CONNECTIONS_ID, createOverviewSource, type OverviewConnection, type OverviewDeps } from '../../src/overview/source';
import { createProviderClient, HttpClient, PROVIDER_LABELS, type ProviderClient, type ProviderId } from '../../src/providers';
import type { ConnectionOverview, OverviewProgress, OverviewReport } from '../../src/shared/overview';
import { DEFAULT_KEYS, startContractServer, type ContractServer, type RecordedRequest } from '../server';

/** A fixed clock for the server's data and the overview: the same days every run. */
const NOW = Date.parse('2026-11-29T10:30:00Z');

interface Oracle {
  readonly time: number;
  readonly status: string;
}

function oracle(server: ContractServer, provider: 'brightData' | 'anchor' | 'steel'): Oracle[] {
  if (provider === 'brightData') return server.sessions('brightData').map((r) => ({ time: Date.parse(r.timestamp), status: r.status }));
  if (provider === 'anchor') return server.sessions('anchor').map((r) => ({ time: Date.parse(r.created_at), status: r.status }));
  return server.sessions('steel').map((r) => ({ time: Date.parse(r.createdAt), status: r.status }));
}

/** Per day of the period: sessions started in [start, end) and those of them whose status is `failed`. */
function expectedDays(records: readonly Oracle[], periodDays: number, failed: string): { day: string; total: number; failed: number }[] {
  return periodOf(periodDays, new Date(NOW)).days.map(({ day, start, end }) => {
    const inDay = records.filter((record) => record.time >= start && record.time < end);
    return { day, total: inDay.length, failed: inDay.filter((record) => record.status === failed).length };
  });
}

function expectedMix(records: readonly Oracle[], periodDays: number): Record<string, number> {
  const period = periodOf(periodDays, new Date(NOW));
  const end = period.days[period.days.length - 1].end;
  const mix: Record<string, number> = {};
  for (const record of records) if (record.time >= period.from && record.time < end) mix[record.status] = (mix[record.status] ?? 0) + 1;
  return mix;
}

const mixOf = (overview: ConnectionOverview): Record<string, number> =>
  Object.fromEntries(overview.statusMix.map((entry) => [entry.label, entry.count]));

/** Count queries are the requests with the smallest page the API accepts (the listing asks for its largest). */
function countRequests(requests: readonly RecordedRequest[], provider: ProviderId): number {
  const smallest = provider === 'anchor' ? '10' : '1';
  return requests.filter((request) => request.provider === provider && request.query.get('limit') === smallest).length;
}

interface Harness {
  readonly source: ReturnType<typeof createOverviewSource>;
  readonly clients: Map<string, ProviderClient>;
}

function harness(
  server: ContractServer,
  connections: readonly OverviewConnection[],
  options: { filters?: Filters; cap?: number; https: HttpClient[]; concurrency?: number },
): Harness {
  const clients = new Map<string, ProviderClient>();
  for (const connection of connections) {
    // One HttpClient per connection, as the extension has: its own gate and concurrency limit.
    const http = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 1, maxRetryAfterSeconds: 0.02 });
    options.https.push(http);
    clients.set(
      connection.id,
      createProviderClient(connection.provider, { baseUrl: server.urlFor(connection.provider), apiKey: DEFAULT_KEYS[connection.provider], http }),
    );
  }
  const deps: OverviewDeps = {
    connections: () => connections,
    client: (connection) => {
      const client = clients.get(connection.id);
      if (!client) throw new Error(`No key for ${connection.label}`);
      return client;
    },
    filters: () => options.filters ?? {},
    filterDescriptions: () => (options.filters?.status ? [`status: ${options.filters.status}`] : []),
    maxSessionsScanned: () => options.cap ?? 20_000,
    now: () => new Date(NOW),
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
  };
  return { source: createOverviewSource(deps), clients };
}

const connection = (provider: ProviderId, id: string = provider): OverviewConnection => ({ id, provider, label: PROVIDER_LABELS[provider] });

const noProgress = (): void => undefined;

describe('overview on the default data', () => {
  let server: ContractServer;
  let https: HttpClient[] = [];
  before(async () => {
    server = await startContractServer({ now: NOW });
  });
  after(() => server.close());
  beforeEach(() => {
    server.clearFaults();
    server.resetRequests();
  });
  afterEach(async () => {
    await Promise.all(https.map((http) => http.close()));
    https = [];
  });

  it('counts days, failures and statuses from totals as the server holds them, in ≤ 62 count requests', async () => {
    const { source } = harness(server, [connection('brightData'), connection('anchor')], { https });
    const steps: OverviewProgress[] = [];
    const report = await source.compute(30, (step) => steps.push(step), new AbortController().signal);
    assert.equal(report.periodDays, 30);
    assert.equal(report.connections.length, 2);
    for (const [overview, provider, failed] of [
      [report.connections[0], 'brightData', 'failed'],
      [report.connections[1], 'anchor', 'failed'],
    ] as const) {
      assert.equal(overview.error, undefined);
      assert.equal(overview.countsFrom, 'totals');
      const records = oracle(server, provider);
      assert.deepEqual(overview.days, expectedDays(records, 30, failed), provider);
      assert.deepEqual(mixOf(overview), expectedMix(records, 30), provider);
      const count = countRequests(server.requests, provider);
      assert.ok(count <= 62, `${provider}: ${count} count requests`);
      assert.equal(count, 62, provider);
      // Everything under the cap is listed: the record-based charts saw the whole period.
      const inPeriod = Object.values(expectedMix(records, 30)).reduce((a, b) => a + b, 0);
      assert.deepEqual(overview.sample, { scanned: inPeriod, inPeriod, inPeriodExact: true, capped: false });
      assert.equal(overview.requests, server.requests.filter((request) => request.provider === provider).length);
    }
    // Bright Data's records carry bandwidth, captcha and error codes: the charts have them.
    const brightData = report.connections[0];
    const bdRecords = server.sessions('brightData').filter((r) => Date.parse(r.timestamp) >= periodOf(30, new Date(NOW)).from);
    assert.equal(
      brightData.bandwidthPerDay.reduce((sum, day) => sum + day.bytes, 0),
      bdRecords.reduce((sum, r) => sum + (typeof r.bandwidth === 'number' ? r.bandwidth : 0), 0),
    );
    const timeouts = bdRecords.filter((r) => r.error?.code === 'timeout').length;
    assert.equal(brightData.topErrors.find((entry) => entry.label === 'timeout')?.count, timeouts);
    assert.ok(brightData.captcha.length > 0 && brightData.topDomains.length > 0);
    assert.ok(brightData.durationSeconds.samples > 0 && brightData.durationSeconds.median !== undefined);
    // All together: the two added up.
    assert.ok(report.all);
    assert.equal(report.all.connectionId, ALL_CONNECTIONS_ID);
    assert.deepEqual(
      report.all.days.map((day) => day.total),
      brightData.days.map((day, index) => day.total + report.connections[1].days[index].total),
    );
    assert.equal(report.all.requests, brightData.requests + report.connections[1].requests);
    assert.ok(steps.length > 0 && steps.every((step) => step.fraction === undefined || (step.fraction >= 0 && step.fraction <= 1)));
  });

  it('applies the active filters: a status filter costs one query a day', async () => {
    const { source } = harness(server, [connection('brightData')], { https, filters: { status: 'failed' } });
    const report = await source.compute(7, noProgress, new AbortController().signal);
    const [overview] = report.connections;
    const records = oracle(server, 'brightData').filter((record) => record.status === 'failed');
    assert.deepEqual(overview.days, expectedDays(records, 7, 'failed'));
    assert.deepEqual(mixOf(overview), expectedMix(records, 7));
    assert.equal(countRequests(server.requests, 'brightData'), 7);
    assert.ok(server.requests.every((request) => request.query.get('status') === 'failed'));
    assert.deepEqual(report.filters, ['status: failed']);
  });

  it('counts from the listing where the API has no date filter or no total, and says why', async () => {
    const { source } = harness(server, [connection('steel'), connection('brightData')], { https });
    const report = await source.compute(30, noProgress, new AbortController().signal);
    const [steel, brightData] = report.connections;
    assert.equal(steel.countsFrom, 'records');
    assert.match(steel.countsNote ?? '', /no date filter/);
    assert.deepEqual(steel.days, expectedDays(oracle(server, 'steel'), 30, 'failed'));
    assert.equal(brightData.countsFrom, 'totals');
    assert.equal(report.all?.countsFrom, 'records');
    assert.match(report.all?.countsNote ?? '', /Steel/);
  });

  it('caps a cursor listing too: the period is then known only as a lower bound', async () => {
    const { source } = harness(server, [connection('steel')], { https, cap: 150 });
    const report = await source.compute(90, noProgress, new AbortController().signal);
    const [steel] = report.connections;
    assert.equal(steel.error, undefined);
    // Of its 230 sessions (all within 90 days), at 100 a page: two pages hold 150, the third is never asked for.
    assert.equal(server.requests.length, 2);
    assert.equal(steel.requests, 2);
    assert.deepEqual(steel.sample, { scanned: 150, inPeriod: 150, inPeriodExact: false, capped: true });
  });

  it('gives a connection that fails mid-way its error and leaves the others intact', async () => {
    const { source } = harness(server, [connection('brightData'), connection('anchor')], { https });
    // Slow Bright Data down, let some of its requests through, then fail every later one.
    server.setFault('brightData', { latencyMs: 20 });
    const computing = source.compute(30, noProgress, new AbortController().signal);
    while (server.requests.filter((request) => request.provider === 'brightData').length < 8) await sleep(1);
    server.setFault('brightData', { status: 500 });
    const report: OverviewReport = await computing;
    const [brightData, anchor] = report.connections;
    assert.match(brightData.error ?? '', /500|server/i);
    assert.ok(!brightData.error?.includes(DEFAULT_KEYS.brightData));
    assert.equal(anchor.error, undefined);
    assert.deepEqual(anchor.days, expectedDays(oracle(server, 'anchor'), 30, 'failed'));
    // "All" is Anchor alone.
    assert.deepEqual(report.all?.days, anchor.days);
    assert.equal(report.all?.requests, anchor.requests);
  });

  it('stops sending when cancelled', async () => {
    const { source } = harness(server, [connection('brightData'), connection('anchor')], { https });
    server.setFault('brightData', { latencyMs: 10 });
    server.setFault('anchor', { latencyMs: 10 });
    const controller = new AbortController();
    const computing = source.compute(90, noProgress, controller.signal);
    while (server.requests.length < 8) await sleep(1);
    controller.abort();
    await assert.rejects(computing);
    await server.settled();
    const sent = server.requests.length;
    // Two connections of four in flight each: far from the 2 × 182 count queries of 90 days.
    assert.ok(sent <= 8 + 2 * 4, `${sent} requests after cancel`);
    await sleep(30);
    await server.settled();
    assert.equal(server.requests.length, sent);
  });
});

describe('overview on a synthetic Bright Data account', () => {
  let server: ContractServer;
  let https: HttpClient[] = [];
  before(async () => {
    server = await startContractServer({ now: NOW, syntheticBrightData: 6000, syntheticSpanDays: 10 });
  });
  after(() => server.close());
  beforeEach(() => server.resetRequests());
  afterEach(async () => {
    await Promise.all(https.map((http) => http.close()));
    https = [];
  });

  it('counts match the synthetic records, and the cap yields capped, scanned and inPeriod', async () => {
    const { source } = harness(server, [connection('brightData')], { https, cap: 1000 });
    const report = await source.compute(7, noProgress, new AbortController().signal);
    const [overview] = report.connections;
    const records = oracle(server, 'brightData');
    assert.deepEqual(overview.days, expectedDays(records, 7, 'failed'));
    const inPeriod = Object.values(expectedMix(records, 7)).reduce((a, b) => a + b, 0);
    assert.ok(inPeriod > 1000);
    assert.deepEqual(overview.sample, { scanned: 1000, inPeriod, inPeriodExact: true, capped: true });
    // The cap cut the listing: the statuses the API cannot name stay one entry.
    assert.equal(mixOf(overview)['finished'], expectedMix(records, 7)['finished']);
    assert.equal(countRequests(server.requests, 'brightData'), 16);
    // 1000 sessions at 100 a page.
    assert.equal(server.requests.filter((request) => request.query.get('limit') === '100').length, 10);
  });
});
