// The contract server against the two specs, over real HTTP. Expected results come from oracles
// written here independently of the server's code, computed from server.sessions(...).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  HOSTILE,
  generateSessions,
  startContractServer,
  type AnchorRecord,
  type BrightDataRecord,
  type ContractServer,
} from '../server/index';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const BD_KEY = 'test-key-brightdata';
const ANCHOR_KEY = 'test-key-anchor';
const BD_KEYS = ['session_id', 'api_name', 'status', 'target_url', 'end_url', 'navigations', 'timestamp', 'duration', 'captcha', 'bandwidth', 'error'];
const ANCHOR_KEYS = [
  'id', 'status', 'tags', 'headless', 'recording', 'used_credits', 'proxy_bytes', 'proxy_type', 'steps', 'duration',
  'created_at', 'user_configuration', 'task_initiated', 'task_executions_count', 'api_key_name', 'browser_ip', 'domains',
];

interface BrightDataPage {
  sessions: BrightDataRecord[];
  count: number;
  total: number;
  pagination: { offset: number; limit: number; has_more: boolean; next_offset: number | null };
}
interface AnchorPage {
  data: { sessions: AnchorRecord[]; total: number; page: number; total_pages: number };
}
interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

type Params = Record<string, string>;

async function call(url: string, headers: Record<string, string>, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
}

/** `key: null` sends no key at all. */
function brightData(server: ContractServer, params: Params = {}, key: string | null = BD_KEY): Promise<Reply> {
  const headers: Record<string, string> = key === null ? {} : { Authorization: `Bearer ${key}` };
  return call(`${server.brightDataUrl}/browser_sessions?${new URLSearchParams(params).toString()}`, headers);
}

function anchor(server: ContractServer, params: Params = {}, key: string | null = ANCHOR_KEY): Promise<Reply> {
  const headers: Record<string, string> = key === null ? {} : { 'anchor-api-key': key };
  return call(`${server.anchorUrl}/v1/sessions?${new URLSearchParams(params).toString()}`, headers);
}

async function brightDataPage(server: ContractServer, params: Params = {}): Promise<BrightDataPage> {
  const reply = await brightData(server, params);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body as BrightDataPage;
}

async function anchorPage(server: ContractServer, params: Params = {}): Promise<AnchorPage['data']> {
  const reply = await anchor(server, params);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return (reply.body as AnchorPage).data;
}

/** Every matching session, following next_offset, checking the page fields on the way. */
async function allBrightData(server: ContractServer, params: Params = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; ) {
    const page = await brightDataPage(server, { ...params, limit: '100', offset: String(offset) });
    ids.push(...page.sessions.map((session) => session.session_id));
    assert.equal(page.count, page.sessions.length);
    assert.equal(page.pagination.has_more, offset + page.count < page.total);
    if (!page.pagination.has_more) return ids;
    assert.equal(page.pagination.next_offset, offset + 100);
    offset = page.pagination.next_offset!;
  }
}

async function allAnchor(server: ContractServer, params: Params = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const data = await anchorPage(server, { ...params, limit: '50', page: String(page) });
    ids.push(...data.sessions.map((session) => session.id));
    assert.equal(data.total_pages, Math.ceil(data.total / 50));
    if (page >= data.total_pages) return ids;
  }
}

type Key = number | string | null;

/** The documented ordering, written independently: nulls last, ties by id ascending. */
function oracleOrder<T>(items: readonly T[], key: (item: T) => Key, id: (item: T) => string, order: 'asc' | 'desc'): string[] {
  const direction = order === 'asc' ? 1 : -1;
  return [...items]
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      if (ka !== kb) {
        if (ka === null) return 1;
        if (kb === null) return -1;
        return (ka < kb ? -1 : 1) * direction;
      }
      return id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
    })
    .map(id);
}

function brightDataOracle(
  server: ContractServer,
  keep: (record: BrightDataRecord) => boolean,
  sort: 'timestamp' | 'duration' | 'bandwidth' = 'timestamp',
  order: 'asc' | 'desc' = 'desc',
): string[] {
  const key = (record: BrightDataRecord): Key => (sort === 'timestamp' ? Date.parse(record.timestamp) : record[sort]);
  return oracleOrder(server.sessions('brightData').filter(keep), key, (record) => record.session_id, order);
}

function anchorOracle(
  server: ContractServer,
  keep: (record: AnchorRecord) => boolean,
  sortBy: 'created_at' | 'session_id' | 'used_credits' | 'api_key_name' = 'created_at',
  order: 'asc' | 'desc' = 'asc',
): string[] {
  const key = (record: AnchorRecord): Key =>
    sortBy === 'created_at' ? Date.parse(record.created_at) : sortBy === 'session_id' ? record.id : record[sortBy];
  return oracleOrder(server.sessions('anchor').filter(keep), key, (record) => record.id, order);
}

