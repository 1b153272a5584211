import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProviderId, Session, StatusKind } from '../../src/providers/types';
import { OTHER_STATUSES, emptyProviderState, type GroupState, type ProviderState } from '../../src/store/state';
import { defaultConnection } from './support/connections';
import {
  childrenOf,
  itemFor,
  nodeId,
  openableTargets,
  parentOf,
  sessionTarget,
  type TreeContext,
  type TreeNode,
} from '../../src/tree/model';

const NOW = new Date('2025-12-16T19:10:00Z');

function session(id: string, overrides: Partial<Session> = {}): Session {
  return {
    id,
    provider: 'brightData',
    status: 'finished',
    statusKind: 'finished',
    domains: [],
    tags: [],
    raw: { session_id: id },
    ...overrides,
  };
}

function group(key: string, kind: StatusKind, total: number, sessions: Session[], extra: Partial<GroupState> = {}): GroupState {
  return { key, kind, total, sessions, nextPage: 1, exhausted: sessions.length >= total, loadingMore: false, ...extra };
}

function context(states: Partial<Record<ProviderId, ProviderState>>, filtersActive = false): TreeContext {
  return {
    connections: ['brightData', 'anchor'],
    read: (connection) => states[connection as ProviderId] ?? emptyProviderState(defaultConnection(connection), false),
    filtersActive,
    now: NOW,
  };
}

function labels(nodes: TreeNode[], ctx: TreeContext): string[] {
  return nodes.map((node) => {
    const item = itemFor(node, ctx);
    return item.description ? `${item.label} (${item.description})` : item.label;
  });
}

const loadedBrightData: ProviderState = {
  ...emptyProviderState(defaultConnection('brightData'), true),
  hasKey: true,
  loading: false,
  total: 257,
  unsupported: [],
  groups: [
    group('running', 'running', 2, [session('r1', { status: 'running', statusKind: 'running', targetUrl: 'https://shop.example.com/a' }), session('r2', { status: 'running', statusKind: 'running' })]),
    group('finished', 'finished', 200, [session('f1', { targetUrl: 'https://www.example.com', startedAt: '2025-12-16T18:53:41Z', durationSeconds: 209.444 })]),
    group('failed', 'failed', 50, [session('x1', { status: 'failed', statusKind: 'failed' })]),
    group(OTHER_STATUSES, 'other', 5, [session('q1', { status: 'queued', statusKind: 'other' })], { exhausted: false }),
  ],
};

