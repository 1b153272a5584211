// The Steel client against the contract server: auth, its two filters, cursor paging (first, last,
// exact-end and past-the-end pages, Load more through fetchPage(i)), counts that are only lower
// bounds when the API reports none, redaction of the unauthenticated viewer URLs, accounts, and
// every fault.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createProviderClient, HttpClient, type ProviderClient } from '../../src/providers/index';
import { startContractServer, type ContractServer, type SteelRecord } from '../server';
import { describeClientFaults } from './support/clientFaults';
import { sendJson, startLocalServer } from './support/localServer';

const KEY = 'test-key-steel';
const DOCUMENTED = new Set(['cursorId', 'limit', 'status', 'projectId']);

let server: ContractServer;
let http: HttpClient;
let client: ProviderClient;
let records: readonly SteelRecord[];

before(async () => {
  server = await startContractServer({ accounts: [{ provider: 'steel', key: 'steel-second-account', count: 40 }] });
  http = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 5 });
  client = createProviderClient('steel', { baseUrl: server.urlFor('steel'), apiKey: KEY, http });
  records = server.sessions('steel');
});

after(async () => {
  await http.close();
  await server.close();
});

beforeEach(() => server.resetRequests());

const sentParams = (): Record<string, string>[] => server.requests.map((request) => Object.fromEntries(request.query));

function newestFirst(list: readonly SteelRecord[]): string[] {
  return [...list]
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((record) => record.id);
}

function assertSameSet(actual: readonly string[], expected: readonly string[]): void {
  assert.ok(expected.length > 0, 'the oracle must select something, or the test proves nothing');
  assert.equal(new Set(actual).size, actual.length, 'no duplicates');
  assert.deepEqual([...actual].sort(), [...expected].sort());
}

describe('Steel: auth and requests', () => {
  it('sends steel-api-key and limit, no cursor on the first page', async () => {
    const page = await client.fetchPage({ pageSize: 50 }, 0);
    const [request] = server.requests;
    assert.equal(request?.headers['steel-api-key'], KEY);
    assert.equal(request?.headers['authorization'], undefined);
    assert.equal(request?.path, '/steel/v1/sessions');
    assert.deepEqual(sentParams(), [{ limit: '50' }]);
    assert.equal(page.sessions.length, 50);
    assert.equal(page.hasMore, true);
    assert.equal(page.nextCursor, page.sessions[49]?.id);
  });

  for (const [wanted, sent] of [
    [1, '1'],
    [7, '7'],
    [100, '100'],
    [250, '100'],
  ] as const) {
    it(`page size ${wanted} is sent as limit=${sent} ("max is 100")`, async () => {
      const page = await client.fetchPage({ pageSize: wanted }, 0);
      assert.equal(sentParams()[0]?.['limit'], sent);
      assert.equal(page.pageSize, Number(sent));
      assert.equal(page.sessions.length, Number(sent));
    });
  }

  it('never sends a parameter the spec does not name, nor a sort it does not document', async () => {
    await client.fetchPage(
      { status: 'live', projectId: 'proj_default', sortBy: 'createdAt', order: 'asc', target: 'x', zone: 'z', metadataQuery: 'q', tags: ['t'] },
      0,
    );
    const names = [...(server.requests[0]?.query.keys() ?? [])];
    assert.deepEqual(names.filter((name) => !DOCUMENTED.has(name)), []);
    assert.deepEqual(names.sort(), ['limit', 'projectId', 'status']);
  });
});

describe('Steel: filters', () => {
  for (const status of ['live', 'released', 'failed']) {
    it(`status=${status}, with the API's own count`, async () => {
      const result = await client.listAll({ status, pageSize: 20 });
      const expected = records.filter((record) => record.status === status).map((record) => record.id);
      assertSameSet(result.sessions.map((session) => session.id), expected);
      assert.equal(result.total, expected.length);
      assert.equal(result.totalExact, undefined);
      assert.ok(sentParams().every((params) => params['status'] === status));
      // totalCount is "only included for filtered queries": a filtered first page knows the total.
      const first = await client.fetchPage({ status, pageSize: 1 }, 0);
      assert.equal(first.total, expected.length);
      assert.equal(first.totalExact, undefined);
    });
  }

  for (const projectId of ['proj_scrapers', 'proj_équipe']) {
    it(`projectId=${projectId}`, async () => {
      const result = await client.listAll({ projectId, pageSize: 50 });
      assertSameSet(
        result.sessions.map((session) => session.id),
        records.filter((record) => record.projectId === projectId).map((record) => record.id),
      );
      assert.ok(result.sessions.every((session) => session.projectId === projectId));
      assert.ok(sentParams().every((params) => params['projectId'] === projectId));
    });
  }

  it('status and projectId together', async () => {
    const result = await client.listAll({ status: 'released', projectId: 'proj_default', pageSize: 50 });
    assertSameSet(
      result.sessions.map((session) => session.id),
      records.filter((record) => record.status === 'released' && record.projectId === 'proj_default').map((record) => record.id),
    );
  });

  it('a project with no sessions is an empty, exact list in one request', async () => {
    const result = await client.listAll({ projectId: 'proj_nobody', pageSize: 50 });
    assert.deepEqual([result.sessions.length, result.total, result.totalExact, result.requests], [0, 0, undefined, 1]);
  });
});

