// Hyperbrowser: GET /api/sessions with page numbers (spec: /work/shared/specs/hyperbrowser-sessions.txt).
import type { ProviderDefinition } from './definition';
import { pageFrom, wholePageSize, type PageRequest } from './paging';
import { setParam } from './params';
import {
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
};
