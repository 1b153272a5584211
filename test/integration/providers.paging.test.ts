// Listing every page against the contract server: the edges of paging, sessions that start while we
// list, cancellation, and stopping at the first 429 (Bright Data blocks an IP after 25 of them).
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createProviderClient,
  HttpClient,
  PROVIDER_LABELS,
  SYNTHETIC_ID_PREFIX,
  type ProviderClient,
  type ProviderId,
} from '../../src/providers/index';
import { startContractServer, type AnchorRecord, type BrightDataRecord, type ContractServer } from '../server';
import { watchSentRequests } from './support/sentRequests';

const KEYS = { brightData: 'test-key-brightdata', anchor: 'test-key-anchor' } as Record<ProviderId, string>;
const PROVIDERS: readonly ProviderId[] = ['brightData', 'anchor'];

function clientFor(server: ContractServer, provider: ProviderId, http: HttpClient): ProviderClient {
  const baseUrl = provider === 'brightData' ? server.brightDataUrl : server.anchorUrl;
  return createProviderClient(provider, { baseUrl, apiKey: KEYS[provider], http });
}

function idsOf(server: ContractServer, provider: ProviderId): string[] {
  return provider === 'brightData'
    ? server.sessions('brightData').map((record) => record.session_id)
    : server.sessions('anchor').map((record) => record.id);
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(1);
}

/** One server per data size; an HttpClient with fast retries for each test. */
function withServer(counts: { brightData: number; anchor: number }): { server: () => ContractServer; http: () => HttpClient } {
  let server: ContractServer;
  let http: HttpClient;
  before(async () => {
    server = await startContractServer({ counts });
  });
  after(() => server.close());
  beforeEach(() => {
    server.clearFaults();
    server.resetRequests();
    http = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 5, maxRetryAfterSeconds: 0.02 });
  });
  afterEach(() => http.close());
  return { server: () => server, http: () => http };
}

describe('no sessions at all', () => {
  const context = withServer({ brightData: 0, anchor: 0 });
  for (const provider of PROVIDERS) {
    it(`${PROVIDER_LABELS[provider]}: one request, nothing listed`, async () => {
      const client = clientFor(context.server(), provider, context.http());
      const result = await client.listAll({ pageSize: 50 });
      assert.deepEqual([result.sessions.length, result.total, result.requests], [0, 0, 1]);
      const page = await client.fetchPage({}, 0);
      assert.deepEqual([page.sessions.length, page.hasMore], [0, false]);
    });
  }
});

describe('exactly one full page', () => {
  const context = withServer({ brightData: 50, anchor: 50 });
  for (const provider of PROVIDERS) {
    it(`${PROVIDER_LABELS[provider]}: one request for 50 sessions at page size 50`, async () => {
      const result = await clientFor(context.server(), provider, context.http()).listAll({ pageSize: 50 });
      assert.deepEqual([result.sessions.length, result.total, result.requests], [50, 50, 1]);
    });
  }
});

describe('the default data set, with a partial last page', () => {
  const context = withServer({ brightData: 257, anchor: 145 });

  for (const [provider, pageSize, pages] of [
    ['brightData', 100, 3],
    ['brightData', 50, 6],
    ['anchor', 20, 8],
    ['anchor', 50, 3],
  ] as const) {
    it(`${PROVIDER_LABELS[provider]}: every session once at page size ${pageSize}, in ${pages} requests`, async () => {
      const result = await clientFor(context.server(), provider, context.http()).listAll({ pageSize });
      const ids = result.sessions.map((session) => session.id);
      assert.equal(new Set(ids).size, ids.length);
      assert.deepEqual([...ids].sort(), idsOf(context.server(), provider).sort());
      assert.equal(result.requests, pages);
      assert.equal(context.server().requests.length, pages);
    });
  }
});

describe('sessions that start while we list', () => {
  const context = withServer({ brightData: 257, anchor: 145 });

  // Page size 20 leaves room for only 3 (Bright Data) and 15 (Anchor) more on the last page, so 20
  // new sessions push originals past the page count the first page promised.
  for (const provider of PROVIDERS) {
    it(`${PROVIDER_LABELS[provider]}: no duplicates and no original lost`, async () => {
      const server = context.server();
      const originals = idsOf(server, provider);
      // Slow answers leave time to add sessions after page 0 was answered and before the others are.
      server.setFault(provider, { latencyMs: 80 });
      const listing = clientFor(server, provider, context.http()).listAll({ pageSize: 20 }, { concurrency: 4 });
      await until(() => server.requests.length >= 2);
      for (let i = 0; i < 20; i++) server.addSession(provider);
      const result = await listing;
      const ids = result.sessions.map((session) => session.id);
      assert.equal(new Set(ids).size, ids.length, 'no duplicates');
      const listed = new Set(ids);
      assert.deepEqual(originals.filter((id) => !listed.has(id)), [], 'no original lost');
      assert.equal(result.total, originals.length + 20);
      assert.equal(result.requests, Math.ceil(originals.length / 20) + 1, 'one trailing page');
    });
  }
});

