// Hyperbrowser: GET /api/sessions with page numbers (spec: /work/shared/specs/hyperbrowser-sessions.txt).
import type { ProviderDefinition } from './definition';
import { pageFrom, wholePageSize, type PageRequest } from './paging';
import { setParam } from './params';
import {
  bareRecord,
  isObject,
  readBoolean,
  readEpochMsAsIso,
  readId,
  readNumber,
  readObject,
  readString,
  shapeError,
  statusKindOf,
  type JsonObject,
} from './parse';
import type { ProviderCapabilities, Session, SessionPage, SessionQuery, StatusKind } from './types';
import { endpointOf, isoFromMs, segment, type GetJson, type InspectSpec, type Recording } from './inspectSpec';

const IDENTITY = { id: 'hyperbrowser', label: 'Hyperbrowser' } as const;

/**
 * `limit` is not in the API reference; both SDKs send it and neither states a maximum. We never
 * ask for more than the extension's default page size of 50, so an unknown server-side maximum is
 * less likely to turn into a 400, and we page by whatever size the answer says it used.
 */
const MAX_PAGE_SIZE = 50;

export const HYPERBROWSER_CAPABILITIES: ProviderCapabilities = {
  filters: new Set(['status']),
  // The docs' enum; the SDKs add "close-error" (undescribed), which lands in the other-statuses group.
  statuses: ['active', 'closed', 'error'],
  statusFor: { running: 'active', finished: 'closed', failed: 'error' },
  sortFields: [],
  defaultSort: { field: '', order: 'desc' },
  paging: 'pageNumber',
  // Get one carries liveUrl; stop, recording URLs and event logs exist; no page (tab) list.
  endpoints: { getOne: true, liveView: true, pages: false, recording: true, logs: true, stop: true },
  // totalCount: "total matching sessions". No date filter, so the overview still lists records.
  totals: true,
};

const STATUS_KINDS: Readonly<Record<string, StatusKind>> = {
  active: 'running',
  closed: 'finished',
  error: 'failed',
  'close-error': 'failed',
};

export function hyperbrowserPageSize(wanted: number | undefined): number {
  return Math.min(MAX_PAGE_SIZE, wholePageSize(wanted));
}

function params(query: SessionQuery, pageIndex: number, pageSize: number): URLSearchParams {
  const search = new URLSearchParams();
  setParam(search, 'page', pageIndex + 1);
  setParam(search, 'limit', pageSize);
  setParam(search, 'status', query.status);
  return search;
}

function toSession(raw: unknown): Session {
  const record: JsonObject = isObject(raw) ? raw : {};
  const status = readString(record, 'status') ?? '';
  const launchState = readObject(record, 'launchState');
  return {
    id: readId(raw, 'id'),
    provider: IDENTITY.id,
    status,
    statusKind: statusKindOf(status, STATUS_KINDS),
    domains: [],
    tags: [],
    // Epoch milliseconds, a number in the SDKs and a string in the docs: both are read.
    startedAt: readEpochMsAsIso(record, 'startTime') ?? readString(record, 'createdAt'),
    endedAt: readEpochMsAsIso(record, 'endTime'),
    credits: readNumber(record, 'creditsUsed'),
    liveViewAvailable: status === 'active',
    // The recordings doc: web recording is on by default, so only an explicit false says none.
    recordingAvailable: launchState ? readBoolean(launchState, 'enableWebRecording') !== false : undefined,
    raw,
  };
}

/**
 * The docs name the page size `pageSize`, both SDKs `perPage`: we read perPage, then pageSize,
 * then the limit we sent, and page by that size (page numbers do not depend on it).
 */
function parsePage(body: unknown, request: PageRequest): SessionPage {
  if (!isObject(body)) throw shapeError(IDENTITY, request.endpoint, 'not a JSON object');
  const list = body['sessions'];
  if (!Array.isArray(list)) throw shapeError(IDENTITY, request.endpoint, '“sessions” is not a list');
  const answered = readNumber(body, 'perPage') ?? readNumber(body, 'pageSize');
  const pageSize = answered !== undefined && answered >= 1 ? Math.floor(answered) : request.pageSize;
  const totalCount = readNumber(body, 'totalCount');
  // The python SDK's rule: more pages exist while totalCount > page × perPage.
  const hasMore = totalCount === undefined ? undefined : totalCount > (request.pageIndex + 1) * pageSize;
  return pageFrom(list, toSession, totalCount, hasMore, { ...request, pageSize });
}

// issue 9: live view, recordings, logs (hyperbrowser-sessions.txt §2, §4, §5). No tab list.
/** Event-log page size: the spec names `limit` without a maximum; the list's cautious 50 again. */
const EVENT_LOG_PAGE_SIZE = 50;

const RECORDING_KINDS = [
  { id: 'video', path: 'video-recording-url', label: 'Video (MP4)', extension: 'mp4' },
  { id: 'web', path: 'recording-url', label: 'Web recording (rrweb JSON)', extension: 'json' },
] as const;

