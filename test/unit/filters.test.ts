import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  NO_FILTERS,
  applyChange,
  isActive,
  normalizeTags,
  parseIsoDate,
  queryFor,
  resolveDate,
  sanitizeFilters,
  sameFilters,
  type Filters,
} from '../../src/filters/model';
import { describeFilters } from '../../src/filters/describe';
import type { ProviderCapabilities, ProviderId } from '../../src/providers/types';
import { ANCHOR_CAPABILITIES } from '../../src/providers/anchor';
import { BRIGHT_DATA_CAPABILITIES } from '../../src/providers/brightData';

// The providers' own capabilities: a copy here would drift from what the clients declare.
const brightData = BRIGHT_DATA_CAPABILITIES;
const anchor = ANCHOR_CAPABILITIES;
const CAPABILITIES = { brightData, anchor } as Record<ProviderId, ProviderCapabilities>;
const LABELS = { brightData: 'Bright Data', anchor: 'Anchor' } as Record<ProviderId, string>;
const NOW = new Date('2025-12-16T12:34:56.789Z');

describe('queryFor', () => {
  test('no filters: only the default sort, with its order', () => {
    assert.deepEqual(queryFor(NO_FILTERS, brightData, NOW, 'brightData'), {
      query: { sortBy: 'timestamp', order: 'desc' },
      unsupported: [],
    });
    // Anchor's API would sort ascending if the order were left out.
    assert.deepEqual(queryFor(NO_FILTERS, anchor, NOW, 'anchor'), {
      query: { sortBy: 'created_at', order: 'desc' },
      unsupported: [],
    });
  });

  test('Bright Data: each filter lands on its own field; tags are reported, not sent', () => {
    const filters: Filters = {
      status: 'failed',
      target: 'amazon.com',
      date: { from: '2025-12-01T00:00:00Z', to: '2025-12-16T23:59:59Z' },
      zone: 'serp',
      tags: ['prod'],
      sort: { brightData: { field: 'bandwidth', order: 'asc' } },
    };
    assert.deepEqual(queryFor(filters, brightData, NOW, 'brightData'), {
      query: {
        status: 'failed',
        target: 'amazon.com',
        from: '2025-12-01T00:00:00Z',
        to: '2025-12-16T23:59:59Z',
        zone: 'serp',
        sortBy: 'bandwidth',
        order: 'asc',
      },
      unsupported: ['tags'],
    });
  });

  test('Anchor: each filter lands on its own field; zone is reported, not sent', () => {
    const filters: Filters = {
      status: 'running',
      target: 'example.com,shop.example.com',
      date: { from: '2025-12-01', to: '2025-12-16' },
      zone: 'serp',
      tags: ['prod', 'eu'],
      sort: { anchor: { field: 'used_credits', order: 'asc' } },
    };
    assert.deepEqual(queryFor(filters, anchor, NOW, 'anchor'), {
      query: {
        status: 'running',
        target: 'example.com,shop.example.com',
        from: '2025-12-01T00:00:00Z',
        to: '2025-12-16T23:59:59Z',
        tags: ['prod', 'eu'],
        sortBy: 'used_credits',
        order: 'asc',
      },
      unsupported: ['zone'],
    });
  });

  test('status kinds become each provider’s spelling', () => {
    assert.equal(queryFor({ status: 'finished' }, anchor, NOW, 'anchor').query.status, 'completed');
    assert.equal(queryFor({ status: 'finished' }, brightData, NOW, 'brightData').query.status, 'finished');
    assert.equal(queryFor({ status: 'failed' }, anchor, NOW, 'anchor').query.status, 'failed');
    assert.equal(queryFor({ status: 'running' }, brightData, NOW, 'brightData').query.status, 'running');
  });

  test('a sort field the provider does not have is not sent and is reported', () => {
    const filters: Filters = { sort: { anchor: { field: 'bandwidth', order: 'asc' } } };
    assert.deepEqual(queryFor(filters, anchor, NOW, 'anchor'), {
      query: { sortBy: 'created_at', order: 'desc' },
      unsupported: ['sort'],
    });
  });

  test('each provider reads only its own sort choice', () => {
    const filters: Filters = {
      sort: { brightData: { field: 'duration', order: 'asc' }, anchor: { field: 'session_id', order: 'asc' } },
    };
    assert.deepEqual(queryFor(filters, brightData, NOW, 'brightData').query, { sortBy: 'duration', order: 'asc' });
    assert.deepEqual(queryFor(filters, anchor, NOW, 'anchor').query, { sortBy: 'session_id', order: 'asc' });
    const onlyAnchor: Filters = { sort: { anchor: { field: 'session_id', order: 'asc' } } };
    assert.deepEqual(queryFor(onlyAnchor, brightData, NOW, 'brightData'), {
      query: { sortBy: 'timestamp', order: 'desc' },
      unsupported: [],
    });
  });

  test('a provider with no date filter reports it', () => {
    const noDates: ProviderCapabilities = { ...brightData, filters: new Set(['status']) };
    const result = queryFor({ date: { preset: 'lastHour' }, target: 'x' }, noDates, NOW, 'brightData');
    assert.deepEqual(result.unsupported, ['target', 'date']);
    assert.equal(result.query.from, undefined);
    assert.equal(result.query.target, undefined);
  });

  test('presets resolve against now and leave the upper end open', () => {
    const cases = [
      ['lastHour', '2025-12-16T11:34:56Z'],
      ['last24Hours', '2025-12-15T12:34:56Z'],
      ['last7Days', '2025-12-09T12:34:56Z'],
      ['last30Days', '2025-11-16T12:34:56Z'],
    ] as const;
    for (const [preset, from] of cases) {
      assert.deepEqual(queryFor({ date: { preset } }, anchor, NOW, 'anchor').query, {
        from,
        sortBy: 'created_at',
        order: 'desc',
      });
    }
    const later = new Date('2025-12-16T13:00:00Z');
    assert.deepEqual(resolveDate({ preset: 'lastHour' }, later), { from: '2025-12-16T12:00:00Z' });
  });

  test('custom ranges are sent as UTC instants; open ends stay open', () => {
    assert.deepEqual(resolveDate({ from: '2025-12-01T08:00:00+02:00' }, NOW), { from: '2025-12-01T06:00:00Z' });
    assert.deepEqual(resolveDate({ to: '2025-12-16T10:00:00.250Z' }, NOW), { to: '2025-12-16T10:00:00.250Z' });
    assert.deepEqual(resolveDate({ from: '2025-12-01', to: '2025-12-01' }, NOW), {
      from: '2025-12-01T00:00:00Z',
      to: '2025-12-01T23:59:59Z',
    });
    assert.deepEqual(resolveDate({ to: '2024-02-29' }, NOW), { to: '2024-02-29T23:59:59Z' });
    assert.deepEqual(resolveDate(undefined, NOW), {});
  });
});

