import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANCHOR_DEFINITION } from '../../src/providers/anchor';
import { BRIGHT_DATA_DEFINITION } from '../../src/providers/brightData';
import { SYNTHETIC_ID_PREFIX } from '../../src/providers/parse';
import { ProviderError } from '../../src/providers/types';

const brightDataRequest = { pageIndex: 0, pageSize: 50, endpoint: 'GET /browser_sessions' };
const anchorRequest = { pageIndex: 0, pageSize: 10, endpoint: 'GET /v1/sessions' };

function brightDataBody(sessions: unknown[], extra: Record<string, unknown> = {}): unknown {
  return { sessions, count: sessions.length, total: sessions.length, pagination: { offset: 0, limit: 50, has_more: false }, ...extra };
}

function isBadResponse(provider: string, endpoint: string) {
  return (error: unknown): boolean =>
    error instanceof ProviderError &&
    error.kind === 'badResponse' &&
    error.details.provider === provider &&
    error.message.includes(provider === 'anchor' ? 'Anchor' : 'Bright Data') &&
    error.message.includes(endpoint);
}

describe('Bright Data records', () => {
  it('normalises the documented fields', () => {
    const raw = {
      session_id: 'abc',
      api_name: 'scraping_browser1',
      status: 'failed',
      target_url: 'https://www.example.com',
      end_url: 'https://www.example.com/sub',
      navigations: 3,
      timestamp: '2025-12-16T17:20:15Z',
      duration: 45.2,
      captcha: 'none',
      bandwidth: 45678901,
      error: { code: 'unknown', message: 'Error' },
    };
    const [session] = BRIGHT_DATA_DEFINITION.parsePage(brightDataBody([raw]), brightDataRequest).sessions;
    assert.deepEqual(session, {
      id: 'abc',
      provider: 'brightData',
      status: 'failed',
      statusKind: 'failed',
      targetUrl: 'https://www.example.com',
      endUrl: 'https://www.example.com/sub',
      domains: [],
      startedAt: '2025-12-16T17:20:15Z',
      durationSeconds: 45.2,
      bytes: 45678901,
      captcha: 'none',
      errorCode: 'unknown',
      errorMessage: 'Error',
      tags: [],
      steps: 3,
      zone: 'scraping_browser1',
      raw,
    });
  });

  it('keeps a record with nulls and wrong types, those fields undefined', () => {
    const raw = {
      session_id: 'abc',
      api_name: 7,
      status: null,
      target_url: null,
      end_url: ['x'],
      navigations: '4',
      timestamp: 12,
      duration: null,
      captcha: false,
      bandwidth: 'lots',
      error: 'plain text',
    };
    const [session] = BRIGHT_DATA_DEFINITION.parsePage(brightDataBody([raw]), brightDataRequest).sessions;
    assert.ok(session);
    assert.equal(session.id, 'abc');
    assert.equal(session.status, '');
    assert.equal(session.statusKind, 'other');
    for (const field of ['zone', 'targetUrl', 'endUrl', 'steps', 'startedAt', 'durationSeconds', 'captcha', 'bytes', 'errorCode'] as const) {
      assert.equal(session[field], undefined, field);
    }
    assert.equal(session.errorMessage, 'plain text');
    assert.equal(session.raw, raw);
  });

  it('maps statuses to kinds', () => {
    const statuses = ['running', 'finished', 'failed', 'queued', 'all'];
    const page = BRIGHT_DATA_DEFINITION.parsePage(
      brightDataBody(statuses.map((status, i) => ({ session_id: `s${i}`, status }))),
      brightDataRequest,
    );
    assert.deepEqual(page.sessions.map((session) => session.statusKind), ['running', 'finished', 'failed', 'other', 'other']);
  });

  it('gives a record without a usable id a stable synthetic id derived from its content', () => {
    const records = [{ status: 'running', timestamp: 'a' }, { session_id: '', status: 'finished' }, null, { session_id: 42 }];
    const first = BRIGHT_DATA_DEFINITION.parsePage(brightDataBody(records), brightDataRequest).sessions;
    const again = BRIGHT_DATA_DEFINITION.parsePage(brightDataBody([...records].reverse()), brightDataRequest).sessions;
    assert.equal(first.length, 4);
    assert.ok(first.slice(0, 3).every((session) => session.id.startsWith(SYNTHETIC_ID_PREFIX)));
    assert.equal(new Set(first.map((session) => session.id)).size, 4);
    assert.equal(first[3]?.id, '42');
    assert.deepEqual(
      first.map((session) => session.id),
      [...again].reverse().map((session) => session.id),
    );
  });

  it('reads paging from total and pagination.has_more', () => {
    const page = BRIGHT_DATA_DEFINITION.parsePage(
      { sessions: [{ session_id: 'a' }], count: 1, total: 257, pagination: { offset: 100, limit: 50, has_more: true, next_offset: 150 } },
      { ...brightDataRequest, pageIndex: 2 },
    );
    assert.deepEqual({ total: page.total, hasMore: page.hasMore, pageIndex: page.pageIndex, pageSize: page.pageSize }, {
      total: 257,
      hasMore: true,
      pageIndex: 2,
      pageSize: 50,
    });
  });

  it('falls back to total when has_more is missing, and to a lower bound when total is missing', () => {
    const withTotal = BRIGHT_DATA_DEFINITION.parsePage({ sessions: [{ session_id: 'a' }], total: 60 }, { ...brightDataRequest, pageSize: 1 });
    assert.equal(withTotal.hasMore, true);
    const withoutTotal = BRIGHT_DATA_DEFINITION.parsePage({ sessions: [{ session_id: 'a' }] }, brightDataRequest);
    assert.deepEqual([withoutTotal.total, withoutTotal.hasMore], [1, false]);
  });

  it('rejects a body not of the documented shape, naming provider and endpoint', () => {
    for (const body of [null, [], 'text', { sessions: 'no' }, { data: { sessions: [] } }]) {
      assert.throws(() => BRIGHT_DATA_DEFINITION.parsePage(body, brightDataRequest), isBadResponse('brightData', 'GET /browser_sessions'));
    }
  });
});