describe('Steel: cursor paging', () => {
  it('listAll follows nextCursor to the end: every session once, newest first, an exact total', async () => {
    const result = await client.listAll({ pageSize: 50 });
    assert.deepEqual(
      result.sessions.map((session) => session.id),
      newestFirst(records),
    );
    assert.equal(result.total, records.length);
    assert.equal(result.totalExact, undefined);
    assert.equal(result.requests, Math.ceil(records.length / 50));
    // Each request after the first sends the cursor the one before it received.
    const cursors = sentParams().map((params) => params['cursorId']);
    assert.equal(cursors[0], undefined);
    assert.deepEqual(cursors.slice(1), newestFirst(records).filter((_, index) => (index + 1) % 50 === 0).slice(0, cursors.length - 1));
  });

  it('unfiltered, a page short of the end reports a lower bound ("50+"), never a made-up number', async () => {
    const page = await client.fetchPage({ pageSize: 50 }, 0);
    assert.deepEqual([page.total, page.totalExact, page.hasMore], [50, false, true]);
  });

  it('Load more: page i after page i−1 costs one request, sending the remembered cursor', async () => {
    const query = { pageSize: 50 };
    const first = await client.fetchPage(query, 0);
    server.resetRequests();
    const second = await client.fetchPage(query, 1);
    assert.equal(server.requests.length, 1);
    assert.equal(sentParams()[0]?.['cursorId'], first.nextCursor);
    assert.deepEqual(
      [...first.sessions, ...second.sessions].map((session) => session.id),
      newestFirst(records).slice(0, 100),
    );
    assert.deepEqual([second.total, second.totalExact], [100, false]);
  });

  it('a page asked cold walks the pages before it once', async () => {
    const page = await client.fetchPage({ pageSize: 40 }, 3);
    assert.equal(server.requests.length, 4);
    assert.deepEqual(
      page.sessions.map((session) => session.id),
      newestFirst(records).slice(120, 160),
    );
  });

  it('the last page is short, has no more and knows the exact total', async () => {
    const lastIndex = Math.floor(records.length / 50);
    const page = await client.fetchPage({ pageSize: 50 }, lastIndex);
    assert.equal(page.sessions.length, records.length % 50);
    assert.deepEqual([page.hasMore, page.total, page.totalExact, page.nextCursor], [false, records.length, undefined, undefined]);
  });

  it('a page past the end is empty and ends the list', async () => {
    // A page size no other test uses, so no remembered cursor shortens the walk.
    const page = await client.fetchPage({ pageSize: 99 }, 5);
    assert.deepEqual([page.sessions.length, page.hasMore, page.total], [0, false, records.length]);
    assert.equal(server.requests.length, Math.ceil(records.length / 99));
  });

  it('a session created between pages neither repeats nor hides one (the cursor is a session id)', async () => {
    const local = await startContractServer({ counts: { steel: 30 } });
    const localHttp = new HttpClient({ timeoutMs: 5000 });
    try {
      const steel = createProviderClient('steel', { baseUrl: local.urlFor('steel'), apiKey: KEY, http: localHttp });
      const before = newestFirst(local.sessions('steel'));
      const first = await steel.fetchPage({ pageSize: 10 }, 0);
      local.addSession('steel');
      const second = await steel.fetchPage({ pageSize: 10 }, 1);
      assert.deepEqual(
        [...first.sessions, ...second.sessions].map((session) => session.id),
        before.slice(0, 20),
      );
    } finally {
      await localHttp.close();
      await local.close();
    }
  });
});

