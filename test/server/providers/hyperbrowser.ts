// Hyperbrowser GET /api/sessions (and GET /api/session/{id}), as /work/shared/specs/hyperbrowser-sessions.txt
// describes them. Served under the /hyperbrowser prefix of the shared origin.
import { hostileHyperbrowserRecords, HOSTILE } from '../hostile';
import { hashString, hex, logUniform, mulberry32, pick, randomInt, uuid, weighted, type Random } from '../prng';
import { noMemo, QueryReader, selectionKey, type Memo } from '../query';
import type { HyperbrowserRecord } from '../records';
import { sortBy } from '../sort';
import { collectionRoute, headerValue, stopRoute, type Entry, type ListSettings, type ProviderDefinition, type StopAnswer } from './definition';
import type { InspectEndpoint, InspectContext } from '../inspect';
import type { Answer } from '../http';
import { randomFor, recordingFile, wholeParam } from '../inspectData';

type HyperbrowserEntry = Entry<HyperbrowserRecord>;

/** The docs' three, then "close-error", which only the SDK types name. */
export const HYPERBROWSER_STATUSES = ['active', 'closed', 'error', 'close-error'] as const;
type Status = (typeof HYPERBROWSER_STATUSES)[number];

/**
 * The response's page-size field: the docs' OpenAPI says pageSize, both SDKs say perPage. One
 * server sends one of them, never both, so a client that reads only one is caught; perPage (the
 * newer sources) by default.
 */
export type HyperbrowserPageSizeField = 'perPage' | 'pageSize';

export type HyperbrowserListResponse = {
  sessions: HyperbrowserRecord[];
  totalCount: number;
  page: number;
} & Partial<Record<HyperbrowserPageSizeField, number>>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STATUS_WEIGHTS: readonly (readonly [Status, number])[] = [
  ['active', 8],
  ['closed', 78],
  ['error', 12],
  ['close-error', 2],
];

export function generateHyperbrowser(count: number, random: Random, now: number): HyperbrowserRecord[] {
  const records = hostileHyperbrowserRecords(now).slice(0, count);
  const ids = new Set(records.map((record) => record.id));
  // One team per account: the team id is the first draw.
  const teamId = uuid(random);
  for (let slot = 0; records.length < count; slot++) {
    const status = HYPERBROWSER_STATUSES[slot] ?? weighted(random, STATUS_WEIGHTS);
    const record = hyperbrowserRecord(random, now, status, teamId);
    if (ids.has(record.id)) continue;
    ids.add(record.id);
    records.push(record);
  }
  return records;
}

function hyperbrowserRecord(random: Random, now: number, status: Status, teamId: string): HyperbrowserRecord {
  const active = status === 'active';
  const created = Math.floor(active ? now - 5_000 - random() * (HOUR - 5_000) : now - random() * 30 * DAY);
  const start = created + randomInt(random, 50, 2_000);
  const end = active ? null : Math.min(start + Math.round(logUniform(random, 1_000, 3 * HOUR)), now - 1_000);
  const id = uuid(random);
  // The docs type the times as strings, the SDKs as numbers: both forms occur.
  const asText = random() < 0.25;
  const credits = active && random() < 0.5 ? null : Math.round(logUniform(random, 0.1, 50) * 10) / 10;
  const proxyCredits = credits === null || random() < 0.6 ? null : Math.round(credits * 0.3 * 10) / 10;
  return {
    id,
    teamId,
    status,
    startTime: asText ? String(start) : start,
    endTime: end === null ? null : asText ? String(end) : end,
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(end ?? start).toISOString(),
    sessionUrl: `https://app.hyperbrowser.ai/sessions/${id}`,
    launchState:
      random() < 0.15
        ? null
        : {
            useStealth: random() < 0.4,
            useProxy: random() < 0.3,
            solveCaptchas: random() < 0.2,
            enableWebRecording: random() < 0.8,
            screen: pick(random, [
              { width: 1280, height: 720 },
              { width: 1920, height: 1080 },
            ]),
          },
    creditsUsed: credits,
    creditBreakdown: {
      creditsUsed: credits,
      browserTimeCreditsUsed: credits === null ? null : Math.round((credits - (proxyCredits ?? 0)) * 10) / 10,
      proxyDataCreditsUsed: proxyCredits,
    },
  };
}

/**
 * page is 1-based; a page past the end is empty. limit is named only by the SDKs (python default 10,
 * ≥ 1) and its maximum is not documented: 100 is this server's cap, so a client asking for more
 * finds out here rather than against an API whose limit is unknown. No order is documented;
 * newest first (createdAt descending, ties by id).
 */
export function listHyperbrowser(
  entries: readonly HyperbrowserEntry[],
  params: URLSearchParams,
  memo: Memo = noMemo,
  settings: ListSettings = {},
): HyperbrowserListResponse {
  const query = new QueryReader(params);
  const page = query.integer('page', 1, 1);
  const limit = query.integer('limit', 10, 1, 100);
  const status = query.text('status') === undefined ? undefined : query.oneOf('status', HYPERBROWSER_STATUSES, 'active');
  const sorted = memo(selectionKey(params, ['page', 'limit']), () =>
    sortBy(
      entries.filter(({ record }) => status === undefined || record.status === status),
      (entry) => entry.time,
      (entry) => entry.record.id,
      'desc',
    ),
  );
  return {
    sessions: sorted.slice((page - 1) * limit, page * limit).map((entry) => entry.record),
    totalCount: sorted.length,
    page,
    [settings.hyperbrowserPageSizeField ?? 'perPage']: limit,
  };
}

