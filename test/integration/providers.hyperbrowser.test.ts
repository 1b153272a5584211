// The Hyperbrowser client against the contract server, under both readings of the list answer's
// page-size field (docs: pageSize, SDKs: perPage): auth, the status filter, page-number paging
// (first, last, exact-end and past-the-end pages, Load more through fetchPage(i)), accounts, and
// every fault.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createProviderClient, HttpClient, type ProviderClient } from '../../src/providers/index';
import { startContractServer, type ContractServer, type HyperbrowserPageSizeField, type HyperbrowserRecord } from '../server';
import { describeClientFaults } from './support/clientFaults';
import { sendJson, startLocalServer } from './support/localServer';

const KEY = 'test-key-hyperbrowser';
const DOCUMENTED = new Set(['page', 'limit', 'status']);

function newestFirst(list: readonly HyperbrowserRecord[]): string[] {
  return [...list]
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((record) => record.id);
}

function assertSameSet(actual: readonly string[], expected: readonly string[]): void {
  assert.ok(expected.length > 0, 'the oracle must select something, or the test proves nothing');
  assert.equal(new Set(actual).size, actual.length, 'no duplicates');
  assert.deepEqual([...actual].sort(), [...expected].sort());
}

for (const field of ['perPage', 'pageSize'] as const satisfies readonly HyperbrowserPageSizeField[]) {
  describe(`Hyperbrowser (the server answers ${field})`, () => {
    let server: ContractServer;
    let http: HttpClient;
    let client: ProviderClient;
    let records: readonly HyperbrowserRecord[];

    before(async () => {
      server = await startContractServer({
        hyperbrowserPageSizeField: field,
        accounts: [{ provider: 'hyperbrowser', key: 'hyperbrowser-second-account', count: 25 }],
      });
      http = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 5 });
      client = createProviderClient('hyperbrowser', { baseUrl: server.urlFor('hyperbrowser'), apiKey: KEY, http });
      records = server.sessions('hyperbrowser');
    });

    after(async () => {
      await http.close();
      await server.close();
    });

    beforeEach(() => server.resetRequests());

    const sentParams = (): Record<string, string>[] => server.requests.map((request) => Object.fromEntries(request.query));

    it('sends x-api-key, page from 1 and limit', async () => {
      const page = await client.fetchPage({ pageSize: 50 }, 1);
      const [request] = server.requests;
      assert.equal(request?.headers['x-api-key'], KEY);
      assert.equal(request?.path, '/hyperbrowser/api/sessions');
      assert.deepEqual(sentParams(), [{ page: '2', limit: '50' }]);
      assert.deepEqual([page.sessions.length, page.total, page.totalExact, page.pageIndex, page.pageSize, page.hasMore], [50, records.length, undefined, 1, 50, true]);
      assert.deepEqual(
        page.sessions.map((session) => session.id),
        newestFirst(records).slice(50, 100),
      );
    });

    for (const [wanted, sent] of [
      [1, '1'],
      [7, '7'],
      [50, '50'],
      [100, '50'],
    ] as const) {
      it(`page size ${wanted} is sent as limit=${sent} and read back from ${field}`, async () => {
        const page = await client.fetchPage({ pageSize: wanted }, 0);
        assert.equal(sentParams()[0]?.['limit'], sent);
        assert.equal(page.pageSize, Number(sent));
        assert.equal(page.sessions.length, Number(sent));
      });
    }

    it('never sends a parameter the spec does not name, nor a sort it does not document', async () => {
      await client.fetchPage({ status: 'closed', sortBy: 'createdAt', order: 'asc', projectId: 'p', metadataQuery: 'q', target: 't' }, 0);
      const names = [...(server.requests[0]?.query.keys() ?? [])];
      assert.deepEqual(names.filter((name) => !DOCUMENTED.has(name)), []);
      assert.deepEqual(names.sort(), ['limit', 'page', 'status']);
    });

    for (const status of ['active', 'closed', 'error']) {
      it(`status=${status}`, async () => {
        const result = await client.listAll({ status, pageSize: 20 });
        const expected = records.filter((record) => record.status === status).map((record) => record.id);
        assertSameSet(result.sessions.map((session) => session.id), expected);
        assert.equal(result.total, expected.length);
        assert.ok(sentParams().every((params) => params['status'] === status));
      });
    }

    it('"close-error" (SDK-only) sessions are listed and count as failed', async () => {
      const result = await client.listAll({ pageSize: 50 });
      const closeErrors = result.sessions.filter((session) => session.status === 'close-error');
      assert.ok(closeErrors.length > 0);
      assert.ok(closeErrors.every((session) => session.statusKind === 'failed'));
    });

    it('listAll: every session once, newest first, the API’s total, pages in parallel', async () => {
      const result = await client.listAll({ pageSize: 50 });
      assert.deepEqual(
        result.sessions.map((session) => session.id),
        newestFirst(records),
      );
      assert.deepEqual([result.total, result.totalExact, result.requests], [records.length, undefined, Math.ceil(records.length / 50)]);
      assert.deepEqual(
        sentParams().map((params) => params['page']).sort(),
        ['1', '2', '3', '4'].slice(0, Math.ceil(records.length / 50)),
      );
    });

    it('Load more: page i is one request for page i+1', async () => {
      const first = await client.fetchPage({ pageSize: 30 }, 0);
      const second = await client.fetchPage({ pageSize: 30 }, 1);
      assert.deepEqual(
        sentParams().map((params) => params['page']),
        ['1', '2'],
      );
      assert.deepEqual(
        [...first.sessions, ...second.sessions].map((session) => session.id),
        newestFirst(records).slice(0, 60),
      );
    });

    it('the last page is short and has no more; past the end is empty', async () => {
      const lastIndex = Math.floor(records.length / 50);
      const last = await client.fetchPage({ pageSize: 50 }, lastIndex);
      assert.deepEqual([last.sessions.length, last.hasMore, last.total], [records.length % 50, false, records.length]);
      const beyond = await client.fetchPage({ pageSize: 50 }, lastIndex + 3);
      assert.deepEqual([beyond.sessions.length, beyond.hasMore, beyond.total], [0, false, records.length]);
    });

    it('a list that ends exactly on a page boundary has no more on its last page', async () => {
      // 180 sessions = 4 pages of 45.
      assert.equal(records.length % 45, 0, 'the default count must be a multiple of 45 for this test');
      const last = await client.fetchPage({ pageSize: 45 }, records.length / 45 - 1);
      assert.deepEqual([last.sessions.length, last.hasMore], [45, false]);
      const result = await client.listAll({ pageSize: 45 });
      assert.equal(result.sessions.length, records.length);
    });

    it('normalises epoch-ms times sent as numbers or numeric strings', async () => {
      const result = await client.listAll({ pageSize: 50 });
      const byId = new Map(records.map((record) => [record.id, record]));
      for (const session of result.sessions) {
        const record = byId.get(session.id)!;
        if (record.startTime !== null) assert.equal(session.startedAt, new Date(Number(record.startTime)).toISOString());
        if (record.endTime === null) assert.equal(session.endedAt, undefined);
        else assert.equal(session.endedAt, new Date(Number(record.endTime)).toISOString());
        assert.equal(session.liveViewAvailable, record.status === 'active');
      }
      assert.ok(records.some((record) => typeof record.startTime === 'string'));
    });

    it('another account’s key lists that account only', async () => {
      const second = createProviderClient('hyperbrowser', {
        baseUrl: server.urlFor('hyperbrowser'),
        apiKey: 'hyperbrowser-second-account',
        http,
      });
      const result = await second.listAll({ pageSize: 10 });
      const expected = server.sessions('hyperbrowser', 'hyperbrowser-second-account').map((record) => record.id);
      assertSameSet(result.sessions.map((session) => session.id), expected);
      assert.equal(result.total, 25);
      const mine = new Set(records.map((record) => record.id));
      assert.ok(expected.every((id) => !mine.has(id)));
    });
  });
}

