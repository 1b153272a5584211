// Trust in the HTTP layer, against purpose-built local servers: bodies without end, redirects,
// lying totals, 429 storms, proxies asking for credentials, and the connection-wide limits.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import {
  createProviderClient,
  HttpClient,
  ProviderError,
  type HttpSettings,
  type ProviderClient,
  type ProviderId,
  type RequestLogEntry,
} from '../../src/providers/index';
import { sendJson, startLocalServer, type LocalServer } from './support/localServer';
import { watchSentRequests } from './support/sentRequests';

const KEY = 'sk-test-transport-key';
let open: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(open.map((item) => item.close()));
  open = [];
});

async function serve(handler: Parameters<typeof startLocalServer>[0]): Promise<LocalServer> {
  const server = await startLocalServer(handler);
  open.push(server);
  return server;
}

function httpClient(settings: Partial<HttpSettings> = {}): HttpClient {
  const http = new HttpClient({ timeoutMs: 3000, retryBaseDelayMs: 1, ...settings });
  open.push(http);
  return http;
}

function clientOf(server: LocalServer, http: HttpClient, provider: ProviderId = 'brightData', apiKey = KEY): ProviderClient {
  return createProviderClient(provider, { baseUrl: server.url, apiKey, http });
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderError, `not a ProviderError: ${String(error)}`);
    return error;
  }
  return assert.fail('expected a failure');
}

function brightDataPage(ids: readonly string[], total: number, hasMore: boolean): unknown {
  return { sessions: ids.map((id) => ({ session_id: id, status: 'finished' })), total, pagination: { has_more: hasMore } };
}

describe('bodies are read up to a cap', () => {
  it('an endless body fails “answer too large” once past 8 MiB, without a retry', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const error = await failureOf(clientOf(server, httpClient()).fetchPage({}, 0));
    assert.equal(error.kind, 'badResponse');
    assert.equal(error.message, 'Bright Data sent an answer too large for GET /browser_sessions (over 8 MiB); it was not read.');
    assert.equal(server.received.length, 1);
  });

  it('a Content-Length above the cap is refused before reading', async () => {
    // Declares 100 MiB, sends a few bytes and stalls: reading would wait for the timeout.
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) });
      res.write('{"sessions":');
    });
    const error = await failureOf(clientOf(server, httpClient({ timeoutMs: 20_000 })).fetchPage({}, 0));
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /answer too large/);
    assert.equal(server.received.length, 1);
  });

  it('a caller may allow a larger body for one request, never a smaller default', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(9 * 1024 * 1024) });
    const server = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    const http = httpClient();
    const url = new URL('/big', server.url);
    await assert.rejects(http.getJson({ provider: 'anchor', url, headers: {}, secret: KEY }), /answer too large/);
    const value = (await http.getJson({ provider: 'anchor', url, headers: {}, secret: KEY, maxBodyBytes: 16 * 1024 * 1024 })) as { pad: string };
    assert.equal(value.pad.length, 9 * 1024 * 1024);
  });
});

describe('answers that cannot heal are not retried', () => {
  it('a 3xx is an unexpected redirect to its origin, never followed', async () => {
    const target = await serve((_req, res) => sendJson(res, 200, brightDataPage(['x'], 1, false)));
    const server = await serve((req, res) => {
      const location = req.url?.includes('offset=') ? `${target.url}/steal?key=${KEY}` : '/';
      res.writeHead(302, { location }).end();
    });
    const error = await failureOf(clientOf(server, httpClient()).fetchPage({}, 0));
    assert.equal(error.kind, 'badResponse');
    assert.equal(error.message, `Bright Data answered GET /browser_sessions with an unexpected redirect to ${target.url} (302); it was not followed.`);
    assert.equal(server.received.length, 1);
    assert.equal(target.received.length, 0);
  });

  for (const status of [400, 403, 404, 407, 409, 422]) {
    it(`a ${status} is sent once`, async () => {
      const server = await serve((_req, res) => sendJson(res, status, { error: 'no' }));
      await failureOf(clientOf(server, httpClient()).fetchPage({}, 0));
      assert.equal(server.received.length, 1);
    });
  }

  it('a 407 from the proxy is sent once and names the proxy', async () => {
    const proxied: string[] = [];
    const proxy = await serve((req, res) => {
      proxied.push(`${req.method} ${req.url}`);
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="corp"' }).end();
    });
    proxy.server.on('connect', (_req, socket: Socket) => {
      proxied.push('CONNECT');
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n');
    });
    const origin = await serve((_req, res) => sendJson(res, 200, brightDataPage([], 0, false)));
    const error = await failureOf(clientOf(origin, httpClient({ proxyUrl: proxy.url })).fetchPage({}, 0));
    assert.equal(error.kind, 'network');
    assert.match(error.message, /proxy asks for credentials \(407\)/);
    assert.equal(proxied.length, 1);
    assert.equal(origin.received.length, 0);
  });

  it('a key that cannot be put in a header is tried once, and the key is not quoted', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, brightDataPage([], 0, false)));
    const log: RequestLogEntry[] = [];
    const badKey = 'sk-line\nbreak';
    const error = await failureOf(clientOf(server, httpClient({ log: (entry) => log.push(entry) }), 'brightData', badKey).fetchPage({}, 0));
    assert.equal(error.kind, 'badRequest');
    assert.match(error.message, /could not be sent/);
    assert.ok(!error.message.includes('sk-line'), error.message);
    assert.equal(log.length, 1, 'one attempt');
    assert.equal(server.received.length, 0);
  });
});