/**
 * GET one session answers a SessionDetail: the session plus its connection fields (token and the
 * endpoints are secrets; the values here are fake and tagged as such). The optional SDK-only ones
 * (liveDomain, webdriverEndpoint, computerActionEndpoint) are left out.
 */
function hyperbrowserDetail(record: HyperbrowserRecord): object {
  const token = `SECRET-hb-token-${hex(mulberry32(hashString(record.id)), 24)}`;
  return {
    ...record,
    wsEndpoint: `wss://connect.hyperbrowser.ai/?token=${token}`,
    liveUrl: `https://app.hyperbrowser.ai/live?token=${token}`,
    token,
  };
}

// issue 9: live view (GET one's liveUrl, above), recordings, logs (hyperbrowser-sessions.txt §4, §5).
const HYPERBROWSER_INSPECT: readonly InspectEndpoint<HyperbrowserRecord>[] = [
  { pattern: '/api/session/{id}/recording-url', answer: (record, context) => recordingUrl(record, context, 'web') },
  { pattern: '/api/session/{id}/video-recording-url', answer: (record, context) => recordingUrl(record, context, 'video') },
  {
    // Paged with page and limit (1-based page); totalCount, page, perPage as in the list.
    pattern: '/api/session/{id}/event-logs',
    answer: (record, context) => {
      const page = wholeParam(context.params, 'page', 1) ?? 1;
      const limit = wholeParam(context.params, 'limit', 1) ?? 10;
      if (Number.isNaN(page) || Number.isNaN(limit)) return context.error(400, 'page and limit must be whole numbers ≥ 1');
      const random = randomFor('hb-events', record.id);
      const total = Math.floor(random() * 240);
      const start = typeof record.startTime === 'number' ? record.startTime : Date.parse(record.createdAt);
      const types = ['captcha_detected', 'captcha_solved', 'file_downloaded', 'captcha_error'];
      const data = [];
      for (let index = (page - 1) * limit; index < Math.min(total, page * limit); index++) {
        data.push({
          id: `evt_${record.id.slice(0, 8)}_${index}`,
          sessionId: record.id,
          targetId: null,
          pageUrl: index % 3 === 0 ? null : 'https://example.com/',
          teamId: record.teamId,
          type: types[index % types.length],
          metadata: { index },
          timestamp: start + index * 1000,
        });
      }
      return { status: 200, body: { data, totalCount: total, page, perPage: limit } };
    },
  },
];

/**
 * RecordingStatus per the spec: pending while the session runs, completed afterwards when the
 * launch options asked for it (video needs enableVideoWebRecording too), else not_enabled.
 */
function recordingUrl(record: HyperbrowserRecord, context: InspectContext, kind: 'web' | 'video'): Answer {
  const launch = record.launchState ?? {};
  const enabled = launch['enableWebRecording'] === true && (kind === 'web' || launch['enableVideoWebRecording'] === true);
  const status = !enabled ? 'not_enabled' : record.status === 'active' ? 'pending' : 'completed';
  const name = `${record.id}-${kind}.${kind === 'web' ? 'json' : 'mp4'}`;
  const recordingUrl = status === 'completed' ? context.fileLink(name, recordingFile(`hyperbrowser/${record.id}/${kind}`)) : null;
  return { status: 200, body: { status, recordingUrl, error: null } };
}

export const hyperbrowser: ProviderDefinition<HyperbrowserRecord, undefined> = {
  id: 'hyperbrowser',
  prefix: '/hyperbrowser',
  defaultCount: 180,
  defaultKey: 'test-key-hyperbrowser',
  keyHeader: 'x-api-key',
  hostileIds: HOSTILE.ids.hyperbrowser,
  apiKey: (headers) => headerValue(headers['x-api-key']),
  missingKeyMessage: 'Missing API key: send it in the "x-api-key" header',
  // The docs' ErrorResponse.
  errorBody: (message) => ({ message }),
  // The list is plural, one session singular (spec COMMON).
  route: (path, method) =>
    collectionRoute(path, '/api/sessions', '/api/session') ??
    // issue 9: get one (above), stop
    stopRoute(path, '/api/session', '/stop', method, 'PUT'),
  generate: generateHyperbrowser,
  hidden: () => undefined,
  idOf: (record) => record.id,
  timeText: (record) => record.createdAt,
  blank: (random, newest) => ({
    id: uuid(random),
    teamId: '1efe9b24-5638-4b15-86f0-cf634a49e151',
    status: 'active',
    startTime: newest + 1,
    endTime: null,
    createdAt: new Date(newest + 1).toISOString(),
    updatedAt: new Date(newest + 1).toISOString(),
    sessionUrl: 'https://app.hyperbrowser.ai/sessions/new',
    launchState: null,
    creditsUsed: null,
    creditBreakdown: { creditsUsed: null, browserTimeCreditsUsed: null, proxyDataCreditsUsed: null },
  }),
  detail: hyperbrowserDetail,
  list: listHyperbrowser,
  // issue 9: live view, pages, recordings, logs
  inspect: HYPERBROWSER_INSPECT,
  // issue 9: get one, stop
  stop: stopHyperbrowser,
};

/**
 * PUT /api/session/{id}/stop (§3): { success: true }. Afterwards "closed" (the lifecycle doc's
 * normal end), with endTime set. The spec is silent on a session already ended: 200, unchanged.
 */
function stopHyperbrowser(record: HyperbrowserRecord, _body: unknown, now: number): StopAnswer {
  if (record.status === 'active') {
    record.status = 'closed';
    record.endTime = now;
    record.updatedAt = new Date(now).toISOString();
  }
  return { status: 200, body: { success: true } };
}
