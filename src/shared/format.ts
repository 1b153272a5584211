// Pure formatting for people, shared by the tree, its tooltips and the details panel.
// No `vscode`, no Node APIs: the webview bundle may import it too.
import { formatDistanceStrict } from 'date-fns';

/**
 * Built on first use: the first Intl formatter of a process loads ICU data (20–40 ms), which
 * activation must not pay for a tree nobody has opened yet.
 */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const numberFormat = lazy(() => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }));
const countFormat = lazy(() => new Intl.NumberFormat('en-US'));
const dateTimeFormat = lazy(() => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium' }));
const clockFormat = lazy(
  () => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
);

/** Local time of day, "14:32:05": for a moment later today, such as when a rate limit ends. */
export function formatClockTime(epochMs: number): string {
  return clockFormat().format(new Date(epochMs));
}

export function parseTime(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "5 minutes ago"; `undefined` for a missing or unparsable time. */
export function formatRelativeTime(iso: string | undefined, now: Date = new Date()): string | undefined {
  const date = parseTime(iso);
  if (!date) return undefined;
  return formatDistanceStrict(date, now, { addSuffix: true });
}

/** Local date and time, e.g. "Dec 16, 2025, 6:53:41 PM". */
export function formatAbsoluteTime(iso: string | undefined): string | undefined {
  const date = parseTime(iso);
  return date ? dateTimeFormat().format(date) : undefined;
}

/** Compact duration: "45.2s", "3m 29s", "2h 5m". */
export function formatDuration(seconds: number | undefined): string | undefined {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return undefined;
  if (seconds < 60) return `${numberFormat().format(Math.round(seconds * 10) / 10)}s`;
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0 ? `${h}h ${m}m` : `${m}m ${s}s`;
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
const byteFormats = lazy(() =>
  byteUnits.map((unit) => new Intl.NumberFormat('en-US', { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 })),
);

/** SI units through Intl: "123.5 MB". */
export function formatBytes(bytes: number | undefined): string | undefined {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return undefined;
  let value = bytes;
  let index = 0;
  while (value >= 1000 && index < byteUnits.length - 1) {
    value /= 1000;
    index++;
  }
  return byteFormats()[index].format(value);
}

export function formatNumber(value: number | undefined): string | undefined {
  return value === undefined || !Number.isFinite(value) ? undefined : numberFormat().format(value);
}

/** A count with grouping, "12,345". */
export function formatCount(value: number): string {
  return countFormat().format(value);
}
