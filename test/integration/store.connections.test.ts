// Several connections in one store (two Bright Data accounts on the contract server), and Anchor's
// free-text statuses each counted in a group of its own.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { buildConnections, type Connection } from '../../src/connections/connections';
import { NO_FILTERS } from '../../src/filters/model';
import { CAPABILITIES, createProviderClient } from '../../src/providers';
import { HttpClient } from '../../src/providers/http';
import type { ProviderClient, Session, SessionPage, SessionQuery } from '../../src/providers/types';
import { SessionStore } from '../../src/store/sessionStore';
import { OTHER_STATUSES } from '../../src/store/state';
import { childrenOf, itemFor, type TreeContext } from '../../src/tree/model';
import { DEFAULT_KEYS, DEMO_SECOND_ACCOUNT, startContractServer, type ContractServer } from '../server';

const SECOND = 'brightData-2';

let server: ContractServer;
let https: HttpClient[] = [];
let connections: Connection[];
let keys: Record<string, string>;

function client(id: string): ProviderClient | undefined {
  const connection = connections.find((candidate) => candidate.id === id);
  const apiKey = keys[id];
  if (!connection || !apiKey) return undefined;
  // One transport per connection, as ClientRegistry builds them: no gate is shared.
  const http = new HttpClient({ timeoutMs: 2000, retryBaseDelayMs: 1, maxRetryAfterSeconds: 0.01 });
  https.push(http);
  return createProviderClient(connection.provider, { baseUrl: connection.baseUrl ?? server.urlFor(connection.provider), apiKey, http });
}

function newStore(): SessionStore {
  return new SessionStore({ connections: () => connections, client, filters: () => NO_FILTERS, pageSize: () => 50 });
}

function treeContext(store: SessionStore): TreeContext {
  return { connections: store.connections, read: (id) => store.state(id), filtersActive: false, now: new Date() };
}

before(async () => {
  server = await startContractServer({ seed: 11, accounts: [DEMO_SECOND_ACCOUNT] });
});
after(() => server.close());
beforeEach(() => {
  server.clearFaults();
  connections = buildConnections([{ id: SECOND, provider: 'brightData', label: 'Second account', baseUrl: server.urlFor('brightData') }]);
  keys = { brightData: DEFAULT_KEYS.brightData, anchor: DEFAULT_KEYS.anchor, [SECOND]: DEMO_SECOND_ACCOUNT.key };
});
afterEach(async () => {
  await Promise.all(https.map((http) => http.close()));
  https = [];
});

describe('session store: several connections', () => {
  test('a second Bright Data connection shows its own account, under its own root', async () => {
    const store = newStore();
    await store.refresh(['brightData', SECOND]);
    assert.equal(store.state('brightData').total, server.sessions('brightData').length);
    assert.equal(store.state(SECOND).total, server.sessions('brightData', DEMO_SECOND_ACCOUNT.key).length);
    assert.notEqual(store.state(SECOND).total, store.state('brightData').total);
    const firstIds = new Set(store.state('brightData').groups.flatMap((group) => group.sessions.map((session) => session.id)));
    const secondIds = store.state(SECOND).groups.flatMap((group) => group.sessions.map((session) => session.id));
    assert.ok(secondIds.length > 0);
    assert.ok(secondIds.every((id) => !firstIds.has(id)), 'no session of the default account under the second');

    const context = treeContext(store);
    const roots = childrenOf(undefined, context);
    const labels = roots.map((node) => itemFor(node, context).label);
    // Roots are the connections with a key: this test gave keys to the two Bright Data accounts and Anchor.
    assert.deepEqual(labels, ['Bright Data', 'Anchor', 'Bright Data · Second account']);
    const secondRoot = itemFor(roots[2], context);
    assert.equal(secondRoot.description, `${store.state(SECOND).total} sessions`);
    assert.match(secondRoot.contextValue, /^provider\+key\+extra$/);
    assert.equal(itemFor(roots[0], context).contextValue, 'provider+key');
    store.dispose();
  });

  test('one failing account never hides the other account of the same provider', async () => {
    const store = newStore();
    keys[SECOND] = 'not-a-valid-key-at-all';
    await store.refresh(['brightData', SECOND]);
    assert.equal(store.state(SECOND).error?.kind, 'auth');
    assert.equal(store.state('brightData').error, undefined);
    assert.equal(store.state('brightData').total, server.sessions('brightData').length);
    store.dispose();
  });

  test('an extra connection without a key has no root; a removed one is dropped', async () => {
    delete keys[SECOND];
    const store = newStore();
    await store.refresh();
    const context = treeContext(store);
    assert.ok(!childrenOf(undefined, context).some((node) => node.kind === 'provider' && node.connection === SECOND));

    keys[SECOND] = DEMO_SECOND_ACCOUNT.key;
    await store.refresh([SECOND]);
    assert.ok(store.state(SECOND).total! > 0);
    connections = connections.filter((connection) => connection.id !== SECOND);
    store.syncConnections();
    assert.deepEqual(store.connections, ['brightData', 'anchor', 'browserbase', 'steel', 'hyperbrowser']);
    assert.equal(store.state(SECOND).total, undefined, 'its data is gone');
    store.dispose();
  });

  test('a renamed connection keeps its data under the new label', async () => {
    const store = newStore();
    await store.refresh([SECOND]);
    const total = store.state(SECOND).total;
    connections = buildConnections([{ id: SECOND, provider: 'brightData', label: 'Renamed', baseUrl: server.urlFor('brightData') }]);
    store.syncConnections();
    assert.equal(store.state(SECOND).label, 'Bright Data · Renamed');
    assert.equal(store.state(SECOND).total, total);
    store.dispose();
  });
});

