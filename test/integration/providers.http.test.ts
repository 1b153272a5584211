// HttpClient against small local servers of its own: one that echoes the key back in every error
// body, a forward/CONNECT proxy, and closed ports.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { HttpClient, ProviderError, createProviderClient, type HttpSettings, type RequestLogEntry } from '../../src/providers/index';
import { startContractServer, type ContractServer } from '../server';

const KEY = 'sk-live-Secret+Key/0123456789==';

interface Listening {
  readonly url: string;
  close(): Promise<void>;
}

async function listen(server: Server, sockets = new Set<Socket>()): Promise<Listening> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const listening = await listen(server);
  const { port } = server.address() as AddressInfo;
  await listening.close();
  return port;
}

function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  return promise.then(
    () => assert.fail('expected a ProviderError'),
    (error: unknown) => {
      assert.ok(error instanceof ProviderError, String(error));
      return error;
    },
  );
}

describe('key redaction, against a server that echoes the key', () => {
  let echo: Listening;
  const log: RequestLogEntry[] = [];
  let http: HttpClient;

  before(async () => {
    // Answers /<status>, quoting every header it got, the key among them.
    const server = createServer((req, res) => {
      const status = Number(req.url?.split('?')[0]?.slice(1)) || 200;
      const quoted = `you sent ${req.headers['authorization'] ?? ''} ${[req.headers['anchor-api-key'] ?? ''].flat().join(', ')}`;
      const headers = status === 429 ? { 'retry-after': '0' } : {};
      const body = status === 200 ? `<html>${quoted}</html>` : JSON.stringify({ error: quoted });
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
    });
    echo = await listen(server);
    http = new HttpClient({ timeoutMs: 2000, retryBaseDelayMs: 1, maxRetryAfterSeconds: 0, log: (entry) => log.push(entry) });
  });

  after(async () => {
    await http.close();
    await echo.close();
  });

  const cases: [number, string][] = [
    [400, 'badRequest'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'notFound'],
    [409, 'badRequest'],
    [429, 'rateLimited'],
    [500, 'server'],
    [200, 'badResponse'],
  ];
  for (const [status, kind] of cases) {
    for (const provider of ['brightData', 'anchor'] as const) {
      it(`${provider} ${status} → ${kind}, key nowhere in the message`, async () => {
        const headers: Record<string, string> = provider === 'brightData' ? { authorization: `Bearer ${KEY}` } : { 'anchor-api-key': KEY };
        const error = await failureOf(http.getJson({ provider, url: new URL(`/${status}?limit=5`, echo.url), headers, secret: KEY }));
        assert.equal(error.kind, kind);
        assert.ok(!error.message.includes(KEY), error.message);
        assert.ok(!error.message.includes('Secret'), error.message);
      });
    }
  }

  it('quotes a 4xx body with the key (and its Bearer prefix) replaced by •••', async () => {
    const error = await failureOf(
      http.getJson({ provider: 'brightData', url: new URL('/400', echo.url), headers: { authorization: `Bearer ${KEY}` }, secret: KEY }),
    );
    assert.equal(error.message, 'Bright Data rejected the request (400 on GET /400): you sent •••');
  });

  it('puts the key in no log entry either', () => {
    assert.ok(log.length >= cases.length * 2);
    assert.ok(!JSON.stringify(log).includes(KEY));
    assert.ok(log.some((entry) => entry.error?.includes('•••')));
  });
});

describe('connections', () => {
  let sockets: Set<Socket>;
  let origin: Listening;
  let connections: number;

  beforeEach(async () => {
    connections = 0;
    sockets = new Set();
    const server = createServer((_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), 20);
    });
    server.on('connection', () => connections++);
    origin = await listen(server, sockets);
  });

  afterEach(() => origin.close());

  it('keeps connections alive across sequential requests', async () => {
    const http = new HttpClient({ timeoutMs: 2000 });
    for (let i = 0; i < 10; i++) {
      assert.deepEqual(await http.getJson({ provider: 'anchor', url: new URL('/v1/sessions', origin.url), headers: {}, secret: KEY }), { ok: true });
    }
    await http.close();
    // undici's pool may open a second connection when the next request is dispatched before the
    // first connection has announced it is free again; after that both are reused.
    assert.ok(connections <= 2, `${connections} connections for 10 requests`);
  });

  it('opens as many connections to one origin as there are parallel requests', async () => {
    const http = new HttpClient({ timeoutMs: 2000 });
    const url = new URL('/v1/sessions', origin.url);
    await Promise.all(Array.from({ length: 4 }, () => http.getJson({ provider: 'anchor', url, headers: {}, secret: KEY })));
    await http.close();
    assert.equal(connections, 4);
  });

  it('cancels a request when the caller aborts, without retrying', async () => {
    const log: RequestLogEntry[] = [];
    const http = new HttpClient({ timeoutMs: 2000, log: (entry) => log.push(entry) });
    const controller = new AbortController();
    const pending = http.getJson({ provider: 'anchor', url: new URL('/v1/sessions', origin.url), headers: {}, signal: controller.signal, secret: KEY });
    setTimeout(() => controller.abort(), 5);
    const error = await failureOf(pending);
    await http.close();
    assert.equal(error.kind, 'cancelled');
    assert.equal(error.message, 'The request to Anchor (GET /v1/sessions) was cancelled.');
    assert.equal(log.length, 1);
  });
});

