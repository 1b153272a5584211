// `npm run bench:export`: 100,000 Bright Data sessions exported to CSV and to JSON Lines from the
// contract server (its own process, 50 ms latency on every answer), through the same page source and
// writer as Export Sessions…. Prints the wall time against the listing floor and how much this
// process's memory grew over its level before the export (sampled every 20 ms; goal ≤ 50 MB).
//
// The floor: pages are read 4 ahead in order, so at best one page's latency opens the export and
// then each round of 4 pages costs one more: L × (1 + ceil((pages − 1) / 4)). Reading them one by
// one would cost L × pages.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { ExportFormat } from '../../src/export/format';
import { sessionPages } from '../../src/export/pages';
import { exportSessions } from '../../src/export/writer';
import { createProviderClient, HttpClient, pageSizeFor } from '../../src/providers/index';
import { DEFAULT_KEYS } from '../server';
import { startDemoServer } from './demoServer';

const SESSIONS = 100_000;
const LATENCY_MS = 50;
const CONCURRENCY = 4;
const PROVIDER = 'brightData';
const MAX_GROWTH_MB = 50;
const SAMPLE_MS = 20;

interface Figures {
  format: ExportFormat;
  rows: number;
  linesInFile: number;
  fileMiB: number;
  ms: number;
  pages: number;
  floorMs: number;
  sequentialFloorMs: number;
  rssGrowthMB: number;
  heapGrowthMB: number;
  retainedMB: number | undefined;
}

const MB = 1024 * 1024;

async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file)) {
    for (const byte of chunk as Buffer) if (byte === 10) lines++;
  }
  return lines;
}

/** Peak memory above the level measured just before `work`, sampled on an interval. */
async function withMemory<T>(
  work: () => Promise<T>,
): Promise<{ value: T; rssGrowthMB: number; heapGrowthMB: number; retainedMB: number | undefined }> {
  globalThis.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = (): void => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  try {
    const value = await work();
    sample();
    // What is still held once the garbage is collected (only with --expose-gc, as the npm script runs it).
    globalThis.gc?.();
    const retainedMB = globalThis.gc ? (process.memoryUsage().heapUsed - before.heapUsed) / MB : undefined;
    return { value, rssGrowthMB: (peakRss - before.rss) / MB, heapGrowthMB: (peakHeap - before.heapUsed) / MB, retainedMB };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const server = await startDemoServer(['--latency', String(LATENCY_MS), '--count-brightdata', String(SESSIONS)]);
  const http = new HttpClient({ timeoutMs: 60_000 });
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-export-'));
  try {
    const client = createProviderClient(PROVIDER, { baseUrl: server.urlFor(PROVIDER), apiKey: DEFAULT_KEYS[PROVIDER], http });
    const pageSize = pageSizeFor(PROVIDER, 100);
    // Warm-up, unmeasured: JIT, the first connection, the lazily loaded HTTP stack.
    await client.fetchPage({ pageSize }, 0);
    const figures: Figures[] = [];
    for (const format of ['csv', 'jsonl'] as const) {
      const target = path.join(dir, `sessions.${format}`);
      const started = performance.now();
      const measured = await withMemory(() =>
        exportSessions({
          target,
          format,
          sources: [{ label: 'Bright Data', pages: (signal) => sessionPages(client, { pageSize }, { concurrency: CONCURRENCY, signal }) }],
        }),
      );
      const ms = performance.now() - started;
      const pages = Math.ceil(SESSIONS / pageSize);
      figures.push({
        format,
        rows: measured.value.rows,
        linesInFile: await countLines(target),
        fileMiB: (await stat(target)).size / MB,
        ms,
        pages,
        floorMs: LATENCY_MS * (1 + Math.ceil((pages - 1) / CONCURRENCY)),
        sequentialFloorMs: LATENCY_MS * pages,
        rssGrowthMB: measured.rssGrowthMB,
        heapGrowthMB: measured.heapGrowthMB,
        retainedMB: measured.retainedMB,
      });
    }
    console.log(`${SESSIONS} ${PROVIDER} sessions, ${LATENCY_MS} ms latency per answer, ${CONCURRENCY} pages ahead; server in a child process.`);
    console.table(
      figures.map((row) => ({
        format: row.format,
        rows: row.rows,
        'lines in file': row.linesInFile,
        file: `${row.fileMiB.toFixed(1)} MiB`,
        pages: row.pages,
        'wall (ms)': Math.round(row.ms),
        'floor (ms)': row.floorMs,
        'ratio to floor': (row.ms / row.floorMs).toFixed(3),
        'sequential floor (ms)': row.sequentialFloorMs,
        'RSS growth (MB)': row.rssGrowthMB.toFixed(1),
        'heap growth (MB)': row.heapGrowthMB.toFixed(1),
        'heap retained after (MB)': row.retainedMB === undefined ? 'run with --expose-gc' : row.retainedMB.toFixed(1),
      })),
    );
    console.log(`floor = L × (1 + ceil((pages − 1) / ${CONCURRENCY})); sequential floor = L × pages. Memory: peak minus the level before, sampled every ${SAMPLE_MS} ms (young-generation garbage included).`);
    console.log(`Load average at the end: ${loadavg().map((load) => load.toFixed(2)).join(', ')} on ${availableParallelism()} cores.`);
    const problems: string[] = [];
    for (const row of figures) {
      const header = row.format === 'csv' ? 1 : 0;
      if (row.rows !== SESSIONS) problems.push(`${row.format}: ${row.rows} rows, not ${SESSIONS}`);
      if (row.linesInFile !== SESSIONS + header) problems.push(`${row.format}: ${row.linesInFile} lines in the file`);
      if (row.rssGrowthMB > MAX_GROWTH_MB) problems.push(`${row.format}: RSS grew ${row.rssGrowthMB.toFixed(1)} MB, goal ≤ ${MAX_GROWTH_MB}`);
    }
    console.log(problems.length === 0 ? 'All goals met.' : `Goals missed:\n  ${problems.join('\n  ')}`);
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
    await http.close();
    await server.close();
  }
}

void main();
