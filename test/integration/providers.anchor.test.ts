// The Anchor client against the contract server: every filter, sort and order, the page-size
// mapping, and the parameters it must always (sort_order) or never (the unnamed one) send.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createProviderClient, HttpClient, type ProviderClient, type SessionQuery } from '../../src/providers/index';
import { startContractServer, type AnchorHiddenAttributes, type AnchorRecord, type ContractServer } from '../server';

const DOCUMENTED = new Set([
  'page',
  'limit',
  'sort_by',
  'sort_order',
  'status',
  'tags',
  'domains',
  'created_from',
  'created_to',
  'batch_id',
  'task_initiated',
  'playground',
  'proxy',
  'extra_stealth',
  'profile_name',
]);

let server: ContractServer;
let http: HttpClient;
let client: ProviderClient;
let records: readonly AnchorRecord[];
let hidden: ReadonlyMap<string, AnchorHiddenAttributes>;

before(async () => {
  server = await startContractServer();
  http = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 5 });
  client = createProviderClient('anchor', { baseUrl: server.anchorUrl, apiKey: 'test-key-anchor', http });
  records = server.sessions('anchor');
  hidden = server.anchorHidden();
});

after(async () => {
  await http.close();
  await server.close();
});

beforeEach(() => server.resetRequests());

function sentParams(): Record<string, string>[] {
  return server.requests.map((request) => Object.fromEntries(request.query));
}

async function listIds(query: SessionQuery): Promise<string[]> {
  const result = await client.listAll(query);
  return result.sessions.map((session) => session.id);
}

function idsWhere(predicate: (record: AnchorRecord, attributes: AnchorHiddenAttributes) => boolean): string[] {
  return records.filter((record) => predicate(record, hidden.get(record.id) as AnchorHiddenAttributes)).map((record) => record.id);
}

function assertSameSet(actual: readonly string[], expected: readonly string[]): void {
  assert.ok(expected.length > 0, 'the oracle must select something, or the test proves nothing');
  assert.equal(new Set(actual).size, actual.length, 'no duplicates');
  assert.deepEqual([...actual].sort(), [...expected].sort());
}

describe('Anchor: paging and defaults', () => {
  it('sends anchor-api-key, page from 1, and sort_by/sort_order even when the query has no sort', async () => {
    const page = await client.fetchPage({ pageSize: 50 }, 1);
    const [request] = server.requests;
    assert.equal(request?.headers['anchor-api-key'], 'test-key-anchor');
    assert.equal(request?.headers['authorization'], undefined);
    assert.equal(request?.path, '/v1/sessions');
    assert.deepEqual(sentParams(), [{ page: '2', limit: '50', sort_by: 'created_at', sort_order: 'desc' }]);
    assert.deepEqual([page.sessions.length, page.total, page.pageIndex, page.pageSize, page.hasMore], [50, 145, 1, 50, true]);
  });

  it('lists all 145 newest first', async () => {
    const result = await client.listAll({ pageSize: 20 });
    assert.equal(result.requests, 8);
    const expected = [...records].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || (a.id < b.id ? -1 : 1));
    assert.deepEqual(
      result.sessions.map((session) => session.id),
      expected.map((record) => record.id),
    );
  });

  for (const [wanted, sent] of [
    [7, '10'],
    [10, '10'],
    [11, '20'],
    [25, '50'],
    [100, '50'],
  ] as const) {
    it(`maps page size ${wanted} to limit=${sent}`, async () => {
      const page = await client.fetchPage({ pageSize: wanted }, 0);
      assert.equal(sentParams()[0]?.['limit'], sent);
      assert.equal(page.pageSize, Number(sent));
      assert.equal(page.sessions.length, Number(sent));
    });
  }

  it('sends sort_order with an explicit sort field too', async () => {
    await client.fetchPage({ sortBy: 'used_credits' }, 0);
    assert.equal(sentParams()[0]?.['sort_order'], 'desc');
  });
});

describe('Anchor: filters', () => {
  for (const status of ['running', 'completed', 'failed', 'idle']) {
    it(`status=${status}`, async () => {
      const ids = await listIds({ status, pageSize: 50 });
      assertSameSet(ids, idsWhere((record) => record.status === status));
      assert.ok(sentParams().every((params) => params['status'] === status));
    });
  }

  it('tags, all of them required', async () => {
    const ids = await listIds({ tags: ['production', 'scraping'], pageSize: 50 });
    assertSameSet(ids, idsWhere((record) => record.tags.includes('production') && record.tags.includes('scraping')));
    assert.ok(sentParams().every((params) => params['tags'] === 'production,scraping'));
  });

  it('domains from the target filter, a comma list, all required', async () => {
    const ids = await listIds({ target: 'example.com, amazon.com', pageSize: 50 });
    assertSameSet(ids, idsWhere((record) => record.domains.includes('example.com') && record.domains.includes('amazon.com')));
    assert.ok(sentParams().every((params) => params['domains'] === 'example.com,amazon.com'));
  });

  it('created_from and created_to', async () => {
    const times = records.map((record) => Date.parse(record.created_at)).sort((a, b) => a - b);
    const from = new Date(times[20]).toISOString();
    const to = new Date(times[90]).toISOString();
    const ids = await listIds({ from, to, pageSize: 50 });
    assertSameSet(ids, idsWhere((record) => Date.parse(record.created_at) >= Date.parse(from) && Date.parse(record.created_at) <= Date.parse(to)));
    assert.ok(sentParams().every((params) => params['created_from'] === from && params['created_to'] === to));
  });

  it('never sends a parameter the spec does not name (nor the one whose name it lost)', async () => {
    await client.fetchPage(
      {
        status: 'completed',
        tags: ['production'],
        target: 'example.com',
        from: '2020-01-01T00:00:00Z',
        to: '2099-01-01T00:00:00Z',
        zone: 'z',
        sortBy: 'api_key_name',
        order: 'asc',
      },
      0,
    );
    const names = [...(server.requests[0]?.query.keys() ?? [])];
    assert.deepEqual(names.sort(), ['created_from', 'created_to', 'domains', 'limit', 'page', 'sort_by', 'sort_order', 'status', 'tags']);
    assert.deepEqual(names.filter((name) => !DOCUMENTED.has(name)), []);
  });
});

describe('Anchor: sort and order', () => {
  const keys: Record<string, (record: AnchorRecord) => number | string> = {
    created_at: (record) => Date.parse(record.created_at),
    session_id: (record) => record.id,
    used_credits: (record) => record.used_credits,
    api_key_name: (record) => record.api_key_name,
  };
  for (const sortBy of Object.keys(keys)) {
    for (const order of ['asc', 'desc'] as const) {
      it(`sort_by=${sortBy} sort_order=${order}`, async () => {
        const ids = await listIds({ sortBy, order, pageSize: 50 });
        assertSameSet(ids, idsWhere(() => true));
        const byId = new Map(records.map((record) => [record.id, record]));
        const values = ids.map((id) => keys[sortBy]?.(byId.get(id) as AnchorRecord));
        const inOrder = values.every((value, i) => i === 0 || (order === 'asc' ? values[i - 1] <= value : values[i - 1] >= value));
        assert.ok(inOrder, `${sortBy} ${order} out of order`);
        assert.ok(sentParams().every((params) => params['sort_by'] === sortBy && params['sort_order'] === order));
      });
    }
  }
});