describe('cancellation and rate limits', () => {
  const context = withServer({ brightData: 257, anchor: 145 });

  for (const provider of PROVIDERS) {
    const label = PROVIDER_LABELS[provider];

    it(`${label}: aborting mid-listing rejects with cancelled and sends nothing more`, async () => {
      const server = context.server();
      server.setFault(provider, { latencyMs: 60 });
      const controller = new AbortController();
      const sent = watchSentRequests(server.url);
      try {
        const listing = clientFor(server, provider, context.http()).listAll({ pageSize: 10 }, { concurrency: 2, signal: controller.signal });
        // Page 0 answered, pages 1 and 2 in flight (their answers are 60 ms away).
        await until(() => server.requests.length >= 3);
        controller.abort();
        await assert.rejects(listing, { kind: 'cancelled' });
        // Once closed, the client sends nothing more (a retry included): what it sent is final.
        await context.http().close();
        assert.equal(sent.paths.length, 3, `no request after the abort: ${sent.paths.join(', ')}`);
      } finally {
        sent.stop();
      }
    });

    it(`${label}: a persistent 429 on the first page ends the listing (Retry-After above the cap: no retry)`, async () => {
      const server = context.server();
      server.setFault(provider, { status: 429, retryAfterSeconds: 1 });
      await assert.rejects(clientFor(server, provider, context.http()).listAll({ pageSize: 10 }), { kind: 'rateLimited' });
      assert.equal(server.requests.length, 1);
    });

    it(`${label}: a 429 after the first page stops the listing from firing its other pages`, async () => {
      const server = context.server();
      server.setFault(provider, { latencyMs: 40, times: 1 });
      const sent = watchSentRequests(server.url);
      try {
        const listing = clientFor(server, provider, context.http()).listAll({ pageSize: 10 }, { concurrency: 4 });
        await until(() => server.requests.length >= 1);
        server.setFault(provider, { status: 429, retryAfterSeconds: 1 });
        await assert.rejects(listing, { kind: 'rateLimited' });
        await context.http().close();
        const pages = Math.ceil(idsOf(server, provider).length / 10);
        // Page 0, then the four pages in flight; Retry-After (1 s) is above the client's cap, so
        // none of them retries, and the gate refuses every page asked for after the first 429.
        assert.ok(sent.paths.length <= 1 + 4, `sent ${sent.paths.length}`);
        assert.ok(sent.paths.length < pages);
      } finally {
        sent.stop();
      }
    });
  }
});

describe('tolerant parsing of what the server really sends', () => {
  const context = withServer({ brightData: 5, anchor: 5 });

  it('Bright Data: a record with nulls and wrong types stays, those fields undefined', async () => {
    const server = context.server();
    const broken = { api_name: null, target_url: 5, navigations: '4', duration: 'long', bandwidth: null, captcha: null, error: 'boom' };
    const id = server.addSession('brightData', broken as unknown as Partial<BrightDataRecord>);
    const page = await clientFor(server, 'brightData', context.http()).fetchPage({}, 0);
    const session = page.sessions.find((candidate) => candidate.id === id);
    assert.ok(session);
    assert.deepEqual(
      [session.zone, session.targetUrl, session.steps, session.durationSeconds, session.bytes, session.captcha, session.errorMessage],
      [undefined, undefined, undefined, undefined, undefined, undefined, 'boom'],
    );
    assert.equal(page.sessions.length, 6);
  });

  it('Bright Data: a record without an id is kept under a synthetic id', async () => {
    const server = context.server();
    server.addSession('brightData', { session_id: null } as unknown as Partial<BrightDataRecord>);
    const { sessions } = await clientFor(server, 'brightData', context.http()).listAll({});
    const synthetic = sessions.filter((session) => session.id.startsWith(SYNTHETIC_ID_PREFIX));
    assert.equal(synthetic.length, 1);
    assert.equal((synthetic[0]?.raw as { session_id: unknown }).session_id, null);
  });

  it('Anchor: a record with nulls and wrong types stays, those fields undefined', async () => {
    const server = context.server();
    const broken = { tags: null, domains: ['ok.example', 3], used_credits: '2', steps: null, proxy_bytes: {}, proxy_type: 7 };
    const id = server.addSession('anchor', broken as unknown as Partial<AnchorRecord>);
    const page = await clientFor(server, 'anchor', context.http()).fetchPage({}, 0);
    const session = page.sessions.find((candidate) => candidate.id === id);
    assert.ok(session);
    assert.deepEqual(
      [session.tags, session.domains, session.credits, session.steps, session.bytes, session.proxyType, session.statusKind],
      [[], ['ok.example'], undefined, undefined, undefined, undefined, 'running'],
    );
  });
});
