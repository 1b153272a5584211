// What the contract server's core does for every provider: accounts chosen by key, faults per
// provider, the request log and the control API, exercised on the three newer providers.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import {
  DEFAULT_KEYS,
  DEMO_SECOND_ACCOUNT,
  HOSTILE,
  PROVIDER_IDS,
  startContractServer,
  type BrightDataRecord,
  type ContractServer,
} from '../server/index';
import { get, KEY_HEADER, NOW, ok } from './server.helpers';

const SECOND = 'second-brightdata-key';
const LIST_PATH = { brightData: '/browser_sessions', anchor: '/v1/sessions', browserbase: '/v1/sessions', steel: '/v1/sessions', hyperbrowser: '/api/sessions' } as const;

interface BrightDataPage {
  sessions: BrightDataRecord[];
  total: number;
}

describe('contract server: accounts', () => {
  let server: ContractServer;
  before(async () => {
    server = await startContractServer({ now: NOW, accounts: [{ provider: 'brightData', key: SECOND, count: 40 }, { provider: 'steel', key: 'steel-2', count: 3 }] });
  });
  after(() => server.close());

  it("answers each key with its own account's sessions", async () => {
    const first = ok<BrightDataPage>(await get(server, 'brightData', '/browser_sessions', { limit: '100' }, DEFAULT_KEYS.brightData));
    const second = ok<BrightDataPage>(await get(server, 'brightData', '/browser_sessions', { limit: '100' }, SECOND));
    assert.equal(first.total, 257);
    assert.equal(second.total, 40);
    const firstIds = new Set(server.sessions('brightData').map((record) => record.session_id));
    const secondIds = server.sessions('brightData', SECOND).map((record) => record.session_id);
    assert.deepEqual(second.sessions.map((record) => record.session_id).sort(), [...secondIds].sort());
    assert.ok(secondIds.every((id) => !firstIds.has(id)), 'no session id is shared, hostile fixtures included');
    assert.ok(HOSTILE.ids.brightData.every((id) => firstIds.has(id)));
    const steel = ok<{ sessions: unknown[] }>(await get(server, 'steel', '/v1/sessions', {}, 'steel-2'));
    assert.equal(steel.sessions.length, 3);
  });

  it('opens an account only for its own provider, and refuses unknown keys', async () => {
    assert.equal((await get(server, 'anchor', '/v1/sessions', {}, SECOND)).status, 401);
    assert.equal((await get(server, 'brightData', '/browser_sessions', {}, 'steel-2')).status, 401);
    assert.equal((await get(server, 'brightData', '/browser_sessions', {}, 'unknown')).status, 401);
  });

  it('adds sessions to one account only', async () => {
    const id = server.addSession('brightData', { status: 'running' }, SECOND);
    assert.ok(server.sessions('brightData', SECOND).some((record) => record.session_id === id));
    assert.ok(!server.sessions('brightData').some((record) => record.session_id === id));
    const top = ok<BrightDataPage>(await get(server, 'brightData', '/browser_sessions', { limit: '1' }, SECOND));
    assert.equal(top.sessions[0].session_id, id);
    assert.throws(() => server.sessions('anchor', SECOND), /No anchor account/);
    const viaControl = await fetch(`${server.url}/__control/session`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'steel', account: 'steel-2', record: { status: 'failed' } }),
    });
    const { id: steelId } = (await viaControl.json()) as { id: string };
    assert.ok(server.sessions('steel', 'steel-2').some((record) => record.id === steelId && record.status === 'failed'));
    assert.ok(!server.sessions('steel').some((record) => record.id === steelId));
  });

  it('refuses an account whose key is empty, the default key or repeated', async () => {
    for (const accounts of [
      [{ provider: 'steel' as const, key: '' }],
      [{ provider: 'steel' as const, key: DEFAULT_KEYS.steel }],
      [{ provider: 'steel' as const, key: 'k' }, { provider: 'steel' as const, key: 'k' }],
    ]) {
      await assert.rejects(startContractServer({ accounts, counts: { steel: 1 } }), /must be non-empty and unique/);
    }
  });

  it('in demo mode, the account key still opens the account and any other key the default one', async () => {
    const demo = await startContractServer({ now: NOW, demo: true, accounts: [{ ...DEMO_SECOND_ACCOUNT }] });
    try {
      const second = ok<BrightDataPage>(await get(demo, 'brightData', '/browser_sessions', {}, DEMO_SECOND_ACCOUNT.key));
      const any = ok<BrightDataPage>(await get(demo, 'brightData', '/browser_sessions', {}, 'anything'));
      assert.equal(second.total, DEMO_SECOND_ACCOUNT.count);
      assert.equal(any.total, 257);
      for (const provider of PROVIDER_IDS) {
        assert.equal((await get(demo, provider, LIST_PATH[provider], {}, 'anything')).status, 200, provider);
        assert.equal((await get(demo, provider, LIST_PATH[provider], {}, null)).status, 401, provider);
      }
    } finally {
      await demo.close();
    }
  });
});

