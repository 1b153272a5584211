// Steel's GET /v1/sessions and /v1/sessions/{id} on the contract server, against
// /work/shared/specs/steel-sessions.txt. Expectations come from server.sessions('steel').
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HOSTILE, STEEL_STATUSES, startContractServer, type ContractServer, type SteelRecord } from '../server/index';
import { get, ids, newestFirst, NOW, ok } from './server.helpers';

const KEY = 'test-key-steel';

interface SteelPage {
  sessions: SteelRecord[];
  nextCursor: string | null;
  totalCount?: number;
}

const list = (server: ContractServer, params: Record<string, string> = {}, key: string | null = KEY) =>
  get(server, 'steel', '/v1/sessions', params, key);

/** Pages through with cursorId = nextCursor (the steel-rs way). */
async function followNextCursor(server: ContractServer, params: Record<string, string>): Promise<SteelRecord[]> {
  const seen: SteelRecord[] = [];
  let cursor: string | null = null;
  do {
    const page: SteelPage = ok<SteelPage>(await list(server, cursor === null ? params : { ...params, cursorId: cursor }));
    seen.push(...page.sessions);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return seen;
}

/** Pages through with cursorId = last id, until an empty page (the node/python SDK way). */
async function followLastId(server: ContractServer, params: Record<string, string>): Promise<{ seen: SteelRecord[]; requests: number }> {
  const seen: SteelRecord[] = [];
  let requests = 0;
  for (let cursor: string | undefined; ; ) {
    const page = ok<SteelPage>(await list(server, cursor === undefined ? params : { ...params, cursorId: cursor }));
    requests++;
    if (page.sessions.length === 0) return { seen, requests };
    seen.push(...page.sessions);
    cursor = page.sessions[page.sessions.length - 1].id;
  }
}

describe('contract server: Steel', () => {
  let server: ContractServer;
  let all: readonly SteelRecord[];
  before(async () => {
    server = await startContractServer({ now: NOW });
    all = server.sessions('steel');
  });
  after(() => server.close());

  it('answers { sessions, nextCursor } with 50 newest first by default and no totalCount unfiltered', async () => {
    const page = ok<SteelPage>(await list(server));
    assert.deepEqual(Object.keys(page), ['sessions', 'nextCursor']);
    assert.deepEqual(ids(page.sessions), ids(newestFirst(all, (record) => record.createdAt).slice(0, 50)));
    assert.equal(page.nextCursor, page.sessions[49].id);
  });

  it('holds every status, nulls, absent optional fields and the hostile fixture', () => {
    assert.equal(all.length, 230);
    assert.deepEqual(new Set(all.map((record) => record.status)), new Set(STEEL_STATUSES));
    assert.ok(all.some((record) => record.proxySource === null));
    assert.ok(all.some((record) => !('region' in record)) && all.some((record) => 'region' in record));
    assert.ok(all.some((record) => record.projectId === 'proj_équipe'));
    const hostile = all.find((record) => record.id === HOSTILE.ids.steel[0]);
    assert.ok(hostile?.debugUrl.startsWith('javascript:'));
  });

  it('pages the same way whether cursorId is nextCursor or the last id of the page', async () => {
    const expected = ids(newestFirst(all, (record) => record.createdAt));
    assert.deepEqual(ids(await followNextCursor(server, { limit: '37' })), expected);
    const { seen, requests } = await followLastId(server, { limit: '100' });
    assert.deepEqual(ids(seen), expected);
    assert.equal(requests, 4, '100 + 100 + 30, then the empty page that stops the SDKs');
  });

  it('gives nextCursor null on the last page, and nothing after the last session', async () => {
    const sorted = newestFirst(all, (record) => record.createdAt);
    const last = ok<SteelPage>(await list(server, { limit: '10', cursorId: sorted[219].id }));
    assert.deepEqual(ids(last.sessions), ids(sorted.slice(220)));
    assert.equal(last.nextCursor, null);
    const exact = ok<SteelPage>(await list(server, { limit: '30', cursorId: sorted[199].id }));
    assert.equal(exact.sessions.length, 30);
    assert.equal(exact.nextCursor, null, 'a page that ends exactly at the end has no next page');
    const after = ok<SteelPage>(await list(server, { cursorId: sorted[229].id }));
    assert.deepEqual(after, { sessions: [], nextCursor: null });
  });

  it('validates limit (1 to 100) and cursorId', async () => {
    assert.equal(ok<SteelPage>(await list(server, { limit: '100' })).sessions.length, 100);
    assert.equal(ok<SteelPage>(await list(server, { limit: '1' })).sessions.length, 1);
    for (const limit of ['0', '101', '-1', '1.5', 'ten', '']) {
      assert.equal((await list(server, { limit })).status, 400, `limit=${limit}`);
    }
    const unknown = await list(server, { cursorId: 'not-a-session' });
    assert.equal(unknown.status, 400);
    assert.equal(typeof (unknown.body as { message: unknown }).message, 'string', 'Steel errors carry "message"');
    // The pre-2024 names are not Steel's any more: ignored, so they restart at the first page.
    assert.deepEqual(ids(ok<SteelPage>(await list(server, { cursor: all[3].id })).sessions), ids(ok<SteelPage>(await list(server)).sessions));
  });

  it('filters by status and projectId, with totalCount only for filtered queries', async () => {
    for (const status of STEEL_STATUSES) {
      const matching = all.filter((record) => record.status === status);
      const page = ok<SteelPage>(await list(server, { status, limit: '100' }));
      assert.equal(page.totalCount, matching.length, status);
      assert.deepEqual(ids(await followNextCursor(server, { status })), ids(newestFirst(matching, (record) => record.createdAt)));
    }
    const project = all.filter((record) => record.projectId === 'proj_scrapers');
    assert.ok(project.length > 0);
    const page = ok<SteelPage>(await list(server, { projectId: 'proj_scrapers', limit: '100' }));
    assert.deepEqual(new Set(ids(page.sessions)), new Set(ids(project)));
    assert.equal(page.totalCount, project.length);
    assert.equal((await list(server, { status: 'active' })).status, 400);
    assert.equal((await list(server, { status: 'LIVE' })).status, 400);
  });

  it('a cursor from another selection is refused rather than silently restarting', async () => {
    const live = all.find((record) => record.status === 'live')!;
    assert.equal((await list(server, { status: 'failed', cursorId: live.id })).status, 400);
  });

  it('checks steel-api-key', async () => {
    assert.equal((await list(server, {}, null)).status, 401);
    assert.equal((await list(server, {}, 'wrong')).status, 401);
    assert.equal((await list(server, {}, 'test-key-anchor')).status, 401);
  });

  it('returns one session by id and 404 with a message for an unknown one', async () => {
    assert.deepEqual(ok(await get(server, 'steel', `/v1/sessions/${all[7].id}`, {}, KEY)), all[7]);
    const missing = await get(server, 'steel', '/v1/sessions/00000000-0000-4000-8000-000000000000', {}, KEY);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, { message: 'Session not found' });
  });

  it('sees sessions added between pages at the top, without shifting a cursor', async () => {
    const own = await startContractServer({ now: NOW, counts: { steel: 12 } });
    try {
      const first = ok<SteelPage>(await list(own, { limit: '5' }));
      const added = own.addSession('steel', { status: 'failed', projectId: 'proj_new' });
      const second = ok<SteelPage>(await list(own, { limit: '5', cursorId: first.nextCursor! }));
      assert.ok(!ids(second.sessions).includes(added));
      assert.deepEqual(ids(second.sessions), ids(newestFirst(own.sessions('steel'), (record) => record.createdAt).slice(6, 11)));
      const top = ok<SteelPage>(await list(own, { limit: '1', projectId: 'proj_new' }));
      assert.equal(top.sessions[0].id, added);
      assert.equal(top.sessions[0].status, 'failed');
    } finally {
      await own.close();
    }
  });
});
