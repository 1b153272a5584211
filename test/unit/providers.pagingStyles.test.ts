// The client's paging styles against small local servers: Steel's cursors (remembered per query,
// followed to the end, never looping), Browserbase's one unpaged array (fetched once, sliced
// locally) and Hyperbrowser's page numbers (paged by the size the server answers with).
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { NO_FILTERS } from '../../src/filters/model';
import { followCursor } from '../../src/providers/cursorPaging';
import { createProviderClient, HttpClient, type ProviderClient, type SessionPage } from '../../src/providers/index';
import { SessionStore } from '../../src/store/sessionStore';
import { storeConnections } from './support/connections';
import { childrenOf, itemFor, type TreeContext } from '../../src/tree/model';

const KEY = 'test-key';

interface Served {
  readonly url: string;
  readonly requests: URL[];
  close(): Promise<void>;
}

async function serve(answer: (url: URL, req: IncomingMessage) => unknown): Promise<Served> {
  const requests: URL[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer(url, req)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ids = (count: number, prefix: string): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('Steel: cursor paging', () => {
  const all = ids(7, 's');
  let server: Served;
  let http: HttpClient;
  let client: ProviderClient;
  let repeat = false;

  before(async () => {
    // Pages of `limit`; the cursor is the index of the next session. `repeat` answers the same page forever.
    server = await serve((url, req) => {
      assert.equal(req.headers['steel-api-key'], KEY);
      const limit = Number(url.searchParams.get('limit'));
      const start = repeat ? 0 : Number(url.searchParams.get('cursorId') ?? 0);
      const end = Math.min(all.length, start + limit);
      const sessions = all.slice(start, end).map((id) => ({ id, status: 'live' }));
      return { sessions, nextCursor: repeat || end < all.length ? String(end) : null };
    });
    http = new HttpClient({ timeoutMs: 5000 });
  });
  after(async () => {
    await http.close();
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    repeat = false;
    client = createProviderClient('steel', { baseUrl: server.url, apiKey: KEY, http });
  });

  it('reaches page i through the pages before it once, then remembers the cursors', async () => {
    const third = await client.fetchPage({ pageSize: 2 }, 2);
    assert.deepEqual(third.sessions.map((s) => s.id), ['s4', 's5']);
    assert.deepEqual(server.requests.map((u) => u.searchParams.get('cursorId')), [null, '2', '4']);
    const fourth = await client.fetchPage({ pageSize: 2 }, 3);
    assert.deepEqual(fourth.sessions.map((s) => s.id), ['s6']);
    assert.equal(fourth.hasMore, false);
    assert.equal(server.requests.length, 4);
    // An exact count only once the end is known: until then, "what is loaded, and more".
    assert.equal(third.totalExact, false);
  });

  it('a page past the end is empty without asking beyond it', async () => {
    const page = await client.fetchPage({ pageSize: 5 }, 4);
    assert.deepEqual(page.sessions, []);
    assert.equal(page.hasMore, false);
    assert.equal(server.requests.length, 2);
  });

  it('listAll follows the cursor to the end; the listed count is then exact', async () => {
    const result = await client.listAll({ pageSize: 3 });
    assert.deepEqual(result.sessions.map((s) => s.id), all);
    assert.equal(result.total, 7);
    assert.notEqual(result.totalExact, false);
    assert.equal(result.requests, 3);
  });

  it('listAll stops when a page adds no new id (a server repeating itself)', async () => {
    repeat = true;
    const result = await client.listAll({ pageSize: 3 });
    assert.equal(result.requests, 2);
    assert.equal(result.sessions.length, 3);
    assert.equal(result.totalExact, false);
  });
});

describe('followCursor', () => {
  it('never asks for more pages than its bound, and says the count is a lower bound', async () => {
    let asked = 0;
    const endless = async (pageIndex: number): Promise<SessionPage> => {
      asked++;
      const session = { id: `p${pageIndex}`, provider: 'steel', status: 'live', statusKind: 'running', domains: [], tags: [], raw: {} } as const;
      return { sessions: [session], total: pageIndex + 1, totalExact: false, pageIndex, pageSize: 1, hasMore: true, nextCursor: `c${pageIndex}` };
    };
    const result = await followCursor(endless, { maxPages: 5 });
    assert.equal(asked, 5);
    assert.equal(result.sessions.length, 5);
    assert.equal(result.totalExact, false);
  });
});

describe('Browserbase: one unpaged array, sliced locally', () => {
  const all = ids(7, 'b');
  let server: Served;
  let http: HttpClient;
  let client: ProviderClient;

  before(async () => {
    server = await serve((_url, req) => {
      assert.equal(req.headers['x-bb-api-key'], KEY);
      return all.map((id, i) => ({ id, status: i % 2 === 0 ? 'RUNNING' : 'COMPLETED' }));
    });
    http = new HttpClient({ timeoutMs: 5000 });
  });
  after(async () => {
    await http.close();
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    client = createProviderClient('browserbase', { baseUrl: server.url, apiKey: KEY, http });
  });

  it('page 0 fetches the list; later pages slice it without asking again', async () => {
    const first = await client.fetchPage({ pageSize: 3 }, 0);
    assert.deepEqual(first.sessions.map((s) => s.id), ['b0', 'b1', 'b2']);
    assert.equal(first.total, 7);
    assert.equal(first.hasMore, true);
    const last = await client.fetchPage({ pageSize: 3 }, 2);
    assert.deepEqual(last.sessions.map((s) => s.id), ['b6']);
    assert.equal(last.hasMore, false);
    assert.equal(server.requests.length, 1);
  });

  it('one refresh downloads the list once: status groups are cut from it, not asked for again', async () => {
    const [overview, running, completed] = await Promise.all([
      client.fetchPage({ pageSize: 3 }, 0),
      client.fetchPage({ pageSize: 3, status: 'RUNNING' }, 0),
      client.fetchPage({ pageSize: 3, status: 'COMPLETED' }, 0),
    ]);
    assert.equal(server.requests.length, 1);
    assert.deepEqual(Object.fromEntries(server.requests[0].searchParams), {});
    assert.equal(overview.total, 7);
    assert.equal(running.total, 4);
    assert.deepEqual(completed.sessions.map((s) => s.id), ['b1', 'b3', 'b5']);
    const runningLast = await client.fetchPage({ pageSize: 3, status: 'RUNNING' }, 1);
    assert.deepEqual(runningLast.sessions.map((s) => s.id), ['b6']);
    assert.equal(server.requests.length, 1);
  });

  it('a refresh (page 0 again) fetches the list again', async () => {
    await client.fetchPage({ pageSize: 3 }, 0);
    await client.fetchPage({ pageSize: 3 }, 0);
    assert.equal(server.requests.length, 2);
  });

  it('listAll is one request', async () => {
    const result = await client.listAll({ pageSize: 3 });
    assert.equal(result.requests, 1);
    assert.equal(result.sessions.length, 7);
    assert.equal(result.total, 7);
  });

  // Last: the cancelled request may still reach the server after the next test has begun.
  it('a refresh that replaces a cancelled one does not share its cancellation', async () => {
    const cancelled = new AbortController();
    const first = assert.rejects(client.fetchPage({ pageSize: 3 }, 0, cancelled.signal));
    cancelled.abort();
    const second = await client.fetchPage({ pageSize: 3 }, 0, new AbortController().signal);
    assert.equal(second.total, 7);
    await first;
  });
});

describe('Hyperbrowser: page numbers at the size the server answers with', () => {
  const all = ids(25, 'h');
  let server: Served;
  let http: HttpClient;

  before(async () => {
    // Ignores `limit` and pages by 10, as a server that does not know the undocumented parameter would.
    server = await serve((url, req) => {
      assert.equal(req.headers['x-api-key'], KEY);
      const page = Number(url.searchParams.get('page'));
      const sessions = all.slice((page - 1) * 10, page * 10).map((id) => ({ id, status: 'closed' }));
      return { sessions, totalCount: all.length, page, perPage: 10 };
    });
    http = new HttpClient({ timeoutMs: 5000 });
  });
  after(async () => {
    await http.close();
    await server.close();
  });

  it('listAll asks pages 1 to 3 and gets every session once', async () => {
    const client = createProviderClient('hyperbrowser', { baseUrl: server.url, apiKey: KEY, http });
    const result = await client.listAll({ pageSize: 50 });
    assert.deepEqual(result.sessions.map((s) => s.id), all);
    assert.deepEqual(
      server.requests.map((u) => u.searchParams.get('page')).sort(),
      ['1', '2', '3'],
    );
    assert.equal(server.requests[0]?.searchParams.get('limit'), '50');
  });
});

describe('a count the API does not report, through the store and the tree', () => {
  // Steel without totalCount: 5 live sessions, pages of 2.
  const all = ids(5, 'l');
  let server: Served;
  let http: HttpClient;

  before(async () => {
    server = await serve((url) => {
      const status = url.searchParams.get('status');
      const pool = status === null || status === 'live' ? all : [];
      const limit = Number(url.searchParams.get('limit'));
      const start = Number(url.searchParams.get('cursorId') ?? 0);
      const end = Math.min(pool.length, start + limit);
      return { sessions: pool.slice(start, end).map((id) => ({ id, status: 'live' })), nextCursor: end < pool.length ? String(end) : null };
    });
    http = new HttpClient({ timeoutMs: 5000 });
  });
  after(async () => {
    await http.close();
    await server.close();
  });

  it('shows "2+", offers Load more, follows the cursor, and shows the exact count at the end', async () => {
    const client = createProviderClient('steel', { baseUrl: server.url, apiKey: KEY, http });
    const store = new SessionStore({
      connections: storeConnections(['steel']),
      client: () => client,
      filters: () => NO_FILTERS,
      pageSize: () => 2,
    });
    const context: TreeContext = { connections: ['steel'], read: (connection) => store.state(connection), filtersActive: false, now: new Date() };
    const groupNode = () => childrenOf({ kind: 'provider', connection: 'steel' }, context).find((node) => node.kind === 'group');

    await store.refresh();
    const group = groupNode();
    assert.ok(group);
    assert.equal(itemFor(group, context).description, '2+');
    assert.equal(itemFor({ kind: 'provider', connection: 'steel' }, context).description, '2+ sessions');
    assert.ok(childrenOf(group, context).some((node) => node.kind === 'loadMore'));

    await store.loadMore('steel', 'live');
    assert.equal(itemFor(groupNode()!, context).description, '4+');
    await store.loadMore('steel', 'live');
    const last = groupNode()!;
    assert.equal(childrenOf(last, context).filter((node) => node.kind === 'session').length, 5);
    assert.ok(!childrenOf(last, context).some((node) => node.kind === 'loadMore'));
    // The end of the list makes the count exact.
    assert.equal(itemFor(last, context).description, '5');
    store.dispose();
  });
});
