// Browserbase GET /v1/sessions (and GET /v1/sessions/{id}), as /work/shared/specs/browserbase-sessions.txt
// describes them. Served under the /browserbase prefix of the shared origin.
import type { IncomingHttpHeaders } from 'node:http';
import { hostileBrowserbaseRecords, HOSTILE } from '../hostile';
import { hashString, hex, logUniform, mulberry32, pick, randomInt, uuid, weighted, type Random } from '../prng';
import { BadRequest, noMemo, QueryReader, selectionKey, type Memo } from '../query';
import type { BrowserbaseRecord } from '../records';
import { sortBy } from '../sort';
import { collectionRoute, headerValue, stopRoute, type Entry, type ProviderDefinition, type StopAnswer } from './definition';
import type { InspectEndpoint } from '../inspect';
import { liveToken, randomFor, recordingFile, seededPages } from '../inspectData';

type BrowserbaseEntry = Entry<BrowserbaseRecord>;

export const BROWSERBASE_STATUSES = ['PENDING', 'RUNNING', 'ERROR', 'TIMED_OUT', 'COMPLETED'] as const;
type Status = (typeof BROWSERBASE_STATUSES)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const REGIONS = ['us-west-2', 'us-east-1', 'eu-central-1', 'ap-southeast-1'] as const;
const METADATA: readonly Record<string, unknown>[] = [
  { env: 'staging' },
  { env: 'production', team: { name: 'growth' } },
  { env: 'production', job: 'nightly-crawl' },
  { env: 'staging', owner: 'zoë', note: 'données été 🚀' },
  { job: 'checkout-e2e', team: { name: 'payments', region: 'eu' } },
];
const STATUS_WEIGHTS: readonly (readonly [Status, number])[] = [
  ['PENDING', 2],
  ['RUNNING', 8],
  ['ERROR', 10],
  ['TIMED_OUT', 10],
  ['COMPLETED', 70],
];

export function generateBrowserbase(count: number, random: Random, now: number): BrowserbaseRecord[] {
  const records = hostileBrowserbaseRecords(now).slice(0, count);
  const ids = new Set(records.map((record) => record.id));
  // One project per account: the project id is the first draw.
  const projectId = uuid(random);
  for (let slot = 0; records.length < count; slot++) {
    // The first slots take every status once, so even a small data set shows each of them.
    const status = BROWSERBASE_STATUSES[slot] ?? weighted(random, STATUS_WEIGHTS);
    const record = browserbaseRecord(random, now, status, projectId);
    if (ids.has(record.id)) continue;
    ids.add(record.id);
    records.push(record);
  }
  return records;
}

function browserbaseRecord(random: Random, now: number, status: Status, projectId: string): BrowserbaseRecord {
  const ongoing = status === 'RUNNING' || status === 'PENDING';
  const created = Math.floor(ongoing ? now - 5_000 - random() * (HOUR - 5_000) : now - random() * 30 * DAY);
  const started = status === 'PENDING' ? created : created + randomInt(random, 200, 3_000);
  const timeoutMs = pick(random, [5, 15, 60, 360]) * MINUTE;
  const ended =
    status === 'TIMED_OUT' ? started + timeoutMs : Math.min(started + Math.round(logUniform(random, 2_000, timeoutMs)), now - 1_000);
  const record: BrowserbaseRecord = {
    id: uuid(random),
    createdAt: iso(created),
    updatedAt: iso(ongoing ? Math.min(started + 1_000, now) : ended + 150),
    projectId,
    startedAt: iso(started),
    expiresAt: iso(started + timeoutMs),
    status,
    proxyBytes: random() < 0.5 ? 0 : Math.round(logUniform(random, 1_000, 2_000_000_000)),
    keepAlive: random() < 0.2,
    region: pick(random, REGIONS),
  };
  // Optional fields are left out rather than set to null, as the spec marks them "no", not nullable.
  if (!ongoing) record.endedAt = iso(ended);
  if (random() < 0.3) record.contextId = uuid(random);
  if (random() < 0.6) record.userMetadata = structuredClone(pick(random, METADATA));
  // The older docs' usage fields, on some sessions only: a client must cope with both.
  if (random() < 0.25) {
    record.avgCpuUsage = randomInt(random, 0, 100);
    record.memoryUsage = randomInt(random, 50_000, 2_000_000);
  }
  return withKeyOrder(record);
}