function errorMessage(reply: Reply): string {
  const body = reply.body as { error?: unknown };
  assert.equal(typeof body.error, 'string', `error body: ${JSON.stringify(reply.body)}`);
  return body.error as string;
}

describe('contract server: Bright Data GET /browser_sessions', () => {
  let server: ContractServer;
  before(async () => {
    server = await startContractServer({ now: NOW });
  });
  after(() => server.close());

  it('answers 401 with a JSON error for a missing, wrong or malformed key, 200 for the right one', async () => {
    for (const reply of [
      await brightData(server, {}, null),
      await brightData(server, {}, 'wrong-key'),
      await call(`${server.brightDataUrl}/browser_sessions`, { Authorization: `Basic ${BD_KEY}` }),
      await call(`${server.brightDataUrl}/browser_sessions`, { 'anchor-api-key': BD_KEY }),
    ]) {
      assert.equal(reply.status, 401);
      assert.ok(!errorMessage(reply).includes('wrong-key'), 'the error never repeats the key');
    }
    assert.equal((await brightData(server)).status, 200);
  });

  it('defaults to 50 newest-first sessions with the spec example shape', async () => {
    const page = await brightDataPage(server);
    assert.deepEqual(Object.keys(page), ['sessions', 'count', 'total', 'pagination']);
    assert.deepEqual(page.pagination, { offset: 0, limit: 50, has_more: true, next_offset: 50 });
    assert.equal(page.count, 50);
    assert.equal(page.total, 257);
    for (const session of page.sessions) assert.deepEqual(Object.keys(session), BD_KEYS);
    assert.deepEqual(
      page.sessions.map((session) => session.session_id),
      brightDataOracle(server, () => true).slice(0, 50),
    );
  });

  it('pages through 257 sessions 100 at a time', async () => {
    const pages = [0, 100, 200].map((offset) => brightDataPage(server, { limit: '100', offset: String(offset) }));
    const [first, second, last] = await Promise.all(pages);
    assert.deepEqual(first.pagination, { offset: 0, limit: 100, has_more: true, next_offset: 100 });
    assert.deepEqual(second.pagination, { offset: 100, limit: 100, has_more: true, next_offset: 200 });
    assert.deepEqual(last.pagination, { offset: 200, limit: 100, has_more: false, next_offset: null });
    assert.deepEqual([first.count, second.count, last.count], [100, 100, 57]);
    const ids = [first, second, last].flatMap((page) => page.sessions.map((session) => session.session_id));
    assert.deepEqual(ids, brightDataOracle(server, () => true));
    assert.equal(new Set(ids).size, 257);
  });

  it('answers an offset past the end with an empty last page', async () => {
    const page = await brightDataPage(server, { offset: '300' });
    assert.deepEqual(page.sessions, []);
    assert.equal(page.count, 0);
    assert.equal(page.total, 257);
    assert.deepEqual(page.pagination, { offset: 300, limit: 50, has_more: false, next_offset: null });
  });

  it('filters by status; statuses the spec does not list only come with status=all', async () => {
    for (const status of ['running', 'finished', 'failed']) {
      const expected = brightDataOracle(server, (record) => record.status === status);
      assert.ok(expected.length > 0, status);
      assert.deepEqual(await allBrightData(server, { status }), expected, status);
    }
    const all = await allBrightData(server, { status: 'all' });
    assert.deepEqual(all, brightDataOracle(server, () => true));
    const unlisted = server.sessions('brightData').filter((record) => !['running', 'finished', 'failed'].includes(record.status));
    assert.ok(unlisted.length > 0, 'the data holds statuses the spec does not list');
    for (const record of unlisted) assert.ok(all.includes(record.session_id));
  });

  it('filters by api_name exactly, including non-ASCII and markup zone names', async () => {
    for (const apiName of ['scraping_browser2', 'browser_zone_🚀', 'zone<script>', 'SCRAPING_BROWSER2']) {
      const expected = brightDataOracle(server, (record) => record.api_name === apiName);
      assert.deepEqual(await allBrightData(server, { api_name: apiName }), expected, apiName);
    }
    assert.equal((await brightDataPage(server, { api_name: 'SCRAPING_BROWSER2' })).total, 0);
    assert.deepEqual(await allBrightData(server, { api_name: 'zone<script>' }), [HOSTILE.brightData.failed.session_id]);
  });

  it('filters target_url and end_url by case-insensitive substring', async () => {
    const contains = (value: string | null, part: string): boolean => value !== null && value.toLowerCase().includes(part.toLowerCase());
    for (const part of ['AMAZON.com', '例え.jp', 'linkedin.com']) {
      const expected = brightDataOracle(server, (record) => contains(record.target_url, part));
      assert.ok(expected.length > 0, part);
      assert.deepEqual(await allBrightData(server, { target_url: part }), expected, part);
    }
    const expected = brightDataOracle(server, (record) => contains(record.end_url, 'Checkout'));
    assert.ok(expected.length > 0);
    assert.deepEqual(await allBrightData(server, { end_url: 'Checkout' }), expected);
  });

  it('combines filters', async () => {
    const expected = brightDataOracle(
      server,
      (record) => record.status === 'failed' && record.target_url !== null && record.target_url.includes('linkedin.com'),
    );
    assert.deepEqual(await allBrightData(server, { target_url: 'linkedin.com', status: 'failed' }), expected);
  });

  it('filters by start_date and end_date, both inclusive', async () => {
    const times = server.sessions('brightData').map((record) => record.timestamp).sort();
    const [from, to] = [times[60], times[180]];
    const inRange = (record: BrightDataRecord): boolean =>
      Date.parse(record.timestamp) >= Date.parse(from) && Date.parse(record.timestamp) <= Date.parse(to);
    const ids = await allBrightData(server, { start_date: from, end_date: to });
    assert.deepEqual(ids, brightDataOracle(server, inRange));
    const bounds = server.sessions('brightData').filter((record) => record.timestamp === from || record.timestamp === to);
    for (const record of bounds) assert.ok(ids.includes(record.session_id), 'bounds are inclusive');
    const offsetForm = new Date(Date.parse(from)).toISOString().replace('Z', '+00:00');
    assert.deepEqual(await allBrightData(server, { start_date: offsetForm }), brightDataOracle(server, (r) => Date.parse(r.timestamp) >= Date.parse(from)));
  });

  it('sorts by timestamp, duration and bandwidth in both orders, nulls last', async () => {
    for (const sort of ['timestamp', 'duration', 'bandwidth'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        assert.deepEqual(await allBrightData(server, { sort, order }), brightDataOracle(server, () => true, sort, order), `${sort} ${order}`);
      }
    }
    for (const order of ['asc', 'desc']) {
      const page = await brightDataPage(server, { sort: 'duration', order, limit: '100', offset: '200' });
      assert.equal(page.sessions.at(-1)!.duration, null, `running sessions (null duration) come last in ${order}`);
    }
  });

  it('refuses values the spec does not allow with 400 and a JSON error', async () => {
    const bad: Params[] = [
      { limit: '0' }, { limit: '101' }, { limit: 'ten' }, { limit: '1.5' }, { limit: '-1' }, { limit: '' },
      { offset: '-1' }, { offset: 'x' },
      { status: 'queued' }, { status: 'RUNNING' },
      { sort: 'navigations' }, { order: 'up' },
      { start_date: 'yesterday' }, { start_date: '2025-12-01' }, { end_date: '2025-02-30T00:00:00Z' }, { end_date: '2025-12-01T25:00:00Z' },
    ];
    for (const params of bad) {
      const reply = await brightData(server, params);
      assert.equal(reply.status, 400, JSON.stringify(params));
      assert.ok(errorMessage(reply).length > 0);
    }
    const repeated = await call(`${server.brightDataUrl}/browser_sessions?limit=10&limit=20`, { Authorization: `Bearer ${BD_KEY}` });
    assert.equal(repeated.status, 400);
  });

  it('checks the key before the query', async () => {
    assert.equal((await brightData(server, { limit: '0' }, 'wrong')).status, 401);
  });

  it('ignores parameters the spec does not name', async () => {
    const page = await brightDataPage(server, { page: '3', search: 'x' });
    assert.equal(page.total, 257);
    assert.equal(page.pagination.offset, 0);
  });

  it('answers 405 to other methods and 404 to other paths', async () => {
    const post = await call(`${server.brightDataUrl}/browser_sessions`, { Authorization: `Bearer ${BD_KEY}` }, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET');
    assert.equal((await call(`${server.url}/browser_sessions/`, { Authorization: `Bearer ${BD_KEY}` })).status, 404);
    assert.equal((await call(`${server.url}/sessions`, {})).status, 404);
  });

  it('records every request with its query and headers', async () => {
    server.resetRequests();
    await brightData(server, { status: 'failed', limit: '5' });
    await anchor(server, { tags: 'prod' });
    assert.equal(server.requests.length, 2);
    const [first, second] = server.requests;
    assert.equal(first.provider, 'brightData');
    assert.equal(first.method, 'GET');
    assert.equal(first.path, '/browser_sessions');
    assert.equal(first.query.get('status'), 'failed');
    assert.equal(first.headers['authorization'], `Bearer ${BD_KEY}`);
    assert.equal(second.provider, 'anchor');
    assert.equal(second.query.get('tags'), 'prod');
  });
});

describe('contract server: Anchor GET /v1/sessions', () => {
  let server: ContractServer;
  before(async () => {
    server = await startContractServer({ now: NOW });
  });
  after(() => server.close());

  it('answers 401 for a missing or wrong key, 200 for the right one', async () => {
    assert.equal((await anchor(server, {}, null)).status, 401);
    const wrong = await anchor(server, {}, 'nope-key');
    assert.equal(wrong.status, 401);
    assert.ok(!errorMessage(wrong).includes('nope-key'));
    assert.equal((await call(`${server.anchorUrl}/v1/sessions`, { Authorization: `Bearer ${ANCHOR_KEY}` })).status, 401);
    assert.equal((await anchor(server)).status, 200);
  });

  it('defaults to page 1 of 10, oldest first, with the spec example shape and no hidden fields', async () => {
    const reply = await anchor(server);
    assert.deepEqual(Object.keys(reply.body as object), ['data']);
    const data = (reply.body as AnchorPage).data;
    assert.deepEqual(Object.keys(data), ['sessions', 'total', 'page', 'total_pages']);
    assert.equal(data.total, 145);
    assert.equal(data.page, 1);
    assert.equal(data.total_pages, 15);
    assert.deepEqual(data.sessions.map((session) => session.id), anchorOracle(server, () => true).slice(0, 10));
    for (const session of data.sessions) assert.deepEqual(Object.keys(session), ANCHOR_KEYS);
  });

  it('pages with limits 10, 20 and 50', async () => {
    const last = await anchorPage(server, { limit: '50', page: '3' });
    assert.equal(last.total_pages, 3);
    assert.equal(last.sessions.length, 45);
    assert.equal((await anchorPage(server, { limit: '20' })).total_pages, 8);
    const beyond = await anchorPage(server, { page: '16' });
    assert.deepEqual(beyond.sessions, []);
    assert.equal(beyond.page, 16);
    assert.deepEqual(await allAnchor(server), anchorOracle(server, () => true));
    const none = await anchorPage(server, { status: 'no-such-status' });
    assert.deepEqual(none, { sessions: [], total: 0, page: 1, total_pages: 0 });
  });

  it('sorts by each accepted field in both orders', async () => {
    for (const sortBy of ['created_at', 'session_id', 'used_credits', 'api_key_name'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const ids = await allAnchor(server, { sort_by: sortBy, sort_order: order });
        assert.deepEqual(ids, anchorOracle(server, () => true, sortBy, order), `${sortBy} ${order}`);
      }
    }
  });

  it('filters by exact status, all tags and all domains (case-insensitive)', async () => {
    for (const status of ['completed', 'running', 'failed', 'idle', 'terminated']) {
      const expected = anchorOracle(server, (record) => record.status === status);
      assert.ok(expected.length > 0, status);
      assert.deepEqual(await allAnchor(server, { status }), expected, status);
    }
    assert.equal((await anchorPage(server, { status: 'Completed' })).total, 0);
    // Issue 8: a free-text status gets its own group with its exact count ("Idle 3").
    const idle = server.sessions('anchor').filter((record) => record.status === 'idle').length;
    assert.ok(idle >= 3, `only ${idle} idle sessions`);
    assert.equal((await anchorPage(server, { status: 'idle' })).total, idle);
    for (const tags of ['production', 'données-été', 'production,scraping', ' 🚀launch , e2e ']) {
      const wanted = tags.split(',').map((tag) => tag.trim());
      const expected = anchorOracle(server, (record) => wanted.every((tag) => record.tags.includes(tag)));
      assert.ok(expected.length > 0, tags);
      assert.deepEqual(await allAnchor(server, { tags }), expected, tags);
    }
    assert.equal((await anchorPage(server, { tags: 'PRODUCTION' })).total, 0, 'tags match exactly');
    for (const domains of ['EXAMPLE.COM', 'docs.example.org', 'example.com,amazon.com', '例え.jp']) {
      const wanted = domains.split(',').map((domain) => domain.toLowerCase());
      const expected = anchorOracle(server, (record) => wanted.every((domain) => record.domains.map((d) => d.toLowerCase()).includes(domain)));
      assert.ok(expected.length > 0, domains);
      assert.deepEqual(await allAnchor(server, { domains }), expected, domains);
    }
  });

  it('filters by created_from and created_to, both inclusive', async () => {
    const times = server.sessions('anchor').map((record) => record.created_at).sort();
    const [from, to] = [times[20], times[100]];
    const ids = await allAnchor(server, { created_from: from, created_to: to });
    const expected = anchorOracle(server, (record) => record.created_at >= from && record.created_at <= to);
    assert.deepEqual(ids, expected);
    assert.equal(ids.length, 81);
  });

  it('filters by the attributes records do not show: batch_id, playground, extra_stealth, profile_name', async () => {
    const hidden = server.anchorHidden();
    const of = (record: AnchorRecord) => hidden.get(record.id)!;
    const batch = [...hidden.values()].find((attributes) => attributes.batch_id !== null)!.batch_id!;
    assert.deepEqual(await allAnchor(server, { batch_id: batch }), anchorOracle(server, (r) => of(r).batch_id === batch));
    for (const value of [true, false]) {
      const text = String(value);
      assert.deepEqual(await allAnchor(server, { playground: text }), anchorOracle(server, (r) => of(r).playground === value));
      assert.deepEqual(await allAnchor(server, { extra_stealth: text }), anchorOracle(server, (r) => of(r).extra_stealth === value));
    }
    const profile = anchorOracle(server, (r) => of(r).profile_name?.toLowerCase().includes('checkout') ?? false);
    assert.ok(profile.length > 0);
    assert.deepEqual(await allAnchor(server, { profile_name: 'CHECKOUT' }), profile);
  });

  it('filters by task_initiated and proxy (proxy: a proxy_type is set)', async () => {
    for (const value of [true, false]) {
      const text = String(value);
      const initiated = anchorOracle(server, (record) => record.task_initiated === value);
      assert.ok(initiated.length > 0);
      assert.deepEqual(await allAnchor(server, { task_initiated: text }), initiated);
      const proxied = anchorOracle(server, (record) => (record.proxy_type !== null) === value);
      assert.ok(proxied.length > 0);
      assert.deepEqual(await allAnchor(server, { proxy: text }), proxied);
    }
  });

  it('refuses values the spec does not allow with 400 and a JSON error', async () => {
    const bad: Params[] = [
      { page: '0' }, { page: 'one' }, { limit: '25' }, { limit: '100' }, { limit: '' },
      { sort_order: 'DESC' }, { created_from: 'last week' }, { created_to: '2025-13-01T00:00:00Z' },
      { task_initiated: 'yes' }, { playground: '1' }, { proxy: 'TRUE' }, { extra_stealth: '' },
    ];
    for (const params of bad) {
      const reply = await anchor(server, params);
      assert.equal(reply.status, 400, JSON.stringify(params));
      assert.ok(errorMessage(reply).length > 0);
    }
    const sortBy = await anchor(server, { sort_by: 'status' });
    assert.equal(sortBy.status, 400);
    assert.match(errorMessage(sortBy), /sort_by/);
  });
});

describe('contract server: demo mode', () => {
  let server: ContractServer;
  before(async () => {
    server = await startContractServer({ demo: true, now: NOW, counts: { brightData: 5, anchor: 3 } });
  });
  after(() => server.close());

  it('accepts any non-empty key and still refuses a missing one', async () => {
    assert.equal((await brightData(server, {}, 'anything-at-all')).status, 200);
    assert.equal((await anchor(server, {}, 'x')).status, 200);
    assert.equal((await brightData(server, {}, null)).status, 401);
    assert.equal((await anchor(server, {}, null)).status, 401);
    assert.equal((await call(`${server.brightDataUrl}/browser_sessions`, { Authorization: 'Bearer ' })).status, 401);
  });

  it('serves the configured counts', async () => {
    assert.equal((await brightDataPage(server)).total, 5);
    assert.equal((await anchorPage(server)).total, 3);
  });
});

describe('contract server: faults', () => {
  let server: ContractServer;
  before(async () => {
    server = await startContractServer({ now: NOW, counts: { brightData: 30, anchor: 30 } });
  });
  after(() => server.close());

  const bdUrl = (): string => `${server.brightDataUrl}/browser_sessions`;
  const bdInit = (signal?: AbortSignal): RequestInit => ({ headers: { Authorization: `Bearer ${BD_KEY}` }, ...(signal ? { signal } : {}) });

  it('resets the connection without an answer', async () => {
    server.setFault('brightData', { reset: true, times: 1 });
    await assert.rejects(fetch(bdUrl(), bdInit()), TypeError);
    assert.equal((await brightData(server)).status, 200, 'times: 1 used up');
  });

  it('hangs until the client gives up', async () => {
    server.setFault('brightData', { hang: true });
    await assert.rejects(fetch(bdUrl(), bdInit(AbortSignal.timeout(300))), { name: 'TimeoutError' });
    server.setFault('brightData', undefined);
    assert.equal((await brightData(server)).status, 200);
  });

  it('sends a 200 whose body is not JSON', async () => {
    server.setFault('brightData', { malformedJson: true, times: 1 });
    const response = await fetch(bdUrl(), bdInit());
    assert.equal(response.status, 200);
    await assert.rejects(response.json(), SyntaxError);
  });

  it('announces a full body, sends half of it and drops the connection', async () => {
    server.setFault('brightData', { truncated: true, times: 1 });
    const response = await fetch(bdUrl(), bdInit());
    assert.equal(response.status, 200);
    const announced = Number(response.headers.get('content-length'));
    assert.ok(announced > 100);
    await assert.rejects(response.arrayBuffer());
  });

  it('sends valid JSON of the wrong shape', async () => {
    server.setFault('anchor', { wrongShape: true, times: 1 });
    const reply = await anchor(server);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { items: [] });
  });

  it('answers 429 with Retry-After, and each other status with a JSON error', async () => {
    server.setFault('brightData', { status: 429, retryAfterSeconds: 7, times: 1 });
    const limited = await brightData(server);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    errorMessage(limited);
    for (const status of [500, 502, 503, 401, 403, 404] as const) {
      server.setFault('anchor', { status, times: 1 });
      const reply = await anchor(server);
      assert.equal(reply.status, status);
      assert.equal(reply.headers.get('retry-after'), null);
      errorMessage(reply);
    }
  });

  it('counts `times` down per request of that provider only', async () => {
    server.setFault('brightData', { status: 500, times: 2 });
    assert.equal((await anchor(server)).status, 200, 'the other provider is not affected');
    assert.equal((await brightData(server)).status, 500);
    assert.equal((await brightData(server)).status, 500);
    assert.equal((await brightData(server)).status, 200);
  });

  it('keeps a fault without `times` until it is cleared', async () => {
    server.setFault('anchor', { status: 503 });
    for (let i = 0; i < 3; i++) assert.equal((await anchor(server)).status, 503);
    server.clearFaults();
    assert.equal((await anchor(server)).status, 200);
  });

  it('delays by latencyMs, alone or together with another fault', async () => {
    const order: string[] = [];
    server.setFault('brightData', { latencyMs: 400, times: 1 });
    const slow = brightData(server).then((reply) => {
      order.push('slow');
      return reply;
    });
    await anchor(server).then(() => order.push('fast'));
    const reply = await slow;
    assert.deepEqual(order, ['fast', 'slow']);
    assert.equal(reply.status, 200);
    assert.equal((reply.body as BrightDataPage).total, 30);

    order.length = 0;
    server.setFault('anchor', { latencyMs: 400, status: 502, times: 1 });
    const slowError = anchor(server).then((failed) => {
      order.push('slow');
      return failed;
    });
    await brightData(server).then(() => order.push('fast'));
    assert.equal((await slowError).status, 502);
    assert.deepEqual(order, ['fast', 'slow']);
  });
});

