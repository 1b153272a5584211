// Steel: GET /v1/sessions with cursor paging (spec: /work/shared/specs/steel-sessions.txt).
import type { ProviderDefinition } from './definition';
import { pageFrom, wholePageSize, type PageRequest } from './paging';
import { setParam } from './params';
import {
  bareRecord,
  isObject,
  readId,
  readNumber,
  readString,
  shapeError,
  statusKindOf,
  type JsonObject,
} from './parse';
import { REDACTED } from './redact';
import type { ProviderCapabilities, Session, SessionPage, SessionQuery, StatusKind } from './types';
import { endpointOf, readOpenPages, segment, type GetJson, type InspectSpec } from './inspectSpec';

const IDENTITY = { id: 'steel', label: 'Steel' } as const;

/** steel-python 0.18.0: "Default is 50, max is 100." (older sources state no maximum). */
const MAX_PAGE_SIZE = 100;

export const STEEL_CAPABILITIES: ProviderCapabilities = {
  // `projectId` is in steel-python 0.18.0 only; a server that does not know it should ignore it.
  filters: new Set(['status', 'project']),
  statuses: ['live', 'released', 'failed'],
  statusFor: { running: 'live', finished: 'released', failed: 'failed' },
  sortFields: [],
  defaultSort: { field: '', order: 'desc' },
  paging: 'cursor',
  // live-details gives the viewer and the open pages; release stops one. /events is rrweb data,
  // not logs. issue 9: recording false (was true): /hls answers an HLS playlist, not a file, that
  // no SDK exposes and whose segments' auth the spec does not document, so nothing can be saved.
  endpoints: { getOne: true, liveView: true, pages: true, recording: false, logs: false, stop: true },
  // totalCount comes "only for filtered queries": not a total to count with.
  totals: false,
};

const STATUS_KINDS: Readonly<Record<string, StatusKind>> = {
  live: 'running',
  released: 'finished',
  failed: 'failed',
};

/**
 * "debug URLs are unauthenticated. Anyone with the debug URL can view or interact with that
 * session": these never reach the details panel, the clipboard or the JSON view.
 */
const CREDENTIAL_KEYS = ['debugUrl', 'sessionViewerUrl', 'websocketUrl'] as const;

export function steelPageSize(wanted: number | undefined): number {
  return Math.min(MAX_PAGE_SIZE, wholePageSize(wanted));
}

function params(query: SessionQuery, _pageIndex: number, pageSize: number, cursor?: string): URLSearchParams {
  const search = new URLSearchParams();
  setParam(search, 'limit', pageSize);
  setParam(search, 'status', query.status);
  setParam(search, 'projectId', query.projectId);
  setParam(search, 'cursorId', cursor);
  return search;
}

function withoutCredentials(record: JsonObject): JsonObject {
  const copy: Record<string, unknown> = { ...record };
  for (const key of CREDENTIAL_KEYS) if (typeof copy[key] === 'string' && copy[key] !== '') copy[key] = REDACTED;
  return copy;
}

function toSession(received: unknown): Session {
  const raw = isObject(received) ? withoutCredentials(received) : received;
  const record: JsonObject = isObject(raw) ? raw : {};
  const status = readString(record, 'status') ?? '';
  const durationMs = readNumber(record, 'duration');
  return {
    id: readId(raw, 'id'),
    provider: IDENTITY.id,
    status,
    statusKind: statusKindOf(status, STATUS_KINDS),
    domains: [],
    tags: [],
    // "Timestamp when the session started".
    startedAt: readString(record, 'createdAt'),
    // Steel durations are milliseconds.
    durationSeconds: durationMs === undefined ? undefined : durationMs / 1000,
    credits: readNumber(record, 'creditsUsed'),
    // "Amount of data transmitted through the proxy": bytes by its name only.
    bytes: readNumber(record, 'proxyBytesUsed'),
    proxyType: readString(record, 'proxySource'),
    steps: readNumber(record, 'eventCount'),
    region: readString(record, 'region'),
    projectId: readString(record, 'projectId'),
    liveViewAvailable: status === 'live',
    raw,
  };
}

