// The Browserbase client against the contract server: one unpaged bare array, so the status filter
// is applied to the whole list locally (one request serves every status group) while `q` goes to
// the API; Load more slices what arrived; a list beyond the default body cap still arrives; auth,
// accounts and every fault.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createProviderClient, HttpClient, type ProviderClient } from '../../src/providers/index';
import { MAX_BODY_BYTES } from '../../src/providers/http';
import { startContractServer, type BrowserbaseRecord, type ContractServer } from '../server';
import { describeClientFaults } from './support/clientFaults';

const KEY = 'test-key-browserbase';

let server: ContractServer;
let http: HttpClient;
let client: ProviderClient;
let records: readonly BrowserbaseRecord[];

before(async () => {
  server = await startContractServer({ accounts: [{ provider: 'browserbase', key: 'browserbase-second-account', count: 12 }] });
  http = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 5 });
  client = createProviderClient('browserbase', { baseUrl: server.urlFor('browserbase'), apiKey: KEY, http });
  records = server.sessions('browserbase');
});

after(async () => {
  await http.close();
  await server.close();
});

beforeEach(() => server.resetRequests());

const sentParams = (): Record<string, string>[] => server.requests.map((request) => Object.fromEntries(request.query));

function newestFirst(list: readonly BrowserbaseRecord[]): string[] {
  return [...list]
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((record) => record.id);
}

function assertSameSet(actual: readonly string[], expected: readonly string[]): void {
  assert.ok(expected.length > 0, 'the oracle must select something, or the test proves nothing');
  assert.equal(new Set(actual).size, actual.length, 'no duplicates');
  assert.deepEqual([...actual].sort(), [...expected].sort());
}

