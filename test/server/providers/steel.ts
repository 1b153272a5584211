// Steel GET /v1/sessions (and GET /v1/sessions/{id}), as /work/shared/specs/steel-sessions.txt
// describes them. Served under the /steel prefix of the shared origin.
import { hostileSteelRecords, HOSTILE } from '../hostile';
import { logUniform, pick, randomInt, uuid, weighted, type Random } from '../prng';
import { BadRequest, noMemo, QueryReader, selectionKey, type Memo } from '../query';
import type { SteelRecord } from '../records';
import { sortBy } from '../sort';
import { collectionRoute, headerValue, stopRoute, type Entry, type ProviderDefinition, type StopAnswer } from './definition';
import type { InspectEndpoint } from '../inspect';
import { liveToken, seededPages } from '../inspectData';

type SteelEntry = Entry<SteelRecord>;

export const STEEL_STATUSES = ['live', 'released', 'failed'] as const;
type Status = (typeof STEEL_STATUSES)[number];

export interface SteelListResponse {
  sessions: SteelRecord[];
  nextCursor: string | null;
  totalCount?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const REGIONS = ['lax', 'ord', 'iad', 'scl', 'fra', 'nrt', 'eu-central'];
const USER_AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
];
const PROJECTS = ['proj_default', 'proj_scrapers', 'proj_équipe'];
const STATUS_WEIGHTS: readonly (readonly [Status, number])[] = [
  ['live', 8],
  ['released', 80],
  ['failed', 12],
];

export function generateSteel(count: number, random: Random, now: number): SteelRecord[] {
  const records = hostileSteelRecords(now).slice(0, count);
  const ids = new Set(records.map((record) => record.id));
  for (let slot = 0; records.length < count; slot++) {
    const status = STEEL_STATUSES[slot] ?? weighted(random, STATUS_WEIGHTS);
    const record = steelRecord(random, now, status);
    if (ids.has(record.id)) continue;
    ids.add(record.id);
    records.push(record);
  }
  return records;
}

function steelRecord(random: Random, now: number, status: Status): SteelRecord {
  const live = status === 'live';
  const created = Math.floor(live ? now - 5_000 - random() * (HOUR - 5_000) : now - random() * 30 * DAY);
  const timeout = pick(random, [300_000, 900_000, 3_600_000]);
  const duration = live ? now - created : status === 'released' ? Math.round(logUniform(random, 1_000, timeout)) : randomInt(random, 0, 60_000);
  const id = uuid(random);
  const proxySource = weighted(random, [[null, 60], ['steel', 30], ['external', 10]] as const);
  const record: SteelRecord = {
    id,
    createdAt: new Date(created).toISOString(),
    status,
    duration,
    timeout,
    eventCount: duration === 0 ? 0 : Math.round(logUniform(random, 1, 5_000)),
    creditsUsed: Math.ceil(duration / MINUTE),
    proxyBytesUsed: proxySource === null ? 0 : Math.round(logUniform(random, 1_000, 1_000_000_000)),
    proxySource,
    debugUrl: `https://api.steel.dev/v1/sessions/${id}/player`,
    sessionViewerUrl: `https://app.steel.dev/sessions/${id}`,
    websocketUrl: `wss://connect.steel.dev/?sessionId=${id}`,
    dimensions: pick(random, [
      { width: 1280, height: 800 },
      { width: 1920, height: 1080 },
      { width: 390, height: 844 },
    ]),
    optimizeBandwidth: random() < 0.7 ? {} : { blockImages: true, blockHosts: ['ads.example.com'] },
  };
  // The optional fields, on some sessions only.
  if (random() < 0.8) record.userAgent = pick(random, USER_AGENTS);
  if (random() < 0.7) record.region = pick(random, REGIONS);
  if (random() < 0.9) record.headless = random() < 0.5;
  if (random() < 0.5) record.isSelenium = random() < 0.1;
  if (random() < 0.5) record.solveCaptcha = random() < 0.4;
  if (random() < 0.2) {
    record.profileId = uuid(random);
    record.persistProfile = random() < 0.5;
  }
  if (random() < 0.6) record.projectId = pick(random, PROJECTS);
  return record;
}

/**
 * Sources disagree on how to page (spec section 1): the node/python SDKs send the id of the last
 * session of a page as cursorId; steel-rs sends the response's nextCursor. The safest reading
 * serves both: nextCursor IS the id of the page's last session (null on the last page), and
 * cursorId, whichever way it was obtained, means "the sessions after this one". An SDK that pages
 * until an empty page gets one: the id of the very last session gives no sessions and null.
 *
 * No order is documented; newest first (createdAt descending, ties by id) is used.
 * totalCount is "only included for filtered queries", so it is sent only with status or projectId.
 */
