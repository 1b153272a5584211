// `npm run bench:overview`: the 30-day overview of a Bright Data account of 1,000,000 sessions
// (synthesised from their index by the contract server, never held in memory) at 50 ms latency per
// answer and 4 requests in flight. Prints the requests, the wall time, the floor that latency sets
// (L × ceil(requests / 4)), their ratio (goal ≤ 1.15), and what listing every session would cost.
//
// The server runs in a child process (test/bench/demoServer.ts).
import { availableParallelism, loadavg } from 'node:os';
import { createOverviewSource, DEFAULT_MAX_SESSIONS_SCANNED } from '../../src/overview/source';
import { createProviderClient, HttpClient, pageSizeFor, PROVIDER_LABELS } from '../../src/providers/index';
import { DEFAULT_KEYS } from '../server';
import { startDemoServer } from './demoServer';

const LATENCY_MS = 50;
const CONCURRENCY = 4;
const SESSIONS = 1_000_000;
const PERIOD_DAYS = 30;
const MAX_RATIO_TO_FLOOR = 1.15;

const floorMs = (requests: number): number => LATENCY_MS * Math.ceil(requests / CONCURRENCY);

async function main(): Promise<void> {
  const server = await startDemoServer(['--latency', String(LATENCY_MS), '--synthetic-brightdata', String(SESSIONS)]);
  const http = new HttpClient({ timeoutMs: 60_000, maxConcurrentRequests: CONCURRENCY });
  try {
    const client = createProviderClient('brightData', { baseUrl: server.urlFor('brightData'), apiKey: DEFAULT_KEYS.brightData, http });
    const connection = { id: 'brightData', provider: 'brightData', label: PROVIDER_LABELS.brightData } as const;
    const source = createOverviewSource({
      connections: () => [connection],
      client: () => client,
      filters: () => ({}),
      filterDescriptions: () => [],
      maxSessionsScanned: () => DEFAULT_MAX_SESSIONS_SCANNED,
      concurrency: CONCURRENCY,
    });
    // One unmeasured request, so the run pays for neither JIT warm-up nor the first connection.
    await client.fetchPage({ pageSize: 1 }, 0);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const report = await source.compute(PERIOD_DAYS, () => undefined, new AbortController().signal);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const [overview] = report.connections;
    if (overview.error !== undefined) throw new Error(`the overview failed: ${overview.error}`);
    const requests = overview.requests;
    const listingPageSize = pageSizeFor('brightData', 100);
    const countRequests = requests - Math.ceil(overview.sample.scanned / listingPageSize);
    const everyPage = Math.ceil(SESSIONS / listingPageSize);
    const periodPages = Math.ceil(overview.sample.inPeriod / listingPageSize);
    const ratio = wallMs / floorMs(requests);
    console.log(
      `Contract server in a child process: ${SESSIONS.toLocaleString('en')} synthetic Bright Data sessions over 90 days, ` +
        `${LATENCY_MS} ms latency, ${CONCURRENCY} requests in flight; ${PERIOD_DAYS}-day overview, cap ${DEFAULT_MAX_SESSIONS_SCANNED.toLocaleString('en')}.`,
    );
    console.table([
      {
        'count requests': countRequests,
        'listing requests': requests - countRequests,
        requests,
        'wall (ms)': Math.round(wallMs),
        'floor L × ceil(requests / 4) (ms)': floorMs(requests),
        ratio: ratio.toFixed(3),
        'client CPU (ms)': Math.round((used.user + used.system) / 1000),
      },
    ]);
    console.log(
      `Sessions in the period: ${overview.sample.inPeriod.toLocaleString('en')} (exact: ${overview.sample.inPeriodExact}); ` +
        `records behind the charts: the latest ${overview.sample.scanned.toLocaleString('en')} (capped: ${overview.sample.capped}).`,
    );
    console.table([
      { listing: `every session (${SESSIONS.toLocaleString('en')})`, requests: everyPage, 'floor (ms)': floorMs(everyPage) },
      {
        listing: `the period's sessions (${overview.sample.inPeriod.toLocaleString('en')})`,
        requests: periodPages,
        'floor (ms)': floorMs(periodPages),
      },
    ]);
    console.log(`Load average at the end: ${loadavg().map((load) => load.toFixed(2)).join(', ')} on ${availableParallelism()} cores.`);
    const found: string[] = [];
    if (countRequests > 62) found.push(`${countRequests} count requests, goal ≤ 62`);
    if (ratio > MAX_RATIO_TO_FLOOR) found.push(`${ratio.toFixed(3)} × the floor, goal ≤ ${MAX_RATIO_TO_FLOOR}`);
    console.log(found.length === 0 ? 'All goals met.' : `Goals missed:\n  ${found.join('\n  ')}`);
    if (found.length > 0) process.exitCode = 1;
  } finally {
    await http.close();
    await server.close();
  }
}

void main();