/**
 * `limit` is not in the API reference, so a server may ignore it and page by its own size (the
 * docs' example: 10). The client must then page by the size the answer names, under either name.
 */
for (const field of ['perPage', 'pageSize'] as const) {
  describe(`Hyperbrowser: a server that ignores limit and answers ${field}: 10`, () => {
    it('pages by the answered size: every session once, Load more by page number', async () => {
      const ids = Array.from({ length: 25 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
      const local = await startLocalServer((req, res) => {
        const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1');
        const sessions = ids.slice((page - 1) * 10, page * 10).map((id) => ({ id, status: 'closed', createdAt: '2026-11-20T09:14:02.511Z' }));
        sendJson(res, 200, { sessions, totalCount: ids.length, page, [field]: 10 });
      });
      const http = new HttpClient({ timeoutMs: 5000 });
      try {
        const client = createProviderClient('hyperbrowser', { baseUrl: local.url, apiKey: KEY, http });
        const first = await client.fetchPage({ pageSize: 50 }, 0);
        assert.deepEqual([first.sessions.length, first.pageSize, first.hasMore, first.total], [10, 10, true, 25]);
        const last = await client.fetchPage({ pageSize: 50 }, 2);
        assert.deepEqual([last.sessions.length, last.hasMore], [5, false]);
        const all = await client.listAll({ pageSize: 50 });
        assert.deepEqual(
          all.sessions.map((session) => session.id),
          ids,
        );
        assert.deepEqual([all.total, all.requests], [25, 3]);
      } finally {
        await http.close();
        await local.close();
      }
    });
  });
}

describeClientFaults({
  provider: 'hyperbrowser',
  path: 'api/sessions',
  endpoint: 'GET /hyperbrowser/api/sessions',
  badQuery: { status: 'running' },
  badQueryMessage: /rejected the request \(400 on GET [^)]+\): Query parameter "status" must be one of active, closed, error/,
});