export function listSteel(entries: readonly SteelEntry[], params: URLSearchParams, memo: Memo = noMemo): SteelListResponse {
  const query = new QueryReader(params);
  // "Default is 50, max is 100"; below 1 makes no sense.
  const limit = query.integer('limit', 50, 1, 100);
  const cursorId = query.text('cursorId');
  const status = query.text('status') === undefined ? undefined : query.oneOf('status', STEEL_STATUSES, 'live');
  const projectId = query.text('projectId');
  // The position of each id is kept with the sorted listing: finding a cursor by scanning would
  // cost this server O(sessions) per page, which `npm run bench` would charge to the client.
  const { sorted, positions } = memo(selectionKey(params, ['limit', 'cursorId']), () => {
    const selected = sortBy(
      entries.filter(
        ({ record }) => (status === undefined || record.status === status) && (projectId === undefined || record.projectId === projectId),
      ),
      (entry) => entry.time,
      (entry) => entry.record.id,
      'desc',
    );
    return { sorted: selected, positions: new Map(selected.map((entry, index) => [entry.record.id, index])) };
  });
  let start = 0;
  if (cursorId !== undefined) {
    const at = positions.get(cursorId);
    // The spec is silent on a cursor that names no session; refusing it beats a silent restart at page one.
    if (at === undefined) throw new BadRequest(`Query parameter "cursorId" names no session of this listing, got "${cursorId}"`);
    start = at + 1;
  }
  const page = sorted.slice(start, start + limit).map((entry) => entry.record);
  const more = start + page.length < sorted.length;
  const body: SteelListResponse = { sessions: page, nextCursor: more ? page[page.length - 1].id : null };
  if (status !== undefined || projectId !== undefined) body.totalCount = sorted.length;
  return body;
}

// issue 9: live view, pages (steel-sessions.txt §3). Recordings (HLS playlist, rrweb events) and
// logs are not implemented: the client offers neither (see src/providers/steel.ts).
const STEEL_INSPECT: readonly InspectEndpoint<SteelRecord>[] = [
  {
    // Errors documented: 404, 500. For a session that is not live the spec is silent: 404 here.
    pattern: '/v1/sessions/{id}/live-details',
    answer: (record, context) => {
      if (record.status !== 'live') return context.error(404, 'Session is not live');
      const viewer = (what: string): string => `https://app.steel.dev/sessions/${record.id}/${what}?token=${liveToken('steel', record.id)}`;
      return {
        status: 200,
        body: {
          sessionViewerUrl: viewer('viewer'),
          sessionViewerFullscreenUrl: viewer('fullscreen'),
          wsUrl: `wss://connect.steel.dev/?sessionId=${record.id}&token=${liveToken('steel', record.id, 'ws')}`,
          pages: seededPages(record.id).map((page) => ({
            ...page,
            favicon: null,
            sessionViewerUrl: viewer(`page/${page.id}`),
            sessionViewerFullscreenUrl: viewer(`page/${page.id}/fullscreen`),
          })),
        },
      };
    },
  },
];

export const steel: ProviderDefinition<SteelRecord, undefined> = {
  id: 'steel',
  prefix: '/steel',
  defaultCount: 230,
  defaultKey: 'test-key-steel',
  keyHeader: 'steel-api-key',
  hostileIds: HOSTILE.ids.steel,
  apiKey: (headers) => headerValue(headers['steel-api-key']),
  missingKeyMessage: 'Missing API key: send it in the "steel-api-key" header',
  // The older embedded OpenAPI's ErrorResponse: message required.
  errorBody: (message) => ({ message }),
  route: (path, method) =>
    collectionRoute(path, '/v1/sessions') ??
    // issue 9: get one (above), stop. POST /v1/sessions/release (release all) is not routed.
    stopRoute(path, '/v1/sessions', '/release', method, 'POST'),
  generate: generateSteel,
  hidden: () => undefined,
  idOf: (record) => record.id,
  timeText: (record) => record.createdAt,
  optionalKeys: ['userAgent', 'region', 'headless', 'isSelenium', 'solveCaptcha', 'profileId', 'persistProfile', 'projectId'],
  blank: (random, newest) => {
    const id = uuid(random);
    return {
      id,
      createdAt: new Date(newest + 1).toISOString(),
      status: 'live',
      duration: 0,
      timeout: 300_000,
      eventCount: 0,
      creditsUsed: 0,
      proxyBytesUsed: 0,
      proxySource: null,
      debugUrl: `https://api.steel.dev/v1/sessions/${id}/player`,
      sessionViewerUrl: `https://app.steel.dev/sessions/${id}`,
      websocketUrl: `wss://connect.steel.dev/?sessionId=${id}`,
      dimensions: { width: 1280, height: 800 },
      optimizeBandwidth: {},
    };
  },
  list: listSteel,
  // issue 9: live view, pages, recordings, logs
  inspect: STEEL_INSPECT,
  // issue 9: get one, stop
  stop: releaseSteel,
};

/**
 * POST /v1/sessions/{id}/release (§4): { success, message }. The older spec lists 400 among its
 * errors; this server answers 400 for a session that is no longer live.
 */
function releaseSteel(record: SteelRecord, _body: unknown, now: number): StopAnswer {
  if (record.status !== 'live') return { status: 400, body: { message: `Session is not live (status ${record.status})` } };
  record.status = 'released';
  record.duration = Math.max(0, now - Date.parse(record.createdAt));
  return { status: 200, body: { success: true, message: 'Session released successfully' } };
}
