// issue 9 §3: Download Recording… at the provider layer. Right bytes on disk; the size cap (declared
// and counted); cancel mid-way; no file (and no temporary file) under the chosen name after any
// failure; Anchor's 302 followed to another origin without the key (the file host answers 401 to a
// key, so a success proves it was not sent); a redirect to a non-http(s) URL refused; a link that
// has expired since the listing is fetched afresh.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { downloadToFile } from '../../src/providers/download';
import {
  createInspector,
  DEFINITIONS,
  HttpClient,
  type ProviderId,
  type RequestLogEntry,
  type SessionInspector,
} from '../../src/providers/index';
import { startContractServer, type ContractServer } from '../server';
import { recordingFile } from '../server/inspectData';
import { startLocalServer } from './support/localServer';
import { failure } from './support/failure';

let server: ContractServer;
let http: HttpClient;
let dir: string;

before(async () => {
  server = await startContractServer();
  http = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 1 });
});
after(async () => {
  await http.close();
  await server.close();
});
beforeEach(async () => {
  server.resetRequests();
  server.fileHost.requests.length = 0;
  server.fileHost.sendLength = true;
  dir = await mkdtemp(path.join(tmpdir(), 'inspect-download-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const logged: RequestLogEntry[] = [];

function inspector(provider: ProviderId): SessionInspector {
  return createInspector(DEFINITIONS[provider], {
    baseUrl: server.urlFor(provider),
    apiKey: `test-key-${provider.toLowerCase()}`,
    http,
    download: { timeoutMs: 5000, log: (entry) => logged.push(entry) },
    downloadToFile,
  });
}

function anchorRecorded(): string {
  const record = server.sessions('anchor').find((candidate) => /^[\w-]+$/.test(candidate.id) && candidate.status !== 'running' && candidate.recording);
  assert.ok(record);
  return record.id;
}

const files = (): Promise<string[]> => readdir(dir);

describe('Anchor: fetch → 302 → file host', () => {
  it('writes exactly the recording bytes; the key goes to the API and never to the file host', async () => {
    const id = anchorRecorded();
    const [recording] = await inspector('anchor').recordings(id);
    const target = path.join(dir, 'saved.mp4');
    const progress: number[] = [];
    const result = await inspector('anchor').downloadRecording(id, recording, target, { onProgress: (received) => progress.push(received) });
    const expected = recordingFile(`anchor/${id}/${recording.id}`);
    assert.equal(result.bytes, expected.length);
    assert.equal(recording.sizeBytes, expected.length);
    assert.ok((await readFile(target)).equals(expected));
    assert.deepEqual(await files(), ['saved.mp4']);
    assert.ok(progress.length > 1, 'progress in several steps');
    assert.equal(progress.at(-1), expected.length);
    const fetch = server.requests.find((request) => request.path.endsWith('/fetch'));
    assert.equal(fetch?.headers['anchor-api-key'], 'test-key-anchor');
    assert.equal(server.fileHost.keyReceived, 0);
    assert.deepEqual(server.fileHost.requests.map((request) => request.status), [200]);
    // The output channel sees both hops; the signed link only by its origin.
    const hops = logged.slice(-2);
    assert.deepEqual(
      hops.map((entry) => [entry.path, entry.status]),
      [
        [`/v1/sessions/${id}/recordings/${recording.id}/fetch`, 302],
        [`(recording link on ${server.fileHost.url})`, 200],
      ],
    );
  });

  it('the file host really refuses a key (so the test above would fail if one were sent)', async () => {
    const id = anchorRecorded();
    const [recording] = await inspector('anchor').recordings(id);
    const link = await fetch(`${server.urlFor('anchor')}/v1/sessions/${id}/recordings/${recording.id}/fetch`, {
      headers: { 'anchor-api-key': 'test-key-anchor' },
      redirect: 'manual',
    });
    const location = link.headers.get('location');
    assert.ok(location && new URL(location).origin !== new URL(server.url).origin, 'another origin');
    const error = await failure(
      downloadToFile({
        provider: 'anchor',
        url: new URL(location),
        authHeaders: { 'anchor-api-key': 'test-key-anchor' },
        // A client that (wrongly) treats the file host as the API's origin.
        authOrigin: new URL(location).origin,
        secret: 'test-key-anchor',
        destination: path.join(dir, 'x.mp4'),
        maxBytes: 10_000_000,
        settings: { timeoutMs: 5000 },
      }),
    );
    assert.equal(error.details.status, 401);
    assert.equal(server.fileHost.keyReceived, 1);
    assert.deepEqual(await files(), []);
  });

  it('over the cap by Content-Length: refused unread, no file', async () => {
    const id = anchorRecorded();
    const [recording] = await inspector('anchor').recordings(id);
    const error = await failure(inspector('anchor').downloadRecording(id, recording, path.join(dir, 'a.mp4'), { maxBytes: 1000 }));
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /too large/);
    assert.deepEqual(await files(), []);
  });

  it('over the cap while counting (no Content-Length): stopped, no file, an older file of that name untouched', async () => {
    server.fileHost.sendLength = false;
    const id = anchorRecorded();
    const [recording] = await inspector('anchor').recordings(id);
    const target = path.join(dir, 'a.mp4');
    await writeFile(target, 'older');
    const error = await failure(inspector('anchor').downloadRecording(id, recording, target, { maxBytes: 100_000 }));
    assert.match(error.message, /too large/);
    assert.deepEqual(await files(), ['a.mp4']);
    assert.equal(await readFile(target, 'utf8'), 'older');
  });

  it('cancelled mid-way: a cancelled error and no file', async () => {
    const id = anchorRecorded();
    const [recording] = await inspector('anchor').recordings(id);
    const controller = new AbortController();
    let chunks = 0;
    const error = await failure(
      inspector('anchor').downloadRecording(id, recording, path.join(dir, 'c.mp4'), {
        signal: controller.signal,
        onProgress: () => {
          if (++chunks === 1) controller.abort();
        },
      }),
    );
    assert.equal(error.kind, 'cancelled');
    assert.equal(chunks >= 1, true);
    assert.deepEqual(await files(), []);
  });
});

describe('Browserbase and Hyperbrowser: signed links fetched afresh', () => {
  it('Browserbase: a link expired since the listing does not matter, the download asks again', async () => {
    const record = server.sessions('browserbase').find((candidate) => /^[\w-]+$/.test(candidate.id) && candidate.status === 'COMPLETED');
    assert.ok(record);
    const recordings = await inspector('browserbase').recordings(record.id);
    const ready = recordings.find((recording) => recording.ready);
    assert.ok(ready);
    server.fileHost.expireAll();
    const target = path.join(dir, 'bb.mp4');
    await inspector('browserbase').downloadRecording(record.id, ready, target);
    assert.ok((await readFile(target)).equals(recordingFile(`browserbase/${record.id}/0`)));
    assert.equal(server.requests.filter((request) => request.path.endsWith('/recording/downloads')).length, 2);
    assert.equal(server.fileHost.keyReceived, 0);
  });

  it('Hyperbrowser: the web recording, from the URL the API gives now', async () => {
    const id = server.addSession('hyperbrowser', { status: 'closed', launchState: { enableWebRecording: true } });
    const [web] = await inspector('hyperbrowser').recordings(id);
    const target = path.join(dir, 'hb.json');
    await inspector('hyperbrowser').downloadRecording(id, web, target);
    assert.ok((await readFile(target)).equals(recordingFile(`hyperbrowser/${id}/web`)));
    assert.equal(server.fileHost.keyReceived, 0);
  });

  it('a recording no longer offered is a clear error, and nothing is written', async () => {
    const id = server.addSession('hyperbrowser', { status: 'closed', launchState: { enableWebRecording: true } });
    const error = await failure(
      inspector('hyperbrowser').downloadRecording(id, { id: 'video', label: 'Video (MP4)', ready: true, fileName: 'v.mp4' }, path.join(dir, 'v.mp4')),
    );
    assert.equal(error.kind, 'notFound');
    assert.deepEqual(await files(), []);
  });
});

describe('redirect rules', () => {
  const settings = { timeoutMs: 5000 };

  for (const location of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://127.0.0.1/x', 'http://example.com/recording.mp4']) {
    it(`refuses a redirect to ${location.split(':')[0]}${location.startsWith('http:') ? ' (plain http off this machine)' : ''}`, async () => {
      const local = await startLocalServer((_req, res) => res.writeHead(302, { Location: location }).end());
      try {
        const error = await failure(
          downloadToFile({
            provider: 'anchor',
            url: new URL(`${local.url}/fetch`),
            authHeaders: { 'anchor-api-key': 'k-0123456789' },
            authOrigin: local.url,
            secret: 'k-0123456789',
            destination: path.join(dir, 'r.mp4'),
            maxBytes: 1000,
            settings,
          }),
        );
        assert.equal(error.kind, 'badResponse');
        assert.match(error.message, /not followed/);
        assert.ok(!error.message.includes('passwd') && !error.message.includes('example.com'), 'the target is not quoted');
        assert.equal(local.received.length, 1);
        assert.deepEqual(await files(), []);
      } finally {
        await local.close();
      }
    });
  }

  it('stops after five redirects', async () => {
    const local = await startLocalServer((req, res) => res.writeHead(302, { Location: `${req.url ?? '/'}x` }).end());
    try {
      const error = await failure(
        downloadToFile({
          provider: 'anchor',
          url: new URL(`${local.url}/a`),
          authHeaders: {},
          authOrigin: local.url,
          secret: 'k-0123456789',
          destination: path.join(dir, 'r.mp4'),
          maxBytes: 1000,
          settings,
        }),
      );
      assert.match(error.message, /too many redirects/);
      assert.equal(local.received.length, 6);
    } finally {
      await local.close();
    }
  });

  it('once a redirect leaves the API origin, the key never comes back, even to the API', async () => {
    const api = await startLocalServer((req, res) => {
      if (req.url === '/start') res.writeHead(302, { Location: `${other.url}/bounce` }).end();
      else res.writeHead(200, { 'Content-Length': 2 }).end('ok');
    });
    const other = await startLocalServer((_req, res) => res.writeHead(302, { Location: `${api.url}/file` }).end());
    try {
      await downloadToFile({
        provider: 'anchor',
        url: new URL(`${api.url}/start`),
        authHeaders: { 'anchor-api-key': 'k-0123456789' },
        authOrigin: api.url,
        secret: 'k-0123456789',
        destination: path.join(dir, 'ok.bin'),
        maxBytes: 1000,
        settings,
      });
      assert.deepEqual(
        [...api.received, ...other.received].map((req) => [req.url, req.headers['anchor-api-key'] ?? null]),
        [
          ['/start', 'k-0123456789'],
          ['/file', null],
          ['/bounce', null],
        ],
      );
      assert.equal(await readFile(path.join(dir, 'ok.bin'), 'utf8'), 'ok');
    } finally {
      await api.close();
      await other.close();
    }
  });

  it('a body cut off before its Content-Length: an error and no file', async () => {
    const local = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': 100_000 });
      res.write(Buffer.alloc(10_000), () => res.socket?.destroy());
    });
    try {
      const error = await failure(
        downloadToFile({
          provider: 'anchor',
          url: new URL(`${local.url}/f`),
          authHeaders: {},
          authOrigin: local.url,
          secret: 'k-0123456789',
          destination: path.join(dir, 'cut.mp4'),
          maxBytes: 1_000_000,
          settings,
        }),
      );
      assert.ok(['badResponse', 'network'].includes(error.kind), error.kind);
      assert.deepEqual(await files(), []);
    } finally {
      await local.close();
    }
  });
});