describe('tree model', () => {
  test('no key anywhere: no roots, so the welcome view shows', () => {
    assert.deepEqual(childrenOf(undefined, context({})), []);
  });

  test('one key: only that connection is a root', () => {
    const ctx = context({ brightData: loadedBrightData });
    assert.deepEqual(labels(childrenOf(undefined, ctx), ctx), ['Bright Data (257 sessions)']);
  });

  test('a keyless connection (its key cleared while its node is shown) offers Set API key…', () => {
    const ctx = context({ brightData: loadedBrightData });
    const anchorChildren = childrenOf({ kind: 'provider', connection: 'anchor' }, ctx);
    assert.equal(anchorChildren.length, 1);
    const item = itemFor(anchorChildren[0], ctx);
    assert.equal(item.label, 'Set API key…');
    assert.equal(item.command?.command, 'browserSessions.setApiKey');
    assert.deepEqual(item.command?.arguments, ['anchor']);
  });

  test('status groups in order with API totals as counts', () => {
    const ctx = context({ brightData: loadedBrightData });
    const groups = childrenOf({ kind: 'provider', connection: 'brightData' }, ctx);
    assert.deepEqual(labels(groups, ctx), ['Running (2)', 'Finished (200)', 'Failed (50)', 'Other statuses (5)']);
    assert.equal(itemFor(groups[0], ctx).collapsible, 'expanded');
    assert.equal(itemFor(groups[1], ctx).collapsible, 'collapsed');
  });

  test('a group lists its sessions, then Load more with shown of total', () => {
    const ctx = context({ brightData: loadedBrightData });
    const finished = childrenOf({ kind: 'group', connection: 'brightData', groupKey: 'finished' }, ctx);
    assert.deepEqual(labels(finished, ctx), ['www.example.com (16 minutes ago · 3m 29s)', 'Load more (1 of 200)']);
    const more = itemFor(finished[1], ctx);
    assert.equal(more.command?.command, 'browserSessions.loadMore');
    const running = childrenOf({ kind: 'group', connection: 'brightData', groupKey: 'running' }, ctx);
    assert.deepEqual(labels(running, ctx), ['shop.example.com', 'r2'], 'complete group: no Load more; no target: the id');
  });

  test('session items: stable ids, click opens details, context value by openable URLs', () => {
    const ctx = context({ brightData: loadedBrightData });
    const [node] = childrenOf({ kind: 'group', connection: 'brightData', groupKey: 'finished' }, ctx);
    const item = itemFor(node, ctx);
    assert.equal(item.id, 's/brightData/finished/f1');
    assert.equal(item.contextValue, 'session+target');
    assert.equal(item.command?.command, 'browserSessions.showDetails');
    assert.equal(item.icon?.id, 'pass');
    const withEnd = itemFor(
      { kind: 'session', connection: 'brightData', groupKey: 'failed', session: session('e', { targetUrl: 'javascript:alert(1)', endUrl: 'https://ok.example/end' }) },
      ctx,
    );
    assert.equal(withEnd.contextValue, 'session+end', 'a javascript: target is not offered for opening');
    assert.equal(withEnd.label, 'javascript:alert(1)', 'shown as text');
  });

  test('hostile strings stay data in tooltips (the adapter escapes them as text)', () => {
    const ctx = context({ brightData: loadedBrightData });
    const hostile = session('h', { errorMessage: '<img src=x onerror=alert(1)>', targetUrl: 'https://h.example/?q=<b>' });
    const item = itemFor({ kind: 'session', connection: 'brightData', groupKey: 'failed', session: hostile }, ctx);
    const error = item.tooltip?.lines.find((line) => line.label === 'Error');
    assert.equal(error?.value, '<img src=x onerror=alert(1)>');
  });

  test('a failure shows an error item with Retry above the last good data', () => {
    const failed: ProviderState = { ...loadedBrightData, error: { kind: 'server', message: 'Bright Data answered 500.' } };
    const ctx = context({ brightData: failed });
    const children = childrenOf({ kind: 'provider', connection: 'brightData' }, ctx);
    assert.equal(children.length, 5);
    const errorItem = itemFor(children[0], ctx);
    assert.equal(errorItem.label, 'Bright Data answered 500.');
    assert.equal(errorItem.description, 'Retry');
    assert.equal(errorItem.command?.command, 'browserSessions.refresh');
    assert.deepEqual(errorItem.command?.arguments, ['brightData']);
    assert.equal(itemFor({ kind: 'provider', connection: 'brightData' }, ctx).icon?.id, 'warning');
  });

  test('a refused key offers Set API Key instead of Retry', () => {
    const refused: ProviderState = { ...emptyProviderState(defaultConnection('anchor'), true), error: { kind: 'auth', message: 'Anchor refused the API key (401).' } };
    const ctx = context({ anchor: refused });
    const [notice] = childrenOf({ kind: 'provider', connection: 'anchor' }, ctx);
    const item = itemFor(notice, ctx);
    assert.equal(item.command?.command, 'browserSessions.setApiKey');
    assert.match(item.label, /refused the API key/);
    assert.equal(childrenOf({ kind: 'provider', connection: 'anchor' }, ctx).length, 1, 'no Loading… under an error');
  });

  test('loading before the first answer, and an empty result that offers Clear Filters when filtered', () => {
    const loading: ProviderState = { ...emptyProviderState(defaultConnection('anchor'), true), loading: true };
    let ctx = context({ anchor: loading });
    assert.deepEqual(labels(childrenOf({ kind: 'provider', connection: 'anchor' }, ctx), ctx), ['Loading…']);
    assert.equal(itemFor({ kind: 'provider', connection: 'anchor' }, ctx).description, 'loading…');
    const empty: ProviderState = { ...emptyProviderState(defaultConnection('anchor'), true), total: 0 };
    ctx = context({ anchor: empty }, true);
    const [notice] = childrenOf({ kind: 'provider', connection: 'anchor' }, ctx);
    const item = itemFor(notice, ctx);
    assert.equal(item.label, 'No sessions match the filters');
    assert.equal(item.command?.command, 'browserSessions.clearFilters');
    ctx = context({ anchor: empty }, false);
    assert.equal(itemFor(notice, ctx).label, 'No sessions yet');
  });

  test('a Load more failure replaces Load more with a retry item', () => {
    const state: ProviderState = {
      ...loadedBrightData,
      groups: [group('failed', 'failed', 50, [session('x1')], { exhausted: false, error: { kind: 'rateLimited', message: 'Too many requests.' } })],
    };
    const ctx = context({ brightData: state });
    const children = childrenOf({ kind: 'group', connection: 'brightData', groupKey: 'failed' }, ctx);
    const item = itemFor(children[1], ctx);
    assert.equal(item.label, 'Too many requests.');
    assert.equal(item.command?.command, 'browserSessions.loadMore');
  });

  test('getParent walks back to the root for every node kind', () => {
    const ctx = context({ brightData: loadedBrightData });
    for (const root of childrenOf(undefined, ctx)) {
      assert.equal(parentOf(root), undefined);
      for (const child of childrenOf(root, ctx)) {
        assert.equal(nodeId(parentOf(child)!), nodeId(root));
        for (const grandchild of childrenOf(child, ctx)) assert.equal(nodeId(parentOf(grandchild)!), nodeId(child));
      }
    }
  });

  test('Anchor sessions are named and opened by domain', () => {
    const anchorSession = session('sess_1', { provider: 'anchor', domains: ['example.com', 'javascript:x', 'shop.example'] });
    assert.equal(sessionTarget(anchorSession), 'example.com');
    assert.deepEqual(openableTargets(anchorSession), ['https://example.com', 'https://shop.example']);
    assert.deepEqual(openableTargets(session('b', { targetUrl: 'file:///etc/passwd' })), []);
  });
});

