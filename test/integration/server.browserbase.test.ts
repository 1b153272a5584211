// Browserbase's GET /v1/sessions and /v1/sessions/{id} on the contract server, against
// /work/shared/specs/browserbase-sessions.txt. Expectations come from server.sessions('browserbase').
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BROWSERBASE_STATUSES, HOSTILE, startContractServer, type BrowserbaseRecord, type ContractServer } from '../server/index';
import { get, ids, newestFirst, NOW, ok } from './server.helpers';

const KEY = 'test-key-browserbase';
const list = (server: ContractServer, params: Record<string, string> = {}, key: string | null = KEY) =>
  get(server, 'browserbase', '/v1/sessions', params, key);

describe('contract server: Browserbase', () => {
  let server: ContractServer;
  let all: readonly BrowserbaseRecord[];
  before(async () => {
    server = await startContractServer({ now: NOW });
    all = server.sessions('browserbase');
  });
  after(() => server.close());

  it('answers a bare array of every session, newest first, with no paging fields', async () => {
    const body = ok<BrowserbaseRecord[]>(await list(server));
    assert.ok(Array.isArray(body));
    assert.equal(body.length, 60);
    assert.deepEqual(ids(body), ids(newestFirst(all, (record) => record.createdAt)));
    // Paging parameters are not in the spec: ignored, never honoured.
    assert.equal(ok<BrowserbaseRecord[]>(await list(server, { limit: '5', page: '2' })).length, 60);
  });

  it('holds every status, absent optional fields, non-ASCII metadata and the hostile fixture', () => {
    assert.deepEqual(new Set(all.map((record) => record.status)), new Set(BROWSERBASE_STATUSES));
    const running = all.filter((record) => record.status === 'RUNNING' || record.status === 'PENDING');
    assert.ok(running.length > 0 && running.every((record) => !('endedAt' in record)));
    assert.ok(all.some((record) => !('contextId' in record)) && all.some((record) => 'contextId' in record));
    assert.ok(all.some((record) => JSON.stringify(record.userMetadata ?? {}).includes('données')));
    const hostile = all.find((record) => record.id === HOSTILE.ids.browserbase[0]);
    assert.ok(hostile && String(hostile.contextId).startsWith('javascript:'));
  });

  it('keeps the key order of the spec example', () => {
    const keys = Object.keys(all.find((record) => record.endedAt !== undefined && record.contextId !== undefined)!);
    assert.deepEqual(keys.slice(0, 7), ['id', 'createdAt', 'updatedAt', 'projectId', 'startedAt', 'endedAt', 'expiresAt']);
  });

  it('checks X-BB-API-Key, in any letter case of the header name', async () => {
    assert.equal((await list(server, {}, null)).status, 401);
    const wrong = await list(server, {}, 'nope');
    assert.equal(wrong.status, 401);
    assert.doesNotMatch(JSON.stringify(wrong.body), /nope/);
    const lower = await fetch(`${server.urlFor('browserbase')}/v1/sessions`, { headers: { 'x-bb-api-key': KEY } });
    assert.equal(lower.status, 200);
    // Anchor's header does not open Browserbase.
    const anchorHeader = await fetch(`${server.urlFor('browserbase')}/v1/sessions`, { headers: { 'anchor-api-key': KEY } });
    assert.equal(anchorHeader.status, 401);
  });

  it('filters by each status and refuses other spellings', async () => {
    for (const status of BROWSERBASE_STATUSES) {
      const body = ok<BrowserbaseRecord[]>(await list(server, { status }));
      assert.deepEqual(new Set(ids(body)), new Set(ids(all.filter((record) => record.status === status))), status);
    }
    assert.equal((await list(server, { status: 'running' })).status, 400);
    assert.equal((await list(server, { status: 'RELEASED' })).status, 400);
  });

  it("filters by q=user_metadata['key']['nested']:'value', string equality only", async () => {
    const byPath = (path: string[], value: string) =>
      all.filter((record) => {
        let at: unknown = record.userMetadata;
        for (const key of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
        return at === value;
      });
    const staging = ok<BrowserbaseRecord[]>(await list(server, { q: "user_metadata['env']:'staging'" }));
    assert.ok(staging.length > 0);
    assert.deepEqual(new Set(ids(staging)), new Set(ids(byPath(['env'], 'staging'))));
    const nested = ok<BrowserbaseRecord[]>(await list(server, { q: "user_metadata['team']['name']:'payments'" }));
    assert.ok(nested.length > 0);
    assert.deepEqual(new Set(ids(nested)), new Set(ids(byPath(['team', 'name'], 'payments'))));
    const both = ok<BrowserbaseRecord[]>(await list(server, { status: 'COMPLETED', q: "user_metadata['env']:'staging'" }));
    assert.ok(both.every((record) => record.status === 'COMPLETED' && record.userMetadata?.['env'] === 'staging'));
    assert.deepEqual(ok<BrowserbaseRecord[]>(await list(server, { q: "user_metadata['env']:'nowhere'" })), []);
    for (const q of ["env:'staging'", "user_metadata['env']:staging", "metadata['env']:'staging'", "user_metadata:'x'"]) {
      assert.equal((await list(server, { q })).status, 400, q);
    }
  });

  it('returns one session by id, 404 for an unknown one, and errors in the provider form', async () => {
    const first = all.find((record) => record.status === 'COMPLETED')!;
    assert.deepEqual(ok(await get(server, 'browserbase', `/v1/sessions/${first.id}`, {}, KEY)), first);
    // A running session also carries the three connection fields, all secret.
    const running = all.find((record) => record.status === 'RUNNING')!;
    const detail = ok<Record<string, unknown>>(await get(server, 'browserbase', `/v1/sessions/${running.id}`, {}, KEY));
    const { connectUrl, seleniumRemoteUrl, signingKey, ...rest } = detail;
    assert.deepEqual(rest, running);
    assert.match(String(signingKey), /^SECRET-/);
    assert.ok(String(connectUrl).startsWith('wss://') && String(connectUrl).includes(String(signingKey)));
    assert.ok(String(seleniumRemoteUrl).startsWith('https://'));
    const missing = await get(server, 'browserbase', '/v1/sessions/no-such-id', {}, KEY);
    assert.equal(missing.status, 404);
    assert.equal(typeof (missing.body as { error: unknown }).error, 'string');
    assert.equal((await get(server, 'browserbase', `/v1/sessions/${first.id}`, {}, null)).status, 401);
  });

  it('serves the bare origin path to Anchor, not to Browserbase', async () => {
    const reply = await fetch(`${server.url}/v1/sessions`, { headers: { 'X-BB-API-Key': KEY } });
    assert.equal(reply.status, 401, 'the bare /v1/sessions is Anchor, which wants anchor-api-key');
    assert.equal((await fetch(`${server.url}/browserbase/v2/sessions`, { headers: { 'X-BB-API-Key': KEY } })).status, 404);
  });
});
