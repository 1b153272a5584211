// Browserbase, Steel and Hyperbrowser: parsing of the specs' own example bodies, the mapping of a
// query onto each API's parameters, and the paging decisions (unpaged, cursor, page numbers).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSnapshot } from '../../src/details/snapshot';
import { BROWSERBASE_DEFINITION, BROWSERBASE_LIST_MAX_BODY_BYTES } from '../../src/providers/browserbase';
import { HYPERBROWSER_DEFINITION } from '../../src/providers/hyperbrowser';
import { STEEL_DEFINITION } from '../../src/providers/steel';
import { ProviderError } from '../../src/providers/types';
import { childrenOf, itemFor } from '../../src/tree/model';

const entries = (params: URLSearchParams): Record<string, string> => Object.fromEntries(params);
const request = (endpoint: string, pageSize = 50, pageIndex = 0) => ({ pageIndex, pageSize, endpoint });
const isBadResponse = (provider: string) => (error: unknown) =>
  error instanceof ProviderError && error.kind === 'badResponse' && error.details.provider === provider;

// Spec example bodies, verbatim.
const BROWSERBASE_EXAMPLE = [
  {
    id: '3f1c2a9e-5b7d-4e21-9c3a-0d8e6f4b2a11',
    createdAt: '2026-11-20T09:14:02.511Z',
    updatedAt: '2026-11-20T09:19:45.020Z',
    projectId: '8d2e4f60-1a3b-4c5d-9e7f-112233445566',
    startedAt: '2026-11-20T09:14:03.002Z',
    endedAt: '2026-11-20T09:19:44.870Z',
    expiresAt: '2026-11-20T10:14:03.002Z',
    status: 'COMPLETED',
    proxyBytes: 1048576,
    keepAlive: false,
    region: 'us-west-2',
    contextId: 'c0ffee00-1111-2222-3333-444455556666',
    userMetadata: { env: 'staging' },
  },
];

const STEEL_EXAMPLE = {
  sessions: [
    {
      id: 'e4d682bb-a7f2-432c-ad13-8b116695d59e',
      createdAt: '2026-11-20T09:14:02.511Z',
      status: 'live',
      duration: 42000,
      timeout: 300000,
      eventCount: 118,
      creditsUsed: 1,
      proxyBytesUsed: 0,
      proxySource: null,
      debugUrl: 'https://viewer.example/secret-debug',
      sessionViewerUrl: 'https://viewer.example/secret-viewer',
      websocketUrl: 'wss://viewer.example/secret-ws',
      dimensions: { width: 1280, height: 800 },
      optimizeBandwidth: {},
      region: 'iad',
      headless: false,
      solveCaptcha: false,
      isSelenium: false,
    },
  ],
  nextCursor: null,
  totalCount: 1,
};

const HYPERBROWSER_EXAMPLE = {
  sessions: [
    {
      id: '8ef3ef5f-731b-47a4-83e3-f7ede63245f3',
      teamId: '1efe9b24-5638-4b15-86f0-cf634a49e151',
      status: 'active',
      startTime: 1795166042511,
      endTime: null,
      createdAt: '2026-11-20T09:14:02.511Z',
      updatedAt: '2026-11-20T09:14:03.100Z',
      sessionUrl: 'https://app.example/session',
      launchState: { useStealth: false, useProxy: false, enableWebRecording: true },
      creditsUsed: null,
      creditBreakdown: { creditsUsed: null, browserTimeCreditsUsed: null, proxyDataCreditsUsed: null },
    },
  ],
  totalCount: 1,
  page: 1,
  perPage: 10,
};

