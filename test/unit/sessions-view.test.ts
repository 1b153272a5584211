import './support/register-vscode';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_FILTERS } from '../../src/filters/model';
import { CAPABILITIES } from '../../src/providers';
import type { ProviderClient, ProviderId, Session, SessionPage, SessionQuery } from '../../src/providers/types';
import { SessionStore } from '../../src/store/sessionStore';
import { storeConnections } from './support/connections';
import type { TreeNode } from '../../src/tree/model';
import { SessionsTreeProvider } from '../../src/tree/sessionsView';
import type { EventEmitter, MarkdownString } from './support/vscode';

/** An in-memory client: one session per listed status, answered at once. */
function fakeClient(id: ProviderId, errorMessage: string): ProviderClient {
  const capabilities = CAPABILITIES[id];
  const sessions: Session[] = capabilities.statuses.map((status, index) => ({
    id: `${id}-${index}`,
    provider: id,
    status,
    statusKind: 'other',
    domains: [],
    tags: [],
    errorMessage,
    raw: {},
  }));
  const fetchPage = async (query: SessionQuery, pageIndex: number): Promise<SessionPage> => {
    const matching = sessions.filter((session) => query.status === undefined || session.status === query.status);
    return { sessions: matching, total: matching.length, pageIndex, pageSize: 50, hasMore: false };
  };
  return {
    id,
    label: id,
    capabilities,
    fetchPage,
    listAll: async () => ({ sessions, total: sessions.length, requests: 1 }),
  };
}

function setup(keys: Set<ProviderId>) {
  const clients = { brightData: fakeClient('brightData', '<img src=x onerror=alert(1)>'), anchor: fakeClient('anchor', 'ok') };
  const store = new SessionStore({
    connections: storeConnections(['brightData', 'anchor']),
    client: (connection) => (keys.has(connection as ProviderId) ? clients[connection as keyof typeof clients] : undefined),
    filters: () => NO_FILTERS,
    pageSize: () => 50,
  });
  const tree = new SessionsTreeProvider(store, () => false);
  const fired = (tree as unknown as { changed: EventEmitter<TreeNode | undefined> }).changed.fired;
  return { store, tree, fired };
}

describe('sessions tree adapter', () => {
  test('a provider refresh repaints only that provider, with the same node object VS Code knows', async () => {
    const { store, tree, fired } = setup(new Set(['brightData', 'anchor']));
    await store.refresh();
    const roots = tree.getChildren();
    assert.deepEqual(roots, tree.getChildren(), 'same content');
    assert.equal(roots[1], tree.getChildren()[1], 'same identity across calls');
    fired.length = 0;
    await store.refresh(['anchor']);
    assert.ok(fired.length > 0);
    assert.ok(fired.every((node) => node === roots[1]), 'only the Anchor node, never the whole tree');
  });

  test('the first key turns the empty (welcome) tree into provider roots: a full repaint', async () => {
    const keys = new Set<ProviderId>();
    const { store, tree, fired } = setup(keys);
    assert.deepEqual(tree.getChildren(), []);
    keys.add('anchor');
    await store.refresh(['anchor']);
    assert.equal(fired[0], undefined);
    assert.deepEqual(tree.getChildren().map((node) => tree.getTreeItem(node).label), ['Anchor'], 'only the connection with a key');
  });

  test('an added connection gets its own root once it has a key, labelled with provider and name', async () => {
    const clients = { brightData: fakeClient('brightData', 'ok'), 'brightData-2': fakeClient('brightData', 'ok') };
    let connections = [{ id: 'brightData', provider: 'brightData' as const, label: 'Bright Data' }];
    const store = new SessionStore({
      connections: () => connections,
      client: (id) => clients[id as keyof typeof clients],
      filters: () => NO_FILTERS,
      pageSize: () => 50,
    });
    const tree = new SessionsTreeProvider(store, () => false);
    const fired = (tree as unknown as { changed: EventEmitter<TreeNode | undefined> }).changed.fired;
    await store.refresh();
    assert.equal(tree.getChildren().length, 1);
    connections = [...connections, { id: 'brightData-2', provider: 'brightData', label: 'Bright Data · Second account' }];
    fired.length = 0;
    store.syncConnections();
    await store.refresh(['brightData-2']);
    assert.equal(fired[0], undefined, 'a new root: full repaint');
    const roots = tree.getChildren();
    assert.deepEqual(roots.map((node) => tree.getTreeItem(node).label), ['Bright Data', 'Bright Data · Second account']);
    assert.equal(tree.getTreeItem(roots[1]).contextValue, 'provider+key+extra');
    fired.length = 0;
    await store.refresh(['brightData-2']);
    assert.ok(fired.length > 0 && fired.every((node) => node === roots[1]), 'afterwards only its own subtree repaints');
    tree.dispose();
    store.dispose();
  });

  test('getParent returns the canonical nodes, so reveal works', async () => {
    const { store, tree } = setup(new Set(['brightData']));
    await store.refresh();
    const [brightData] = tree.getChildren();
    const [running] = tree.getChildren(brightData);
    const [session] = tree.getChildren(running);
    assert.equal(session?.kind, 'session');
    const parent = tree.getParent(session);
    assert.equal(tree.getTreeItem(parent!).id, tree.getTreeItem(running).id);
    assert.equal(tree.getParent(parent!), brightData, 'the provider node itself');
  });

  test('tooltips append API values as text, so markup in a session stays inert', async () => {
    const { store, tree } = setup(new Set(['brightData']));
    await store.refresh();
    const [brightData] = tree.getChildren();
    const [running] = tree.getChildren(brightData);
    const [session] = tree.getChildren(running);
    const tooltip = tree.getTreeItem(session).tooltip as unknown as MarkdownString;
    assert.ok(tooltip.textParts.includes('<img src=x onerror=alert(1)>'));
    assert.doesNotMatch(tooltip.value, /(^|[^\\])<img/, 'no unescaped markup');
  });
});
