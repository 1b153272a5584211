// Anchor Browser: GET /v1/sessions (spec: /work/shared/specs/anchor-sessions.txt).
import { joinCommaList } from '../shared/lists';
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
  readStringArray,
  shapeError,
  statusKindOf,
  type JsonObject,
} from './parse';
import type { ProviderCapabilities, Session, SessionPage, SessionQuery, StatusKind } from './types';
import { endpointOf, readOpenPages, segment, type GetJson, type InspectSpec, type Recording } from './inspectSpec';
import { ProviderError } from './providerError';

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

// issue 9: live view, pages, recordings (anchor-session-extras.txt §3, §4); Anchor documents no logs.
async function anchorPages(get: GetJson, sessionId: string): Promise<JsonObject[]> {
  const path = `v1/sessions/${segment(sessionId)}/pages`;
  const body = await get(path);
  // v1 sends a bare array; the legacy answer { data: { items } } is read too, as the spec advises.
  const list = Array.isArray(body) ? body : isObject(body) ? readObject(body, 'data')?.['items'] : undefined;
  if (!Array.isArray(list)) throw shapeError(IDENTITY, endpointOf(path), 'not a list of pages');
  return list.filter(isObject);
}

async function anchorRecordings(get: GetJson, sessionId: string): Promise<Recording[]> {
  const path = `v1/sessions/${segment(sessionId)}/recordings`;
  let body: unknown;
  try {
    body = await get(path);
  } catch (error) {
    // The spec's own 404: "Session recordings not found".
    if (error instanceof ProviderError && error.kind === 'notFound') return [];
    throw error;
  }
  const data = isObject(body) ? readObject(body, 'data') : undefined;
  const items = data?.['items'];
  if (!Array.isArray(items)) throw shapeError(IDENTITY, endpointOf(path), '“data.items” is not a list');
  return items.filter(isObject).flatMap((item) => {
    const id = readString(item, 'id');
    if (id === undefined) return [];
    const fileName = readString(item, 'suggested_file_name') ?? `${sessionId}-${id}.mp4`;
    return [
      {
        id,
        label: `${fileName}${readBoolean(item, 'is_primary') === true ? ' (primary)' : ''}`,
        // A string whose format the spec does not give: shown as sent, never computed with.
        durationText: readString(item, 'duration'),
        sizeBytes: readNumber(item, 'size'),
        createdAt: readString(item, 'created_at'),
        ready: true,
        fileName,
      },
    ];
  });
}

const INSPECT: InspectSpec = {
  // No live view of an existing session except per tab (spec §3): the first tab's DevTools view.
  liveView: async (get, sessionId) => {
    const pages = await anchorPages(get, sessionId);
    return pages.map((page) => readString(page, 'frontend_url')).find((url) => url !== undefined);
  },
  pages: async (get, sessionId) => readOpenPages(await anchorPages(get, sessionId)),
  recordings: {
    list: anchorRecordings,
    // The fetch endpoint redirects to a fresh pre-signed link on every call (spec 4b); 4c calls the
    // same path a 200 MP4 that needs the key. The key goes to the API origin only, so both work.
    source: (_get, sessionId, recording) =>
      Promise.resolve(`v1/sessions/${segment(sessionId)}/recordings/${segment(recording.id)}/fetch`),
  },
};

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
    // A steps array (get one, per the docs) is shown as its count and also listed with the raw fields.
    steps: (s, value) => s.steps !== undefined && typeof value === 'number',
    // Get one spells these differently from the list (anchor-session-extras §1).
    session_id: (s) => s.id !== '',
    credits_used: (s) => s.credits !== undefined,
    duration: (s) => s.durationSeconds !== undefined,
    created_at: (s) => s.startedAt !== undefined,
  },
  authHeaders: (apiKey) => ({ 'anchor-api-key': apiKey }),
  pageSize: anchorPageSize,
  params,
  parsePage,
  // issue 9: live view, pages, recordings, logs
  inspect: INSPECT,
  // Issue 9: get one (anchor-session-extras §1) and end one (§2).
  getOne: {
    path: (id) => `v1/sessions/${id}`,
    parse: parseOne,
    // team_id, playground, configuration, tokens and the steps themselves are not in list records.
    richerThanList: true,
  },
  stop: {
    method: 'DELETE',
    path: (id) => `v1/sessions/${id}`,
    // DELETE /v1/sessions/all "terminates all active browser sessions": never reached by an id.
    reservedIds: ['all'],
  },
};

/**
 * The spec's envelope conflicts ("Parse: body.data if it is an object, else body") and the detail
 * names fields differently from the list: session_id, credits_used; `steps` a number or an array
 * of steps ("Accept both; display a count"); `tags` a string list or an object.
 */
function parseOne(body: unknown, endpoint: string): Session {
  if (!isObject(body)) throw shapeError(IDENTITY, endpoint, 'not a JSON object');
  const raw = readObject(body, 'data') ?? body;
  const listed = toSession(raw);
  const steps = raw['steps'];
  return {
    ...listed,
    id: readString(raw, 'session_id') ?? listed.id,
    credits: readNumber(raw, 'credits_used') ?? listed.credits,
    steps: Array.isArray(steps) ? steps.length : listed.steps,
  };
}