describe('Steel: exact end', () => {
  let exact: ContractServer;
  let exactHttp: HttpClient;
  let steel: ProviderClient;
  before(async () => {
    exact = await startContractServer({ counts: { steel: 100 } });
    exactHttp = new HttpClient({ timeoutMs: 5000 });
    steel = createProviderClient('steel', { baseUrl: exact.urlFor('steel'), apiKey: KEY, http: exactHttp });
  });
  after(async () => {
    await exactHttp.close();
    await exact.close();
  });

  it('a list that ends exactly on a page boundary costs no extra request', async () => {
    const result = await steel.listAll({ pageSize: 50 });
    assert.deepEqual([result.sessions.length, result.total, result.requests], [100, 100, 2]);
    const last = await steel.fetchPage({ pageSize: 50 }, 1);
    assert.deepEqual([last.sessions.length, last.hasMore, last.total, last.totalExact], [50, false, 100, undefined]);
  });
});

describe('Steel: a server older than nextCursor (2026-01)', () => {
  // It answers { sessions } only, and pages the Node/Python SDK way: cursorId = the last id seen.
  for (const count of [25, 30]) {
    it(`${count} sessions in pages of 10: the last id is sent back, a short or empty page ends the list`, async () => {
      const ids = Array.from({ length: count }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
      const local = await startLocalServer((req, res) => {
        const params = new URL(req.url ?? '/', 'http://x').searchParams;
        const cursor = params.get('cursorId');
        const start = cursor === null ? 0 : ids.indexOf(cursor) + 1;
        const limit = Number(params.get('limit'));
        sendJson(res, 200, { sessions: ids.slice(start, start + limit).map((id) => ({ id, status: 'released', createdAt: '2026-11-20T09:14:02.511Z' })) });
      });
      const localHttp = new HttpClient({ timeoutMs: 5000 });
      try {
        const steel = createProviderClient('steel', { baseUrl: local.url, apiKey: KEY, http: localHttp });
        const result = await steel.listAll({ pageSize: 10 });
        assert.deepEqual(
          result.sessions.map((session) => session.id),
          ids,
        );
        assert.equal(result.total, count);
        // 30 ends on a full page, so only an empty page can say the list is over.
        assert.equal(result.requests, count % 10 === 0 ? count / 10 + 1 : Math.ceil(count / 10));
        const sent = local.received.map((request) => new URL(request.url ?? '/', 'http://x').searchParams.get('cursorId'));
        assert.deepEqual(sent.slice(0, 3), [null, ids[9], ids[19]]);
      } finally {
        await localHttp.close();
        await local.close();
      }
    });
  }
});

describe('Steel: sessions', () => {
  it('normalises the record: ms durations, credits, proxy bytes, events, project', async () => {
    const result = await client.listAll({ pageSize: 100 });
    const byId = new Map(records.map((record) => [record.id, record]));
    for (const session of result.sessions) {
      const record = byId.get(session.id)!;
      assert.equal(session.provider, 'steel');
      assert.equal(session.status, record.status);
      assert.equal(session.startedAt, record.createdAt);
      assert.equal(session.durationSeconds, record.duration / 1000);
      assert.equal(session.credits, record.creditsUsed);
      assert.equal(session.bytes, record.proxyBytesUsed);
      assert.equal(session.steps, record.eventCount);
      assert.equal(session.projectId, record.projectId);
      assert.equal(session.liveViewAvailable, record.status === 'live');
    }
  });

  it('never keeps the unauthenticated viewer and CDP URLs', async () => {
    const result = await client.listAll({ pageSize: 100 });
    const everything = JSON.stringify(result.sessions);
    for (const record of records) {
      for (const secret of [record.debugUrl, record.sessionViewerUrl, record.websocketUrl]) {
        assert.ok(!everything.includes(secret), secret);
      }
    }
  });

  it('another account’s key lists that account only', async () => {
    const second = createProviderClient('steel', { baseUrl: server.urlFor('steel'), apiKey: 'steel-second-account', http });
    const result = await second.listAll({ pageSize: 50 });
    const expected = server.sessions('steel', 'steel-second-account').map((record) => record.id);
    assertSameSet(result.sessions.map((session) => session.id), expected);
    assert.equal(result.total, 40);
    const mine = new Set(records.map((record) => record.id));
    assert.ok(expected.every((id) => !mine.has(id)));
  });
});

describeClientFaults({
  provider: 'steel',
  path: 'v1/sessions',
  endpoint: 'GET /steel/v1/sessions',
  badQuery: { status: 'running' },
  badQueryMessage: /rejected the request \(400 on GET [^)]+\): Query parameter "status" must be one of live, released, failed/,
});