async function recordingStatus(get: GetJson, sessionId: string, kind: (typeof RECORDING_KINDS)[number]): Promise<JsonObject> {
  const path = `api/session/${segment(sessionId)}/${kind.path}`;
  const body = await get(path);
  if (!isObject(body) || readString(body, 'status') === undefined) throw shapeError(IDENTITY, endpointOf(path), '“status” is missing');
  return body;
}

const INSPECT: InspectSpec = {
  // GET one's liveUrl carries a token (valid 12 hours): asked for each time, never kept.
  liveView: async (get, sessionId) => {
    const path = `api/session/${segment(sessionId)}`;
    const body = await get(path);
    if (!isObject(body)) throw shapeError(IDENTITY, endpointOf(path), 'not a JSON object');
    return readString(body, 'liveUrl');
  },
  recordings: {
    // not_enabled is no recording at all; pending, in_progress and failed are listed, not ready.
    list: async (get, sessionId) => {
      const answers = await Promise.all(RECORDING_KINDS.map((kind) => recordingStatus(get, sessionId, kind)));
      return RECORDING_KINDS.flatMap((kind, index): Recording[] => {
        const status = readString(answers[index], 'status') ?? '';
        if (status === 'not_enabled') return [];
        return [
          {
            id: kind.id,
            label: kind.label,
            ready: status === 'completed' && readString(answers[index], 'recordingUrl') !== undefined,
            state: status,
            fileName: `${sessionId}-${kind.id}.${kind.extension}`,
          },
        ];
      });
    },
    source: async (get, sessionId, recording) => {
      const kind = RECORDING_KINDS.find((candidate) => candidate.id === recording.id);
      if (!kind) return undefined;
      const body = await recordingStatus(get, sessionId, kind);
      return readString(body, 'status') === 'completed' ? readString(body, 'recordingUrl') : undefined;
    },
  },
  logs: async (get, sessionId, pageIndex) => {
    const path = `api/session/${segment(sessionId)}/event-logs`;
    const params = new URLSearchParams({ page: String(pageIndex + 1), limit: String(EVENT_LOG_PAGE_SIZE) });
    const body = await get(path, params);
    const data = isObject(body) ? body['data'] : undefined;
    if (!isObject(body) || !Array.isArray(data)) throw shapeError(IDENTITY, endpointOf(path), '“data” is not a list');
    const lines = data.filter(isObject).map((event) => {
      const url = readString(event, 'pageUrl');
      const metadata = event['metadata'] === undefined ? '' : ` ${JSON.stringify(event['metadata'])}`;
      return `${isoFromMs(event['timestamp'])}  ${readString(event, 'type') ?? '?'}${url ? `  ${url}` : ''}${metadata}`;
    });
    const total = readNumber(body, 'totalCount');
    const perPage = readNumber(body, 'perPage') ?? readNumber(body, 'pageSize') ?? EVENT_LOG_PAGE_SIZE;
    // A page that adds nothing ends the walk whatever the total says.
    return { lines, hasMore: lines.length > 0 && total !== undefined && (pageIndex + 1) * perPage < total };
  },
};

export const HYPERBROWSER_DEFINITION: ProviderDefinition<'hyperbrowser'> = {
  ...IDENTITY,
  defaultBaseUrl: 'https://api.hyperbrowser.ai',
  capabilities: HYPERBROWSER_CAPABILITIES,
  path: 'api/sessions',
  statusLabels: { active: 'Active', closed: 'Closed', error: 'Error' },
  fieldLabels: { steps: 'Steps', bytes: 'Proxy bytes' },
  shownKeys: {
    id: (s) => s.id !== '',
    status: (s) => s.status !== '',
    startTime: (_, value) => readEpochMsAsIso({ value }, 'value') !== undefined,
    endTime: (s) => s.endedAt !== undefined,
    creditsUsed: (s) => s.credits !== undefined,
  },
  authHeaders: (apiKey) => ({ 'x-api-key': apiKey }),
  pageSize: hyperbrowserPageSize,
  params,
  parsePage,
  // issue 9: live view, pages, recordings, logs
  inspect: INSPECT,
  // Issue 9: get one (§2) and stop (§3). One session is singular: /api/session/{id}.
  getOne: {
    path: (id) => `api/session/${id}`,
    parse: bareRecord(IDENTITY, toSession),
    // SessionDetail's connection fields: the token and every URL carrying or granting it.
    secretKeys: ['wsEndpoint', 'liveUrl', 'token', 'liveDomain', 'webdriverEndpoint', 'computerActionEndpoint'],
    richerThanList: false,
  },
  stop: {
    method: 'PUT',
    path: (id) => `api/session/${id}/stop`,
    // BasicResponse { success: true }.
    failure: (body) => (isObject(body) && body['success'] === false ? 'success false' : undefined),
  },
};
