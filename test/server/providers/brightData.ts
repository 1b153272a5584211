// GET /browser_sessions, as /work/shared/specs/brightdata-browser-sessions.txt describes it.
import { generateBrightData } from '../generate-brightdata';
import { HOSTILE } from '../hostile';
import { uuid, type Random } from '../prng';
import { noMemo, QueryReader, selectionKey, type Memo } from '../query';
import type { BrightDataRecord } from '../records';
import { numberOrNull, sortBy, type SortValue } from '../sort';
import { isoSeconds } from '../time';
import { collectionRoute, type Entry, type ProviderDefinition } from './definition';

type BrightDataEntry = Entry<BrightDataRecord>;

export const BRIGHT_DATA_PATH = '/browser_sessions';

export interface BrightDataListResponse {
  sessions: BrightDataRecord[];
  count: number;
  total: number;
  pagination: { offset: number; limit: number; has_more: boolean; next_offset: number | null };
}

export const STATUS_FILTERS = ['running', 'finished', 'failed', 'all'] as const;
export const SORT_FIELDS = ['timestamp', 'duration', 'bandwidth'] as const;
export const ORDERS = ['asc', 'desc'] as const;

const SORT_KEYS: Record<(typeof SORT_FIELDS)[number], (entry: BrightDataEntry) => SortValue> = {
  timestamp: (entry) => entry.time,
  duration: (entry) => numberOrNull(entry.record.duration),
  bandwidth: (entry) => numberOrNull(entry.record.bandwidth),
};

/**
 * Throws BadRequest for a value the spec does not allow. Parameters the spec does not name are
 * ignored, as many APIs do; the request log lets tests catch a client that sends them.
 */
export function listBrightData(
  entries: readonly BrightDataEntry[],
  params: URLSearchParams,
  memo: Memo = noMemo,
): BrightDataListResponse {
  const query = new QueryReader(params);
  // The spec gives only "x <= 100"; a limit below 1 makes no sense, so it is refused too.
  const limit = query.integer('limit', 50, 1, 100);
  const offset = query.integer('offset', 0, 0);
  const keep = brightDataFilter(query);
  const sortKey = SORT_KEYS[query.oneOf('sort', SORT_FIELDS, 'timestamp')];
  const order = query.oneOf('order', ORDERS, 'desc');
  // Paging through one selection re-uses its sorted list: a 10,000-session benchmark then
  // measures the client, not this server.
  const sorted = memo(selectionKey(params, ['limit', 'offset']), () =>
    sortBy(entries.filter(keep), sortKey, (entry) => entry.record.session_id, order),
  );
  const sessions = sorted.slice(offset, offset + limit).map((entry) => entry.record);
  const hasMore = offset + sessions.length < sorted.length;
  return {
    sessions,
    count: sessions.length,
    total: sorted.length,
    pagination: {
      offset,
      limit,
      has_more: hasMore,
      // The spec shows next_offset only beside has_more: true and is silent on the last page;
      // null there says "no next page" without inventing an offset past the end.
      next_offset: hasMore ? offset + sessions.length : null,
    },
  };
}

function brightDataFilter(query: QueryReader): (entry: BrightDataEntry) => boolean {
  const apiName = query.text('api_name');
  const status = query.oneOf('status', STATUS_FILTERS, 'all');
  const from = query.dateTime('start_date');
  // Both bounds inclusive; the spec is silent on that and on from > to, which simply matches nothing.
  const to = query.dateTime('end_date');
  const targetUrl = query.text('target_url')?.toLowerCase();
  const endUrl = query.text('end_url')?.toLowerCase();
  return ({ record, time }) =>
    (apiName === undefined || record.api_name === apiName) &&
    // Statuses the filter does not list (queued, terminated) are only reachable with "all".
    (status === 'all' || record.status === status) &&
    (from === undefined || (time !== null && time >= from)) &&
    (to === undefined || (time !== null && time <= to)) &&
    containsIgnoringCase(record.target_url, targetUrl) &&
    containsIgnoringCase(record.end_url, endUrl);
}

/**
 * The spec only says "Filter by target url (e.g., example.com)": a part of a URL, so a
 * case-insensitive substring match. A session without that URL never matches a given filter.
 */
function containsIgnoringCase(value: string | null, wanted: string | undefined): boolean {
  return wanted === undefined || (typeof value === 'string' && value.toLowerCase().includes(wanted));
}

/** The auth scheme is case-insensitive (RFC 9110); the token is taken exactly. */
function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1];
}

export const brightData: ProviderDefinition<BrightDataRecord, undefined> = {
  id: 'brightData',
  prefix: '',
  // The spec examples' total, hostile fixtures included.
  defaultCount: 257,
  defaultKey: 'test-key-brightdata',
  keyHeader: 'authorization',
  hostileIds: HOSTILE.ids.brightData,
  apiKey: (headers) => bearerToken(headers.authorization),
  missingKeyMessage: 'Missing API key: send it as "Authorization: Bearer <key>"',
  // The spec documents no error body; {"error": "..."} is this server's choice.
  errorBody: (message) => ({ error: message }),
  route: (path) =>
    (path === BRIGHT_DATA_PATH ? { kind: 'list' } : undefined) ??
    // issue 9: get one (no stop: the spec has none)
    collectionRoute(path, BRIGHT_DATA_PATH),
  generate: generateBrightData,
  hidden: () => undefined,
  idOf: (record) => record.session_id,
  timeText: (record) => record.timestamp,
  blank: (random: Random, newest: number) => ({
    session_id: uuid(random),
    api_name: 'scraping_browser1',
    status: 'running',
    target_url: 'https://www.example.com',
    end_url: null,
    navigations: 0,
    timestamp: isoSeconds(newest + 1000),
    duration: null,
    captcha: 'none',
    bandwidth: 0,
    error: null,
  }),
  list: listBrightData,
  // issue 9: get one. SingleSessionResponse wraps the record: { "session": Session }.
  detail: (record) => ({ session: record }),
};