/**
 * The sources disagree on paging: steel-rs sends `nextCursor` back as `cursorId`; the Node and
 * Python SDKs ignore `nextCursor` and send the last session's id. We follow `nextCursor` when it is
 * a non-empty string and stop when it is null (the spec's recommendation, never mixing the two);
 * only when the field is absent altogether (servers older than 2026-01) do we fall back to the last
 * id, and only after a full page. `totalCount` comes "only for filtered queries": without it the
 * total is a lower bound.
 */
function parsePage(body: unknown, request: PageRequest): SessionPage {
  if (!isObject(body)) throw shapeError(IDENTITY, request.endpoint, 'not a JSON object');
  const list = body['sessions'];
  if (!Array.isArray(list)) throw shapeError(IDENTITY, request.endpoint, '“sessions” is not a list');
  const declared = body['nextCursor'];
  let nextCursor: string | undefined;
  if (typeof declared === 'string' && declared !== '') nextCursor = declared;
  else if (!('nextCursor' in body) && list.length > 0 && list.length >= request.pageSize) nextCursor = readId(list.at(-1), 'id');
  // An empty page ends the listing whatever the cursor says.
  const hasMore = nextCursor !== undefined && list.length > 0;
  const page = pageFrom(list, toSession, readNumber(body, 'totalCount'), hasMore, request);
  return hasMore ? { ...page, nextCursor } : page;
}

// issue 9: live view and pages (steel-sessions.txt §3). No recording is offered: /hls is an HLS
// playlist that no SDK exposes and whose segment auth is undocumented, /events is rrweb data. No logs.
async function liveDetails(get: GetJson, sessionId: string): Promise<JsonObject> {
  const path = `v1/sessions/${segment(sessionId)}/live-details`;
  const body = await get(path);
  if (!isObject(body)) throw shapeError(IDENTITY, endpointOf(path), 'not a JSON object');
  return body;
}

const INSPECT: InspectSpec = {
  // "debug URLs are unauthenticated. Anyone with the debug URL can view or interact": a secret.
  liveView: async (get, sessionId) => readString(await liveDetails(get, sessionId), 'sessionViewerUrl'),
  pages: async (get, sessionId) => {
    const pages = (await liveDetails(get, sessionId))['pages'];
    return Array.isArray(pages) ? readOpenPages(pages) : [];
  },
};

export const STEEL_DEFINITION: ProviderDefinition<'steel'> = {
  ...IDENTITY,
  defaultBaseUrl: 'https://api.steel.dev',
  capabilities: STEEL_CAPABILITIES,
  path: 'v1/sessions',
  fieldLabels: { steps: 'Events', bytes: 'Proxy bytes' },
  shownKeys: {
    id: (s) => s.id !== '',
    status: (s) => s.status !== '',
    createdAt: (s) => s.startedAt !== undefined,
    duration: (s) => s.durationSeconds !== undefined,
    creditsUsed: (s) => s.credits !== undefined,
    proxyBytesUsed: (s) => s.bytes !== undefined,
    proxySource: (s) => s.proxyType !== undefined,
    eventCount: (s) => s.steps !== undefined,
    region: (s) => s.region !== undefined,
    projectId: (s) => s.projectId !== undefined,
  },
  authHeaders: (apiKey) => ({ 'steel-api-key': apiKey }),
  pageSize: steelPageSize,
  params,
  parsePage,
  // issue 9: live view, pages, recordings, logs
  inspect: INSPECT,
  // Issue 9: get one (§2) and release one (§4). Never POST /v1/sessions/release: it releases all.
  getOne: {
    path: (id) => `v1/sessions/${id}`,
    parse: bareRecord(IDENTITY, toSession),
    // The same Session object as the list's (its URLs already redacted by toSession).
    richerThanList: false,
  },
  stop: {
    method: 'POST',
    path: (id) => `v1/sessions/${id}/release`,
    // { success: boolean, message: string }; the spec's body is optional and nullable, so none is sent.
    failure: (body) => {
      if (!isObject(body)) return 'a body that is not a JSON object';
      return body['success'] === false ? `success false${typeof body['message'] === 'string' ? ` (${body['message']})` : ''}` : undefined;
    },
  },
};
