// `npm run bench`: listAll's parallel paging against the contract server with 50 ms of latency per
// answer, compared with the floor that latency sets and with fetching the same pages one by one.
//
// The server runs in its own process by default. In this process it would share one thread with the
// client, and it sorts all 10,000 sessions for every page (≈3.5 ms measured): four parallel pages
// then queue ≈14 ms of server work per round behind each other and behind the client's parsing,
// which is a cost of the test setup, not of the client (a real API does not run in our thread).
// `npm run bench -- --in-process` measures that setup anyway, for comparison.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { createProviderClient, HttpClient, type ProviderClient, type ProviderId } from '../../src/providers/index';
import { startContractServer } from '../server';

const LATENCY_MS = 50;
const CONCURRENCY = 4;
const COUNTS = { brightData: 10_000, anchor: 5_000 } as Record<ProviderId, number>;
const PAGE_SIZES = { brightData: 100, anchor: 50 } as Record<ProviderId, number>;
const KEYS = { brightData: 'test-key-brightdata', anchor: 'test-key-anchor' } as Record<ProviderId, string>;
/** The targets from the brief, checked for Bright Data. */
const MAX_RATIO_TO_FLOOR = 1.15;
const MIN_SPEED_UP = 3.5;

interface Row {
  provider: ProviderId;
  pages: number;
  requests: number;
  unique: number;
  parallelMs: number;
  floorMs: number;
  sequentialMs: number;
  sequentialUnique: number;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

async function listSequentially(client: ProviderClient, pageSize: number): Promise<number> {
  const ids = new Set<string>();
  for (let pageIndex = 0; ; pageIndex++) {
    const page = await client.fetchPage({ pageSize }, pageIndex);
    for (const session of page.sessions) ids.add(session.id);
    if (!page.hasMore) return ids.size;
  }
}

async function measure(client: ProviderClient): Promise<Row> {
  const pageSize = PAGE_SIZES[client.id];
  // One unmeasured page first, so neither run pays for JIT warm-up or the first connection.
  await client.fetchPage({ pageSize }, 0);
  const parallel = await timed(() => client.listAll({ pageSize }, { concurrency: CONCURRENCY }));
  const sequential = await timed(() => listSequentially(client, pageSize));
  const pages = Math.ceil(parallel.value.total / pageSize);
  return {
    provider: client.id,
    pages,
    requests: parallel.value.requests,
    unique: new Set(parallel.value.sessions.map((session) => session.id)).size,
    parallelMs: parallel.ms,
    floorMs: LATENCY_MS * (1 + Math.ceil((pages - 1) / CONCURRENCY)),
    sequentialMs: sequential.ms,
    sequentialUnique: sequential.value,
  };
}

function printTable(rows: readonly Row[]): void {
  const table = rows.map((row) => ({
    provider: row.provider,
    sessions: `${row.unique} / ${COUNTS[row.provider]}`,
    pages: row.pages,
    requests: row.requests,
    [`parallel C=${CONCURRENCY} (ms)`]: Math.round(row.parallelMs),
    'floor (ms)': row.floorMs,
    'ratio to floor': (row.parallelMs / row.floorMs).toFixed(3),
    'sequential (ms)': Math.round(row.sequentialMs),
    'sequential / floor': (row.sequentialMs / (LATENCY_MS * row.pages)).toFixed(3),
    'speed-up': (row.sequentialMs / row.parallelMs).toFixed(2),
  }));
  console.table(table);
  console.log(`floor = L × (1 + ceil((pages − 1) / C)), L = ${LATENCY_MS} ms; sequential floor = L × pages`);
}

/** Problems with the figures, empty when every check passes. */
function problems(rows: readonly Row[]): string[] {
  const found: string[] = [];
  for (const row of rows) {
    if (row.unique !== COUNTS[row.provider]) found.push(`${row.provider}: listAll returned ${row.unique} unique sessions, not ${COUNTS[row.provider]}`);
    if (row.sequentialUnique !== COUNTS[row.provider]) found.push(`${row.provider}: the sequential listing saw ${row.sequentialUnique} sessions`);
  }
  const brightData = rows.find((row) => row.provider === 'brightData');
  if (brightData) {
    const ratio = brightData.parallelMs / brightData.floorMs;
    const speedUp = brightData.sequentialMs / brightData.parallelMs;
    if (ratio > MAX_RATIO_TO_FLOOR) found.push(`brightData: ${ratio.toFixed(3)} × the floor, target ≤ ${MAX_RATIO_TO_FLOOR}`);
    if (speedUp < MIN_SPEED_UP) found.push(`brightData: ${speedUp.toFixed(2)} × faster than sequential, target ≥ ${MIN_SPEED_UP}`);
  }
  return found;
}

interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

async function startInProcess(): Promise<RunningServer> {
  const server = await startContractServer({ counts: COUNTS });
  for (const provider of ['brightData', 'anchor'] as const) server.setFault(provider, { latencyMs: LATENCY_MS });
  return { url: server.url, close: () => server.close() };
}

/** The demo server (test/server/main.ts), with the same fault set through its control route. */
async function startInChildProcess(): Promise<RunningServer> {
  const args = ['--import', 'tsx', 'test/server/main.ts', '--port', '0'];
  args.push('--count-brightdata', String(COUNTS.brightData), '--count-anchor', String(COUNTS.anchor));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await readyUrl(child);
  for (const provider of ['brightData', 'anchor'] as const) {
    const answer = await request(`${url}/__control/fault`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider, fault: { latencyMs: LATENCY_MS } }),
    });
    await answer.body.text();
    if (answer.statusCode !== 200) throw new Error(`setting the latency fault failed: ${answer.statusCode}`);
  }
  return {
    url,
    close: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function readyUrl(child: ChildProcess): Promise<string> {
  if (!child.stdout) throw new Error('the demo server has no stdout');
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('READY ')) {
      child.stdout.resume();
      return (JSON.parse(line.slice('READY '.length)) as { url: string }).url;
    }
  }
  throw new Error('the demo server exited before it was ready');
}

async function main(): Promise<void> {
  const inProcess = process.argv.includes('--in-process');
  const server = inProcess ? await startInProcess() : await startInChildProcess();
  const http = new HttpClient({ timeoutMs: 30_000 });
  try {
    const rows: Row[] = [];
    for (const provider of ['brightData', 'anchor'] as const) {
      // The demo server accepts any key; the in-process one the defaults.
      rows.push(await measure(createProviderClient(provider, { baseUrl: server.url, apiKey: KEYS[provider], http })));
    }
    console.log(`Contract server ${inProcess ? 'in this process' : 'in a child process'}, ${LATENCY_MS} ms latency fault on both providers.`);
    printTable(rows);
    const found = problems(rows);
    console.log(found.length === 0 ? 'All targets met.' : `Targets missed:\n  ${found.join('\n  ')}`);
    if (found.length > 0) process.exitCode = 1;
  } finally {
    await http.close();
    await server.close();
  }
}

void main();
