// Export against the contract server through the real clients: the rows are the server's data for
// the query, CSV is quoted and defused, and a cancelled or failed export leaves no file behind.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { CSV_COLUMNS } from '../../src/export/format';
import { sessionPages } from '../../src/export/pages';
import { exportSessions, type ExportSource } from '../../src/export/writer';
import { createProviderClient, HttpClient, PROVIDER_IDS } from '../../src/providers';
import { ProviderError, type ProviderClient, type ProviderId, type SessionQuery } from '../../src/providers/types';
import { DEFAULT_KEYS, HOSTILE, startContractServer, type ContractServer } from '../server';
import { parseCsv } from '../support/csv';

let server: ContractServer;
let http: HttpClient;
let dir: string;

const ID_FIELD: Readonly<Record<ProviderId, string>> = {
  brightData: 'session_id',
  anchor: 'id',
  browserbase: 'id',
  steel: 'id',
  hyperbrowser: 'id',
};

function client(provider: ProviderId): ProviderClient {
  return createProviderClient(provider, { baseUrl: server.urlFor(provider), apiKey: DEFAULT_KEYS[provider], http });
}

function source(provider: ProviderId, query: SessionQuery = {}, label: string = provider): ExportSource {
  return { label, pages: (signal) => sessionPages(client(provider), { pageSize: 100, ...query }, { signal }) };
}

function recordId(provider: ProviderId, record: object): string {
  return String((record as Record<string, unknown>)[ID_FIELD[provider]]);
}

/**
 * The parser replaces URLs that grant control of a live browser (Steel's debug, viewer and WebSocket
 * URLs) in the raw record, and an export must not bring them back.
 */
function withLiveUrlsRedacted(record: object | undefined): object | undefined {
  if (!record) return record;
  const copy: Record<string, unknown> = { ...record };
  for (const key of ['debugUrl', 'sessionViewerUrl', 'websocketUrl']) if (typeof copy[key] === 'string' && copy[key] !== '') copy[key] = '•••';
  return copy;
}

function column(rows: readonly string[][], name: string): string[] {
  const index = rows[0].indexOf(name);
  assert.ok(index >= 0, `column ${name}`);
  return rows.slice(1).map((row) => row[index]);
}

before(async () => {
  server = await startContractServer({ seed: 11 });
  http = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 1, maxRetryAfterSeconds: 0.01 });
});

after(async () => {
  await http.close();
  await server.close();
});

