// What the record-based charts add up: pure, so the arithmetic is unit-tested on known data.
import type { CountedLabel } from '../shared/overview';
import type { Session } from '../providers/types';
import { webUrl } from '../shared/urls';
import { displayHost, displayDomain } from '../shared/hosts';
import { dayKey } from './days';

/** Charts list at most this many labels (src/shared/overview.ts). */
export const TOP_COUNT = 10;

/**
 * The q-quantile of ascending values by linear interpolation between closest ranks (the common
 * "type 7": the median of [1, 2, 3, 4] is 2.5). Undefined for no values.
 */
export function quantile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
}

/**
 * Largest first; equal counts in label order (code-unit order, so the result does not depend on the
 * locale), then cut at `limit`: a tie across the cut keeps the labels that sort first.
 */
export function topCounts(counts: ReadonlyMap<string, number>, limit = TOP_COUNT): CountedLabel[] {
  return [...counts]
    .filter(([, count]) => count > 0)
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([label, count]) => ({ label, count }));
}

export function addCount(counts: Map<string, number>, label: string, count = 1): void {
  counts.set(label, (counts.get(label) ?? 0) + count);
}

export function mergeCounts(target: Map<string, number>, source: ReadonlyMap<string, number>): void {
  for (const [label, count] of source) addCount(target, label, count);
}

/**
 * The hosts a session targeted: its target URL's host, else its domains (Anchor), each once.
 * `show` turns an ASCII host and a domain as sent into their display form (a Tally passes
 * memoised ones).
 */
export function sessionHosts(
  session: Session,
  show: { readonly host: (asciiHost: string) => string; readonly domain: (name: string) => string } = { host: displayHost, domain: displayDomain },
): string[] {
  const url = session.targetUrl === undefined ? undefined : webUrl(session.targetUrl);
  if (url && url.hostname !== '') return [show.host(url.hostname)];
  return [...new Set(session.domains.map(show.domain))];
}

/** `fn`, computed once per distinct argument. */
function memoised(fn: (value: string) => string): (value: string) => string {
  const known = new Map<string, string>();
  return (value) => {
    let result = known.get(value);
    if (result === undefined) {
      result = fn(value);
      known.set(value, result);
    }
    return result;
  };
}

/**
 * Everything the record-based charts need, in full (tops are cut only when shown, so sums stay
 * right). Adding runs once per listed session (20,000 by default) after the listing, so what is
 * slow per call (date-fns' format, URL parsing, IDN decoding) is done once per distinct value.
 */
export class Tally {
  /** Sessions added. */
  scanned = 0;
  readonly statuses = new Map<string, number>();
  /** By `yyyy-MM-dd`. */
  readonly dayTotals = new Map<string, number>();
  readonly dayFailed = new Map<string, number>();
  readonly dayBytes = new Map<string, number>();
  readonly domains = new Map<string, number>();
  readonly errors = new Map<string, number>();
  readonly captcha = new Map<string, number>();
  readonly durations: number[] = [];
  readonly #hostsByTarget = new Map<string, readonly string[]>();
  /** IDN decoding and the mixed-script test, once per distinct host and domain. */
  readonly #show = { host: memoised(displayHost), domain: memoised(displayDomain) };
  /** The local day of each quarter hour seen. */
  readonly #dayByQuarterHour = new Map<number, string>();

  add(session: Session, startedAtMs: number | undefined): void {
    this.scanned++;
    addCount(this.statuses, session.status);
    if (startedAtMs !== undefined) {
      const day = this.#dayOf(startedAtMs);
      addCount(this.dayTotals, day);
      if (session.statusKind === 'failed') addCount(this.dayFailed, day);
      if (session.bytes !== undefined && session.bytes >= 0) addCount(this.dayBytes, day, session.bytes);
    }
    for (const host of this.#hostsOf(session)) addCount(this.domains, host);
    if (session.errorCode !== undefined && session.errorCode !== '') addCount(this.errors, session.errorCode);
    if (session.captcha !== undefined && session.captcha !== '') addCount(this.captcha, session.captcha);
    if (session.durationSeconds !== undefined && session.durationSeconds >= 0) this.durations.push(session.durationSeconds);
  }

  #dayOf(epochMs: number): string {
    // Every instant of a quarter hour falls on the same local day: offsets are multiples of 15 min.
    const quarter = Math.floor(epochMs / 900_000);
    let day = this.#dayByQuarterHour.get(quarter);
    if (day === undefined) {
      day = dayKey(epochMs);
      this.#dayByQuarterHour.set(quarter, day);
    }
    return day;
  }

  #hostsOf(session: Session): readonly string[] {
    // With domains, a target URL that is not one falls back to them: cached per host and domain only.
    if (session.targetUrl === undefined || session.domains.length > 0) return sessionHosts(session, this.#show);
    let hosts = this.#hostsByTarget.get(session.targetUrl);
    if (hosts === undefined) {
      hosts = sessionHosts(session, this.#show);
      this.#hostsByTarget.set(session.targetUrl, hosts);
    }
    return hosts;
  }

  merge(other: Tally): void {
    this.scanned += other.scanned;
    mergeCounts(this.statuses, other.statuses);
    mergeCounts(this.dayTotals, other.dayTotals);
    mergeCounts(this.dayFailed, other.dayFailed);
    mergeCounts(this.dayBytes, other.dayBytes);
    mergeCounts(this.domains, other.domains);
    mergeCounts(this.errors, other.errors);
    mergeCounts(this.captcha, other.captcha);
    for (const seconds of other.durations) this.durations.push(seconds);
  }

  durationSummary(): { readonly median?: number; readonly p95?: number; readonly samples: number } {
    const sorted = [...this.durations].sort((a, b) => a - b);
    const median = quantile(sorted, 0.5);
    const p95 = quantile(sorted, 0.95);
    return { ...(median !== undefined && { median }), ...(p95 !== undefined && { p95 }), samples: sorted.length };
  }
}