describe('session store: free-text statuses (Anchor)', () => {
  test('every status seen gets its own group with its exact count, asked with the smallest page', async () => {
    for (let i = 0; i < 3; i++) server.addSession('anchor', { status: 'idle' });
    const store = newStore();
    server.resetRequests();
    await store.refresh(['anchor']);
    const state = store.state('anchor');
    const counts = new Map<string, number>();
    for (const record of server.sessions('anchor')) counts.set(record.status, (counts.get(record.status) ?? 0) + 1);
    const idle = state.groups.find((group) => group.key === 'idle');
    assert.ok(idle, 'an "idle" group');
    assert.equal(idle.total, counts.get('idle'));
    // Statuses only beyond the first listing page are not seen, so they stay in the honest remainder.
    const named = new Set(state.groups.map((group) => group.key));
    const unseen = [...counts].filter(([status]) => !named.has(status)).reduce((sum, [, n]) => sum + n, 0);
    assert.equal(state.groups.find((group) => group.key === OTHER_STATUSES)?.total ?? 0, unseen);
    const other = state.groups.find((group) => group.key === OTHER_STATUSES);
    assert.ok((other?.sessions ?? []).every((session) => !named.has(session.status)), 'no named status hides in the remainder');
    assert.equal(
      state.groups.reduce((sum, group) => sum + group.total, 0),
      state.total,
      'the groups account for every session',
    );
    const idleAsks = server.requests.filter((request) => request.provider === 'anchor' && request.query.get('status') === 'idle');
    assert.equal(idleAsks.length, 1, 'one count request per status seen');
    assert.equal(idleAsks[0].query.get('limit'), '10', "Anchor's smallest page size");

    const context = treeContext(store);
    const anchorRoot = childrenOf(undefined, context).find((node) => node.kind === 'provider' && node.connection === 'anchor')!;
    const idleNode = childrenOf(anchorRoot, context).find((node) => node.kind === 'group' && node.groupKey === 'idle')!;
    const item = itemFor(idleNode, context);
    assert.equal(item.label, 'Idle');
    assert.equal(item.description, String(counts.get('idle')));

    // Load more fills the group from its own listing, each session once.
    while (!store.state('anchor').groups.find((group) => group.key === 'idle')!.exhausted) await store.loadMore('anchor', 'idle');
    const loaded = store.state('anchor').groups.find((group) => group.key === 'idle')!;
    assert.equal(loaded.sessions.length, counts.get('idle'));
    assert.equal(new Set(loaded.sessions.map((session) => session.id)).size, loaded.sessions.length);
    store.dispose();
  });

  test('Bright Data (an enum) keeps "Other statuses"', async () => {
    const store = newStore();
    await store.refresh(['brightData']);
    const listed = CAPABILITIES.brightData.statuses;
    const unlisted = server.sessions('brightData').filter((record) => !listed.includes(record.status));
    assert.ok(unlisted.length > 0);
    assert.equal(store.state('brightData').groups.at(-1)?.key, OTHER_STATUSES);
    store.dispose();
  });

  test('when the counts by name do not add up to the total, the remainder stays under "Other statuses"', async () => {
    // The contract server's totals always agree, so this answer comes from a client that disagrees on purpose.
    const sessions: Session[] = ['running', 'idle', 'idle'].map((status, index) => ({
      id: `s${index}`,
      provider: 'anchor',
      status,
      statusKind: status === 'running' ? 'running' : 'other',
      domains: [],
      tags: [],
      raw: {},
    }));
    const disagreeing: ProviderClient = {
      id: 'anchor',
      label: 'Anchor',
      capabilities: CAPABILITIES.anchor,
      fetchPage: (query: SessionQuery, pageIndex: number): Promise<SessionPage> => {
        const matching = sessions.filter((session) => query.status === undefined || session.status === query.status);
        // Five in all, though only three can be listed by any status.
        const total = query.status === undefined ? 5 : matching.length;
        return Promise.resolve({ sessions: matching, total, pageIndex, pageSize: 50, hasMore: false });
      },
      listAll: () => Promise.resolve({ sessions, total: 5, requests: 1 }),
    };
    const store = new SessionStore({
      connections: () => connections,
      client: (id) => (id === 'anchor' ? disagreeing : undefined),
      filters: () => NO_FILTERS,
      pageSize: () => 50,
    });
    await store.refresh(['anchor']);
    const totals = Object.fromEntries(store.state('anchor').groups.map((group) => [group.key, group.total]));
    assert.deepEqual(totals, { running: 1, idle: 2, [OTHER_STATUSES]: 2 });
    store.dispose();
  });
});

describe('session store: a key that arrives before its connection', () => {
  test('reset of an id not (yet) listed keeps no state; the entry then brings the right provider', async () => {
    connections = buildConnections([]);
    const store = newStore();
    store.reset('anchor-9');
    assert.ok(!store.connections.includes('anchor-9'));
    connections = buildConnections([{ id: 'anchor-9', provider: 'anchor', label: 'Nine', baseUrl: server.urlFor('anchor') }]);
    keys['anchor-9'] = DEFAULT_KEYS.anchor;
    store.syncConnections();
    assert.equal(store.state('anchor-9').provider, 'anchor');
    assert.equal(store.state('anchor-9').label, 'Anchor · Nine');
    await store.refresh(['anchor-9']);
    assert.equal(store.state('anchor-9').total, server.sessions('anchor').length);
    store.dispose();
  });
});