describe('contract server: faults and the log for every provider', () => {
  let server: ContractServer;
  before(async () => {
    server = await startContractServer({ now: NOW, counts: { brightData: 5, anchor: 5, browserbase: 5, steel: 5, hyperbrowser: 5 } });
  });
  after(() => server.close());

  it('applies a fault to its provider only, in that provider’s error form, for the given number of requests', async () => {
    server.setFault('steel', { status: 429, retryAfterSeconds: 7, times: 1 });
    const limited = await get(server, 'steel', '/v1/sessions', {}, DEFAULT_KEYS.steel);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.deepEqual(limited.body, { message: 'Too many requests' });
    for (const provider of PROVIDER_IDS) {
      assert.equal((await get(server, provider, LIST_PATH[provider], {}, DEFAULT_KEYS[provider])).status, 200, provider);
    }
    server.setFault('browserbase', { status: 500 });
    assert.deepEqual((await get(server, 'browserbase', '/v1/sessions', {}, DEFAULT_KEYS.browserbase)).body, { error: 'Internal server error' });
    server.clearFaults();
  });

  it('breaks bodies on request: wrong shape, not JSON, truncated, reset', async () => {
    const url = `${server.urlFor('browserbase')}/v1/sessions`;
    const headers = KEY_HEADER.browserbase(DEFAULT_KEYS.browserbase);
    server.setFault('browserbase', { wrongShape: true, times: 1 });
    const wrong = (await (await fetch(url, { headers })).json());
    assert.ok(!Array.isArray(wrong), 'Browserbase lists are arrays; the wrong shape is not');
    server.setFault('browserbase', { malformedJson: true, times: 1 });
    await assert.rejects((await fetch(url, { headers })).json(), SyntaxError);
    server.setFault('hyperbrowser', { truncated: true, times: 1 });
    const truncated = await fetch(`${server.urlFor('hyperbrowser')}/api/sessions`, { headers: KEY_HEADER.hyperbrowser(DEFAULT_KEYS.hyperbrowser) });
    await assert.rejects(truncated.text());
    server.setFault('steel', { reset: true, times: 1 });
    await assert.rejects(fetch(`${server.urlFor('steel')}/v1/sessions`, { headers: KEY_HEADER.steel(DEFAULT_KEYS.steel) }));
    assert.equal((await get(server, 'steel', '/v1/sessions', {}, DEFAULT_KEYS.steel)).status, 200);
  });

  it('logs each request with its provider and full path, fault or not', async () => {
    server.resetRequests();
    await get(server, 'hyperbrowser', '/api/sessions', { page: '2' }, DEFAULT_KEYS.hyperbrowser);
    await get(server, 'browserbase', '/v1/sessions', { status: 'RUNNING' }, null);
    await get(server, 'anchor', '/v1/sessions', {}, DEFAULT_KEYS.anchor);
    assert.deepEqual(
      server.requests.map((request) => [request.provider, request.path, request.query.toString()]),
      [
        ['hyperbrowser', '/hyperbrowser/api/sessions', 'page=2'],
        ['browserbase', '/browserbase/v1/sessions', 'status=RUNNING'],
        ['anchor', '/v1/sessions', ''],
      ],
    );
  });

  it('control API: faults, sessions and added sessions for the new providers and accounts; keys redacted', async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${server.url}/__control/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
    assert.equal((await control('fault', { provider: 'hyperbrowser', fault: { status: 503, times: 1 } })).status, 200);
    assert.equal((await get(server, 'hyperbrowser', '/api/sessions', {}, DEFAULT_KEYS.hyperbrowser)).status, 503);
    assert.equal((await control('fault', { provider: 'nobody', fault: null })).status, 400);
    const added = (await (await control('session', { provider: 'steel', record: { status: 'failed' } })).json()) as { id: string };
    const listed = (await (await control('sessions?provider=steel')).json()) as { sessions: { id: string; status: string }[] };
    assert.ok(listed.sessions.some((session) => session.id === added.id && session.status === 'failed'));
    assert.equal((await control('sessions?provider=steel&account=nope')).status, 404);
    assert.equal((await control('session', { provider: 'steel', account: 'nope', record: {} })).status, 404);
    assert.equal((await control('session', { provider: 'steel', record: { id: added.id } })).status, 409);
    server.resetRequests();
    await get(server, 'browserbase', '/v1/sessions', {}, 'secret-value');
    await get(server, 'steel', '/v1/sessions', {}, 'secret-value');
    await get(server, 'hyperbrowser', '/api/sessions', {}, 'secret-value');
    const log = await (await control('requests')).text();
    assert.doesNotMatch(log, /secret-value/);
    assert.equal((log.match(/\[redacted\]/g) ?? []).length, 3);
  });
});

