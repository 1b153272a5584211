// The store against the contract server through the real clients: groups, totals, Load more,
// filters, and the last good data kept through failures.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { NO_FILTERS, type Filters } from '../../src/filters/model';
import { createProviderClient } from '../../src/providers';
import { HttpClient } from '../../src/providers/http';
import { ProviderError, type ProviderClient, type ProviderId } from '../../src/providers/types';
import { SessionStore, type StoreDependencies } from '../../src/store/sessionStore';
import { OTHER_STATUSES, type AccessBlock, type ProviderState } from '../../src/store/state';
import { DEFAULT_KEYS, startContractServer, type ContractServer } from '../server';
import { storeConnections } from '../unit/support/connections';

const PROVIDERS: readonly ProviderId[] = ['brightData', 'anchor'];

let server: ContractServer;
let http: HttpClient;
let filters: Filters = NO_FILTERS;
let keys: Partial<Record<ProviderId, string>> = {};
let store: SessionStore;

function client(provider: ProviderId, transport: HttpClient = http): ProviderClient | undefined {
  const apiKey = keys[provider];
  if (!apiKey) return undefined;
  const baseUrl = provider === 'brightData' ? server.brightDataUrl : server.anchorUrl;
  return createProviderClient(provider, { baseUrl, apiKey, http: transport });
}

function statusCounts(provider: ProviderId): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of server.sessions(provider)) counts.set(record.status, (counts.get(record.status) ?? 0) + 1);
  return counts;
}

function groupTotals(state: ProviderState): Record<string, number> {
  return Object.fromEntries(state.groups.map((group) => [group.key, group.total]));
}

async function loadEverything(provider: ProviderId): Promise<void> {
  for (;;) {
    const open = store.state(provider).groups.find((group) => !group.exhausted && !group.error);
    if (!open) return;
    await store.loadMore(provider, open.key);
  }
}

before(async () => {
  server = await startContractServer({ seed: 7 });
  http = new HttpClient({ timeoutMs: 2000, retryBaseDelayMs: 1, maxRetryAfterSeconds: 0.01 });
});

after(async () => {
  await http.close();
  await server.close();
});

beforeEach(() => {
  server.clearFaults();
  filters = NO_FILTERS;
  keys = { ...DEFAULT_KEYS };
  store = new SessionStore({ connections: storeConnections(PROVIDERS), client, filters: () => filters, pageSize: () => 50 });
});