beforeEach(async () => {
  server.clearFaults();
  dir = await mkdtemp(path.join(tmpdir(), 'bs-export-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('export', () => {
  test('JSON Lines: every provider, every page, each line the raw record the server holds, in the API order', async () => {
    for (const provider of PROVIDER_IDS) {
      const target = path.join(dir, `${provider}.jsonl`);
      const result = await exportSessions({ target, format: 'jsonl', sources: [source(provider)] });
      const lines = (await readFile(target, 'utf8')).split('\n');
      assert.equal(lines.pop(), '', 'one record per line, newline-terminated');
      const records = lines.map((line) => JSON.parse(line) as object);
      const expected = server.sessions(provider);
      assert.equal(result.rows, expected.length, provider);
      assert.equal(records.length, expected.length, provider);
      const byId = new Map(expected.map((record) => [recordId(provider, record), record]));
      assert.equal(new Set(records.map((record) => recordId(provider, record))).size, expected.length, `${provider}: no repeats`);
      for (const record of records) assert.deepEqual(record, withLiveUrlsRedacted(byId.get(recordId(provider, record))), provider);
    }
  });

  test('CSV of a filtered query: exactly the matching sessions, in the order the API lists them', async () => {
    const query: SessionQuery = { status: 'failed', sortBy: 'timestamp', order: 'asc', pageSize: 10 };
    const target = path.join(dir, 'failed.csv');
    const progress: number[] = [];
    const result = await exportSessions({
      target,
      format: 'csv',
      sources: [source('brightData', query, 'Bright Data · prod')],
      onProgress: (rows) => progress.push(rows),
    });
    const rows = parseCsv(await readFile(target, 'utf8'));
    assert.deepEqual(rows[0], CSV_COLUMNS);
    const expected = server
      .sessions('brightData')
      .filter((record) => record.status === 'failed')
      .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || (a.session_id < b.session_id ? -1 : 1));
    assert.ok(expected.length > 20, 'several pages of 10');
    assert.deepEqual(column(rows, 'id'), expected.map((record) => record.session_id));
    assert.deepEqual(new Set(column(rows, 'status')), new Set(['failed']));
    assert.deepEqual(new Set(column(rows, 'connection')), new Set(['Bright Data · prod']));
    assert.equal(result.rows, expected.length);
    assert.equal(progress.at(-1), expected.length);
    assert.ok(progress.length >= 2, 'progress after each page');
    assert.deepEqual(await readdir(dir), ['failed.csv'], 'no temporary file left');
  });

  test('CSV: quotes, commas and line breaks survive; a cell that starts like a formula is prefixed with an apostrophe', async () => {
    const hostile = {
      session_id: 'formula-0001',
      status: 'failed',
      api_name: '=HYPERLINK("https://evil.example","click")',
      target_url: '+cmd|\' /C calc\'!A0',
      captcha: '@SUM(1+1)',
      error: { code: '-2+3', message: '\tline one,\r\nline "two"' },
    };
    server.addSession('brightData', hostile);
    const target = path.join(dir, 'hostile.csv');
    await exportSessions({ target, format: 'csv', sources: [source('brightData', { status: 'failed' }, '=label')] });
    const rows = parseCsv(await readFile(target, 'utf8'));
    const ids = column(rows, 'id');
    const row = (id: string): Record<string, string> => {
      const index = ids.indexOf(id);
      assert.ok(index >= 0, id);
      return Object.fromEntries(rows[0].map((name, i) => [name, rows[index + 1][i]]));
    };
    const added = row('formula-0001');
    assert.equal(added['zone'], `'${hostile.api_name}`);
    assert.equal(added['target_url'], `'${hostile.target_url}`);
    assert.equal(added['captcha'], `'${hostile.captcha}`);
    assert.equal(added['error_code'], `'${hostile.error.code}`);
    assert.equal(added['error_message'], `'${hostile.error.message}`);
    assert.equal(added['connection'], "'=label");
    for (const cells of rows.slice(1)) {
      for (const cell of cells) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, 'no cell starts like a formula');
    }
    // The seeded hostile record: markup, quotes and an attribute with '=' inside stay exactly as sent.
    const seeded = row(HOSTILE.brightData.failed.session_id);
    assert.equal(seeded['target_url'], HOSTILE.brightData.failed.target_url);
    assert.equal(seeded['error_message'], HOSTILE.brightData.failed.error.message);
    assert.equal(seeded['zone'], HOSTILE.brightData.failed.api_name);
  });

  test('several connections: one header, each connection\'s rows under its label', async () => {
    const target = path.join(dir, 'all.csv');
    const result = await exportSessions({
      target,
      format: 'csv',
      sources: [source('anchor', {}, 'Anchor'), source('steel', {}, 'Steel · ci')],
    });
    const rows = parseCsv(await readFile(target, 'utf8'));
    const labels = column(rows, 'connection');
    const anchor = server.sessions('anchor').length;
    const steel = server.sessions('steel').length;
    assert.equal(result.rows, anchor + steel);
    assert.deepEqual(labels, [...Array<string>(anchor).fill('Anchor'), ...Array<string>(steel).fill('Steel · ci')]);
  });

  test('cancelled mid-way: the export rejects, no file under the chosen name, an existing one untouched, no temporary file', async () => {
    const target = path.join(dir, 'cancel.csv');
    await writeFile(target, 'previous export\n');
    const controller = new AbortController();
    server.setFault('brightData', { latencyMs: 30 });
    let pagesSeen = 0;
    await assert.rejects(
      exportSessions({
        target,
        format: 'csv',
        sources: [source('brightData')],
        signal: controller.signal,
        onProgress: () => {
          pagesSeen++;
          if (pagesSeen === 2) controller.abort();
        },
      }),
    );
    assert.equal(pagesSeen, 2, 'nothing written after the cancel');
    assert.equal(await readFile(target, 'utf8'), 'previous export\n');
    assert.deepEqual(await readdir(dir), ['cancel.csv']);
    const fresh = path.join(dir, 'fresh.jsonl');
    const second = new AbortController();
    await assert.rejects(
      exportSessions({ target: fresh, format: 'jsonl', sources: [source('anchor')], signal: second.signal, onProgress: () => second.abort() }),
    );
    assert.deepEqual(await readdir(dir), ['cancel.csv'], 'a new file is not created at all');
  });

  test('a 500 mid-way: the provider error is reported and no file is left', async () => {
    const target = path.join(dir, 'broken.jsonl');
    const first = client('brightData');
    await assert.rejects(
      exportSessions({
        target,
        format: 'jsonl',
        sources: [{ label: 'Bright Data', pages: (signal) => sessionPages(first, { pageSize: 100 }, { signal }) }],
        onProgress: () => server.setFault('brightData', { status: 500 }),
      }),
      (error: unknown) => error instanceof ProviderError && error.kind === 'server',
    );
    assert.deepEqual(await readdir(dir), []);
  });

  test('pages are read ahead at most `concurrency` at a time', async () => {
    server.setFault('brightData', { latencyMs: 20 });
    server.resetRequests();
    const pages = sessionPages(client('brightData'), { pageSize: 10 }, { concurrency: 3 });
    const first = await pages.next();
    assert.equal(first.done, false);
    const second = await pages.next();
    assert.equal(second.done, false);
    await pages.return();
    await server.settled();
    const asked = server.requests.filter((request) => request.provider === 'brightData').map((request) => Number(request.query.get('offset')));
    // Page 0, then pages 1–3 together; page 4 waits until page 1 has been taken and written.
    assert.deepEqual(asked, [0, 10, 20, 30]);
  });
});
