import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANCHOR_DEFINITION } from '../../src/providers/anchor';
import { BRIGHT_DATA_DEFINITION } from '../../src/providers/brightData';
import { pageSizeFor, ProviderError } from '../../src/providers/index';
import { endpointUrl } from '../../src/providers/url';

const entries = (params: URLSearchParams): Record<string, string> => Object.fromEntries(params);

describe('pageSizeFor', () => {
  it('clamps Bright Data to 1…100', () => {
    assert.deepEqual([1, 37, 100, 101, 0, -5, 2.5].map((wanted) => pageSizeFor('brightData', wanted)), [1, 37, 100, 100, 1, 1, 3]);
  });

  it('maps Anchor to the smallest supported size that holds it, capped at 50', () => {
    assert.deepEqual([7, 10, 11, 20, 25, 50, 100].map((wanted) => pageSizeFor('anchor', wanted)), [10, 10, 20, 20, 50, 50, 50]);
  });
});

describe('Bright Data query parameters', () => {
  it('sends only paging when no filter is set', () => {
    assert.deepEqual(entries(BRIGHT_DATA_DEFINITION.params({}, 0, 50)), { limit: '50', offset: '0' });
  });

  it('maps every filter and the sort, and pages by offset', () => {
    const params = BRIGHT_DATA_DEFINITION.params(
      {
        zone: 'scraping_browser1',
        status: 'failed',
        from: '2025-12-01T00:00:00Z',
        to: '2025-12-16T23:59:59Z',
        target: 'example.com',
        sortBy: 'bandwidth',
        order: 'asc',
      },
      3,
      100,
    );
    assert.deepEqual(entries(params), {
      api_name: 'scraping_browser1',
      limit: '100',
      offset: '300',
      status: 'failed',
      start_date: '2025-12-01T00:00:00Z',
      end_date: '2025-12-16T23:59:59Z',
      target_url: 'example.com',
      sort: 'bandwidth',
      order: 'asc',
    });
  });

  it('ignores filters Bright Data does not have', () => {
    const params = BRIGHT_DATA_DEFINITION.params({ tags: ['a'] }, 0, 10);
    assert.deepEqual(entries(params), { limit: '10', offset: '0' });
  });

  it('sends the key as a Bearer token', () => {
    assert.deepEqual(BRIGHT_DATA_DEFINITION.authHeaders('abc'), { authorization: 'Bearer abc' });
  });
});

describe('Anchor query parameters', () => {
  it('always sends sort_by and sort_order, newest first by default', () => {
    assert.deepEqual(entries(ANCHOR_DEFINITION.params({}, 0, 10)), {
      page: '1',
      limit: '10',
      sort_by: 'created_at',
      sort_order: 'desc',
    });
    assert.equal(ANCHOR_DEFINITION.params({ sortBy: 'used_credits' }, 0, 10).get('sort_order'), 'desc');
  });

  it('maps every filter, with comma lists tidied', () => {
    const params = ANCHOR_DEFINITION.params(
      {
        status: 'completed',
        tags: [' production', 'scraping ', ''],
        target: 'example.com, shop.example ,',
        from: '2026-03-01T00:00:00Z',
        to: '2026-03-09T00:00:00Z',
        sortBy: 'session_id',
        order: 'asc',
      },
      4,
      20,
    );
    assert.deepEqual(entries(params), {
      page: '5',
      limit: '20',
      sort_by: 'session_id',
      sort_order: 'asc',
      status: 'completed',
      tags: 'production,scraping',
      domains: 'example.com,shop.example',
      created_from: '2026-03-01T00:00:00Z',
      created_to: '2026-03-09T00:00:00Z',
    });
  });

  it('does not send empty lists, nor filters Anchor does not have', () => {
    const params = ANCHOR_DEFINITION.params({ tags: [], target: ' , ', zone: 'z' }, 0, 10);
    assert.deepEqual([...params.keys()], ['page', 'limit', 'sort_by', 'sort_order']);
  });

  it('sends the key in anchor-api-key', () => {
    assert.deepEqual(ANCHOR_DEFINITION.authHeaders('abc'), { 'anchor-api-key': 'abc' });
  });
});

describe('endpointUrl', () => {
  it('keeps a base path prefix, with or without a trailing slash', () => {
    assert.equal(endpointUrl('anchor', 'https://mirror.example/anchor', 'v1/sessions').href, 'https://mirror.example/anchor/v1/sessions');
    assert.equal(endpointUrl('anchor', 'https://mirror.example/anchor/', 'v1/sessions').href, 'https://mirror.example/anchor/v1/sessions');
    assert.equal(endpointUrl('brightData', 'https://api.brightdata.com', 'browser_sessions').href, 'https://api.brightdata.com/browser_sessions');
  });

  it('drops a query and fragment on the base', () => {
    assert.equal(endpointUrl('brightData', 'http://127.0.0.1:9/?x=1#y', 'browser_sessions').href, 'http://127.0.0.1:9/browser_sessions');
  });

  it('refuses a base that is not an http(s) URL, naming the setting', () => {
    for (const base of ['not a url', 'file:///etc/passwd']) {
      assert.throws(
        () => endpointUrl('brightData', base, 'browser_sessions'),
        (error: unknown) =>
          error instanceof ProviderError && error.kind === 'config' && error.message.includes('browserSessions.brightData.baseUrl'),
      );
    }
  });
});