describe('Browserbase', () => {
  it('parses the spec example: one bare array, the whole list, an exact total', () => {
    const page = BROWSERBASE_DEFINITION.parsePage(BROWSERBASE_EXAMPLE, request('GET /v1/sessions'));
    assert.equal(page.total, 1);
    assert.notEqual(page.totalExact, false);
    assert.equal(page.hasMore, false);
    const [session] = page.sessions;
    assert.ok(session);
    assert.equal(session.provider, 'browserbase');
    assert.equal(session.statusKind, 'finished');
    assert.equal(session.startedAt, '2026-11-20T09:14:03.002Z');
    assert.equal(session.endedAt, '2026-11-20T09:19:44.870Z');
    assert.equal(session.bytes, 1048576);
    assert.equal(session.region, 'us-west-2');
    assert.equal(session.projectId, '8d2e4f60-1a3b-4c5d-9e7f-112233445566');
    assert.equal(session.keepAlive, false);
    assert.equal(session.liveViewAvailable, false);
    assert.equal(session.cpuUsage, undefined);
  });

  it('maps each status to a kind, PENDING and unknown ones to other', () => {
    const kinds = ['RUNNING', 'PENDING', 'COMPLETED', 'TIMED_OUT', 'ERROR', 'NEW'].map(
      (status) => BROWSERBASE_DEFINITION.parsePage([{ id: status, status }], request('GET /v1/sessions')).sessions[0]?.statusKind,
    );
    assert.deepEqual(kinds, ['running', 'other', 'finished', 'finished', 'failed', 'other']);
  });

  it('sends only status and q, and never a paging parameter', () => {
    const params = BROWSERBASE_DEFINITION.params(
      { status: 'RUNNING', metadataQuery: "user_metadata['env']:'staging'", target: 'x', sortBy: 'a', order: 'asc', pageSize: 10 },
      3,
      10,
    );
    assert.deepEqual(entries(params), { status: 'RUNNING', q: "user_metadata['env']:'staging'" });
    assert.deepEqual(BROWSERBASE_DEFINITION.authHeaders('k'), { 'x-bb-api-key': 'k' });
  });

  it('keeps the list inside a larger, stated body cap', () => {
    assert.equal(BROWSERBASE_DEFINITION.listMaxBodyBytes, BROWSERBASE_LIST_MAX_BODY_BYTES);
    assert.ok(BROWSERBASE_LIST_MAX_BODY_BYTES > 8 * 1024 * 1024);
  });

  it('labels its shouting status spellings for the tree', () => {
    const session = BROWSERBASE_DEFINITION.parsePage([{ id: 'a', status: 'TIMED_OUT' }], request('GET /v1/sessions')).sessions[0];
    const store = { state: () => ({ connection: 'browserbase', label: 'Browserbase', provider: 'browserbase' as const, hasKey: true, loading: false, total: 1, unsupported: [],
      groups: [{ key: 'TIMED_OUT', kind: 'finished' as const, total: 1, sessions: [session], nextPage: 1, exhausted: true, loadingMore: false }] }) };
    const context = { connections: ['browserbase'], read: store.state, filtersActive: false, now: new Date() };
    const [group] = childrenOf({ kind: 'provider', connection: 'browserbase' }, context);
    assert.ok(group);
    assert.equal(itemFor(group, context).label, 'Timed out');
  });

  it('rejects a body that is not an array', () => {
    assert.throws(() => BROWSERBASE_DEFINITION.parsePage({ sessions: [] }, request('GET /v1/sessions')), isBadResponse('browserbase'));
  });
});

describe('Steel', () => {
  it('parses the spec example; milliseconds become seconds; debug URLs never leave the parser', () => {
    const page = STEEL_DEFINITION.parsePage(STEEL_EXAMPLE, request('GET /v1/sessions'));
    assert.equal(page.total, 1);
    assert.notEqual(page.totalExact, false);
    assert.equal(page.hasMore, false);
    assert.equal(page.nextCursor, undefined);
    const [session] = page.sessions;
    assert.ok(session);
    assert.equal(session.statusKind, 'running');
    assert.equal(session.durationSeconds, 42);
    assert.equal(session.steps, 118);
    assert.equal(session.credits, 1);
    assert.equal(session.region, 'iad');
    assert.equal(session.liveViewAvailable, true);
    assert.doesNotMatch(JSON.stringify(session.raw), /secret-/);
  });

  it('follows nextCursor when it is a string, and stops at null', () => {
    const more = STEEL_DEFINITION.parsePage({ sessions: [{ id: 'a' }], nextCursor: 'c2' }, request('GET /v1/sessions', 1));
    assert.equal(more.hasMore, true);
    assert.equal(more.nextCursor, 'c2');
    const end = STEEL_DEFINITION.parsePage({ sessions: [{ id: 'a' }], nextCursor: null }, request('GET /v1/sessions', 1));
    assert.equal(end.hasMore, false);
  });

  it('falls back to the last id only when nextCursor is absent and the page is full', () => {
    const full = STEEL_DEFINITION.parsePage({ sessions: [{ id: 'a' }, { id: 'b' }] }, request('GET /v1/sessions', 2));
    assert.equal(full.nextCursor, 'b');
    const short = STEEL_DEFINITION.parsePage({ sessions: [{ id: 'a' }] }, request('GET /v1/sessions', 2));
    assert.equal(short.hasMore, false);
  });

  it('without totalCount the total is a lower bound, flagged as such', () => {
    const page = STEEL_DEFINITION.parsePage({ sessions: [{ id: 'a' }, { id: 'b' }], nextCursor: 'x' }, request('GET /v1/sessions', 2));
    assert.equal(page.total, 2);
    assert.equal(page.totalExact, false);
  });

  it('an empty page ends the listing whatever the cursor says', () => {
    const page = STEEL_DEFINITION.parsePage({ sessions: [], nextCursor: 'again' }, request('GET /v1/sessions'));
    assert.equal(page.hasMore, false);
  });

  it('maps the query onto limit, status, projectId and cursorId; caps limit at 100', () => {
    assert.deepEqual(entries(STEEL_DEFINITION.params({ status: 'live', projectId: 'p', tags: ['t'] }, 1, 100, 'cur')), {
      limit: '100',
      status: 'live',
      projectId: 'p',
      cursorId: 'cur',
    });
    assert.equal(STEEL_DEFINITION.pageSize(500), 100);
    assert.deepEqual(STEEL_DEFINITION.authHeaders('k'), { 'steel-api-key': 'k' });
  });
});