describe('parseIsoDate', () => {
  const accepted: [string, string][] = [
    ['2025-12-01', '2025-12-01T00:00:00.000Z'],
    ['2025-12-01T00:00:00Z', '2025-12-01T00:00:00.000Z'],
    ['2025-12-01T08:00Z', '2025-12-01T08:00:00.000Z'],
    ['2025-12-01T08:00:00.5Z', '2025-12-01T08:00:00.500Z'],
    ['2025-12-01T08:00:00.123456Z', '2025-12-01T08:00:00.123Z'],
    ['2025-12-01T08:00:00+02:00', '2025-12-01T06:00:00.000Z'],
    ['2025-12-01T08:00:00-0530', '2025-12-01T13:30:00.000Z'],
    ['2025-12-01t08:00:00z', '2025-12-01T08:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['  2025-12-01  ', '2025-12-01T00:00:00.000Z'],
    ['0050-01-01', '0050-01-01T00:00:00.000Z'],
  ];
  for (const [input, iso] of accepted) {
    test(`accepts ${JSON.stringify(input)}`, () => {
      assert.equal(parseIsoDate(input)?.toISOString(), iso);
    });
  }

  test('a date-time without offset is local time', () => {
    const local = new Date(2025, 11, 1, 8, 30, 0);
    assert.equal(parseIsoDate('2025-12-01T08:30:00')?.getTime(), local.getTime());
  });

  const rejected = [
    '',
    '   ',
    'yesterday',
    '2025-13-01',
    '2025-00-10',
    '2025-02-29',
    '2025-04-31',
    '2025-12-00',
    '2025-12-1',
    '20251201',
    '2025-12-01T24:00:00Z',
    '2025-12-01T08:60Z',
    '2025-12-01T08:00:60Z',
    '2025-12-01T08Z',
    '2025-12-01T08:00:00+25:00',
    '2025-12-01T08:00:00+02:75',
    '2025-12-01 08:00:00Z',
    '2025-12-01T08:00:00ZZ',
    'Mon, 01 Dec 2025 08:00:00 GMT',
    '1733040000000',
  ];
  for (const input of rejected) {
    test(`rejects ${JSON.stringify(input)}`, () => {
      assert.equal(parseIsoDate(input), undefined);
    });
  }
});

describe('describeFilters', () => {
  const describeWith = (filters: Filters): string => describeFilters(filters, CAPABILITIES, LABELS);

  test('empty without filters', () => {
    assert.equal(describeWith(NO_FILTERS), '');
  });

  test('every filter, marking those only one provider applies', () => {
    assert.equal(
      describeWith({
        status: 'failed',
        target: 'amazon.com',
        date: { preset: 'last24Hours' },
        zone: 'serp',
        tags: ['prod', 'eu'],
        sort: { brightData: { field: 'bandwidth', order: 'desc' } },
      }),
      'status: failed · target: amazon.com · last 24 h · zone: serp (Bright Data only) · tags: prod, eu (Anchor only) · sort: Bright Data bandwidth ↓',
    );
  });

  test('custom ranges in short form', () => {
    assert.equal(describeWith({ date: { from: '2025-12-01' } }), 'since 2025-12-01');
    assert.equal(describeWith({ date: { to: '2025-12-16' } }), 'until 2025-12-16');
    assert.equal(describeWith({ date: { from: '2025-12-01', to: '2025-12-16' } }), '2025-12-01 → 2025-12-16');
    assert.equal(
      describeWith({ date: { from: '2025-12-01T08:00:00Z', to: '2025-12-01T17:30:15+02:00' } }),
      '2025-12-01 08:00 UTC → 2025-12-01 17:30:15 +02:00',
    );
    assert.equal(describeWith({ date: { preset: 'lastHour' } }), 'last hour');
    // Never stored (sanitizing drops it) but representable: says so rather than "until ".
    assert.equal(describeWith({ date: {} }), 'any time');
  });

  test('sorts of both providers, in words, and a field the provider lacks', () => {
    assert.equal(
      describeWith({
        sort: {
          brightData: { field: 'timestamp', order: 'asc' },
          anchor: { field: 'api_key_name', order: 'desc' },
        },
      }),
      'sort: Bright Data start time ↑, Anchor API key name ↓',
    );
    assert.equal(describeWith({ sort: { anchor: { field: 'bandwidth', order: 'asc' } } }), 'sort: Anchor bandwidth ↑ (ignored)');
  });

  test('long values are cut with an ellipsis', () => {
    const description = describeWith({ target: `https://example.com/${'a'.repeat(200)}` });
    assert.equal(description, 'target: https://example.com/aaaaaaaaaaa…');
    assert.equal(Array.from(description.slice('target: '.length)).length, 32);
    const tags = describeWith({ tags: ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'] });
    assert.equal(tags, 'tags: alpha, bravo, charlie, delta, e… (Anchor only)');
  });
});

describe('isActive', () => {
  test('false for nothing, true for any one filter', () => {
    assert.equal(isActive(NO_FILTERS), false);
    assert.equal(isActive({ sort: {} }), false);
    assert.equal(isActive({ tags: [] }), false);
    for (const filters of [
      { status: 'running' },
      { target: 'a' },
      { date: { preset: 'lastHour' } },
      { zone: 'z' },
      { tags: ['t'] },
      { sort: { anchor: { field: 'session_id', order: 'asc' } } },
    ] satisfies Filters[]) {
      assert.equal(isActive(filters), true, JSON.stringify(filters));
    }
  });
});

describe('sanitizeFilters', () => {
  test('keeps every good field, trimmed', () => {
    const good = {
      status: 'failed',
      target: '  amazon.com ',
      date: { from: '2025-12-01', to: '2025-12-16T23:59:59Z' },
      zone: 'serp',
      tags: [' prod', 'eu ', 'prod'],
      sort: { brightData: { field: 'bandwidth', order: 'desc' }, anchor: { field: 'created_at', order: 'asc' } },
    };
    assert.deepEqual(sanitizeFilters(good), {
      status: 'failed',
      target: 'amazon.com',
      date: { from: '2025-12-01', to: '2025-12-16T23:59:59Z' },
      zone: 'serp',
      tags: ['prod', 'eu'],
      sort: { brightData: { field: 'bandwidth', order: 'desc' }, anchor: { field: 'created_at', order: 'asc' } },
    });
    assert.deepEqual(sanitizeFilters({ date: { preset: 'last7Days' } }), { date: { preset: 'last7Days' } });
  });

  test('non-objects become no filters', () => {
    for (const junk of [undefined, null, 42, 'status', [], true]) {
      assert.deepEqual(sanitizeFilters(junk), {});
    }
  });

  test('drops junk field by field', () => {
    assert.deepEqual(
      sanitizeFilters({
        status: 'completed',
        target: 42,
        date: { from: 'yesterday', to: '2025-13-01' },
        zone: '   ',
        tags: 'prod,eu',
        sort: { brightData: { field: 'bandwidth', order: 'down' }, anchor: 'created_at', other: { field: 'x', order: 'asc' } },
        unknown: 'kept?',
      }),
      {},
    );
    assert.deepEqual(sanitizeFilters({ status: 'FAILED', date: { preset: 'lastYear' } }), {});
    assert.deepEqual(sanitizeFilters({ date: { from: 'junk', to: '2025-12-16' } }), { date: { to: '2025-12-16' } });
    assert.deepEqual(sanitizeFilters({ date: null, tags: [1, null, '', 'a,b', ' b '] }), { tags: ['a', 'b'] });
  });

  test('a reversed range is dropped', () => {
    assert.deepEqual(sanitizeFilters({ date: { from: '2025-12-16', to: '2025-12-01' } }), {});
    assert.deepEqual(sanitizeFilters({ date: { from: '2025-12-01', to: '2025-12-01' } }), {
      date: { from: '2025-12-01', to: '2025-12-01' },
    });
  });
});

describe('applyChange and sameFilters', () => {
  test('a partial change merges; an undefined key removes that filter', () => {
    const current: Filters = { status: 'failed', zone: 'serp' };
    assert.deepEqual(applyChange(current, { target: ' a.com ' }), { status: 'failed', target: 'a.com', zone: 'serp' });
    assert.deepEqual(applyChange(current, { zone: undefined }), { status: 'failed' });
    assert.deepEqual(
      applyChange(current, (filters) => ({ ...filters, status: undefined })),
      { zone: 'serp' },
    );
  });

  test('equality ignores key order and undefined keys', () => {
    assert.equal(sameFilters({ zone: 'a', status: 'failed' }, { status: 'failed', zone: 'a', target: undefined }), true);
    assert.equal(sameFilters({ zone: 'a' }, { zone: 'b' }), false);
  });
});

describe('normalizeTags', () => {
  test('splits, trims, drops empty entries and duplicates, keeps order', () => {
    assert.deepEqual(normalizeTags([' prod , eu,, prod ,', 'EU', 'eu']), ['prod', 'eu', 'EU']);
    assert.deepEqual(normalizeTags(['', ' , ']), []);
  });
});
