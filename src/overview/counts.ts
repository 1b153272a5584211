// Counts from the APIs' own totals (issue 10 §2): one request with the smallest page the API
// accepts per day (all statuses), per day and failed spelling, and per other named status over the
// whole period. Only the page's `total` is read. 30 days with one failed spelling and two other
// statuses: 30 × 2 + 2 = 62 requests, whatever the account holds.
import type { ProviderCapabilities, ProviderClient, SessionQuery } from '../providers/types';
import { addCount } from './aggregate';
import { clip, dayRange, isoBounds, type InstantRange, type Period } from './days';

/** Where a count goes. */
export type CountTarget =
  | { readonly kind: 'day'; readonly dayIndex: number }
  | { readonly kind: 'dayFailed'; readonly dayIndex: number; readonly status: string }
  | { readonly kind: 'status'; readonly status: string };

export interface CountQuery {
  readonly target: CountTarget;
  readonly query: SessionQuery;
}

export interface CountPlan {
  readonly queries: readonly CountQuery[];
  /**
   * Set when the active filter already fixes the status, so no failed or status query is asked:
   * the failed counts equal the day totals when that status is of the failed kind, else zero.
   */
  readonly fixedStatus?: { readonly status: string; readonly failed: boolean };
  /** Statuses counted over the period, besides the failed ones (which add up from the days). */
  readonly mixStatuses: readonly string[];
  readonly failedStatuses: readonly string[];
}

/** Whether the day and status counts can come from totals: the API filters by date and status and reports a total. */
export function countsFromTotals(capabilities: ProviderCapabilities): boolean {
  return capabilities.totals === true && capabilities.filters.has('dateRange') && capabilities.filters.has('status');
}

export function failedStatusesOf(capabilities: ProviderCapabilities): readonly string[] {
  return [...new Set(capabilities.failedStatuses ?? [capabilities.statusFor.failed])];
}

/** The active date filter's bounds in epoch ms (an unparsable bound is ignored, as the API would be sent it anyway). */
export function filterLimit(query: SessionQuery): Partial<InstantRange> {
  const from = query.from === undefined ? Number.NaN : Date.parse(query.from);
  const to = query.to === undefined ? Number.NaN : Date.parse(query.to);
  return { ...(!Number.isNaN(from) && { from }), ...(!Number.isNaN(to) && { to }) };
}

/**
 * The count queries for a period. `base` is the active filters' query for this provider; its date
 * bounds clip the days (a day outside them costs nothing and counts zero). `pageSize: 1` asks for
 * the smallest page: each client maps it to the smallest size its API accepts.
 */
export function planCounts(period: Period, capabilities: ProviderCapabilities, base: SessionQuery): CountPlan {
  const stepMs = capabilities.dateToStepMs ?? 1000;
  const limit = filterLimit(base);
  const failedStatuses = failedStatusesOf(capabilities);
  const fixed = base.status;
  const bounded = (range: InstantRange, status: string | undefined): SessionQuery => ({
    ...base,
    ...isoBounds(range),
    status,
    pageSize: 1,
  });
  const queries: CountQuery[] = [];
  period.days.forEach((day, dayIndex) => {
    const range = dayRange(day, stepMs, limit);
    if (!range) return;
    queries.push({ target: { kind: 'day', dayIndex }, query: bounded(range, fixed) });
    if (fixed !== undefined) return;
    for (const status of failedStatuses) queries.push({ target: { kind: 'dayFailed', dayIndex, status }, query: bounded(range, status) });
  });
  const mixStatuses = fixed === undefined ? capabilities.statuses.filter((status) => !failedStatuses.includes(status)) : [];
  const lastDay = period.days[period.days.length - 1];
  const whole = lastDay && clip({ from: period.from, to: lastDay.end - stepMs }, limit);
  if (whole) for (const status of mixStatuses) queries.push({ target: { kind: 'status', status }, query: bounded(whole, status) });
  return {
    queries,
    ...(fixed !== undefined && { fixedStatus: { status: fixed, failed: failedStatuses.includes(fixed) } }),
    mixStatuses,
    failedStatuses,
  };
}

export interface CountResults {
  readonly dayTotals: number[];
  readonly dayFailed: number[];
  readonly statuses: Map<string, number>;
  readonly requests: number;
}

/**
 * Runs the plan, at most `concurrency` at once (the connection's HttpClient also holds its own
 * limit and rate-limit gate, shared with the listing that runs beside). The first failure stops
 * the rest: queries not yet started are never sent and those in flight are aborted.
 */
export async function runCounts(
  client: ProviderClient,
  period: Period,
  plan: CountPlan,
  options: { readonly concurrency: number; readonly signal: AbortSignal; readonly onDone?: (done: number) => void },
): Promise<CountResults> {
  const dayTotals = period.days.map(() => 0);
  const dayFailed = period.days.map(() => 0);
  const statuses = new Map<string, number>();
  const controller = new AbortController();
  const stop = (): void => controller.abort(options.signal.reason);
  options.signal.addEventListener('abort', stop, { once: true });
  if (options.signal.aborted) stop();
  let next = 0;
  let requests = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && !controller.signal.aborted && next < plan.queries.length) {
      const { target, query } = plan.queries[next++];
      try {
        requests++;
        const page = await client.fetchPage(query, 0, controller.signal);
        if (page.totalExact === false) throw new Error(`${client.label} sent no total for a count query`);
        if (target.kind === 'day') dayTotals[target.dayIndex] += page.total;
        else {
          // A failed spelling's period count is the sum of its days: no query of its own.
          if (target.kind === 'dayFailed') dayFailed[target.dayIndex] += page.total;
          addCount(statuses, target.status, page.total);
        }
        options.onDone?.(requests);
      } catch (error) {
        failure ??= { error };
        controller.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, plan.queries.length)) }, worker));
  } finally {
    options.signal.removeEventListener('abort', stop);
  }
  options.signal.throwIfAborted();
  if (failure) throw failure.error;
  if (plan.fixedStatus) {
    if (plan.fixedStatus.failed) dayTotals.forEach((total, index) => (dayFailed[index] = total));
    statuses.set(plan.fixedStatus.status, sum(dayTotals));
  }
  return { dayTotals, dayFailed, statuses, requests };
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
