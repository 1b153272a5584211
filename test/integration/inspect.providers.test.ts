// issue 9 §2–3, provider layer against the contract server: each provider's live view, open pages,
// recordings and logs, with auth, 404, faults, and the rule that neither the key nor a live URL
// ever appears in an error message or a log line.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createInspector,
  DEFINITIONS,
  HttpClient,
  SecretUrl,
  type ProviderId,
  type RequestLogEntry,
  type SessionInspector,
} from '../../src/providers/index';
import { downloadToFile } from '../../src/providers/download';
import { startContractServer, type ContractServer } from '../server';
import { seededPages } from '../server/inspectData';
import { failure } from './support/failure';

let server: ContractServer;
let http: HttpClient;
const logged: RequestLogEntry[] = [];

before(async () => {
  server = await startContractServer();
  http = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 1, log: (entry) => logged.push(entry) });
});
after(async () => {
  await http.close();
  await server.close();
});
beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});

function inspector(provider: ProviderId, key = `test-key-${provider.toLowerCase()}`): SessionInspector {
  return createInspector(DEFINITIONS[provider], { baseUrl: server.urlFor(provider), apiKey: key, http, download: { timeoutMs: 5000 }, downloadToFile });
}

/** A session of the default data with a plain id (the hostile fixtures have ids built to break paths). */
function sessionWhere<P extends ProviderId>(provider: P, test: (record: ReturnType<ContractServer['sessions']>[number]) => boolean): string {
  const record = server.sessions(provider).find((candidate) => /^[\w-]+$/.test((candidate as { id: string }).id) && test(candidate));
  assert.ok(record, `the data has a ${provider} session for this test`);
  return (record as { id: string }).id;
}

/** Nothing a person could see carries the key or a live token. */
function assertNoSecrets(text: string, key: string): void {
  assert.ok(!text.includes(key), `the key leaked: ${text}`);
  assert.ok(!text.includes('SECRET-'), `a live token leaked: ${text}`);
}

describe('Live view', () => {
  const cases: readonly { provider: ProviderId; running: (record: Record<string, unknown>) => boolean; path: RegExp }[] = [
    { provider: 'anchor', running: (r) => r['status'] === 'running', path: /\/v1\/sessions\/[^/]+\/pages$/ },
    { provider: 'browserbase', running: (r) => r['status'] === 'RUNNING', path: /\/browserbase\/v1\/sessions\/[^/]+\/debug$/ },
    { provider: 'steel', running: (r) => r['status'] === 'live', path: /\/steel\/v1\/sessions\/[^/]+\/live-details$/ },
    { provider: 'hyperbrowser', running: (r) => r['status'] === 'active', path: /\/hyperbrowser\/api\/session\/[^/]+$/ },
  ];
  for (const { provider, running, path } of cases) {
    it(`${provider}: fetched when asked, with the key, as a value that prints as a placeholder`, async () => {
      const id = sessionWhere(provider, (record) => running(record as unknown as Record<string, unknown>));
      const live = await inspector(provider).liveView(id);
      assert.ok(live instanceof SecretUrl);
      assert.match(live.reveal(), /^https:\/\/.*SECRET-/);
      assert.equal(String(live), '[live URL hidden]');
      assert.ok(!JSON.stringify({ live }).includes('SECRET-'));
      assert.equal(server.requests.length, 1);
      assert.match(server.requests[0].path, path);
      for (const header of Object.keys(DEFINITIONS[provider].authHeaders('k'))) {
        assert.ok(server.requests[0].headers[header.toLowerCase()] !== undefined, `sent ${header}`);
      }
      for (const entry of logged) assertNoSecrets(JSON.stringify(entry), 'test-key');
    });
  }

  it('Bright Data has none: asking is refused without a request', async () => {
    const error = await failure(inspector('brightData').liveView('any'));
    assert.equal(error.kind, 'config');
    assert.equal(server.requests.length, 0);
  });

  it('an id that is empty or only dots is refused before sending, so it cannot reach another endpoint', async () => {
    for (const [provider, id] of [
      ['browserbase', '..'],
      ['steel', '.'],
      ['hyperbrowser', ''],
      ['anchor', '...'],
    ] as const) {
      const error = await failure(provider === 'anchor' ? inspector(provider).pages(id) : inspector(provider).liveView(id));
      assert.equal(error.kind, 'badRequest', `${provider} ${JSON.stringify(id)}`);
    }
    assert.equal(server.requests.length, 0, 'nothing was sent');
  });

  it('an unknown session is a 404 (notFound)', async () => {
    const error = await failure(inspector('browserbase').liveView('no-such-session'));
    assert.equal(error.kind, 'notFound');
  });

  it('a wrong key is refused (auth) and the message carries neither key nor URL', async () => {
    const key = 'wrong-key-SECRET-0123456789';
    const id = sessionWhere('steel', (record) => (record as { status: string }).status === 'live');
    const error = await failure(inspector('steel', key).liveView(id));
    assert.equal(error.kind, 'auth');
    assertNoSecrets(error.message, key);
  });

  for (const [fault, kind] of [
    [{ status: 500 as const }, 'server'],
    [{ malformedJson: true }, 'badResponse'],
    [{ status: 429 as const, retryAfterSeconds: 60 }, 'rateLimited'],
  ] as const) {
    it(`a fault (${JSON.stringify(fault)}) is a ${kind} error without secrets`, async () => {
      const id = sessionWhere('hyperbrowser', (record) => (record as { status: string }).status === 'active');
      server.setFault('hyperbrowser', fault);
      const fresh = new HttpClient({ timeoutMs: 5000, retryBaseDelayMs: 1 });
      try {
        const live = createInspector(DEFINITIONS.hyperbrowser, {
          baseUrl: server.urlFor('hyperbrowser'),
          apiKey: 'test-key-hyperbrowser',
          http: fresh,
          download: { timeoutMs: 5000 },
          downloadToFile,
        });
        const error = await failure(live.liveView(id));
        assert.equal(error.kind, kind);
        assertNoSecrets(error.message, 'test-key-hyperbrowser');
      } finally {
        await fresh.close();
      }
    });
  }
});