test('hosts are shown in Unicode, not punycode', () => {
  assert.equal(sessionTarget({ id: 'u', provider: 'brightData', status: '', statusKind: 'other', domains: [], tags: [], raw: {}, targetUrl: 'https://例え.jp/検索' }), '例え.jp');
});

describe('tree model: issue 7', () => {
  const EXTRA_SESSIONS = ['+more', '!error', '!loadMoreError', 'a/b', '', 'finished'];

  test('session ids cannot collide with our own rows, whatever the API calls them', () => {
    const sessions = EXTRA_SESSIONS.map((id) => session(id));
    const state: ProviderState = {
      ...loadedBrightData,
      error: { kind: 'server', message: 'boom' },
      groups: [
        group('finished', 'finished', 100, sessions),
        group('failed', 'failed', 100, [session('x')], { error: { kind: 'server', message: 'more failed' } }),
        group('+more', 'other', 100, [session('y')]),
      ],
    };
    const ctx = context({ brightData: state, anchor: { ...emptyProviderState(defaultConnection('anchor'), true), blocked: { reason: 'consentRefused', message: 'no' } } });
    const ids: string[] = [];
    const walk = (nodes: TreeNode[]): void => {
      for (const node of nodes) {
        ids.push(itemFor(node, ctx).id);
        walk(childrenOf(node, ctx));
      }
    };
    walk(childrenOf(undefined, ctx));
    assert.equal(new Set(ids).size, ids.length, `unique ids: ${ids.join(' ')}`);
    for (const id of EXTRA_SESSIONS) assert.ok(ids.includes(`s/brightData/finished/${encodeURIComponent(id)}`));
    assert.ok(ids.includes('m/brightData/finished'), 'the Load more row keeps its own id');
  });

  test('the provider item says until when it is rate limited, and stops saying it after', () => {
    const until = new Date(2025, 11, 16, 14, 32, 5).getTime();
    const state: ProviderState = {
      ...loadedBrightData,
      error: { kind: 'rateLimited', message: 'Bright Data is limiting requests.', retryAt: until },
      rateLimitedUntil: until,
    };
    const before = context({ brightData: state });
    const item = itemFor({ kind: 'provider', connection: 'brightData' }, { ...before, now: new Date(until - 60_000) });
    assert.equal(item.description, '257 sessions · Rate limited until 14:32:05');
    const later = itemFor({ kind: 'provider', connection: 'brightData' }, { ...before, now: new Date(until + 1) });
    assert.equal(later.description, '257 sessions');
  });

  test('a blocked origin shows one item with its fix: Allow… for a refusal, Open Settings for http', () => {
    const refused: ProviderState = {
      ...emptyProviderState(defaultConnection('anchor'), true),
      blocked: { reason: 'consentRefused', origin: 'https://mirror.example', message: 'Not sending the Anchor key to https://mirror.example: not allowed.', setting: 'browserSessions.anchor.baseUrl' },
    };
    const insecure: ProviderState = {
      ...emptyProviderState(defaultConnection('brightData'), true),
      blocked: { reason: 'insecureHttp', origin: 'http://mirror.example', message: 'Refused: plain http.', setting: 'browserSessions.brightData.baseUrl' },
    };
    const ctx = context({ anchor: refused, brightData: insecure });
    const [anchorNotice, ...restA] = childrenOf({ kind: 'provider', connection: 'anchor' }, ctx);
    assert.equal(restA.length, 0);
    const anchorItem = itemFor(anchorNotice, ctx);
    assert.equal(anchorItem.label, refused.blocked!.message);
    assert.equal(anchorItem.command?.command, 'browserSessions.allowApiOrigin');
    assert.deepEqual(anchorItem.command?.arguments, ['anchor']);
    assert.equal(itemFor({ kind: 'provider', connection: 'anchor' }, ctx).description, 'origin not allowed');
    const [bdNotice] = childrenOf({ kind: 'provider', connection: 'brightData' }, ctx);
    const bdItem = itemFor(bdNotice, ctx);
    assert.equal(bdItem.command?.command, 'workbench.action.openSettings');
    assert.deepEqual(bdItem.command?.arguments, ['browserSessions.brightData.baseUrl']);
  });

  test('one rule for Anchor domains: credentials or a path get no Open button', () => {
    const hostile = session('h', { provider: 'anchor', domains: ['good.com:443@evil.com', 'good.com/evil', 'ok.example:8443'] });
    assert.deepEqual(openableTargets(hostile), ['https://ok.example:8443']);
    const only = session('h2', { provider: 'anchor', domains: ['good.com:443@evil.com'] });
    // issue 9 appends inspector flags (+recording…): only the absence of +target matters here.
    assert.match(itemFor({ kind: 'session', connection: 'anchor', groupKey: 'completed', session: only }, context({})).contextValue, /^session(?!.*\+target)/);
  });

  test('a mixed-script lookalike host is shown in punycode in labels and tooltips', () => {
    const lookalike = session('l', { targetUrl: 'https://аррӏе.com/login', endUrl: 'https://xn--80ak6aa92e.com/done' });
    const item = itemFor({ kind: 'session', connection: 'brightData', groupKey: 'finished', session: lookalike }, context({}));
    assert.equal(item.label, 'xn--80ak6aa92e.com');
    const lines = Object.fromEntries(item.tooltip!.lines.map((line) => [line.label, line.value]));
    assert.equal(lines['Target URL'], 'https://xn--80ak6aa92e.com/login');
    assert.equal(lines['End URL'], 'https://xn--80ak6aa92e.com/done');
    const anchorLookalike = session('m', { provider: 'anchor', domains: ['аррӏе.com', 'пример.рф'] });
    assert.equal(sessionTarget(anchorLookalike), 'xn--80ak6aa92e.com');
    const anchorItem = itemFor({ kind: 'session', connection: 'anchor', groupKey: 'completed', session: anchorLookalike }, context({}));
    assert.equal(anchorItem.tooltip!.lines.find((line) => line.label === 'Domains')?.value, 'xn--80ak6aa92e.com, пример.рф');
  });
});