describe('session store', () => {
  for (const provider of PROVIDERS) {
    test(`${provider}: groups by status with the API totals (free-text statuses each get a group, enum ones gather under other)`, async () => {
      await store.refresh([provider]);
      const state = store.state(provider);
      assert.equal(state.error, undefined);
      assert.equal(state.total, server.sessions(provider).length);
      const counts = statusCounts(provider);
      const listed = client(provider)!.capabilities.statuses;
      const expected: Record<string, number> = {};
      for (const status of listed) if (counts.get(status)) expected[status] = counts.get(status)!;
      const unlisted = [...counts].filter(([status]) => !listed.includes(status));
      assert.ok(unlisted.length > 0, 'the generator includes statuses the spec does not list');
      // Anchor's `status` filter is free text: each status seen gets its own exactly counted group.
      // Bright Data's is an enum: the rest can only be gathered under "Other statuses".
      const freeText = provider === 'anchor';
      if (freeText) for (const [status, n] of unlisted) expected[status] = n;
      else expected[OTHER_STATUSES] = unlisted.reduce((sum, [, n]) => sum + n, 0);
      assert.deepEqual(groupTotals(state), expected);
      assert.deepEqual(
        state.groups.map((group) => group.key).slice(0, listed.filter((status) => counts.get(status)).length),
        listed.filter((status) => counts.get(status)),
        'running, finished/completed, failed first',
      );
      if (!freeText) assert.equal(state.groups.at(-1)?.key, OTHER_STATUSES, 'then other');
      for (const group of state.groups.filter((g) => g.key !== OTHER_STATUSES)) {
        if (!listed.includes(group.key)) {
          // Counted with the smallest page; it starts with the sessions the first listing page showed.
          assert.ok(group.sessions.length <= group.total);
          assert.ok(group.sessions.every((session) => session.status === group.key));
          continue;
        }
        assert.equal(group.sessions.length, Math.min(50, group.total));
        assert.ok(group.sessions.every((session) => session.status === group.key));
      }
    });

    test(`${provider}: Load more until the end puts every session in exactly one group`, async () => {
      await store.refresh([provider]);
      await loadEverything(provider);
      const state = store.state(provider);
      const seen = new Map<string, string>();
      for (const group of state.groups) {
        assert.equal(group.sessions.length, group.total, `${group.key} fully loaded`);
        for (const session of group.sessions) {
          assert.equal(seen.has(session.id), false, `${session.id} appears once`);
          seen.set(session.id, group.key);
        }
      }
      const ids = server.sessions(provider).map((record) => ('session_id' in record ? record.session_id : record.id));
      assert.deepEqual([...seen.keys()].sort(), [...ids].sort());
    });
  }

  test('a status filter asks only that status and shows one group', async () => {
    filters = { status: 'finished' };
    server.resetRequests();
    await store.refresh(['anchor']);
    const state = store.state('anchor');
    assert.deepEqual(Object.keys(groupTotals(state)), ['completed']);
    assert.equal(state.total, statusCounts('anchor').get('completed'));
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0].query.get('status'), 'completed');
    assert.equal(server.requests[0].query.get('sort_order'), 'desc');
  });

  test('filters a provider cannot apply are reported, not sent', async () => {
    filters = { tags: ['prod'], zone: 'scraping_browser1' };
    server.resetRequests();
    await store.refresh();
    assert.deepEqual(store.state('brightData').unsupported, ['tags']);
    assert.deepEqual(store.state('anchor').unsupported, ['zone']);
    for (const request of server.requests) {
      if (request.provider === 'brightData') {
        assert.equal(request.query.get('api_name'), 'scraping_browser1');
        assert.equal(request.query.has('tags'), false);
      } else {
        assert.equal(request.query.get('tags'), 'prod');
        assert.equal(request.query.has('api_name'), false);
      }
    }
  });

  test('a 500 keeps the last good data and records the error; a later refresh recovers', async () => {
    await store.refresh(['brightData']);
    const good = store.state('brightData');
    server.setFault('brightData', { status: 500 });
    await store.refresh(['brightData']);
    const failed = store.state('brightData');
    assert.equal(failed.error?.kind, 'server');
    assert.equal(failed.total, good.total);
    assert.deepEqual(groupTotals(failed), groupTotals(good));
    assert.equal(failed.loading, false);
    server.setFault('brightData', undefined);
    await store.refresh(['brightData']);
    assert.equal(store.state('brightData').error, undefined);
  });

  test('a refused key is an auth error; no key means no requests', async () => {
    keys = { brightData: 'wrong-key' };
    server.resetRequests();
    await store.refresh();
    assert.equal(store.state('brightData').error?.kind, 'auth');
    assert.doesNotMatch(store.state('brightData').error?.message ?? '', /wrong-key/);
    assert.equal(store.state('anchor').hasKey, false);
    assert.ok(server.requests.every((request) => request.provider === 'brightData'));
  });

  test('a bug of ours is an internal error, reported with its stack, never a bad response from the API', async () => {
    const reported: unknown[] = [];
    const bug = new TypeError("Cannot read properties of undefined (reading 'sessions')");
    const broken = (provider: ProviderId): ProviderClient | undefined => {
      const real = client(provider);
      return real && { ...real, capabilities: real.capabilities, fetchPage: () => Promise.reject(bug) };
    };
    store = new SessionStore({ connections: storeConnections(PROVIDERS), client: broken, filters: () => filters, pageSize: () => 50, reportBug: (e) => reported.push(e) });
    await store.refresh(['brightData']);
    const error = store.state('brightData').error;
    assert.equal(error?.kind, 'internal');
    assert.match(error?.message ?? '', /^Internal error in Browser Sessions: Cannot read properties/);
    assert.deepEqual(reported, [bug]);
  });

  test('an invalid base URL is a configuration error, and nothing is sent', async () => {
    server.resetRequests();
    const misconfigured = (provider: ProviderId): ProviderClient | undefined => {
      const apiKey = keys[provider];
      return apiKey ? createProviderClient(provider, { baseUrl: 'not a url', apiKey, http }) : undefined;
    };
    store = new SessionStore({ connections: storeConnections(PROVIDERS), client: misconfigured, filters: () => filters, pageSize: () => 50 });
    await store.refresh(['anchor']);
    assert.equal(store.state('anchor').error?.kind, 'config');
    assert.match(store.state('anchor').error?.message ?? '', /browserSessions\.anchor\.baseUrl/);
    assert.equal(server.requests.length, 0);
  });

  test('a Load more failure stays on its group and keeps the loaded sessions', async () => {
    await store.refresh(['brightData']);
    const before = store.state('brightData').groups.find((group) => group.key === 'finished')!;
    server.setFault('brightData', { malformedJson: true });
    await store.loadMore('brightData', 'finished');
    const after = store.state('brightData').groups.find((group) => group.key === 'finished')!;
    assert.equal(after.error?.kind, 'badResponse');
    assert.equal(after.sessions.length, before.sessions.length);
    assert.equal(store.state('brightData').error, undefined, 'the provider itself is fine');
  });

  test('a session added on the server appears after refresh, counted in its group', async () => {
    await store.refresh(['anchor']);
    const running = store.state('anchor').groups.find((group) => group.key === 'running')?.total ?? 0;
    const id = server.addSession('anchor', { status: 'running' });
    await store.refresh(['anchor']);
    const group = store.state('anchor').groups.find((candidate) => candidate.key === 'running')!;
    assert.equal(group.total, running + 1);
    assert.equal(group.sessions[0].id, id, 'newest first');
    assert.equal(store.runningCount(), group.total);
  });

  test('changes are announced per provider', async () => {
    const changed: string[] = [];
    const subscription = store.onDidChange((provider) => changed.push(provider));
    await store.refresh(['anchor']);
    subscription.dispose();
    assert.ok(changed.length >= 2, 'loading, then loaded');
    assert.ok(changed.every((provider) => provider === 'anchor'));
  });
});