describe('a closed client', () => {
  it('cancels what is asked after close() instead of opening new connections', async () => {
    const http = new HttpClient({ timeoutMs: 2000 });
    await http.close();
    const error = await failureOf(http.getJson({ provider: 'brightData', url: new URL('http://127.0.0.1:9/browser_sessions'), headers: {}, secret: KEY }));
    assert.equal(error.kind, 'cancelled');
  });
});

describe('unreachable hosts', () => {
  it('a closed port is a network error naming the origin, after two retries', async () => {
    const port = await closedPort();
    const log: RequestLogEntry[] = [];
    const http = new HttpClient({ timeoutMs: 2000, retryBaseDelayMs: 1, log: (entry) => log.push(entry) });
    const client = createProviderClient('brightData', { baseUrl: `http://127.0.0.1:${port}`, apiKey: KEY, http });
    const error = await failureOf(client.fetchPage({}, 0));
    await http.close();
    assert.equal(error.kind, 'network');
    assert.equal(
      error.message,
      `Bright Data: could not reach http://127.0.0.1:${port} for GET /browser_sessions (connection refused).`,
    );
    assert.deepEqual(log.map((entry) => entry.attempt), [1, 2, 3]);
  });

  it('an invalid proxy URL is a network error that does not quote it', async () => {
    const http = new HttpClient({ timeoutMs: 2000, retryBaseDelayMs: 1, proxyUrl: 'http://user:hunter2@[not-a-host' });
    const error = await failureOf(http.getJson({ provider: 'anchor', url: new URL('http://127.0.0.1:9/v1/sessions'), headers: {}, secret: KEY }));
    await http.close();
    assert.equal(error.kind, 'network');
    assert.match(error.message, /proxy URL is not valid/);
    assert.ok(!error.message.includes('hunter2'));
  });
});

describe('proxy', () => {
  let contract: ContractServer;
  let proxy: Listening;
  let proxied: string[];

  before(async () => {
    contract = await startContractServer({ counts: { brightData: 10, anchor: 10 } });
    proxied = [];
    const server = createServer((req, res) => {
      // Forward proxy: the request line carries the absolute URL.
      proxied.push(`${req.method} ${req.url}`);
      const target = new URL(req.url ?? '');
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    server.on('connect', (req, socket: Socket, head: Buffer) => {
      proxied.push(`CONNECT ${req.url}`);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host ?? '', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket).pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    proxy = await listen(server);
  });

  after(async () => {
    await proxy.close();
    await contract.close();
  });

  beforeEach(() => {
    proxied.length = 0;
    contract.resetRequests();
  });

  async function fetchThrough(settings: Partial<HttpSettings>): Promise<number> {
    const http = new HttpClient({ timeoutMs: 2000, retryBaseDelayMs: 1, ...settings });
    const client = createProviderClient('anchor', { baseUrl: contract.anchorUrl, apiKey: 'test-key-anchor', http });
    try {
      const page = await client.fetchPage({ pageSize: 10 }, 0);
      return page.sessions.length;
    } finally {
      await http.close();
    }
  }

  it('sends requests through the proxy when proxyUrl is set', async () => {
    assert.equal(await fetchThrough({ proxyUrl: proxy.url }), 10);
    assert.equal(proxied.length, 1);
    assert.match(proxied[0] ?? '', new RegExp(`^GET ${contract.anchorUrl}/v1/sessions\\?page=1&limit=10&`));
    assert.equal(contract.requests[0]?.headers['anchor-api-key'], 'test-key-anchor');
  });

  for (const noProxy of ['127.0.0.1', 'example.com, 127.0.0.1', '*']) {
    it(`bypasses the proxy when NO_PROXY is "${noProxy}"`, async () => {
      assert.equal(await fetchThrough({ proxyUrl: proxy.url, noProxy }), 10);
      assert.deepEqual(proxied, []);
      assert.equal(contract.requests.length, 1);
    });
  }

  it('still uses the proxy when NO_PROXY names other hosts or another port', async () => {
    const port = new URL(contract.url).port;
    assert.equal(await fetchThrough({ proxyUrl: proxy.url, noProxy: `localhost,.example.com,127.0.0.1:${Number(port) + 1}` }), 10);
    assert.equal(proxied.length, 1);
  });

  it('takes proxy and NO_PROXY from its settings only, never from the environment', async () => {
    const saved = { HTTP_PROXY: process.env['HTTP_PROXY'], NO_PROXY: process.env['NO_PROXY'] };
    process.env['HTTP_PROXY'] = `http://127.0.0.1:${await closedPort()}`;
    process.env['NO_PROXY'] = '127.0.0.1';
    try {
      assert.equal(await fetchThrough({}), 10);
      assert.equal(await fetchThrough({ proxyUrl: proxy.url }), 10);
      assert.equal(proxied.length, 1);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('an unreachable proxy is a network error', async () => {
    const port = await closedPort();
    await assert.rejects(fetchThrough({ proxyUrl: `http://127.0.0.1:${port}` }), { kind: 'network' });
    assert.equal(contract.requests.length, 0);
  });
});