describe('Open pages', () => {
  for (const [provider, status] of [
    ['anchor', 'running'],
    ['browserbase', 'RUNNING'],
    ['steel', 'live'],
  ] as const) {
    it(`${provider}: title and URL of each tab, as the server seeded them`, async () => {
      const id = sessionWhere(provider, (record) => (record as { status: string }).status === status);
      const pages = await inspector(provider).pages(id);
      assert.deepEqual(pages, seededPages(id).map(({ id: pageId, title, url }) => ({ id: pageId, title, url })));
      // The per-tab live URLs stay behind: a page is only what may be shown.
      assert.ok(!JSON.stringify(pages).includes('SECRET-'));
    });
  }

  it('a body not of the documented shape is badResponse, and names no secret', async () => {
    const id = sessionWhere('anchor', (record) => (record as { status: string }).status === 'running');
    server.setFault('anchor', { wrongShape: true, times: 1 });
    const error = await failure(inspector('anchor').pages(id));
    assert.equal(error.kind, 'badResponse');
    assertNoSecrets(error.message, 'test-key-anchor');
  });

  it('Anchor: an ended session has no pages', async () => {
    const id = sessionWhere('anchor', (record) => (record as { status: string }).status === 'completed');
    assert.deepEqual(await inspector('anchor').pages(id), []);
  });

  it('Hyperbrowser documents no tab list', async () => {
    assert.equal(inspector('hyperbrowser').endpoints.pages, false);
    assert.equal((await failure(inspector('hyperbrowser').pages('x'))).kind, 'config');
  });
});

