// Messages between the overview panel (extension host) and its webview. Like ./protocol.ts for the
// details panel, this and ./overview.ts are all the two sides share: types and guards, no `vscode`,
// no Node, no DOM.
//
// Matching: the host numbers each computation (`run`). Every message about a computation names its
// run, and the webview shows only the newest run it has heard of, so a late answer of a cancelled
// or superseded computation never replaces a newer one. A Cancel names the run it means, so a click
// that races a new computation cannot cancel the new one.
import { hasOnlyKeys, isObject, isOptionalString, isStringArray } from './guards';
import {
  OVERVIEW_PERIODS,
  type ConnectionOverview,
  type CountedLabel,
  type DayBytes,
  type DayCount,
  type OverviewPeriodDays,
  type OverviewReport,
  type RecordSample,
} from './overview';

export type OverviewWebviewToHost =
  | { readonly type: 'ready' }
  /** The period picker changed, or Refresh: compute again for that period. */
  | { readonly type: 'compute'; readonly periodDays: OverviewPeriodDays }
  | { readonly type: 'cancel'; readonly run: number };

export type OverviewHostToWebview =
  /** A computation began; the webview shows a progress line with Cancel until its outcome. */
  | { readonly type: 'started'; readonly run: number; readonly periodDays: OverviewPeriodDays }
  | { readonly type: 'progress'; readonly run: number; readonly message: string; readonly fraction?: number }
  | { readonly type: 'report'; readonly run: number; readonly report: OverviewReport }
  /** The computation ended without a report: cancelled (by Cancel) or failed with `message`. */
  | { readonly type: 'failed'; readonly run: number; readonly cancelled: boolean; readonly message: string };

/** Exactly these keys, some optional: a message with extra fields is not one we sent. */
function isRun(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function isOverviewPeriod(value: unknown): value is OverviewPeriodDays {
  return (OVERVIEW_PERIODS as readonly unknown[]).includes(value);
}

/** What the host accepts from the webview; anything else is ignored. */
export function isOverviewWebviewMessage(value: unknown): value is OverviewWebviewToHost {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
      return hasOnlyKeys(value, ['type']);
    case 'compute':
      return hasOnlyKeys(value, ['type', 'periodDays']) && isOverviewPeriod(value.periodDays);
    case 'cancel':
      return hasOnlyKeys(value, ['type', 'run']) && isRun(value.run);
    default:
      return false;
  }
}

// ---- the webview's check of a report before it draws anything --------------------------------

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isOptionalCount(value: unknown): boolean {
  return value === undefined || isCount(value);
}

function isArrayOf<T>(value: unknown, check: (item: unknown) => item is T): value is readonly T[] {
  return Array.isArray(value) && value.every(check);
}

function isCountedLabel(value: unknown): value is CountedLabel {
  return isObject(value) && typeof value.label === 'string' && isCount(value.count);
}

function isDayCount(value: unknown): value is DayCount {
  return isObject(value) && typeof value.day === 'string' && isCount(value.total) && isCount(value.failed);
}

function isDayBytes(value: unknown): value is DayBytes {
  return isObject(value) && typeof value.day === 'string' && isCount(value.bytes);
}

function isSample(value: unknown): value is RecordSample {
  return (
    isObject(value) &&
    isCount(value.scanned) &&
    isCount(value.inPeriod) &&
    typeof value.inPeriodExact === 'boolean' &&
    typeof value.capped === 'boolean'
  );
}

export function isConnectionOverview(value: unknown): value is ConnectionOverview {
  if (!isObject(value)) return false;
  const duration = value.durationSeconds;
  return (
    typeof value.connectionId === 'string' &&
    typeof value.label === 'string' &&
    typeof value.provider === 'string' &&
    isOptionalString(value.error) &&
    (value.countsFrom === 'totals' || value.countsFrom === 'records') &&
    isOptionalString(value.countsNote) &&
    isArrayOf(value.statusMix, isCountedLabel) &&
    isArrayOf(value.days, isDayCount) &&
    isArrayOf(value.bandwidthPerDay, isDayBytes) &&
    isArrayOf(value.topDomains, isCountedLabel) &&
    isArrayOf(value.topErrors, isCountedLabel) &&
    isArrayOf(value.captcha, isCountedLabel) &&
    isObject(duration) &&
    isOptionalCount(duration.median) &&
    isOptionalCount(duration.p95) &&
    isCount(duration.samples) &&
    isSample(value.sample) &&
    isCount(value.requests)
  );
}

export function isOverviewReport(value: unknown): value is OverviewReport {
  return (
    isObject(value) &&
    isOverviewPeriod(value.periodDays) &&
    typeof value.from === 'string' &&
    typeof value.to === 'string' &&
    typeof value.generatedAt === 'string' &&
    isStringArray(value.filters) &&
    isArrayOf(value.connections, isConnectionOverview) &&
    (value.all === undefined || isConnectionOverview(value.all))
  );
}

/** The webview's check on what reaches its `message` listener. */
export function isOverviewHostMessage(value: unknown): value is OverviewHostToWebview {
  if (!isObject(value) || !isRun(value.run)) return false;
  switch (value.type) {
    case 'started':
      return isOverviewPeriod(value.periodDays);
    case 'progress':
      return (
        typeof value.message === 'string' &&
        (value.fraction === undefined || (isCount(value.fraction) && value.fraction <= 1))
      );
    case 'report':
      return isOverviewReport(value.report);
    case 'failed':
      return typeof value.cancelled === 'boolean' && typeof value.message === 'string';
    default:
      return false;
  }
}
