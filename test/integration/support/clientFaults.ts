// Every fault the contract server can produce, against one client: the error kind, how many
// requests it took (retries), and that no message or log entry carries the key. Shared by the
// per-provider client tests so each provider gets the same list.
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
} from '../../../src/providers/index';
import { startContractServer, type ContractServer, type Fault } from '../../server';

export interface FaultSuite {
  readonly provider: ProviderId;
  /** The definition's path below the base URL, e.g. "v1/sessions". */
  readonly path: string;
  /** "GET /steel/v1/sessions": the endpoint as errors name it (the base URL's prefix included). */
  readonly endpoint: string;
  /** A query the strict server refuses with 400, and the start of its message. */
  readonly badQuery: SessionQuery;
  readonly badQueryMessage: RegExp;
}

export function describeClientFaults(suite: FaultSuite): void {
  const { provider } = suite;
  const key = `test-key-${provider.toLowerCase()}`;
  const wrongKey = 'wrong-key-0123456789';
  const label = PROVIDER_LABELS[provider];
  let server: ContractServer;
  const httpClients: HttpClient[] = [];
  const logEntries: RequestLogEntry[] = [];
  const messages: string[] = [];

  before(async () => {
    server = await startContractServer({ counts: { [provider]: 30 } });
  });

  after(async () => {
    await Promise.all(httpClients.map((http) => http.close()));
    await server.close();
  });

  beforeEach(() => {
    server.clearFaults();
    server.resetRequests();
  });

  function clientFor(overrides: Partial<HttpSettings> = {}, apiKey = key): ProviderClient & { readonly http: HttpClient } {
    const http = new HttpClient({
      timeoutMs: 2000,
      retryBaseDelayMs: 5,
      maxRetryAfterSeconds: 0.05,
      log: (entry) => logEntries.push(entry),
      ...overrides,
    });
    httpClients.push(http);
    return Object.assign(createProviderClient(provider, { baseUrl: server.urlFor(provider), apiKey, http }), { http });
  }

  async function failure(client: ProviderClient, kind: ProviderErrorKind, query: SessionQuery = { pageSize: 10 }): Promise<ProviderError> {
    try {
      await client.fetchPage(query, 0);
    } catch (error) {
      assert.ok(error instanceof ProviderError, String(error));
      messages.push(error.message);
      assert.equal(error.kind, kind, error.message);
      assert.equal(error.details.provider, provider);
      assert.equal(error.details.endpoint, suite.endpoint);
      assert.ok(error.message.includes(label), error.message);
      return error;
    }
    assert.fail(`expected a ${kind} error`);
  }

  const requestCount = (): number => server.requests.filter((request) => request.provider === provider).length;

  describe(`${label}: faults`, () => {
    it('a wrong key is an auth error that tells how to fix it and does not quote the key', async () => {
      const error = await failure(clientFor({}, wrongKey), 'auth');
      assert.equal(error.details.status, 401);
      assert.match(error.message, /Set API Key/);
      assert.ok(!error.message.includes(wrongKey));
      assert.equal(requestCount(), 1);
    });

    for (const status of [401, 403] as const) {
      it(`${status} is auth, not retried`, async () => {
        server.setFault(provider, { status });
        const error = await failure(clientFor(), 'auth');
        assert.equal(error.details.status, status);
        assert.equal(requestCount(), 1);
      });
    }

    it('404 is notFound', async () => {
      server.setFault(provider, { status: 404 });
      await failure(clientFor(), 'notFound');
      assert.equal(requestCount(), 1);
    });

    it('a base URL with a wrong path prefix is notFound, naming the prefixed endpoint', async () => {
      const client = createProviderClient(provider, { baseUrl: `${server.url}/nope/`, apiKey: key, http: clientFor().http });
      await assert.rejects(client.fetchPage({}, 0), (error: unknown) => {
        assert.ok(error instanceof ProviderError);
        assert.equal(error.kind, 'notFound');
        assert.equal(error.details.endpoint, `GET /nope/${suite.path}`);
        return true;
      });
    });

    it('the wait for Retry-After ends when the caller aborts', async () => {
      server.setFault(provider, { status: 429, retryAfterSeconds: 30 });
      const client = clientFor({ maxRetryAfterSeconds: 30 });
      const controller = new AbortController();
      const pending = client.fetchPage({}, 0, controller.signal);
      while (requestCount() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      // The 429 has been answered: the client is now waiting out Retry-After.
      await server.settled();
      controller.abort();
      await assert.rejects(pending, { kind: 'cancelled' });
      assert.equal(requestCount(), 1);
    });

    it('a 429 waits for Retry-After once, then succeeds', async () => {
      server.setFault(provider, { status: 429, retryAfterSeconds: 1, times: 1 });
      const page = await clientFor({ maxRetryAfterSeconds: 1 }).fetchPage({ pageSize: 10 }, 0);
      assert.equal(page.sessions.length, 10);
      assert.equal(requestCount(), 2);
    });

    it('a 429 whose Retry-After is above the cap fails at once, with the server’s Retry-After', async () => {
      server.setFault(provider, { status: 429, retryAfterSeconds: 7 });
      const before = Date.now();
      const error = await failure(clientFor(), 'rateLimited');
      assert.equal(error.details.retryAfterSeconds, 7);
      assert.ok((error.details.retryAt ?? 0) >= before + 7000, 'the gate stays closed for the whole Retry-After');
      assert.equal(requestCount(), 1);
    });

    it('a 429 without Retry-After still retries once', async () => {
      server.setFault(provider, { status: 429 });
      const error = await failure(clientFor(), 'rateLimited');
      assert.equal(error.details.retryAfterSeconds, undefined);
      assert.equal(requestCount(), 2);
    });

    for (const status of [500, 502, 503] as const) {
      it(`${status} is retried twice, then fails as server`, async () => {
        server.setFault(provider, { status });
        const error = await failure(clientFor(), 'server');
        assert.equal(error.details.status, status);
        assert.equal(requestCount(), 3);
      });
    }

    it('a single 500 is retried away', async () => {
      server.setFault(provider, { status: 500, times: 1 });
      const page = await clientFor().fetchPage({ pageSize: 10 }, 0);
      assert.equal(page.sessions.length, 10);
      assert.equal(requestCount(), 2);
    });

    it('a connection reset is retried twice, then fails as network naming the origin', async () => {
      server.setFault(provider, { reset: true });
      const error = await failure(clientFor(), 'network');
      assert.ok(error.message.includes(`could not reach ${server.url}`), error.message);
      assert.equal(requestCount(), 3);
    });

    it('two connection resets are retried away', async () => {
      server.setFault(provider, { reset: true, times: 2 });
      const page = await clientFor().fetchPage({ pageSize: 10 }, 0);
      assert.equal(page.sessions.length, 10);
      assert.equal(requestCount(), 3);
    });

    it('a server that never answers is a timeout, not retried', async () => {
      server.setFault(provider, { hang: true });
      const error = await failure(clientFor({ timeoutMs: 100 }), 'timeout');
      assert.match(error.message, /within 100 ms/);
      assert.equal(requestCount(), 1);
    });

    const badBodies: [string, Fault, RegExp][] = [
      ['malformed JSON', { malformedJson: true }, /not valid JSON/],
      ['a truncated body', { truncated: true }, /cut off/],
      ['a body of the wrong shape', { wrongShape: true }, /not of the documented shape/],
    ];
    for (const [name, fault, pattern] of badBodies) {
      it(`${name} is badResponse, not retried`, async () => {
        server.setFault(provider, fault);
        const error = await failure(clientFor(), 'badResponse');
        assert.match(error.message, pattern);
        assert.ok(error.message.includes(suite.endpoint), error.message);
        assert.equal(requestCount(), 1);
      });
    }

    it('latency alone is only slower', async () => {
      server.setFault(provider, { latencyMs: 40 });
      const page = await clientFor().fetchPage({ pageSize: 10 }, 0);
      assert.equal(page.sessions.length, 10);
    });

    it('a 400 is badRequest, quoting the server’s short message, not retried', async () => {
      const error = await failure(clientFor(), 'badRequest', suite.badQuery);
      assert.equal(error.details.status, 400);
      assert.match(error.message, suite.badQueryMessage);
      assert.equal(requestCount(), 1);
    });

    it('no message nor log entry carries a key', () => {
      assert.ok(messages.length >= 15, `only ${messages.length} messages collected`);
      const everything = JSON.stringify([messages, logEntries]);
      for (const secret of [key, wrongKey]) assert.ok(!everything.includes(secret), secret);
    });
  });
}