describe('Recordings', () => {
  it('Anchor: id, size, date and the duration string as sent, for an ended recorded session', async () => {
    const id = sessionWhere('anchor', (record) => {
      const r = record as { status: string; recording: boolean };
      return r.status !== 'running' && r.recording;
    });
    const recordings = await inspector('anchor').recordings(id);
    assert.ok(recordings.length >= 1);
    const [primary] = recordings;
    assert.match(primary.label, /\(primary\)$/);
    assert.ok((primary.sizeBytes ?? 0) > 100_000);
    assert.match(primary.durationText ?? '', /^\d\d:\d\d:\d\d$/);
    assert.ok(primary.createdAt);
    assert.equal(primary.ready, true);
    assert.match(server.requests[0].path, /\/v1\/sessions\/[^/]+\/recordings$/);
  });

  it('Anchor: the documented 404 "Session recordings not found" is an empty list', async () => {
    const id = sessionWhere('anchor', (record) => (record as { recording: boolean }).recording === false);
    assert.deepEqual(await inspector('anchor').recordings(id), []);
  });

  it('Browserbase: completed downloads are ready, pending ones are listed but not ready', async () => {
    const id = sessionWhere('browserbase', (record) => {
      const r = record as { status: string; id: string };
      return r.status === 'COMPLETED' && r.id.charCodeAt(0) % 2 === 0;
    });
    const recordings = await inspector('browserbase').recordings(id);
    assert.deepEqual(
      recordings.map((recording) => [recording.id, recording.ready, recording.state]),
      [
        ['0', true, 'COMPLETED'],
        ['1', false, 'PENDING'],
      ],
    );
  });

  it('Hyperbrowser: not_enabled is no recording; a completed web recording is ready', async () => {
    const id = server.addSession('hyperbrowser', {
      status: 'closed',
      launchState: { enableWebRecording: true, enableVideoWebRecording: false },
    });
    const recordings = await inspector('hyperbrowser').recordings(id);
    assert.deepEqual(
      recordings.map((recording) => [recording.id, recording.ready]),
      [['web', true]],
    );
    const running = server.addSession('hyperbrowser', {
      status: 'active',
      launchState: { enableWebRecording: true, enableVideoWebRecording: true },
    });
    assert.deepEqual(
      (await inspector('hyperbrowser').recordings(running)).map((recording) => [recording.id, recording.ready, recording.state]),
      [
        ['video', false, 'pending'],
        ['web', false, 'pending'],
      ],
    );
  });

  it('Steel offers none (an HLS playlist is not a file)', () => {
    assert.equal(inspector('steel').endpoints.recording, false);
  });

  it('a wrong key on the recordings list is auth, never mistaken for "no recordings"', async () => {
    const error = await failure(inspector('anchor', 'wrong-key-0123456789').recordings('any'));
    assert.equal(error.kind, 'auth');
  });
});

describe('Logs', () => {
  it('Browserbase: one line per CDP entry, with time, page and method', async () => {
    const id = sessionWhere('browserbase', () => true);
    const logs = await inspector('browserbase').logs(id);
    assert.equal(logs.truncated, false);
    assert.ok(logs.lines.length >= 3);
    assert.match(logs.lines[0], /^\d{4}-\d\d-\d\dT[\d:.]+Z {2}page 0 {2}Page\.navigate /);
    assert.equal(server.requests.length, 1);
  });

  it('bounded by lines: cut and marked truncated', async () => {
    const id = sessionWhere('browserbase', () => true);
    const logs = await inspector('browserbase').logs(id, { maxLines: 2 });
    assert.deepEqual([logs.lines.length, logs.truncated], [2, true]);
  });

  it('bounded by bytes', async () => {
    const id = sessionWhere('browserbase', () => true);
    const logs = await inspector('browserbase').logs(id, { maxBytes: 200 });
    assert.equal(logs.truncated, true);
    assert.ok(logs.lines.join('\n').length <= 200);
  });

  it('Hyperbrowser: pages through event-logs (page, limit) until totalCount', async () => {
    let id = '';
    let total = 0;
    for (const record of server.sessions('hyperbrowser')) {
      if (!/^[\w-]+$/.test(record.id)) continue;
      server.resetRequests();
      const probe = await fetch(`${server.urlFor('hyperbrowser')}/api/session/${record.id}/event-logs?page=1&limit=1`, {
        headers: { 'x-api-key': 'test-key-hyperbrowser' },
      });
      total = ((await probe.json()) as { totalCount: number }).totalCount;
      if (total > 120) {
        id = record.id;
        break;
      }
    }
    assert.ok(id, 'a session with more than two pages of events');
    server.resetRequests();
    const logs = await inspector('hyperbrowser').logs(id);
    assert.equal(logs.lines.length, total);
    assert.equal(logs.truncated, false);
    assert.deepEqual(
      server.requests.map((request) => Object.fromEntries(request.query)),
      Array.from({ length: Math.ceil(total / 50) }, (_, index) => ({ page: String(index + 1), limit: '50' })),
    );
  });

  it('Hyperbrowser: the page bound stops the walk and says truncated', async () => {
    const id = server.sessions('hyperbrowser').find((record) => /^[\w-]+$/.test(record.id))!.id;
    const logs = await inspector('hyperbrowser').logs(id, { maxPages: 1 });
    assert.ok(server.requests.length <= 1);
    assert.ok(logs.lines.length <= 50);
  });

  it('Anchor and Steel document no logs', () => {
    assert.equal(inspector('anchor').endpoints.logs, false);
    assert.equal(inspector('steel').endpoints.logs, false);
  });

  it('a 404 for an unknown session, and a 503 is a server error', async () => {
    assert.equal((await failure(inspector('browserbase').logs('nope'))).kind, 'notFound');
    server.setFault('browserbase', { status: 503 });
    assert.equal((await failure(inspector('browserbase').logs('nope'))).kind, 'server');
  });
});