describe('Hyperbrowser', () => {
  it('parses the spec example; epoch milliseconds become ISO 8601', () => {
    const page = HYPERBROWSER_DEFINITION.parsePage(HYPERBROWSER_EXAMPLE, request('GET /api/sessions', 10));
    const [session] = page.sessions;
    assert.ok(session);
    assert.equal(session.statusKind, 'running');
    assert.equal(session.startedAt, new Date(1795166042511).toISOString());
    assert.equal(session.endedAt, undefined);
    assert.equal(session.credits, undefined);
    assert.equal(session.recordingAvailable, true);
    assert.equal(page.total, 1);
    assert.equal(page.hasMore, false);
  });

  it('reads a numeric-string startTime as the docs type it', () => {
    const page = HYPERBROWSER_DEFINITION.parsePage(
      { sessions: [{ id: 'a', startTime: '1795166042511', status: 'close-error' }], totalCount: 1 },
      request('GET /api/sessions', 10),
    );
    assert.equal(page.sessions[0]?.startedAt, new Date(1795166042511).toISOString());
    assert.equal(page.sessions[0]?.statusKind, 'failed');
  });

  it('pages by perPage, then pageSize, then the limit sent', () => {
    const body = (extra: object) => ({ sessions: [{ id: 'a' }], totalCount: 25, page: 1, ...extra });
    assert.equal(HYPERBROWSER_DEFINITION.parsePage(body({ perPage: 10, pageSize: 20 }), request('GET /api/sessions', 50)).pageSize, 10);
    assert.equal(HYPERBROWSER_DEFINITION.parsePage(body({ pageSize: 20 }), request('GET /api/sessions', 50)).pageSize, 20);
    assert.equal(HYPERBROWSER_DEFINITION.parsePage(body({}), request('GET /api/sessions', 5)).pageSize, 5);
    // 25 sessions at 10 per page: page 3 (index 2) is the last.
    assert.equal(HYPERBROWSER_DEFINITION.parsePage(body({ perPage: 10 }), request('GET /api/sessions', 50, 1)).hasMore, true);
    assert.equal(HYPERBROWSER_DEFINITION.parsePage(body({ perPage: 10 }), request('GET /api/sessions', 50, 2)).hasMore, false);
  });

  it('maps the query onto page (1-based), limit and status', () => {
    assert.deepEqual(entries(HYPERBROWSER_DEFINITION.params({ status: 'active', target: 'x' }, 2, 10)), {
      page: '3',
      limit: '10',
      status: 'active',
    });
    assert.deepEqual(HYPERBROWSER_DEFINITION.authHeaders('k'), { 'x-api-key': 'k' });
  });

  it('rejects a body without a sessions list', () => {
    assert.throws(() => HYPERBROWSER_DEFINITION.parsePage({ data: [] }, request('GET /api/sessions')), isBadResponse('hyperbrowser'));
  });
});

describe('details of the new providers', () => {
  it('show every field the API sent: normalised ones in their rows, the rest under All fields', () => {
    const [session] = BROWSERBASE_DEFINITION.parsePage(BROWSERBASE_EXAMPLE, request('GET /v1/sessions')).sessions;
    assert.ok(session);
    const snapshot = buildSnapshot(session, new Date('2026-11-21T00:00:00Z'));
    assert.equal(snapshot.providerLabel, 'Browserbase');
    assert.equal(snapshot.region, 'us-west-2');
    assert.equal(snapshot.projectId, '8d2e4f60-1a3b-4c5d-9e7f-112233445566');
    assert.equal(snapshot.endedIso, '2026-11-20T09:19:44.870Z');
    assert.equal(snapshot.keepAlive, 'no');
    assert.equal(snapshot.liveView, 'not available');
    const others = snapshot.otherFields.map((field) => field.name);
    assert.deepEqual(others, ['createdAt', 'updatedAt', 'expiresAt', 'contextId', 'userMetadata']);
  });

  it("use the provider's own words for steps and bytes, and never carry Steel's debug URLs", () => {
    const [session] = STEEL_DEFINITION.parsePage(STEEL_EXAMPLE, request('GET /v1/sessions')).sessions;
    assert.ok(session);
    const snapshot = buildSnapshot(session);
    assert.equal(snapshot.stepsLabel, 'Events');
    assert.equal(snapshot.steps, '118');
    assert.doesNotMatch(JSON.stringify(snapshot), /secret-/);
  });
});
