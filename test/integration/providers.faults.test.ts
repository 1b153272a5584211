// Every fault the contract server can produce, for both clients: the error kind, how many requests
// it took (retries), and that neither messages nor log entries ever carry the key.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createProviderClient,
  HttpClient,
  PROVIDER_LABELS,
  ProviderError,
  type HttpSettings,
  type ProviderClient,
  type ProviderErrorKind,
  type ProviderId,
  type RequestLogEntry,
  type SessionQuery,
} from '../../src/providers/index';
import { startContractServer, type ContractServer, type Fault } from '../server';

const KEYS = { brightData: 'test-key-brightdata', anchor: 'test-key-anchor' } as Record<ProviderId, string>;
const ENDPOINTS = { brightData: 'GET /browser_sessions', anchor: 'GET /v1/sessions' } as Record<ProviderId, string>;
const PROVIDERS: readonly ProviderId[] = ['brightData', 'anchor'];

let server: ContractServer;
const httpClients: HttpClient[] = [];
const logEntries: RequestLogEntry[] = [];
const messages: string[] = [];

before(async () => {
  server = await startContractServer({ counts: { brightData: 30, anchor: 30 } });
});

after(async () => {
  await Promise.all(httpClients.map((http) => http.close()));
  await server.close();
});

beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});

function clientFor(provider: ProviderId, overrides: Partial<HttpSettings> = {}, apiKey = KEYS[provider]): ProviderClient {
  const http = new HttpClient({
    timeoutMs: 2000,
    retryBaseDelayMs: 5,
    maxRetryAfterSeconds: 0.05,
    log: (entry) => logEntries.push(entry),
    ...overrides,
  });
  httpClients.push(http);
  const baseUrl = provider === 'brightData' ? server.brightDataUrl : server.anchorUrl;
  return createProviderClient(provider, { baseUrl, apiKey, http });
}

/** The error a first page fails with, checked for kind, provider and endpoint. */
async function failure(client: ProviderClient, kind: ProviderErrorKind, query: SessionQuery = { pageSize: 10 }): Promise<ProviderError> {
  try {
    await client.fetchPage(query, 0);
  } catch (error) {
    assert.ok(error instanceof ProviderError, String(error));
    messages.push(error.message);
    assert.equal(error.kind, kind, error.message);
    assert.equal(error.details.provider, client.id);
    assert.equal(error.details.endpoint, ENDPOINTS[client.id]);
    assert.ok(error.message.includes(PROVIDER_LABELS[client.id]), error.message);
    return error;
  }
  assert.fail(`expected a ${kind} error`);
}

function requestCount(provider: ProviderId): number {
  return server.requests.filter((request) => request.provider === provider).length;
}

