// Anchor Browser: GET /v1/sessions (spec: /work/shared/specs/anchor-sessions.txt).
import { joinCommaList } from '../shared/lists';
import type { ProviderDefinition } from './definition';
import { pageFrom, wholePageSize, type PageRequest } from './paging';
import { setParam } from './params';
import {
  isObject,
  readId,
  readNumber,
  readObject,
  readString,
  readStringArray,
  shapeError,
  statusKindOf,
  type JsonObject,
} from './parse';
import type { ProviderCapabilities, Session, SessionPage, SessionQuery, StatusKind } from './types';

/** Spec: "Supported values are 10, 20, and 50." */
const PAGE_SIZES = [10, 20, 50] as const;
const LARGEST_PAGE_SIZE = PAGE_SIZES[PAGE_SIZES.length - 1] as number;

export const ANCHOR_CAPABILITIES: ProviderCapabilities = {
  // The spec also has batch_id, task_initiated, playground, proxy, extra_stealth and profile_name;
  // no filter of ours sets them, so they are not offered (a Filters field first, then here).
  filters: new Set(['status', 'target', 'dateRange', 'tags']),
  // The spec lists no statuses: `status` is a free "Exact session status filter" string and only
  // "completed" appears (in the example). These are the values we group by; the UI must still show
  // sessions with any other status (they get statusKind 'other').
  statuses: ['running', 'completed', 'failed'],
  statusFor: { running: 'running', finished: 'completed', failed: 'failed' },
  // Spec: "Common values are created_at, session_id, used_credits, created_at, and api_key_name"
  // (created_at twice, and "common" suggests others exist; we offer only the named ones).
  sortFields: ['created_at', 'session_id', 'used_credits', 'api_key_name'],
  // Newest first is our choice for the UI; the API's own default order is asc.
  defaultSort: { field: 'created_at', order: 'desc' },
  paging: 'pageNumber',
  // anchor-session-extras: get one, pages (per-tab live view), recordings and DELETE; no logs.
  endpoints: { getOne: true, liveView: true, pages: true, recording: true, logs: false, stop: true },
  // `data.total` beside `total_pages`: the count of the whole query (the spec does not say so in
  // words; it is the only reading under which total_pages makes sense).
  totals: true,
  // created_to: "Include sessions created at or before this timestamp", and `created_at` carries
  // milliseconds in the example, so a day ends at its last millisecond.
  dateToStepMs: 1,
};

const IDENTITY = { id: 'anchor', label: 'Anchor' } as const;

const STATUS_KINDS: Readonly<Record<string, StatusKind>> = {
  running: 'running',
  completed: 'finished',
  finished: 'finished',
  failed: 'failed',
};

/** The smallest supported size that holds the wanted count, or the largest there is. */
export function anchorPageSize(wanted: number | undefined): number {
  const size = wholePageSize(wanted);
  return PAGE_SIZES.find((allowed) => allowed >= size) ?? LARGEST_PAGE_SIZE;
}

function params(query: SessionQuery, pageIndex: number, pageSize: number): URLSearchParams {
  const search = new URLSearchParams();
  setParam(search, 'page', pageIndex + 1);
  setParam(search, 'limit', pageSize);
  // Both always sent: the API's default order is asc, the opposite of what a newest-first UI wants.
  setParam(search, 'sort_by', query.sortBy ?? ANCHOR_CAPABILITIES.defaultSort.field);
  setParam(search, 'sort_order', query.order ?? ANCHOR_CAPABILITIES.defaultSort.order);
  // The spec documents "Comma-separated tag search terms (partial, case-insensitive)" but lost the
  // parameter's name, so it is never sent: guessing a name could filter by something else.
  setParam(search, 'status', query.status);
  setParam(search, 'tags', joinCommaList(query.tags ?? []));
  setParam(search, 'domains', joinCommaList(query.target ?? []));
  setParam(search, 'created_from', query.from);
  setParam(search, 'created_to', query.to);
  return search;
}

function toSession(raw: unknown): Session {
  const record: JsonObject = isObject(raw) ? raw : {};
  const status = readString(record, 'status') ?? '';
  return {
    id: readId(raw, 'id'),
    provider: 'anchor',
    status,
    statusKind: statusKindOf(status, STATUS_KINDS),
    domains: readStringArray(record, 'domains'),
    startedAt: readString(record, 'created_at'),
    // The spec gives no unit for `duration` (example: 420 with 48 steps); we read it as seconds.
    durationSeconds: readNumber(record, 'duration'),
    bytes: readNumber(record, 'proxy_bytes'),
    tags: readStringArray(record, 'tags'),
    credits: readNumber(record, 'used_credits'),
    steps: readNumber(record, 'steps'),
    proxyType: readString(record, 'proxy_type'),
    raw,
  };
}

function parsePage(body: unknown, request: PageRequest): SessionPage {
  if (!isObject(body)) throw shapeError(IDENTITY, request.endpoint, 'not a JSON object');
  const data = readObject(body, 'data');
  if (!data) throw shapeError(IDENTITY, request.endpoint, '“data” is missing');
  const list = data['sessions'];
  if (!Array.isArray(list)) throw shapeError(IDENTITY, request.endpoint, '“data.sessions” is not a list');
  const totalPages = readNumber(data, 'total_pages');
  const page = readNumber(data, 'page') ?? request.pageIndex + 1;
  return pageFrom(list, toSession, readNumber(data, 'total'), totalPages === undefined ? undefined : page < totalPages, request);
}

export const ANCHOR_DEFINITION: ProviderDefinition<'anchor'> = {
  ...IDENTITY,
  defaultBaseUrl: 'https://api.anchorbrowser.io',
  capabilities: ANCHOR_CAPABILITIES,
  // Spec: `status` is an "Exact session status filter" string, not an enum: any spelling can be asked for.
  statusFilter: 'freeText',
  path: 'v1/sessions',
  fieldLabels: { steps: 'Steps', bytes: 'Proxy bytes' },
  shownKeys: {
    id: (s) => s.id !== '',
    status: (s) => s.status !== '',
    tags: (_, value) => Array.isArray(value),
    domains: (_, value) => Array.isArray(value),
    used_credits: (s) => s.credits !== undefined,
    proxy_bytes: (s) => s.bytes !== undefined,
    proxy_type: (s) => s.proxyType !== undefined,
    steps: (s) => s.steps !== undefined,
    duration: (s) => s.durationSeconds !== undefined,
    created_at: (s) => s.startedAt !== undefined,
  },
  authHeaders: (apiKey) => ({ 'anchor-api-key': apiKey }),
  pageSize: anchorPageSize,
  params,
  parsePage,
};