describe('listings do not trust what the server says about paging', () => {
  /** Bright Data pages made by `page(offset)`. */
  function pagedServer(page: (offset: number) => unknown): Promise<LocalServer> {
    return serve((req, res) => {
      const offset = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('offset') ?? 0);
      sendJson(res, 200, page(offset));
    });
  }
  const tenIds = (prefix: string): string[] => Array.from({ length: 10 }, (_, i) => `${prefix}${i}`);

  it('has_more forever with the same ids stops when a page adds nothing', { timeout: 10_000 }, async () => {
    const server = await pagedServer(() => brightDataPage(tenIds('same'), 30, true));
    const result = await clientOf(server, httpClient()).listAll({ pageSize: 10 });
    assert.equal(result.sessions.length, 10);
    assert.ok(result.requests <= 5, `${result.requests} requests`);
    assert.equal(server.received.length, result.requests);
  });

  it('has_more forever with new ids stops at the pages the total implies plus a margin', { timeout: 10_000 }, async () => {
    const server = await pagedServer((offset) => brightDataPage(tenIds(`at${offset}-`), 30, true));
    const result = await clientOf(server, httpClient()).listAll({ pageSize: 10 });
    assert.equal(result.requests, 3 + 2);
    assert.equal(server.received.length, 5);
  });

  for (const total of [-5, 1.5, 1e15]) {
    it(`a total of ${total} is a bad response`, { timeout: 10_000 }, async () => {
      const server = await pagedServer((offset) => brightDataPage(tenIds(`at${offset}-`), total, true));
      const error = await failureOf(clientOf(server, httpClient()).listAll({ pageSize: 10 }));
      assert.equal(error.kind, 'badResponse');
      assert.match(error.message, /“total”/);
      assert.equal(server.received.length, 1);
    });
  }

  it('Anchor: total_pages 1e9 over a billion sessions of the same ids allocates nothing and stops', { timeout: 10_000 }, async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { data: { sessions: tenIds('a').map((id) => ({ id })), total: 1e9, page: 1, total_pages: 1e9 } }),
    );
    const result = await clientOf(server, httpClient(), 'anchor').listAll({ pageSize: 10 }, { concurrency: 4 });
    assert.equal(result.sessions.length, 10);
    // The first page, then the pool until more than `concurrency` pages in a row added nothing.
    assert.ok(result.requests <= 1 + 4 + 4, `${result.requests} requests`);
  });
});

