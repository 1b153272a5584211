// Browserbase: GET /v1/sessions (spec: /work/shared/specs/browserbase-sessions.txt).
import type { ProviderDefinition } from './definition';
import { wholePageSize, type PageRequest } from './paging';
import { setParam } from './params';
import {
  bareRecord,
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
import { endpointOf, isoFromMs, readOpenPages, segment, type GetJson, type InspectSpec, type Recording } from './inspectSpec';

const IDENTITY = { id: 'browserbase', label: 'Browserbase' } as const;

/**
 * The list is one bare array: the spec documents no limit, offset, cursor, total or sort, and the
 * SDKs call it once. A Browserbase session record is about 0.5 KiB, plus up to 512 characters of
 * user metadata, so ~1 KiB: 32 MiB holds some 30 000 sessions, beyond what 31 days of retention
 * gives a busy project, while still refusing a body that would exhaust the extension host.
 */
export const BROWSERBASE_LIST_MAX_BODY_BYTES = 32 * 1024 * 1024;

export const BROWSERBASE_CAPABILITIES: ProviderCapabilities = {
  // `q` is the only other documented parameter (a user-metadata query).
  filters: new Set(['status', 'metadataQuery']),
  // PENDING is in the newest OpenAPI and SDK changelog, not in older docs; unknown values go to 'other'.
  statuses: ['RUNNING', 'PENDING', 'COMPLETED', 'TIMED_OUT', 'ERROR'],
  statusFor: { running: 'RUNNING', finished: 'COMPLETED', failed: 'ERROR' },
  // No sort is documented: the API's own order is kept.
  sortFields: [],
  defaultSort: { field: '', order: 'desc' },
  // Local slices of the one array: any size works.
  paging: 'none',
  endpoints: { getOne: true, liveView: true, pages: true, recording: true, logs: true, stop: true },
  // One bare array: no total (and no date filter).
  totals: false,
};

const STATUS_KINDS: Readonly<Record<string, StatusKind>> = {
  RUNNING: 'running',
  // Not started yet: neither running nor ended.
  PENDING: 'other',
  COMPLETED: 'finished',
  // A session nobody released ends at its timeout; that is how Browserbase sessions normally end,
  // not a failure of the browser (ERROR is the failure).
  TIMED_OUT: 'finished',
  ERROR: 'failed',
};

function params(query: SessionQuery): URLSearchParams {
  const search = new URLSearchParams();
  setParam(search, 'status', query.status);
  setParam(search, 'q', query.metadataQuery);
  return search;
}

function toSession(raw: unknown): Session {
  const record: JsonObject = isObject(raw) ? raw : {};
  const status = readString(record, 'status') ?? '';
  return {
    id: readId(raw, 'id'),
    provider: IDENTITY.id,
    status,
    statusKind: statusKindOf(status, STATUS_KINDS),
    domains: [],
    tags: [],
    startedAt: readString(record, 'startedAt') ?? readString(record, 'createdAt'),
    endedAt: readString(record, 'endedAt'),
    bytes: readNumber(record, 'proxyBytes'),
    region: readString(record, 'region'),
    projectId: readString(record, 'projectId'),
    // Dropped from the newest SDKs and never given a unit: shown as sent when present.
    cpuUsage: readNumber(record, 'avgCpuUsage'),
    memoryUsage: readNumber(record, 'memoryUsage'),
    keepAlive: readBoolean(record, 'keepAlive'),
    // Live view works "on any running browser session"; after the end the spec is silent.
    liveViewAvailable: status === 'RUNNING',
    raw,
  };
}

/** The whole array; the client slices it into pages of `request.pageSize`. */
function parsePage(body: unknown, request: PageRequest): SessionPage {
  if (!Array.isArray(body)) throw shapeError(IDENTITY, request.endpoint, 'not a JSON array');
  const sessions = body.map(toSession);
  return { sessions, total: sessions.length, pageIndex: 0, pageSize: sessions.length, hasMore: false };
}

// issue 9: live view, pages, recordings, logs (browserbase-sessions.txt §4, §5, §8).
async function debugInfo(get: GetJson, sessionId: string): Promise<JsonObject> {
  const path = `v1/sessions/${segment(sessionId)}/debug`;
  const body = await get(path);
  if (!isObject(body)) throw shapeError(IDENTITY, endpointOf(path), 'not a JSON object');
  return body;
}

async function recordingDownloads(get: GetJson, sessionId: string): Promise<JsonObject[]> {
  const path = `v1/sessions/${segment(sessionId)}/recording/downloads`;
  const body = await get(path);
  const downloads = isObject(body) ? body['downloads'] : undefined;
  if (!Array.isArray(downloads)) throw shapeError(IDENTITY, endpointOf(path), '“downloads” is not a list');
  return downloads.filter(isObject);
}

function toRecording(sessionId: string, download: JsonObject): Recording | undefined {
  const pageId = readString(download, 'pageId');
  if (pageId === undefined) return undefined;
  const status = readString(download, 'status') ?? '';
  return {
    id: pageId,
    label: `Page ${pageId} (MP4)`,
    createdAt: readString(download, 'completedAt'),
    ready: status === 'COMPLETED' && readString(download, 'downloadUrl') !== undefined,
    state: status,
    fileName: `${sessionId}-page-${pageId}.mp4`,
  };
}

const INSPECT: InspectSpec = {
  // The live-view docs use debuggerFullscreenUrl as the "Live View Link".
  liveView: async (get, sessionId) => {
    const info = await debugInfo(get, sessionId);
    return readString(info, 'debuggerFullscreenUrl') ?? readString(info, 'debuggerUrl');
  },
  pages: async (get, sessionId) => {
    const pages = (await debugInfo(get, sessionId))['pages'];
    return Array.isArray(pages) ? readOpenPages(pages) : [];
  },
  // The MP4 downloads (§8), not the deprecated rrweb recording (§6) nor the HLS replays (§7, a
  // playlist, not a file). Only GET is used: a page not yet requested (POST) is listed as not ready.
  recordings: {
    list: async (get, sessionId) =>
      (await recordingDownloads(get, sessionId)).flatMap((download) => toRecording(sessionId, download) ?? []),
    // "short-lived signed URL, re-minted each GET": asked again for every download.
    source: async (get, sessionId, recording) => {
      const download = (await recordingDownloads(get, sessionId)).find((candidate) => readString(candidate, 'pageId') === recording.id);
      return download && readString(download, 'status') === 'COMPLETED' ? readString(download, 'downloadUrl') : undefined;
    },
  },
  // One bare array, no paging documented: a single page, bounded by the body cap and by inspect.ts.
  logs: async (get, sessionId, pageIndex) => {
    if (pageIndex > 0) return { lines: [], hasMore: false };
    const path = `v1/sessions/${segment(sessionId)}/logs`;
    const body = await get(path);
    if (!Array.isArray(body)) throw shapeError(IDENTITY, endpointOf(path), 'not a JSON array');
    const lines = body.filter(isObject).map((entry) => {
      const request = readObject(entry, 'request');
      const params = request && request['params'] !== undefined ? ` ${JSON.stringify(request['params'])}` : '';
      const page = readNumber(entry, 'pageId');
      return `${isoFromMs(entry['timestamp'])}  page ${page ?? '?'}  ${readString(entry, 'method') ?? '?'}${params}`;
    });
    return { lines, hasMore: false };
  },
};

export const BROWSERBASE_DEFINITION: ProviderDefinition<'browserbase'> = {
  ...IDENTITY,
  defaultBaseUrl: 'https://api.browserbase.com',
  capabilities: BROWSERBASE_CAPABILITIES,
  path: 'v1/sessions',
  listMaxBodyBytes: BROWSERBASE_LIST_MAX_BODY_BYTES,
  statusLabels: { RUNNING: 'Running', PENDING: 'Pending', COMPLETED: 'Completed', TIMED_OUT: 'Timed out', ERROR: 'Error' },
  fieldLabels: { steps: 'Steps', bytes: 'Proxy bytes' },
  shownKeys: {
    id: (s) => s.id !== '',
    status: (s) => s.status !== '',
    startedAt: (s) => s.startedAt !== undefined,
    endedAt: (s) => s.endedAt !== undefined,
    proxyBytes: (s) => s.bytes !== undefined,
    region: (s) => s.region !== undefined,
    projectId: (s) => s.projectId !== undefined,
    avgCpuUsage: (s) => s.cpuUsage !== undefined,
    memoryUsage: (s) => s.memoryUsage !== undefined,
    keepAlive: (s) => s.keepAlive !== undefined,
  },
  authHeaders: (apiKey) => ({ 'x-bb-api-key': apiKey }),
  pageSize: wholePageSize,
  params,
  parsePage,
  // issue 9: live view, pages, recordings, logs
  inspect: INSPECT,
  // Issue 9: get one (§2) and release (§3).
  getOne: {
    path: (id) => `v1/sessions/${id}`,
    parse: bareRecord(IDENTITY, toSession),
    // "These are connection credentials - do not log or display them."
    secretKeys: ['connectUrl', 'seleniumRemoteUrl', 'signingKey'],
    // Besides the credentials, the same Session object as the list's.
    richerThanList: false,
  },
  stop: {
    method: 'POST',
    path: (id) => `v1/sessions/${id}`,
    // projectId is optional in the newest SDK ("inferred from the API key"), so it is not sent.
    body: { status: 'REQUEST_RELEASE' },
  },
};