describe('Anchor records', () => {
  const raw = {
    id: 'sess_123456',
    status: 'completed',
    tags: ['production', 'scraping'],
    headless: false,
    recording: true,
    used_credits: 12.5,
    proxy_bytes: 102400,
    proxy_type: 'anchor_proxy',
    steps: 48,
    duration: 420,
    created_at: '2026-03-09T12:34:56.789Z',
    domains: ['example.com'],
  };

  it('normalises the documented fields', () => {
    const page = ANCHOR_DEFINITION.parsePage({ data: { sessions: [raw], total: 145, page: 1, total_pages: 15 } }, anchorRequest);
    assert.deepEqual(page.sessions[0], {
      id: 'sess_123456',
      provider: 'anchor',
      status: 'completed',
      statusKind: 'finished',
      domains: ['example.com'],
      startedAt: '2026-03-09T12:34:56.789Z',
      durationSeconds: 420,
      bytes: 102400,
      tags: ['production', 'scraping'],
      credits: 12.5,
      steps: 48,
      proxyType: 'anchor_proxy',
      raw,
    });
    assert.deepEqual([page.total, page.hasMore], [145, true]);
  });

  it('keeps a record with nulls and wrong types', () => {
    const broken = { id: 'x', status: 3, tags: null, domains: ['ok.example', 5, null], used_credits: '1', steps: null, created_at: {} };
    const [session] = ANCHOR_DEFINITION.parsePage({ data: { sessions: [broken], total: 1, page: 1, total_pages: 1 } }, anchorRequest).sessions;
    assert.ok(session);
    assert.deepEqual(
      [session.id, session.status, session.statusKind, session.tags, session.domains, session.credits, session.steps, session.startedAt],
      ['x', '', 'other', [], ['ok.example'], undefined, undefined, undefined],
    );
  });

  it('maps statuses to kinds, completed and finished both finished', () => {
    const statuses = ['running', 'completed', 'finished', 'failed', 'idle'];
    const page = ANCHOR_DEFINITION.parsePage(
      { data: { sessions: statuses.map((status, i) => ({ id: `s${i}`, status })), total: 5, page: 1, total_pages: 1 } },
      anchorRequest,
    );
    assert.deepEqual(page.sessions.map((session) => session.statusKind), ['running', 'finished', 'finished', 'failed', 'other']);
  });

  it('says there is more while page < total_pages', () => {
    const last = ANCHOR_DEFINITION.parsePage({ data: { sessions: [], total: 145, page: 15, total_pages: 15 } }, anchorRequest);
    assert.equal(last.hasMore, false);
  });

  it('rejects a body without data or data.sessions, naming provider and endpoint', () => {
    for (const body of [{}, { sessions: [] }, { data: [] }, { data: { sessions: {} } }, 'x']) {
      assert.throws(() => ANCHOR_DEFINITION.parsePage(body, anchorRequest), isBadResponse('anchor', 'GET /v1/sessions'));
    }
  });
});