describe('one concurrency limit per connection', () => {
  it('never more than 4 requests in flight, across listings and single pages', async () => {
    let inFlight = 0;
    let peak = 0;
    const server = await serve((req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      const offset = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('offset') ?? 0);
      setTimeout(() => {
        inFlight--;
        sendJson(res, 200, brightDataPage(Array.from({ length: 10 }, (_, i) => `s${offset + i}`), 200, offset + 10 < 200));
      }, 15);
    });
    const client = clientOf(server, httpClient());
    const results = await Promise.all([
      client.listAll({ pageSize: 10 }, { concurrency: 4 }),
      client.listAll({ pageSize: 10, status: 'running' }, { concurrency: 4 }),
      client.fetchPage({ pageSize: 10 }, 3),
      client.fetchPage({ pageSize: 10 }, 4),
      client.fetchPage({ pageSize: 10 }, 5),
    ]);
    assert.equal(results.length, 5);
    assert.equal(peak, 4);
    assert.equal(server.received.length, 20 + 20 + 3);
  });

  it('a 2xx frees its slot once its body is read: onBodyRead can send the next request before this one is parsed', async () => {
    let answers = 0;
    const server = await serve((_req, res) => {
      // The first answer is a 503: onBodyRead is for the answer that will be parsed, not for a retried one.
      if (answers++ === 0) sendJson(res, 503, { error: 'busy' });
      else sendJson(res, 200, { ok: answers });
    });
    const http = httpClient({ maxConcurrentRequests: 1 });
    const sent = watchSentRequests(server.url);
    const order: string[] = [];
    try {
      let second: Promise<unknown> | undefined;
      let bodyReads = 0;
      const get = (path: string, onBodyRead?: () => void): Promise<unknown> =>
        http.getJson({ provider: 'brightData', url: new URL(path, server.url), headers: {}, secret: KEY, onBodyRead });
      const first = get('/first', () => {
        bodyReads++;
        order.push(`answered after ${sent.paths.join(' ')}`);
        second = get('/second');
      }).then((value) => {
        order.push(`parsed after ${sent.paths.join(' ')}`);
        return value;
      });
      assert.deepEqual(await first, { ok: 2 });
      assert.deepEqual(await second, { ok: 3 });
      assert.equal(bodyReads, 1);
      assert.deepEqual(order, ['answered after /first /first', 'parsed after /first /first /second']);
    } finally {
      sent.stop();
    }
  });
});

describe('closing a client', () => {
  it('close() waits for the request in flight; nothing waiting for a slot or a retry is sent after it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = await serve((req, res) => {
      if (req.url?.startsWith('/busy')) sendJson(res, 503, { error: 'busy' });
      else void held.then(() => sendJson(res, 200, { ok: true }));
    });
    const http = httpClient({ maxConcurrentRequests: 2, retryBaseDelayMs: 50 });
    const sent = watchSentRequests(server.url);
    try {
      const get = (path: string): Promise<unknown> =>
        http.getJson({ provider: 'brightData', url: new URL(path, server.url), headers: {}, secret: KEY });
      const inFlight = get('/held');
      const retrying = failureOf(get('/busy'));
      const queued = failureOf(get('/queued'));
      // Both slots taken; the 503 is answered, its retry waits out the backoff, /queued waits for a slot.
      while (server.received.length < 2) await new Promise((resolve) => setImmediate(resolve));
      let closed = false;
      const closing = http.close().then(() => (closed = true));
      release();
      assert.deepEqual(await inFlight, { ok: true });
      await closing;
      assert.ok(closed);
      assert.equal((await retrying).kind, 'cancelled');
      assert.equal((await queued).kind, 'cancelled');
      assert.deepEqual([...sent.paths].sort(), ['/busy', '/held']);
    } finally {
      sent.stop();
    }
  });
});

