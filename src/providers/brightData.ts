// Bright Data Browser API: GET /browser_sessions (spec: /work/shared/specs/brightdata-browser-sessions.txt).
import type { ProviderDefinition } from './definition';
import { pageFrom, wholePageSize, type PageRequest } from './paging';
import { setParam } from './params';
import {
  isObject,
  readBoolean,
  readId,
  readNumber,
  readObject,
  readString,
  shapeError,
  statusKindOf,
  type JsonObject,
} from './parse';
import type { ProviderCapabilities, Session, SessionPage, SessionQuery, StatusKind } from './types';

/** Spec: "Required range: x <= 100". It states no minimum; we never send less than 1. */
const MAX_PAGE_SIZE = 100;

export const BRIGHT_DATA_CAPABILITIES: ProviderCapabilities = {
  // The spec's `end_url` filter is not offered: no filter of ours sets it.
  filters: new Set(['status', 'target', 'dateRange', 'zone']),
  // The status enum also has "all", which is the same as sending no status.
  statuses: ['running', 'finished', 'failed'],
  statusFor: { running: 'running', finished: 'finished', failed: 'failed' },
  sortFields: ['timestamp', 'duration', 'bandwidth'],
  defaultSort: { field: 'timestamp', order: 'desc' },
  paging: 'offset',
  // brightdata-session-extras: get one exists; no live view, stop, recordings, pages or logs via REST.
  endpoints: { getOne: true, liveView: false, pages: false, recording: false, logs: false, stop: false },
  // The response's `total` counts the whole query (the example: count 3, total 257).
  totals: true,
  // start_date/end_date: the spec says only "Start/End date filter" (string<date-time>): silent on
  // which time they compare (we read `timestamp`) and on inclusiveness. Its example ends a range
  // at …T23:59:59Z, so the end is read as inclusive at whole seconds, which `timestamp` also uses.
  dateToStepMs: 1000,
};

const IDENTITY = { id: 'brightData', label: 'Bright Data' } as const;

const STATUS_KINDS: Readonly<Record<string, StatusKind>> = {
  running: 'running',
  finished: 'finished',
  failed: 'failed',
};

export function brightDataPageSize(wanted: number | undefined): number {
  return Math.min(MAX_PAGE_SIZE, wholePageSize(wanted));
}

function params(query: SessionQuery, pageIndex: number, pageSize: number): URLSearchParams {
  const search = new URLSearchParams();
  setParam(search, 'api_name', query.zone);
  setParam(search, 'limit', pageSize);
  setParam(search, 'offset', pageIndex * pageSize);
  setParam(search, 'status', query.status);
  setParam(search, 'start_date', query.from);
  setParam(search, 'end_date', query.to);
  setParam(search, 'target_url', query.target);
  setParam(search, 'sort', query.sortBy);
  setParam(search, 'order', query.order);
  return search;
}

function toSession(raw: unknown): Session {
  const record: JsonObject = isObject(raw) ? raw : {};
  const status = readString(record, 'status') ?? '';
  // The spec shows `error` as null or {code, message}; a bare string is read as the message.
  const error = readObject(record, 'error');
  return {
    id: readId(raw, 'session_id'),
    provider: 'brightData',
    status,
    statusKind: statusKindOf(status, STATUS_KINDS),
    targetUrl: readString(record, 'target_url'),
    endUrl: readString(record, 'end_url'),
    domains: [],
    startedAt: readString(record, 'timestamp'),
    durationSeconds: readNumber(record, 'duration'),
    bytes: readNumber(record, 'bandwidth'),
    captcha: readString(record, 'captcha'),
    errorCode: error ? readString(error, 'code') : undefined,
    errorMessage: error ? readString(error, 'message') : readString(record, 'error'),
    tags: [],
    steps: readNumber(record, 'navigations'),
    zone: readString(record, 'api_name'),
    raw,
  };
}

/**
 * `pagination.next_offset` is not followed: pages are addressed by index so they can be fetched in
 * parallel. When `total` is missing we fall back to a lower bound and to `has_more`, and listAll
 * keeps following `has_more` past the promised page count.
 */
function parsePage(body: unknown, request: PageRequest): SessionPage {
  if (!isObject(body)) throw shapeError(IDENTITY, request.endpoint, 'not a JSON object');
  const list = body['sessions'];
  if (!Array.isArray(list)) throw shapeError(IDENTITY, request.endpoint, '“sessions” is not a list');
  const pagination = readObject(body, 'pagination');
  const declaredHasMore = pagination ? readBoolean(pagination, 'has_more') : undefined;
  return pageFrom(list, toSession, readNumber(body, 'total'), declaredHasMore, request);
}

export const BRIGHT_DATA_DEFINITION: ProviderDefinition<'brightData'> = {
  ...IDENTITY,
  defaultBaseUrl: 'https://api.brightdata.com',
  capabilities: BRIGHT_DATA_CAPABILITIES,
  path: 'browser_sessions',
  fieldLabels: { steps: 'Navigations', bytes: 'Bandwidth' },
  shownKeys: {
    session_id: (s) => s.id !== '',
    api_name: (s) => s.zone !== undefined,
    status: (s) => s.status !== '',
    target_url: (s) => s.targetUrl !== undefined,
    end_url: (s) => s.endUrl !== undefined,
    navigations: (s) => s.steps !== undefined,
    timestamp: (s) => s.startedAt !== undefined,
    duration: (s) => s.durationSeconds !== undefined,
    captcha: (s) => s.captcha !== undefined,
    bandwidth: (s) => s.bytes !== undefined,
    error: (s) => s.errorCode !== undefined || s.errorMessage !== undefined,
  },
  authHeaders: (apiKey) => ({ authorization: `Bearer ${apiKey}` }),
  pageSize: brightDataPageSize,
  params,
  parsePage,
  // Issue 9: get one (brightdata-session-extras §1). No stop: the spec has no REST call that ends a session (§4).
  getOne: {
    path: (id) => `browser_sessions/${id}`,
    // SingleSessionResponse: { "session": Session }, not the bare record.
    parse: (body, endpoint) => {
      const session = isObject(body) ? body['session'] : undefined;
      if (!isObject(session)) throw shapeError(IDENTITY, endpoint, '“session” is not an object');
      return toSession(session);
    },
    richerThanList: false,
  },
};