/** A scheduler the test fires by hand, so no test waits for wall-clock time. */
function manualScheduler() {
  const pending: { callback: () => void; delayMs: number; disposed: boolean }[] = [];
  return {
    pending,
    schedule(callback: () => void, delayMs: number) {
      const entry = { callback, delayMs, disposed: false };
      pending.push(entry);
      return { dispose: () => void (entry.disposed = true) };
    },
    live: () => pending.filter((entry) => !entry.disposed),
  };
}

describe('session store: rate-limit gate and origin access', () => {
  const NOW = Date.parse('2026-01-01T14:30:00Z');
  let clock = NOW;
  // The real transport, its gate on the test's clock: a fresh one per test so no window outlives it.
  let gatedHttp: HttpClient;
  beforeEach(() => {
    gatedHttp = new HttpClient({ timeoutMs: 2000, retryBaseDelayMs: 1, maxRetryAfterSeconds: 0.01, now: () => clock });
  });
  afterEach(() => gatedHttp.close());
  const gatedDeps = (scheduler: ReturnType<typeof manualScheduler>): StoreDependencies => ({
    connections: storeConnections(PROVIDERS),
    client: (connection) => client(connection as ProviderId, gatedHttp),
    filters: () => filters,
    pageSize: () => 50,
    now: () => new Date(clock),
    schedule: (callback, delayMs) => scheduler.schedule(callback, delayMs),
  });

  test('a 429 with retryAt: last good data kept, auto-refresh skips it, one reload at retryAt recovers', async () => {
    clock = NOW;
    const scheduler = manualScheduler();
    const gated = new SessionStore(gatedDeps(scheduler));
    await gated.refresh(['brightData']);
    const good = gated.state('brightData');
    assert.equal(good.error, undefined);

    server.setFault('brightData', { status: 429, retryAfterSeconds: 30 });
    await gated.refresh(['brightData']);
    const limited = gated.state('brightData');
    assert.equal(limited.error?.kind, 'rateLimited');
    assert.equal(limited.rateLimitedUntil, NOW + 30_000);
    assert.deepEqual(groupTotals(limited), groupTotals(good), 'last good data stays');
    assert.equal(gated.isRateLimited('brightData'), true);
    assert.deepEqual(gated.autoRefreshTargets(), ['anchor'], 'auto-refresh passes the gated provider by');
    assert.deepEqual(scheduler.live().map((entry) => entry.delayMs), [30_000], 'one reload, due when the gate opens');

    server.setFault('brightData', undefined);
    clock = NOW + 30_000;
    assert.equal(gated.isRateLimited('brightData'), false);
    server.resetRequests();
    const changed = new Promise<void>((resolve) => {
      const subscription = gated.onDidChange(() => {
        if (gated.state('brightData').loading || gated.state('brightData').error) return;
        subscription.dispose();
        resolve();
      });
    });
    scheduler.live()[0].callback();
    await changed;
    const recovered = gated.state('brightData');
    assert.equal(recovered.error, undefined);
    assert.equal(recovered.rateLimitedUntil, undefined);
    assert.ok(server.requests.length > 0, 'the scheduled reload asked the server');
    assert.deepEqual(gated.autoRefreshTargets(), ['brightData', 'anchor']);
    gated.dispose();
  });

  test('a rate-limited Load more also closes the provider gate; dispose cancels the scheduled reload', async () => {
    clock = NOW;
    const scheduler = manualScheduler();
    const gated = new SessionStore(gatedDeps(scheduler));
    await gated.refresh(['brightData']);
    server.setFault('brightData', { status: 429, retryAfterSeconds: 12 });
    await gated.loadMore('brightData', 'finished');
    const state = gated.state('brightData');
    assert.equal(state.groups.find((group) => group.key === 'finished')?.error?.kind, 'rateLimited');
    assert.equal(state.rateLimitedUntil, NOW + 12_000);
    assert.equal(scheduler.live().length, 1);
    gated.dispose();
    assert.equal(scheduler.live().length, 0, 'the store disposed its timer');
  });

  test('a gate closed for weeks arms a timer setTimeout can hold, not one that fires at once', async () => {
    clock = NOW;
    const scheduler = manualScheduler();
    const gated = new SessionStore(gatedDeps(scheduler));
    server.setFault('anchor', { status: 429, retryAfterSeconds: 40 * 24 * 3600 });
    await gated.refresh(['anchor']);
    assert.equal(gated.state('anchor').rateLimitedUntil, NOW + 40 * 24 * 3600 * 1000);
    assert.deepEqual(scheduler.live().map((entry) => entry.delayMs), [2 ** 31 - 1]);
    gated.dispose();
  });

  test('a 429 without retryAt is an ordinary error: nothing scheduled, auto-refresh goes on', async () => {
    const scheduler = manualScheduler();
    // Our transport always names the reopening time; a client that does not must not wedge the store.
    const withoutRetryAt = (provider: ProviderId): ProviderClient | undefined => {
      const inner = client(provider, gatedHttp);
      return (
        inner && {
          ...inner,
          fetchPage: (query, pageIndex, signal) =>
            inner.fetchPage(query, pageIndex, signal).catch((error: unknown) => {
              if (!(error instanceof ProviderError)) throw error;
              throw new ProviderError(error.kind, error.message, { ...error.details, retryAt: undefined });
            }),
        }
      );
    };
    const plain = new SessionStore({ ...gatedDeps(scheduler), client: withoutRetryAt });
    server.setFault('anchor', { status: 429, retryAfterSeconds: 0 });
    await plain.refresh(['anchor']);
    assert.equal(plain.state('anchor').error?.kind, 'rateLimited');
    assert.equal(plain.state('anchor').rateLimitedUntil, undefined);
    assert.equal(plain.isRateLimited('anchor'), false);
    assert.deepEqual(plain.autoRefreshTargets(), ['brightData', 'anchor']);
    assert.equal(scheduler.pending.length, 0);
    plain.dispose();
  });

  test('a blocked origin sends nothing, shows the block and no data; unblocking loads', async () => {
    const block: AccessBlock = { reason: 'consentRefused', origin: 'https://mirror.example', message: 'Not allowed.' };
    let access: AccessBlock | undefined = block;
    const guarded = new SessionStore({
      connections: storeConnections(PROVIDERS),
      client,
      filters: () => filters,
      pageSize: () => 50,
      access: async () => access,
    });
    await guarded.refresh(['anchor']);
    server.resetRequests();
    await guarded.refresh(['anchor']);
    assert.deepEqual(guarded.state('anchor').blocked, block);
    assert.equal(guarded.state('anchor').hasKey, true);
    assert.deepEqual(guarded.state('anchor').groups, []);
    await guarded.loadMore('anchor', 'completed');
    await assert.rejects(guarded.listAll('anchor'), /Not allowed/);
    assert.equal(server.requests.length, 0, 'no request reached the server');

    access = undefined;
    await guarded.refresh(['anchor']);
    assert.equal(guarded.state('anchor').blocked, undefined);
    assert.equal(guarded.state('anchor').total, server.sessions('anchor').length);
    guarded.dispose();
  });
});
