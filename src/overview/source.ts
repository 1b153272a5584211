// The overview's numbers (issue 10): per connection, counts from the API's totals where it can
// (see ./counts.ts) and one capped listing of the period for the record-based charts, both through
// the connection's own client so its rate-limit gate and concurrency limit hold. A connection that
// fails gets its error; the others still compute. No `vscode`: extension.ts wires it to the panel.
import type { ConnectionId } from '../connections/connections';
import { toIsoInstant } from '../filters/dates';
import { queryFor, type Filters } from '../filters/model';
import type { ListAllResult, ProviderClient, ProviderId, SessionQuery } from '../providers/types';
import { formatCount } from '../shared/format';
import type {
  ConnectionOverview,
  CountedLabel,
  OverviewPeriodDays,
  OverviewProgress,
  OverviewReport,
  OverviewSource,
  RecordSample,
} from '../shared/overview';
import { addCount, Tally, topCounts } from './aggregate';
import { countsFromTotals, filterLimit, planCounts, runCounts, sum, type CountResults } from './counts';
import { periodOf, type Period } from './days';
import { errorMessage } from '../providers/errors';

export interface OverviewConnection {
  readonly id: ConnectionId;
  /** As the tree labels it. */
  readonly label: string;
  readonly provider: ProviderId;
}

export interface OverviewDeps {
  /** The connections with a key, in the tree's order. */
  readonly connections: () => readonly OverviewConnection[];
  /**
   * The connection's client, the one the store uses (same HttpClient, so the same gate and
   * concurrency limit). May throw (no key, refused origin): that connection then shows the error.
   */
  readonly client: (connection: OverviewConnection) => ProviderClient;
  readonly filters: () => Filters;
  /** The active filters as the view's description words them. */
  readonly filterDescriptions: () => readonly string[];
  /** `browserSessions.overview.maxSessionsScanned`. */
  readonly maxSessionsScanned: () => number;
  readonly now?: () => Date;
  /**
   * Count queries, and listing pages, in flight at once per connection (default 4, the HttpClient's
   * own default limit, which holds whatever this says).
   */
  readonly concurrency?: number;
}

/** `connectionId` of the report's `all`: no connection id can be "*" (CONNECTION_ID_PATTERN). */
export const ALL_CONNECTIONS_ID = '*';
export const ALL_CONNECTIONS_LABEL = 'All connections';
/** The status-mix entry for sessions of statuses the API cannot be asked for by name. */
export const OTHER_STATUSES_LABEL = 'Other statuses';
export const DEFAULT_MAX_SESSIONS_SCANNED = 20_000;
/** The listing asks for large pages; each client maps this to the largest its API accepts up to it. */
const LISTING_PAGE_SIZE = 100;
const DEFAULT_CONCURRENCY = 4;

export function createOverviewSource(deps: OverviewDeps): OverviewSource {
  return {
    compute: (periodDays, progress, signal) => computeOverview(deps, periodDays, progress, signal),
  };
}

interface Computed {
  readonly overview: ConnectionOverview;
  /** Absent for a connection that failed. */
  readonly tally?: Tally;
}

async function computeOverview(
  deps: OverviewDeps,
  periodDays: OverviewPeriodDays,
  progress: (step: OverviewProgress) => void,
  signal: AbortSignal,
): Promise<OverviewReport> {
  signal.throwIfAborted();
  const now = deps.now?.() ?? new Date();
  const period = periodOf(periodDays, now);
  const connections = deps.connections();
  const cap = Math.max(1, Math.floor(deps.maxSessionsScanned() || DEFAULT_MAX_SESSIONS_SCANNED));
  const filters = deps.filters();
  const tracker = new ProgressTracker(connections.length, progress);
  const computed = await Promise.all(
    connections.map((connection, index) =>
      computeConnection({
        connection,
        deps,
        period,
        filters,
        now,
        cap,
        signal,
        progress: tracker.part(index, connection.label),
      }),
    ),
  );
  // A cancelled run reports nothing: its partial numbers would read as an account's.
  signal.throwIfAborted();
  const all = combine(period, computed);
  return {
    periodDays,
    from: new Date(period.from).toISOString(),
    to: new Date(period.to).toISOString(),
    generatedAt: now.toISOString(),
    filters: [...deps.filterDescriptions()],
    connections: computed.map((entry) => entry.overview),
    ...(all && { all }),
  };
}

interface ConnectionInput {
  readonly connection: OverviewConnection;
  readonly deps: OverviewDeps;
  readonly period: Period;
  readonly filters: Filters;
  readonly now: Date;
  readonly cap: number;
  readonly signal: AbortSignal;
  readonly progress: PartProgress;
}