for (const provider of PROVIDERS) {
  const label = PROVIDER_LABELS[provider];

  describe(`${label}: faults`, () => {
    it('a wrong key is an auth error that tells how to fix it and does not quote the key', async () => {
      const wrongKey = 'wrong-key-0123456789';
      const error = await failure(clientFor(provider, {}, wrongKey), 'auth');
      assert.equal(error.details.status, 401);
      assert.match(error.message, /Set API Key/);
      assert.ok(!error.message.includes(wrongKey));
      assert.equal(requestCount(provider), 1);
    });

    for (const status of [401, 403] as const) {
      it(`${status} is auth, not retried`, async () => {
        server.setFault(provider, { status });
        const error = await failure(clientFor(provider), 'auth');
        assert.equal(error.details.status, status);
        assert.equal(requestCount(provider), 1);
      });
    }

    it('404 is notFound', async () => {
      server.setFault(provider, { status: 404 });
      await failure(clientFor(provider), 'notFound');
      assert.equal(requestCount(provider), 1);
    });

    it('a base URL with a wrong path prefix is notFound, naming the prefixed endpoint', async () => {
      const http = new HttpClient({ timeoutMs: 2000 });
      httpClients.push(http);
      const client = createProviderClient(provider, { baseUrl: `${server.url}/nope/`, apiKey: KEYS[provider], http });
      await assert.rejects(client.fetchPage({}, 0), (error: unknown) => {
        assert.ok(error instanceof ProviderError);
        assert.equal(error.kind, 'notFound');
        assert.equal(error.details.endpoint, `GET /nope${ENDPOINTS[provider].slice('GET '.length)}`);
        return true;
      });
    });

    it('a 429 waits for Retry-After once, then succeeds', async () => {
      server.setFault(provider, { status: 429, retryAfterSeconds: 1, times: 1 });
      const page = await clientFor(provider, { maxRetryAfterSeconds: 1 }).fetchPage({ pageSize: 10 }, 0);
      assert.equal(page.sessions.length, 10);
      assert.equal(requestCount(provider), 2);
    });

    it('a 429 whose Retry-After is above the cap fails at once, with the server’s Retry-After', async () => {
      server.setFault(provider, { status: 429, retryAfterSeconds: 7 });
      const before = Date.now();
      const error = await failure(clientFor(provider), 'rateLimited');
      assert.equal(error.details.retryAfterSeconds, 7);
      assert.ok((error.details.retryAt ?? 0) >= before + 7000, 'the gate stays closed for the whole Retry-After');
      assert.equal(requestCount(provider), 1);
    });

    it('a 429 without Retry-After still retries once', async () => {
      server.setFault(provider, { status: 429 });
      const error = await failure(clientFor(provider), 'rateLimited');
      assert.equal(error.details.retryAfterSeconds, undefined);
      assert.equal(requestCount(provider), 2);
    });

    it('the wait for Retry-After ends when the caller aborts', async () => {
      server.setFault(provider, { status: 429, retryAfterSeconds: 30 });
      const client = clientFor(provider, { maxRetryAfterSeconds: 30 });
      const controller = new AbortController();
      const pending = client.fetchPage({}, 0, controller.signal);
      while (requestCount(provider) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      // The 429 has been answered: the client is now waiting out Retry-After.
      await server.settled();
      controller.abort();
      await assert.rejects(pending, { kind: 'cancelled' });
      assert.equal(requestCount(provider), 1);
    });

    for (const status of [500, 502, 503] as const) {
      it(`${status} is retried twice, then fails as server`, async () => {
        server.setFault(provider, { status });
        const error = await failure(clientFor(provider), 'server');
        assert.equal(error.details.status, status);
        assert.equal(requestCount(provider), 3);
      });
    }

    it('a single 500 is retried away', async () => {
      server.setFault(provider, { status: 500, times: 1 });
      const page = await clientFor(provider).fetchPage({ pageSize: 10 }, 0);
      assert.equal(page.sessions.length, 10);
      assert.equal(requestCount(provider), 2);
    });

    it('a connection reset is retried twice, then fails as network naming the origin', async () => {
      server.setFault(provider, { reset: true });
      const error = await failure(clientFor(provider), 'network');
      assert.match(error.message, new RegExp(`could not reach ${server.url.replace(/[.]/g, '\\.')}`));
      assert.equal(requestCount(provider), 3);
    });

    it('two connection resets are retried away', async () => {
      server.setFault(provider, { reset: true, times: 2 });
      const page = await clientFor(provider).fetchPage({ pageSize: 10 }, 0);
      assert.equal(page.sessions.length, 10);
      assert.equal(requestCount(provider), 3);
    });

    it('a server that never answers is a timeout, not retried', async () => {
      server.setFault(provider, { hang: true });
      const error = await failure(clientFor(provider, { timeoutMs: 100 }), 'timeout');
      assert.match(error.message, /within 100 ms/);
      assert.equal(requestCount(provider), 1);
    });

    const badBodies: [string, Fault, RegExp][] = [
      ['malformed JSON', { malformedJson: true }, /not valid JSON/],
      ['a truncated body', { truncated: true }, /cut off/],
      ['a body of the wrong shape', { wrongShape: true }, /not of the documented shape/],
    ];
    for (const [name, fault, pattern] of badBodies) {
      it(`${name} is badResponse, not retried`, async () => {
        server.setFault(provider, fault);
        const error = await failure(clientFor(provider), 'badResponse');
        assert.match(error.message, pattern);
        assert.ok(error.message.includes(ENDPOINTS[provider]), error.message);
        assert.equal(requestCount(provider), 1);
      });
    }

    it('latency alone is only slower', async () => {
      server.setFault(provider, { latencyMs: 40 });
      const page = await clientFor(provider).fetchPage({ pageSize: 10 }, 0);
      assert.equal(page.sessions.length, 10);
    });

    it('a 400 is badRequest, quoting the server’s short message, not retried', async () => {
      // The date filter is passed through as given; the strict server refuses anything but RFC 3339.
      const error = await failure(clientFor(provider), 'badRequest', { from: 'yesterday' });
      assert.equal(error.details.status, 400);
      assert.match(error.message, /rejected the request \(400 on GET [^)]+\): Query parameter "(start_date|created_from)" must be/);
      assert.equal(requestCount(provider), 1);
    });
  });
}

describe('every message and log entry', () => {
  it('logs one entry per attempt, with path, status, attempt and error kind', async () => {
    logEntries.length = 0;
    server.setFault('brightData', { status: 503, times: 1 });
    await clientFor('brightData').fetchPage({ pageSize: 10 }, 1);
    assert.deepEqual(
      logEntries.map(({ provider, method, path, status, attempt, error }) => ({ provider, method, path, status, attempt, kind: error?.split(':')[0] })),
      [
        { provider: 'brightData', method: 'GET', path: '/browser_sessions?limit=10&offset=10', status: 503, attempt: 1, kind: 'server' },
        { provider: 'brightData', method: 'GET', path: '/browser_sessions?limit=10&offset=10', status: 200, attempt: 2, kind: undefined },
      ],
    );
    assert.ok(logEntries.every((entry) => entry.ms >= 0));
  });

  it('never contain a key', () => {
    assert.ok(messages.length > 20);
    const everything = JSON.stringify([messages, logEntries]);
    for (const key of [...Object.values(KEYS), 'wrong-key-0123456789']) assert.ok(!everything.includes(key), key);
  });
});
