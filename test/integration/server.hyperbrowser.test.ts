// Hyperbrowser's GET /api/sessions and /api/session/{id} on the contract server, against
// /work/shared/specs/hyperbrowser-sessions.txt. Expectations come from server.sessions('hyperbrowser').
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HOSTILE, HYPERBROWSER_STATUSES, startContractServer, type ContractServer, type HyperbrowserRecord } from '../server/index';
import { get, ids, newestFirst, NOW, ok } from './server.helpers';

const KEY = 'test-key-hyperbrowser';

interface HyperbrowserPage {
  sessions: HyperbrowserRecord[];
  totalCount: number;
  page: number;
  perPage?: number;
  pageSize?: number;
}

const list = (server: ContractServer, params: Record<string, string> = {}, key: string | null = KEY) =>
  get(server, 'hyperbrowser', '/api/sessions', params, key);

describe('contract server: Hyperbrowser', () => {
  let server: ContractServer;
  let all: readonly HyperbrowserRecord[];
  let sorted: HyperbrowserRecord[];
  before(async () => {
    server = await startContractServer({ now: NOW });
    all = server.sessions('hyperbrowser');
    sorted = newestFirst(all, (record) => record.createdAt);
  });
  after(() => server.close());

  it('answers page 1 of 10, newest first, with totalCount, page and perPage (not pageSize)', async () => {
    const body = ok<HyperbrowserPage>(await list(server));
    assert.deepEqual(Object.keys(body), ['sessions', 'totalCount', 'page', 'perPage']);
    assert.deepEqual(ids(body.sessions), ids(sorted.slice(0, 10)));
    assert.equal(body.totalCount, 180);
    assert.equal(body.page, 1);
    assert.equal(body.perPage, 10);
  });

  it('sends pageSize instead when the server is started with the docs reading', async () => {
    const docs = await startContractServer({ now: NOW, hyperbrowserPageSizeField: 'pageSize', counts: { hyperbrowser: 5 } });
    try {
      const body = ok<HyperbrowserPage>(await list(docs, { limit: '3' }));
      assert.deepEqual(Object.keys(body), ['sessions', 'totalCount', 'page', 'pageSize']);
      assert.equal(body.pageSize, 3);
    } finally {
      await docs.close();
    }
  });

  it('holds every status (close-error too), numeric and text start times, nulls and the hostile fixture', () => {
    assert.deepEqual(new Set(all.map((record) => record.status)), new Set(HYPERBROWSER_STATUSES));
    assert.ok(all.some((record) => typeof record.startTime === 'string') && all.some((record) => typeof record.startTime === 'number'));
    assert.ok(all.filter((record) => record.status === 'active').every((record) => record.endTime === null));
    assert.ok(all.some((record) => record.launchState === null) && all.some((record) => record.creditsUsed === null));
    const hostile = all.find((record) => record.id === HOSTILE.ids.hyperbrowser[0]);
    assert.ok(hostile?.sessionUrl.startsWith('javascript:'));
  });

  it('pages by number: every session once, the last page short, past the end empty', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const body = ok<HyperbrowserPage>(await list(server, { page: String(page), limit: '50' }));
      assert.equal(body.page, page);
      seen.push(...ids(body.sessions));
    }
    assert.deepEqual(seen, ids(sorted));
    const last = ok<HyperbrowserPage>(await list(server, { page: '4', limit: '50' }));
    assert.equal(last.sessions.length, 30);
    const past = ok<HyperbrowserPage>(await list(server, { page: '5', limit: '50' }));
    assert.deepEqual(past, { sessions: [], totalCount: 180, page: 5, perPage: 50 });
  });

  it('validates page (≥ 1) and limit (1 to 100)', async () => {
    assert.equal(ok<HyperbrowserPage>(await list(server, { limit: '100' })).sessions.length, 100);
    const invalid: Record<string, string>[] = [{ page: '0' }, { page: '-1' }, { page: 'two' }, { page: '1.5' }, { limit: '0' }, { limit: '101' }, { limit: 'x' }];
    for (const params of invalid) {
      const reply = await list(server, params);
      assert.equal(reply.status, 400, JSON.stringify(params));
      assert.equal(typeof (reply.body as { message: unknown }).message, 'string', 'the docs ErrorResponse is { message }');
    }
  });

  it('filters by each status and refuses others', async () => {
    for (const status of HYPERBROWSER_STATUSES) {
      const matching = sorted.filter((record) => record.status === status);
      const body = ok<HyperbrowserPage>(await list(server, { status, limit: '100' }));
      assert.equal(body.totalCount, matching.length, status);
      assert.deepEqual(ids(body.sessions), ids(matching.slice(0, 100)), status);
    }
    assert.equal((await list(server, { status: 'running' })).status, 400);
    assert.equal((await list(server, { status: 'ACTIVE' })).status, 400);
  });

  it('checks x-api-key', async () => {
    assert.equal((await list(server, {}, null)).status, 401);
    assert.deepEqual((await list(server, {}, 'wrong')).body, { message: 'Invalid API key' });
  });

  it('returns one session at the singular /api/session/{id}, 404 for unknown ids', async () => {
    const { wsEndpoint, liveUrl, token, ...session } = ok<Record<string, unknown>>(
      await get(server, 'hyperbrowser', `/api/session/${all[9].id}`, {}, KEY),
    );
    assert.deepEqual(session, all[9], 'SessionDetail is the session plus its connection fields');
    assert.match(String(token), /^SECRET-/);
    assert.equal(liveUrl, `https://app.hyperbrowser.ai/live?token=${String(token)}`);
    assert.ok(String(wsEndpoint).startsWith('wss://'));
    assert.equal((await get(server, 'hyperbrowser', '/api/session/unknown', {}, KEY)).status, 404);
    // The plural path with an id is not an endpoint.
    assert.equal((await fetch(`${server.urlFor('hyperbrowser')}/api/sessions/${all[9].id}`, { headers: { 'x-api-key': KEY } })).status, 404);
  });
});