async function computeConnection(input: ConnectionInput): Promise<Computed> {
  const { connection, period, signal } = input;
  // One failure stops this connection's other requests, never another connection's.
  const controller = new AbortController();
  const stop = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  try {
    const client = input.deps.client(connection);
    const capabilities = client.capabilities;
    const { query } = queryFor(input.filters, capabilities, input.now, client.id);
    const base: SessionQuery = { ...query, pageSize: undefined };
    const byTotals = countsFromTotals(capabilities);
    const concurrency = Math.max(1, Math.floor(input.deps.concurrency ?? DEFAULT_CONCURRENCY));
    const plan = byTotals ? planCounts(period, capabilities, base) : undefined;
    input.progress.plan(plan?.queries.length ?? 0);
    const failFast = <T>(work: Promise<T>): Promise<T> =>
      work.catch((error: unknown) => {
        controller.abort();
        throw error;
      });
    const [counts, listing] = await Promise.all([
      plan &&
        failFast(
          runCounts(client, period, plan, { concurrency, signal: controller.signal, onDone: (done) => input.progress.counted(done) }),
        ),
      failFast(
        client.listAll(listingQuery(period, client, base), {
          concurrency,
          signal: controller.signal,
          maxSessions: input.cap,
          onProgress: (listed, total) => input.progress.listed(listed, Math.min(total, input.cap)),
        }),
      ),
    ]);
    return summarise(input, client, listing, counts);
  } catch (error) {
    signal.throwIfAborted();
    return { overview: failed(connection, errorMessage(error)) };
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** Newest first (the default sort of every API that sorts), within the period where the API filters by date. */
function listingQuery(period: Period, client: ProviderClient, base: SessionQuery): SessionQuery {
  const { defaultSort, filters } = client.capabilities;
  const query: SessionQuery = {
    ...base,
    sortBy: defaultSort.field === '' ? undefined : defaultSort.field,
    order: defaultSort.field === '' ? undefined : defaultSort.order,
    pageSize: LISTING_PAGE_SIZE,
  };
  if (!filters.has('dateRange')) return query;
  const limit = filterLimit(base);
  const from = Math.max(period.from, limit.from ?? -Infinity);
  return { ...query, from: toIsoInstant(new Date(from)) };
}

function summarise(input: ConnectionInput, client: ProviderClient, listing: ListAllResult, counts: CountResults | undefined): Computed {
  const { connection, period } = input;
  const dateFiltered = client.capabilities.filters.has('dateRange');
  const tally = new Tally();
  for (const session of listing.sessions) {
    const started = session.startedAt === undefined ? Number.NaN : Date.parse(session.startedAt);
    const startedAt = Number.isNaN(started) ? undefined : started;
    // Without a date filter the listing holds every session: only those started in the period count.
    if (!dateFiltered && (startedAt === undefined || startedAt < period.from)) continue;
    tally.add(session, startedAt);
  }
  const cutShort = listing.sessions.length >= input.cap && (listing.totalExact === false || listing.total > listing.sessions.length);
  const sample: RecordSample = dateFiltered
    ? {
        scanned: tally.scanned,
        inPeriod: Math.max(listing.total, tally.scanned),
        inPeriodExact: listing.totalExact !== false,
        capped: cutShort,
      }
    : { scanned: tally.scanned, inPeriod: tally.scanned, inPeriodExact: !cutShort, capped: cutShort };
  const recordDays = period.days.map(({ day }) => ({
    day,
    total: tally.dayTotals.get(day) ?? 0,
    failed: tally.dayFailed.get(day) ?? 0,
  }));
  const days = counts
    ? period.days.map(({ day }, index) => ({ day, total: counts.dayTotals[index], failed: counts.dayFailed[index] }))
    : recordDays;
  const overview: ConnectionOverview = {
    connectionId: connection.id,
    label: connection.label,
    provider: connection.provider,
    countsFrom: counts ? 'totals' : 'records',
    ...(!counts && { countsNote: recordsNote(client) }),
    statusMix: counts ? totalsStatusMix(counts, tally, cutShort) : topCounts(tally.statuses, Infinity),
    days,
    bandwidthPerDay: period.days.map(({ day }) => ({ day, bytes: tally.dayBytes.get(day) ?? 0 })),
    topDomains: topCounts(tally.domains),
    topErrors: topCounts(tally.errors),
    captcha: topCounts(tally.captcha, Infinity),
    durationSeconds: tally.durationSummary(),
    sample,
    requests: (counts?.requests ?? 0) + listing.requests,
  };
  return { overview, tally };
}

/**
 * The named statuses from their totals; what they leave unexplained (statuses the API cannot be
 * asked for by name) is split by the listing's statuses when the listing saw the whole period and
 * agrees, else shown as one "Other statuses" entry.
 */
function totalsStatusMix(counts: CountResults, tally: Tally, cutShort: boolean): CountedLabel[] {
  const mix = new Map(counts.statuses);
  const rest = sum(counts.dayTotals) - sum([...mix.values()]);
  if (rest > 0) {
    const unnamed = new Map([...tally.statuses].filter(([status]) => !mix.has(status)));
    if (!cutShort && sum([...unnamed.values()]) === rest) for (const [status, count] of unnamed) addCount(mix, status, count);
    else addCount(mix, OTHER_STATUSES_LABEL, rest);
  }
  return topCounts(mix, Infinity);
}

function recordsNote(client: ProviderClient): string {
  const { capabilities, label } = client;
  const reasons = [
    ...(capabilities.filters.has('dateRange') ? [] : ['no date filter']),
    ...(capabilities.totals === true ? [] : ['no total']),
    ...(capabilities.filters.has('status') ? [] : ['no status filter']),
  ];
  return `${label}'s session list has ${reasons.join(' and ')}, so these counts come from the listed sessions.`;
}

function failed(connection: OverviewConnection, error: string): ConnectionOverview {
  return {
    connectionId: connection.id,
    label: connection.label,
    provider: connection.provider,
    error,
    countsFrom: 'records',
    statusMix: [],
    days: [],
    bandwidthPerDay: [],
    topDomains: [],
    topErrors: [],
    captcha: [],
    durationSeconds: { samples: 0 },
    sample: { scanned: 0, inPeriod: 0, inPeriodExact: false, capped: false },
    requests: 0,
  };
}

/** Provider errors are written for people and never carry a key (HttpClient redacts them). */

/** Every connection without an error, added together; undefined when there is none. */
function combine(period: Period, computed: readonly Computed[]): ConnectionOverview | undefined {
  const good = computed.filter((entry): entry is Required<Computed> => entry.tally !== undefined && entry.overview.error === undefined);
  if (good.length === 0) return undefined;
  const tally = new Tally();
  const statuses = new Map<string, number>();
  for (const entry of good) {
    tally.merge(entry.tally);
    for (const { label, count } of entry.overview.statusMix) addCount(statuses, label, count);
  }
  const overviews = good.map((entry) => entry.overview);
  const fromRecords = overviews.filter((overview) => overview.countsFrom === 'records');
  return {
    connectionId: ALL_CONNECTIONS_ID,
    label: ALL_CONNECTIONS_LABEL,
    provider: '',
    countsFrom: fromRecords.length === 0 ? 'totals' : 'records',
    ...(fromRecords.length > 0 && {
      countsNote: `Counts of ${fromRecords.map((overview) => overview.label).join(', ')} come from the listed sessions.`,
    }),
    statusMix: topCounts(statuses, Infinity),
    days: period.days.map(({ day }, index) => ({
      day,
      total: sum(overviews.map((overview) => overview.days[index]?.total ?? 0)),
      failed: sum(overviews.map((overview) => overview.days[index]?.failed ?? 0)),
    })),
    bandwidthPerDay: period.days.map(({ day }) => ({ day, bytes: tally.dayBytes.get(day) ?? 0 })),
    topDomains: topCounts(tally.domains),
    topErrors: topCounts(tally.errors),
    captcha: topCounts(tally.captcha, Infinity),
    durationSeconds: tally.durationSummary(),
    sample: {
      scanned: sum(overviews.map((overview) => overview.sample.scanned)),
      inPeriod: sum(overviews.map((overview) => overview.sample.inPeriod)),
      inPeriodExact: overviews.every((overview) => overview.sample.inPeriodExact),
      capped: overviews.some((overview) => overview.sample.capped),
    },
    requests: sum(overviews.map((overview) => overview.requests)),
  };
}

interface PartProgress {
  plan(countQueries: number): void;
  counted(done: number): void;
  listed(listed: number, target: number): void;
}

/** One fraction for the whole run: each connection weighs the same; within it, counts and listing half each. */
class ProgressTracker {
  private readonly parts: { counts: number; countsDone: number; listed: number; target: number }[];

  constructor(
    count: number,
    private readonly report: (step: OverviewProgress) => void,
  ) {
    this.parts = Array.from({ length: count }, () => ({ counts: 0, countsDone: 0, listed: 0, target: 0 }));
  }

  part(index: number, label: string): PartProgress {
    const state = this.parts[index];
    return {
      plan: (countQueries) => {
        state.counts = countQueries;
      },
      counted: (done) => {
        state.countsDone = done;
        this.report({ message: `${label}: ${formatCount(done)} of ${formatCount(state.counts)} counts`, fraction: this.fraction() });
      },
      listed: (listed, target) => {
        state.listed = listed;
        state.target = target;
        this.report({
          message: `${label}: ${formatCount(listed)} of ${formatCount(target)} sessions listed`,
          fraction: this.fraction(),
        });
      },
    };
  }

  private fraction(): number {
    if (this.parts.length === 0) return 1;
    const each = this.parts.map(({ counts, countsDone, listed, target }) => {
      const listing = target > 0 ? Math.min(1, listed / target) : 0;
      return counts > 0 ? (countsDone / counts + listing) / 2 : listing;
    });
    return sum(each) / each.length;
  }
}