describe('npm run demo-server', () => {
  it('prints READY with every base URL and the second Bright Data account, whose key shows other sessions', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/main.ts', '--port', '0', '--count-steel', '4', '--count-brightdata', '30'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      let ready: Record<string, unknown> | undefined;
      const printed: string[] = [];
      for await (const line of lines) {
        printed.push(line);
        if (line.startsWith('READY ')) {
          ready = JSON.parse(line.slice('READY '.length)) as Record<string, unknown>;
          break;
        }
      }
      assert.ok(ready, printed.join('\n'));
      const url = String(ready['url']);
      for (const provider of PROVIDER_IDS) assert.equal(typeof ready[`${provider}Url`], 'string', provider);
      assert.equal(ready['steelUrl'], `${url}/steel`);
      assert.ok(printed.some((line) => line.includes(DEMO_SECOND_ACCOUNT.key)));
      assert.ok(printed.some((line) => line.includes(DEFAULT_KEYS.hyperbrowser)));
      const list = async (key: string) => {
        const response = await fetch(`${url}/browser_sessions?limit=100`, { headers: { Authorization: `Bearer ${key}` } });
        const page = (await response.json()) as BrightDataPage;
        return { total: page.total, ids: page.sessions.map((record) => record.session_id) };
      };
      const first = await list('any-key');
      const second = await list(DEMO_SECOND_ACCOUNT.key);
      assert.equal(first.total, 30);
      assert.equal(second.total, DEMO_SECOND_ACCOUNT.count);
      assert.ok(second.ids.every((id) => !first.ids.includes(id)));
      const steel = await fetch(`${url}/steel/v1/sessions`, { headers: { 'steel-api-key': 'any-key' } });
      assert.equal(((await steel.json()) as { sessions: unknown[] }).sessions.length, 4);
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe('contract server: independence', () => {
  it('imports nothing from the extension (it stands in for the outside world)', async () => {
    const root = join(__dirname, '..', 'server');
    const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.ts'));
    assert.ok(files.length > 10);
    for (const file of files) {
      const text = await readFile(join(root, file), 'utf8');
      assert.doesNotMatch(text, /from '(\.\.\/)+src\//, file);
    }
  });
});