/** Fields in the spec example's order, endedAt after startedAt. */
function withKeyOrder(record: BrowserbaseRecord): BrowserbaseRecord {
  const { id, createdAt, updatedAt, projectId, startedAt, endedAt, ...rest } = record;
  return { id, createdAt, updatedAt, projectId, startedAt, ...(endedAt === undefined ? {} : { endedAt }), ...rest };
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/**
 * The spec documents no paging at all: no limit, cursor or total, and the answer is one bare
 * array. So every matching session comes back at once. It documents no order either; newest
 * first (createdAt descending, ties by id) is the reading that shows what a user looks for first.
 */
export function listBrowserbase(entries: readonly BrowserbaseEntry[], params: URLSearchParams, memo: Memo = noMemo): BrowserbaseRecord[] {
  const query = new QueryReader(params);
  // No default documented; omitted means every status, PENDING included.
  const status = query.text('status') === undefined ? undefined : query.oneOf('status', BROWSERBASE_STATUSES, 'RUNNING');
  const q = query.text('q');
  const match = q === undefined ? undefined : metadataQuery(q);
  return memo(selectionKey(params, []), () =>
    sortBy(
      entries.filter(
        ({ record }) => (status === undefined || record.status === status) && (match === undefined || match(record.userMetadata)),
      ),
      (entry) => entry.time,
      (entry) => entry.record.id,
      'desc',
    ).map((entry) => entry.record),
  );
}

// user_metadata['key']['nested']:'value' - only string equality, only field paths, no arrays. The
// spec gives no escaping rule, so a quote inside a key or value cannot be expressed and is refused.
const METADATA_QUERY = /^user_metadata((?:\['[^']+'\])+):'([^']*)'$/;

/** A predicate on userMetadata; BadRequest for a q outside the documented syntax (the spec is silent on errors). */
function metadataQuery(q: string): (metadata: Record<string, unknown> | undefined) => boolean {
  const parsed = METADATA_QUERY.exec(q);
  if (!parsed) {
    throw new BadRequest(`Query parameter "q" must look like user_metadata['key']:'value', got "${q}"`);
  }
  const path = [...parsed[1].matchAll(/\['([^']+)'\]/g)].map((part) => part[1]);
  const wanted = parsed[2];
  return (metadata) => {
    let value: unknown = metadata;
    for (const key of path) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      value = (value as Record<string, unknown>)[key];
    }
    return value === wanted;
  };
}

/**
 * GET one session adds three optional connection fields. They are credentials, so this server
 * sends them for sessions one could still connect to (PENDING, RUNNING): a client that logs or
 * shows them is caught by their values, which are fake and tagged as secret.
 */
function browserbaseDetail(record: BrowserbaseRecord): object {
  if (record.status !== 'RUNNING' && record.status !== 'PENDING') return record;
  const signingKey = `SECRET-bb-signing-${hex(mulberry32(hashString(record.id)), 24)}`;
  return {
    ...record,
    connectUrl: `wss://connect.browserbase.com/?signingKey=${signingKey}`,
    seleniumRemoteUrl: 'https://connect.browserbase.com/webdriver',
    signingKey,
  };
}

// issue 9: live view, pages, recordings, logs (browserbase-sessions.txt §4, §5, §8).
const BROWSERBASE_INSPECT: readonly InspectEndpoint<BrowserbaseRecord>[] = [
  {
    // "Live view works on any running browser session"; for others the spec is silent, so this
    // server answers an ended session with no pages and no URLs worth using (404).
    pattern: '/v1/sessions/{id}/debug',
    answer: (record, context) => {
      if (record.status !== 'RUNNING') return context.error(404, 'Session is not running');
      const debuggerUrl = (page: string): string =>
        `https://www.browserbase.com/devtools/inspector.html?wss=connect.browserbase.com/debug/${record.id}/devtools/page/${page}?token=${liveToken('bb', record.id)}`;
      return {
        status: 200,
        body: {
          debuggerUrl: debuggerUrl('main'),
          debuggerFullscreenUrl: `https://www.browserbase.com/devtools-fullscreen/inspector.html?token=${liveToken('bb', record.id)}`,
          wsUrl: `wss://connect.browserbase.com/debug/${record.id}?token=${liveToken('bb', record.id, 'ws')}`,
          pages: seededPages(record.id).map((page) => ({
            ...page,
            faviconUrl: `${new URL(page.url).origin}/favicon.ico`,
            debuggerUrl: debuggerUrl(page.id),
            debuggerFullscreenUrl: `https://www.browserbase.com/devtools-fullscreen/inspector.html?page=${page.id}&token=${liveToken('bb', record.id)}`,
          })),
        },
      };
    },
  },
  {
    // A bare array, no paging documented.
    pattern: '/v1/sessions/{id}/logs',
    answer: (record) => {
      const count = 3 + Math.floor(randomFor('bb-logs', record.id)() * 20);
      const start = Date.parse(record.startedAt);
      const methods = ['Page.navigate', 'Network.requestWillBeSent', 'Runtime.evaluate', 'Page.loadEventFired'];
      return {
        status: 200,
        body: Array.from({ length: count }, (_, index) => ({
          method: methods[index % methods.length],
          pageId: index % 2,
          sessionId: record.id,
          frameId: `F${index}`,
          timestamp: start + index * 250,
          request: { params: { index, url: 'https://example.com/' }, rawBody: '', timestamp: start + index * 250 },
          response: { result: {}, rawBody: '', timestamp: start + index * 250 + 40 },
        })),
      };
    },
  },
  {
    // Ended sessions: one MP4 per page; page "0" completed, page "1" (some sessions) still pending.
    // Each GET mints a fresh short-lived downloadUrl on the file host, as the spec says.
    pattern: '/v1/sessions/{id}/recording/downloads',
    answer: (record, context) => {
      if (record.status === 'RUNNING' || record.status === 'PENDING') return { status: 200, body: { downloads: [] } };
      const pages = record.id.charCodeAt(0) % 2 === 0 ? 2 : 1;
      return {
        status: 200,
        body: {
          downloads: Array.from({ length: pages }, (_, index) =>
            index === 0
              ? {
                  pageId: '0',
                  status: 'COMPLETED',
                  completedAt: record.endedAt ?? record.updatedAt,
                  downloadUrl: context.fileLink(`${record.id}-0.mp4`, recordingFile(`browserbase/${record.id}/0`)),
                }
              : { pageId: String(index), status: 'PENDING' },
          ),
        },
      };
    },
  },
];

export const browserbase: ProviderDefinition<BrowserbaseRecord, undefined> = {
  id: 'browserbase',
  prefix: '/browserbase',
  // No paging, so a modest account: everything arrives in one answer.
  defaultCount: 60,
  defaultKey: 'test-key-browserbase',
  keyHeader: 'x-bb-api-key',
  hostileIds: HOSTILE.ids.browserbase,
  apiKey: (headers: IncomingHttpHeaders) => headerValue(headers['x-bb-api-key']),
  missingKeyMessage: 'Missing API key: send it in the "X-BB-API-Key" header',
  // No error body is documented; {"error": "..."} is this server's choice, as for Bright Data.
  errorBody: (message) => ({ error: message }),
  route: (path, method) =>
    // issue 9: get one, stop (the release POST shares get one's path, so it is matched first)
    stopRoute(path, '/v1/sessions', '', method, 'POST') ?? collectionRoute(path, '/v1/sessions'),
  generate: generateBrowserbase,
  hidden: () => undefined,
  idOf: (record) => record.id,
  timeText: (record) => record.createdAt,
  optionalKeys: ['endedAt', 'contextId', 'userMetadata', 'avgCpuUsage', 'memoryUsage'],
  blank: (random, newest) => {
    const at = new Date(newest + 1).toISOString();
    return {
      id: uuid(random),
      createdAt: at,
      updatedAt: at,
      projectId: '8d2e4f60-1a3b-4c5d-9e7f-112233445566',
      startedAt: at,
      expiresAt: new Date(newest + 1 + HOUR).toISOString(),
      status: 'RUNNING',
      proxyBytes: 0,
      keepAlive: false,
      region: 'us-west-2',
    };
  },
  detail: browserbaseDetail,
  list: listBrowserbase,
  // issue 9: live view, pages, recordings, logs
  inspect: BROWSERBASE_INSPECT,
  // issue 9: get one, stop
  stop: releaseBrowserbase,
};

/**
 * POST /v1/sessions/{id} with { status: "REQUEST_RELEASE" } (§3): answers the Session. The spec
 * does not say what the status reads right after; this server ends the session at once
 * (COMPLETED, endedAt set), and answers an already ended one unchanged (the spec is silent).
 */
function releaseBrowserbase(record: BrowserbaseRecord, body: unknown, now: number): StopAnswer {
  const status = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['status'] : undefined;
  if (status !== 'REQUEST_RELEASE') {
    return { status: 400, body: { error: 'Body must be {"status":"REQUEST_RELEASE"}' } };
  }
  if (record.status === 'RUNNING' || record.status === 'PENDING') {
    const at = new Date(now).toISOString();
    record.status = 'COMPLETED';
    record.endedAt = at;
    record.updatedAt = at;
  }
  return { status: 200, body: record };
}
