// The Bright Data client against the contract server: every filter, sort and order, checked both on
// the wire (what the server received) and in the result (against the server's own data).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createProviderClient, HttpClient, type ProviderClient, type SessionQuery } from '../../src/providers/index';
import { startContractServer, type BrightDataRecord, type ContractServer } from '../server';

const DOCUMENTED = new Set(['api_name', 'limit', 'offset', 'status', 'start_date', 'end_date', 'target_url', 'end_url', 'sort', 'order']);

let server: ContractServer;
let http: HttpClient;
let client: ProviderClient;
let records: readonly BrightDataRecord[];

before(async () => {
  server = await startContractServer();
  http = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 5 });
  client = createProviderClient('brightData', { baseUrl: server.brightDataUrl, apiKey: 'test-key-brightdata', http });
  records = server.sessions('brightData');
});

after(async () => {
  await http.close();
  await server.close();
});

beforeEach(() => server.resetRequests());

/** Every parameter each request carried, as an object. */
function sentParams(): Record<string, string>[] {
  return server.requests.map((request) => Object.fromEntries(request.query));
}

async function listIds(query: SessionQuery): Promise<string[]> {
  const result = await client.listAll(query);
  return result.sessions.map((session) => session.id);
}

function idsWhere(predicate: (record: BrightDataRecord) => boolean): string[] {
  return records.filter(predicate).map((record) => record.session_id);
}

function assertSameSet(actual: readonly string[], expected: readonly string[]): void {
  assert.ok(expected.length > 0, 'the oracle must select something, or the test proves nothing');
  assert.equal(new Set(actual).size, actual.length, 'no duplicates');
  assert.deepEqual([...actual].sort(), [...expected].sort());
}

const time = (record: BrightDataRecord): number => Date.parse(record.timestamp);

describe('Bright Data: paging and defaults', () => {
  it('sends Authorization: Bearer and only limit and offset when no filter is set', async () => {
    const page = await client.fetchPage({ pageSize: 100 }, 2);
    const [request] = server.requests;
    assert.equal(request?.headers['authorization'], 'Bearer test-key-brightdata');
    assert.equal(request?.path, '/browser_sessions');
    assert.deepEqual(sentParams(), [{ limit: '100', offset: '200' }]);
    assert.deepEqual([page.sessions.length, page.total, page.pageIndex, page.pageSize, page.hasMore], [57, 257, 2, 100, false]);
  });

  it('lists all 257 newest first (the API default) in 6 pages of 50', async () => {
    const result = await client.listAll({ pageSize: 50 });
    assert.equal(result.requests, 6);
    assert.equal(result.total, 257);
    const expected = [...records].sort((a, b) => time(b) - time(a) || (a.session_id < b.session_id ? -1 : 1));
    assert.deepEqual(
      result.sessions.map((session) => session.id),
      expected.map((record) => record.session_id),
    );
    assert.deepEqual(sentParams().map((params) => params['offset']).sort((a, b) => Number(a) - Number(b)), ['0', '50', '100', '150', '200', '250']);
  });

  it('caps the page size at 100', async () => {
    await client.fetchPage({ pageSize: 500 }, 0);
    assert.equal(sentParams()[0]?.['limit'], '100');
  });
});

describe('Bright Data: filters', () => {
  for (const status of ['running', 'finished', 'failed']) {
    it(`status=${status}`, async () => {
      const ids = await listIds({ status, pageSize: 100 });
      assertSameSet(ids, idsWhere((record) => record.status === status));
      assert.ok(sentParams().every((params) => params['status'] === status));
    });
  }

  it('api_name (zone)', async () => {
    const ids = await listIds({ zone: 'scraping_browser2', pageSize: 100 });
    assertSameSet(ids, idsWhere((record) => record.api_name === 'scraping_browser2'));
    assert.ok(sentParams().every((params) => params['api_name'] === 'scraping_browser2'));
  });

  it('target_url, a part of the URL', async () => {
    const ids = await listIds({ target: 'amazon.com', pageSize: 100 });
    assertSameSet(ids, idsWhere((record) => record.target_url?.toLowerCase().includes('amazon.com') ?? false));
    assert.ok(sentParams().every((params) => params['target_url'] === 'amazon.com'));
  });

  it('start_date and end_date, both inclusive', async () => {
    const sorted = records.map(time).sort((a, b) => a - b);
    const from = new Date(sorted[50]).toISOString();
    const to = new Date(sorted[150]).toISOString();
    const ids = await listIds({ from, to, pageSize: 100 });
    assertSameSet(ids, idsWhere((record) => time(record) >= Date.parse(from) && time(record) <= Date.parse(to)));
    assert.ok(sentParams().every((params) => params['start_date'] === from && params['end_date'] === to));
  });

  it('combines filters and sends each once', async () => {
    const query: SessionQuery = { status: 'finished', zone: 'scraping_browser1', target: 'example', pageSize: 20 };
    const ids = await listIds(query);
    assertSameSet(
      ids,
      idsWhere((record) => record.status === 'finished' && record.api_name === 'scraping_browser1' && (record.target_url ?? '').includes('example')),
    );
    for (const request of server.requests) {
      for (const name of request.query.keys()) assert.equal(request.query.getAll(name).length, 1, name);
    }
  });

  it('never sends a parameter the spec does not name, whatever the query holds', async () => {
    await client.fetchPage(
      { status: 'failed', tags: ['x'], sortBy: 'duration', order: 'asc' },
      0,
    );
    const names = [...(server.requests[0]?.query.keys() ?? [])];
    assert.ok(names.length > 0);
    assert.deepEqual(names.filter((name) => !DOCUMENTED.has(name)), []);
  });
});

describe('Bright Data: sort and order', () => {
  const numeric = (value: number | null): number | null => (typeof value === 'number' ? value : null);
  const keys: Record<string, (record: BrightDataRecord) => number | null> = {
    timestamp: time,
    duration: (record) => numeric(record.duration),
    bandwidth: (record) => numeric(record.bandwidth),
  };
  for (const sortBy of ['timestamp', 'duration', 'bandwidth']) {
    for (const order of ['asc', 'desc'] as const) {
      it(`sort=${sortBy} order=${order}`, async () => {
        const ids = await listIds({ sortBy, order, pageSize: 100 });
        assertSameSet(ids, idsWhere(() => true));
        const byId = new Map(records.map((record) => [record.session_id, record]));
        const values = ids.map((id) => keys[sortBy]?.(byId.get(id) as BrightDataRecord) ?? null);
        const present = values.filter((value): value is number => value !== null);
        // Nulls (running sessions have no duration) come last in either order.
        assert.deepEqual(values.slice(present.length), values.filter((value) => value === null));
        const sorted = [...present].sort((a, b) => (order === 'asc' ? a - b : b - a));
        assert.deepEqual(present, sorted);
        assert.ok(sentParams().every((params) => params['sort'] === sortBy && params['order'] === order));
      });
    }
  }
});