describe('contract server: close', () => {
  it('ends hung and delayed requests so the process can exit', async () => {
    const server = await startContractServer({ counts: { brightData: 3, anchor: 3 } });
    server.setFault('brightData', { hang: true });
    server.setFault('anchor', { latencyMs: 60_000 });
    const hung = assert.rejects(fetch(`${server.brightDataUrl}/browser_sessions`, { headers: { Authorization: `Bearer ${BD_KEY}` } }));
    const delayed = assert.rejects(fetch(`${server.anchorUrl}/v1/sessions`, { headers: { 'anchor-api-key': ANCHOR_KEY } }));
    while (server.requests.length < 2) await new Promise((resolve) => setImmediate(resolve));
    await server.close();
    await hung;
    await delayed;
  });
});

describe('contract server: addSession and the control endpoint', () => {
  let server: ContractServer;
  before(async () => {
    server = await startContractServer({ now: NOW });
  });
  after(() => server.close());

  const control = (path: string, body?: unknown): Promise<Reply> =>
    call(`${server.url}/__control/${path}`, { 'Content-Type': 'application/json' }, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('puts an added Bright Data session first in the default order', async () => {
    assert.equal((await brightDataPage(server)).total, 257, 'listed once before the addition');
    const id = server.addSession('brightData', { target_url: 'https://added.example/' });
    const page = await brightDataPage(server);
    assert.equal(page.total, 258);
    assert.equal(page.sessions[0].session_id, id);
    assert.equal(page.sessions[0].target_url, 'https://added.example/');
    assert.equal(page.sessions[0].status, 'running');
    assert.match(page.sessions[0].timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.throws(() => server.addSession('brightData', { session_id: id }), /already exists/);
  });

  it('adds Anchor sessions, newest last in the default ascending order, with settable hidden attributes', async () => {
    assert.equal((await anchorPage(server, { sort_order: 'desc' })).total, 145, 'listed once before the addition');
    const id = server.addSession('anchor', { tags: ['added'], batch_id: 'batch_added', playground: true });
    const newest = await anchorPage(server, { sort_order: 'desc' });
    assert.equal(newest.sessions[0].id, id);
    assert.deepEqual(Object.keys(newest.sessions[0]), ANCHOR_KEYS);
    const last = await anchorPage(server, { page: String(newest.total_pages) });
    assert.equal(last.sessions.at(-1)!.id, id);
    assert.deepEqual(await allAnchor(server, { batch_id: 'batch_added' }), [id]);
    assert.ok((await allAnchor(server, { playground: 'true' })).includes(id));
  });

  it('switches faults, adds sessions and resets through /__control without a key', async () => {
    assert.deepEqual((await control('fault', { provider: 'brightData', fault: { status: 503, times: 1 } })).body, { ok: true });
    assert.equal((await brightData(server)).status, 503);
    assert.equal((await brightData(server)).status, 200);

    await control('fault', { provider: 'anchor', fault: { status: 500 } });
    assert.equal((await anchor(server)).status, 500);
    await control('fault', { provider: 'anchor', fault: null });
    assert.equal((await anchor(server)).status, 200);

    const added = await control('session', { provider: 'brightData', record: { status: 'failed', error: { code: 'timeout', message: 'late' } } });
    assert.equal(added.status, 200);
    const id = (added.body as { id: string }).id;
    const first = (await brightDataPage(server)).sessions[0];
    assert.equal(first.session_id, id);
    assert.deepEqual(first.error, { code: 'timeout', message: 'late' });
    assert.equal(typeof (await control('session', { provider: 'anchor' })).body, 'object');

    const logged = await control('requests');
    const requests = (logged.body as { requests: { provider: string; query: string; headers: Record<string, string> }[] }).requests;
    assert.equal(requests.length, server.requests.length);
    assert.ok(requests.every((request) => request.provider === 'brightData' || request.provider === 'anchor'), 'control calls are not logged');
    assert.ok(requests.every((request) => !JSON.stringify(request).includes(BD_KEY) && !JSON.stringify(request).includes(ANCHOR_KEY)), 'keys are redacted');

    await control('fault', { provider: 'anchor', fault: { hang: true } });
    assert.deepEqual((await control('reset', {})).body, { ok: true });
    assert.equal(server.requests.length, 0);
    assert.equal((await anchor(server)).status, 200, 'reset cleared the fault');
  });

  it('refuses malformed control requests', async () => {
    assert.equal((await control('fault', { provider: 'other', fault: null })).status, 400);
    assert.equal((await control('fault', { provider: 'anchor', fault: { explode: true } })).status, 400);
    assert.equal((await control('fault', { provider: 'anchor', fault: { status: 418 } })).status, 400);
    assert.equal((await control('fault', { provider: 'anchor', fault: { times: -1 } })).status, 400);
    assert.equal((await control('session', { provider: 'anchor', record: [] })).status, 400);
    assert.equal((await control('nothing-here', {})).status, 404);
    const notJson = await fetch(`${server.url}/__control/fault`, { method: 'POST', body: '{' });
    assert.equal(notJson.status, 400);
  });
});

describe('contract server: data', () => {
  it('is the same for the same seed and now, and differs for another seed', async () => {
    assert.deepEqual(generateSessions('brightData', 257, 7, NOW), generateSessions('brightData', 257, 7, NOW));
    assert.deepEqual(generateSessions('anchor', 145, 7, NOW), generateSessions('anchor', 145, 7, NOW));
    assert.notDeepEqual(generateSessions('brightData', 257, 7, NOW), generateSessions('brightData', 257, 8, NOW));
    const [a, b] = await Promise.all([startContractServer({ seed: 7, now: NOW }), startContractServer({ seed: 7, now: NOW })]);
    try {
      assert.deepEqual(a.sessions('anchor'), generateSessions('anchor', 145, 7, NOW));
      assert.deepEqual(a.anchorHidden(), b.anchorHidden());
      assert.deepEqual((await brightData(a, { sort: 'bandwidth' })).body, (await brightData(b, { sort: 'bandwidth' })).body);
      assert.deepEqual((await anchor(a, { limit: '50', page: '2' })).body, (await anchor(b, { limit: '50', page: '2' })).body);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('always holds the hostile fixtures, a few minutes before now and near the top', async () => {
    const server = await startContractServer({ now: NOW });
    try {
      const records = server.sessions('brightData');
      const finished = records.find((record) => record.session_id === HOSTILE.brightData.finished.session_id)!;
      assert.equal(finished.status, 'finished');
      assert.equal(finished.target_url, 'javascript:window.__pwned=1');
      assert.equal(finished.end_url, 'file:///etc/passwd');
      const failed = records.find((record) => record.session_id === HOSTILE.brightData.failed.session_id)!;
      assert.equal(failed.status, 'failed');
      assert.equal(failed.api_name, 'zone<script>');
      assert.deepEqual(failed.error, {
        code: '<b>bold</b>',
        message: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>',
      });
      assert.ok(failed.target_url!.includes('<img src=x onerror='));
      for (const record of [finished, failed]) {
        const minutesAgo = (NOW - Date.parse(record.timestamp)) / 60_000;
        assert.ok(minutesAgo >= 1 && minutesAgo <= 5, `${minutesAgo} minutes before now`);
      }
      const firstPage = (await brightDataPage(server)).sessions.map((session) => session.session_id);
      for (const id of HOSTILE.ids.brightData) assert.ok(firstPage.includes(id));

      const hostileAnchor = server.sessions('anchor').find((record) => record.id === HOSTILE.anchor.completed.id)!;
      assert.equal(hostileAnchor.status, 'completed');
      assert.deepEqual(hostileAnchor.tags, ['<img src=x onerror=window.__pwned=1>', 'prod']);
      assert.deepEqual(hostileAnchor.domains, ['hostile.example', '<svg onload=window.__pwned=1>']);
      assert.equal(hostileAnchor.api_key_name, 'key"><script>window.__pwned=1</script>');
      const newest = await anchorPage(server, { sort_order: 'desc', limit: '20' });
      assert.ok(newest.sessions.some((session) => session.id === HOSTILE.anchor.completed.id));
      assert.equal(HOSTILE.marker, 'window.__pwned');
      for (const text of [finished.target_url, failed.error.message, hostileAnchor.api_key_name]) assert.ok(text.includes(HOSTILE.marker));
    } finally {
      await server.close();
    }
  });

  it('varies like real data: every status, nulls, zero and huge bandwidth, recent running sessions', () => {
    const records = generateSessions('brightData', 10_000, 3, NOW);
    assert.equal(new Set(records.map((record) => record.session_id)).size, 10_000);
    const share = (status: string): number => records.filter((record) => record.status === status).length / records.length;
    assert.ok(share('failed') > 0.1 && share('failed') < 0.2);
    assert.ok(share('running') > 0 && share('running') < share('finished'));
    const unlisted = share('queued') + share('terminated');
    assert.ok(unlisted > 0.005 && unlisted < 0.05);
    for (const record of records) {
      assert.match(record.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const age = NOW - Date.parse(record.timestamp);
      assert.ok(age >= 0 && age <= 40 * 86_400_000);
      if (record.status === 'running') {
        assert.ok(age <= 3_600_000, 'running sessions started within the hour');
        assert.equal(record.duration, null);
      }
      assert.equal(record.error !== null, record.status === 'failed', 'failed sessions, and only they, carry an error');
      assert.ok(Number.isInteger(record.bandwidth) && record.bandwidth >= 0);
    }
    assert.ok(records.some((record) => record.target_url === null));
    assert.ok(records.some((record) => record.bandwidth === 0));
    assert.ok(records.some((record) => record.bandwidth > 1e9));
    assert.ok(new Set(records.map((record) => record.captcha)).size >= 3);
    assert.ok(new Set(records.filter((r) => r.error).map((record) => record.error!.code)).size >= 4);

    const anchors = generateSessions('anchor', 2_000, 3, NOW);
    for (const status of ['running', 'completed', 'failed', 'idle', 'terminated']) {
      assert.ok(anchors.some((record) => record.status === status), status);
    }
    for (const record of anchors) {
      assert.match(record.id, /^sess_/);
      assert.match(record.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(Number.isInteger(record.duration));
    }
    assert.ok(anchors.some((record) => record.proxy_type === null));
    assert.ok(anchors.some((record) => record.tags.includes('données-été')));
  });

  it('keeps small data sets whole: count includes the fixtures, zero means none', () => {
    assert.deepEqual(generateSessions('brightData', 0, 1, NOW), []);
    assert.equal(generateSessions('brightData', 7, 1, NOW).length, 7);
    const statuses = new Set(generateSessions('brightData', 7, 1, NOW).map((record) => record.status));
    for (const status of ['running', 'finished', 'failed', 'queued', 'terminated']) assert.ok(statuses.has(status), status);
  });
});