/** The oracle for q: only string equality on a path below user_metadata. */
function metadataAt(record: BrowserbaseRecord, path: readonly string[]): unknown {
  let value: unknown = record.userMetadata;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

describe('Browserbase: requests', () => {
  it('sends X-BB-API-Key and no paging parameter (none is documented)', async () => {
    const page = await client.fetchPage({ pageSize: 50 }, 0);
    const [request] = server.requests;
    assert.equal(request?.headers['x-bb-api-key'], KEY);
    assert.equal(request?.path, '/browserbase/v1/sessions');
    assert.deepEqual(sentParams(), [{}]);
    assert.deepEqual([page.sessions.length, page.total, page.totalExact, page.hasMore], [50, records.length, undefined, true]);
  });

  it('never sends a parameter the spec does not name, nor a sort it does not document', async () => {
    await client.fetchPage(
      { status: 'RUNNING', metadataQuery: "user_metadata['env']:'staging'", sortBy: 'createdAt', order: 'asc', projectId: 'p', target: 't', pageSize: 10 },
      0,
    );
    const names = [...(server.requests[0]?.query.keys() ?? [])];
    assert.deepEqual(names, ['q']);
  });
});

describe('Browserbase: filters', () => {
  for (const status of ['PENDING', 'RUNNING', 'ERROR', 'TIMED_OUT', 'COMPLETED']) {
    it(`status=${status} is applied to the whole list, which is fetched once`, async () => {
      const fresh = createProviderClient('browserbase', { baseUrl: server.urlFor('browserbase'), apiKey: KEY, http });
      const result = await fresh.listAll({ status });
      const expected = records.filter((record) => record.status === status).map((record) => record.id);
      assertSameSet(result.sessions.map((session) => session.id), expected);
      assert.deepEqual([result.total, result.totalExact, result.requests], [expected.length, undefined, 1]);
      // The server's status filter, asked directly, agrees with the local one.
      const direct = await fetch(`${server.urlFor('browserbase')}/v1/sessions?status=${status}`, { headers: { 'x-bb-api-key': KEY } });
      assertSameSet(((await direct.json()) as BrowserbaseRecord[]).map((record) => record.id), expected);
    });
  }

  it('one refresh of every status group at once costs one request', async () => {
    const fresh = createProviderClient('browserbase', { baseUrl: server.urlFor('browserbase'), apiKey: KEY, http });
    const pages = await Promise.all([undefined, 'RUNNING', 'ERROR', 'COMPLETED'].map((status) => fresh.fetchPage({ status, pageSize: 10 }, 0)));
    assert.equal(server.requests.length, 1);
    assert.equal(pages[0]?.total, records.length);
  });

  const queries: [string, string[], string][] = [
    ["user_metadata['env']:'staging'", ['env'], 'staging'],
    ["user_metadata['team']['name']:'payments'", ['team', 'name'], 'payments'],
    ["user_metadata['owner']:'zoë'", ['owner'], 'zoë'],
  ];
  for (const [q, path, value] of queries) {
    it(`q=${q} is sent as is and filters on the server`, async () => {
      const result = await client.listAll({ metadataQuery: q });
      assertSameSet(
        result.sessions.map((session) => session.id),
        records.filter((record) => metadataAt(record, path) === value).map((record) => record.id),
      );
      assert.deepEqual(sentParams(), [{ q }]);
    });
  }

  it('q and status together: q on the server, status locally', async () => {
    const q = "user_metadata['env']:'production'";
    const result = await client.listAll({ metadataQuery: q, status: 'COMPLETED' });
    assertSameSet(
      result.sessions.map((session) => session.id),
      records.filter((record) => record.status === 'COMPLETED' && metadataAt(record, ['env']) === 'production').map((record) => record.id),
    );
    assert.deepEqual(sentParams(), [{ q }]);
  });

  it('a q nothing matches is an empty, exact list', async () => {
    const result = await client.listAll({ metadataQuery: "user_metadata['env']:'nowhere'" });
    assert.deepEqual([result.sessions.length, result.total, result.totalExact], [0, 0, undefined]);
  });
});

describe('Browserbase: local pages', () => {
  it('Load more slices the list already fetched: no request, the exact total, newest first', async () => {
    const query = { pageSize: 25 };
    const fresh = createProviderClient('browserbase', { baseUrl: server.urlFor('browserbase'), apiKey: KEY, http });
    const pages = [await fresh.fetchPage(query, 0), await fresh.fetchPage(query, 1), await fresh.fetchPage(query, 2)];
    assert.equal(server.requests.length, 1);
    assert.deepEqual(
      pages.flatMap((page) => page.sessions.map((session) => session.id)),
      newestFirst(records),
    );
    assert.deepEqual(
      pages.map((page) => [page.sessions.length, page.total, page.hasMore]),
      [
        [25, 60, true],
        [25, 60, true],
        [10, 60, false],
      ],
    );
    const beyond = await fresh.fetchPage(query, 7);
    assert.deepEqual([beyond.sessions.length, beyond.hasMore, beyond.total], [0, false, 60]);
  });

  it('a list that ends exactly on a slice boundary has no more on its last slice', async () => {
    const last = await client.fetchPage({ pageSize: 30 }, 1);
    assert.deepEqual([last.sessions.length, last.hasMore], [30, false]);
  });

  it('a first page fetches again (a refresh), later pages do not', async () => {
    const fresh = createProviderClient('browserbase', { baseUrl: server.urlFor('browserbase'), apiKey: KEY, http });
    await fresh.fetchPage({ pageSize: 10 }, 0);
    await fresh.fetchPage({ pageSize: 10 }, 1);
    await fresh.fetchPage({ pageSize: 10 }, 0);
    assert.equal(server.requests.length, 2);
  });
});

describe('Browserbase: sessions', () => {
  it('normalises the record', async () => {
    const result = await client.listAll({});
    const byId = new Map(records.map((record) => [record.id, record]));
    for (const session of result.sessions) {
      const record = byId.get(session.id)!;
      assert.equal(session.status, record.status);
      assert.equal(session.startedAt, record.startedAt);
      assert.equal(session.endedAt, record.endedAt);
      assert.equal(session.bytes, record.proxyBytes);
      assert.equal(session.region, record.region);
      assert.equal(session.keepAlive, record.keepAlive);
      assert.equal(session.cpuUsage, record.avgCpuUsage);
      assert.equal(session.liveViewAvailable, record.status === 'RUNNING');
    }
    assert.ok(result.sessions.some((session) => session.cpuUsage !== undefined) && result.sessions.some((session) => session.cpuUsage === undefined));
  });

  it('another account’s key lists that account only', async () => {
    const second = createProviderClient('browserbase', { baseUrl: server.urlFor('browserbase'), apiKey: 'browserbase-second-account', http });
    const result = await second.listAll({});
    const expected = server.sessions('browserbase', 'browserbase-second-account').map((record) => record.id);
    assertSameSet(result.sessions.map((session) => session.id), expected);
    assert.equal(result.total, 12);
    const mine = new Set(records.map((record) => record.id));
    assert.ok(expected.every((id) => !mine.has(id)));
  });
});

describe('Browserbase: a list larger than the default body cap', () => {
  let big: ContractServer;
  let bigHttp: HttpClient;
  before(async () => {
    big = await startContractServer({ counts: { browserbase: 20_000 } });
    bigHttp = new HttpClient({ timeoutMs: 20_000 });
  });
  after(async () => {
    await bigHttp.close();
    await big.close();
  });

  it('arrives whole: the unpaged list has its own, larger cap', async () => {
    const response = await fetch(`${big.urlFor('browserbase')}/v1/sessions`, { headers: { 'x-bb-api-key': KEY } });
    const bytes = (await response.arrayBuffer()).byteLength;
    assert.ok(bytes > MAX_BODY_BYTES, `the body (${bytes} bytes) must exceed the default cap for this test to mean anything`);
    const bb = createProviderClient('browserbase', { baseUrl: big.urlFor('browserbase'), apiKey: KEY, http: bigHttp });
    const result = await bb.listAll({});
    assert.deepEqual([result.sessions.length, result.total, result.requests], [20_000, 20_000, 1]);
  });
});

describeClientFaults({
  provider: 'browserbase',
  path: 'v1/sessions',
  endpoint: 'GET /browserbase/v1/sessions',
  badQuery: { metadataQuery: 'env=staging' },
  badQueryMessage: /rejected the request \(400 on GET [^)]+\): Query parameter "q" must look like/,
});