describe('the rate-limit gate', () => {
  function always429(retryAfter: string, onRequest: () => void = () => {}): Promise<LocalServer> {
    return serve((_req, res: ServerResponse) => {
      onRequest();
      sendJson(res, 429, { error: 'slow down' }, { 'retry-after': retryAfter });
    });
  }

  it('a Retry-After above the cap fails at once; until it has passed nothing is sent', async () => {
    const server = await always429('3600');
    const http = httpClient();
    const client = clientOf(server, http);
    const before = Date.now();
    const first = await failureOf(client.fetchPage({}, 0));
    assert.equal(first.kind, 'rateLimited');
    assert.equal(server.received.length, 1, 'no retry');
    assert.ok((first.details.retryAt ?? 0) >= before + 3_600_000);
    assert.equal(http.rateLimitedUntil(), first.details.retryAt);
    const refused = await Promise.all([failureOf(client.fetchPage({}, 0)), failureOf(client.listAll({}))]);
    for (const error of refused) {
      assert.equal(error.kind, 'rateLimited');
      assert.equal(error.details.retryAt, first.details.retryAt);
      assert.match(error.message, /was not sent/);
    }
    assert.equal(server.received.length, 1, 'refused without a request');
  });

  // The windows below pass on a clock the test moves (HttpSettings.now), never in real seconds. With
  // a cap of 0 no request waits out a Retry-After on a real timer; the request that got the 429
  // being the reserved probe is RateLimitGate's own test (test/unit/providers.gate.test.ts).

  it('a storm of 429s: at most one request per Retry-After window, whatever the callers do', async () => {
    let clock = Date.now();
    const events: string[] = [];
    let sentWhileClosed = 0;
    const http = httpClient({ now: () => clock, maxRetryAfterSeconds: 0 });
    const server = await serve((_req, res) => {
      if (http.rateLimitedUntil() !== undefined) sentWhileClosed++;
      events.push('in');
      res.on('finish', () => events.push('out'));
      // Answered a little later, so that the other callers of a burst ask while the probe is out.
      setTimeout(() => sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '1' }), 20);
    });
    const client = clientOf(server, http);
    // Refresh, Load more, a listing and Find, all at once.
    const burst = (): Promise<ProviderError[]> =>
      Promise.all([
        failureOf(client.fetchPage({ pageSize: 10 }, 0)),
        failureOf(client.fetchPage({ pageSize: 10 }, 1)),
        failureOf(client.listAll({ pageSize: 10 })),
        failureOf(client.fetchPage({ pageSize: 10, status: 'failed' }, 0)),
      ]);
    // The storm begins: the first 429 closes the gate (requests already in flight before it could
    // not have known; here there are none).
    assert.equal((await failureOf(client.fetchPage({ pageSize: 10 }, 0))).kind, 'rateLimited');
    for (let window = 1; window <= 3; window++) {
      const refused = await burst();
      assert.ok(refused.every((error) => error.kind === 'rateLimited' && /was not sent/.test(error.message)));
      assert.equal(server.received.length, window, `window ${window}: nothing sent while the gate is closed`);
      const until = http.rateLimitedUntil();
      assert.ok(until !== undefined);
      clock = until;
      // The window has passed: one caller probes, the others wait for its answer, another 429.
      const probed = await burst();
      assert.ok(probed.every((error) => error.kind === 'rateLimited'));
      assert.equal(probed.filter((error) => /was not sent/.test(error.message)).length, probed.length - 1, 'one probe');
      assert.equal(server.received.length, window + 1, `window ${window}: one request`);
    }
    assert.equal(sentWhileClosed, 0, 'nothing sent while the gate was closed');
    // Every answer was a 429 that closed the gate: a strict in/out alternation means one request per window.
    assert.equal(events.join(','), Array.from({ length: server.received.length }, () => 'in,out').join(','));
  });

  it('after the window one probe goes; its good answer opens the gate for everyone', async () => {
    let limited = true;
    const server = await serve((_req, res) => {
      if (limited) sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '1' });
      else sendJson(res, 200, brightDataPage(['a'], 1, false));
    });
    let clock = Date.now();
    const http = httpClient({ maxRetryAfterSeconds: 0, now: () => clock });
    const client = clientOf(server, http);
    await failureOf(client.fetchPage({}, 0));
    const until = http.rateLimitedUntil();
    assert.ok(until !== undefined);
    limited = false;
    clock = until - 1;
    assert.equal((await failureOf(client.fetchPage({}, 0))).kind, 'rateLimited', 'closed until the last millisecond');
    clock = until;
    assert.equal(http.rateLimitedUntil(), undefined);
    const pages = await Promise.all(Array.from({ length: 6 }, () => client.fetchPage({}, 0)));
    assert.equal(pages.length, 6);
    assert.equal(server.received.length, 1 + 6);
  });

  it('after the window, callers wait for the probe; a 429 to the probe refuses them all', async () => {
    const server = await always429('1');
    let clock = Date.now();
    const http = httpClient({ maxRetryAfterSeconds: 0, now: () => clock });
    const client = clientOf(server, http);
    await failureOf(client.fetchPage({}, 0));
    clock = http.rateLimitedUntil() ?? assert.fail('the gate should be closed');
    const errors = await Promise.all(Array.from({ length: 6 }, () => failureOf(client.fetchPage({}, 0))));
    assert.ok(errors.every((error) => error.kind === 'rateLimited'));
    assert.equal(server.received.length, 2, 'one probe for six callers');
    assert.ok((http.rateLimitedUntil() ?? 0) >= clock + 1000, 'the probe’s 429 closed the gate for another window');
  });

  it('a client shared by two origins gates each on its own', async () => {
    const limited = await always429('3600');
    const fine = await serve((_req, res) => sendJson(res, 200, brightDataPage(['a'], 1, false)));
    const http = httpClient();
    await failureOf(clientOf(limited, http).fetchPage({}, 0));
    assert.ok(http.rateLimitedUntil() !== undefined);
    const page = await clientOf(fine, http).fetchPage({}, 0);
    assert.equal(page.sessions.length, 1);
    assert.equal(fine.received.length, 1);
  });
});
