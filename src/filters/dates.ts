// Dates typed by people and dates sent to the APIs. Pure: no `vscode`.
//
// `Date.parse` is too lenient for a filter ("2025-13-01" rolls over, "yesterday" parses in some
// engines), so inputs are matched against the ISO 8601 extended format and each field is checked.
//
// Choices the specs leave open (both only say `string<date-time>`):
// - A date alone means that whole day in UTC, like the Bright Data reference's own example
//   (start_date=2025-12-01T00:00:00Z&end_date=2025-12-16T23:59:59Z): as a lower bound it is
//   00:00:00Z, as an upper bound 23:59:59Z (the example's form; sessions in the day's last
//   fraction of a second are the price of not sending a form the server was never shown to take).
// - A date-time without an offset is local time, as ISO 8601 and JavaScript read it.
// - Everything is sent as UTC with a `Z`, without milliseconds when they are zero.

export type DatePreset = 'lastHour' | 'last24Hours' | 'last7Days' | 'last30Days';

export type DateFilter = { readonly preset: DatePreset } | { readonly from?: string; readonly to?: string };

export interface DateBounds {
  readonly from?: string;
  readonly to?: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const PRESET_DURATION_MS: Readonly<Record<DatePreset, number>> = {
  lastHour: HOUR_MS,
  last24Hours: DAY_MS,
  last7Days: 7 * DAY_MS,
  last30Days: 30 * DAY_MS,
};

export const DATE_PRESETS = Object.keys(PRESET_DURATION_MS) as readonly DatePreset[];

export function isDatePreset(value: unknown): value is DatePreset {
  return typeof value === 'string' && Object.hasOwn(PRESET_DURATION_MS, value);
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

interface IsoParts {
  readonly date: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly time?: {
    readonly hour: number;
    readonly minute: number;
    readonly second: number;
    readonly millisecond: number;
    /** For people: "08:00", or "08:00:30.5" when the seconds say something. */
    readonly clock: string;
    /** Minutes east of UTC; undefined for local time. */
    readonly offsetMinutes?: number;
    readonly offsetText?: string;
  };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseOffset(text: string): number | undefined {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function parseParts(input: string): IsoParts | undefined {
  const match = ISO_PATTERN.exec(input.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const date = `${y}-${mo}-${d}`;
  if (h === undefined) return { date, year, month, day };

  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millisecond = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const offsetMinutes = offset === undefined ? undefined : parseOffset(offset);
  if (offset !== undefined && offsetMinutes === undefined) return undefined;
  const seconds = fraction !== undefined ? `:${s}.${fraction}` : s !== undefined && s !== '00' ? `:${s}` : '';
  const clock = `${h}:${mi}${seconds}`;
  return {
    date,
    year,
    month,
    day,
    time: { hour, minute, second, millisecond, clock, offsetMinutes, offsetText: offset },
  };
}

function toDate(parts: IsoParts): Date {
  const result = new Date(0);
  const time = parts.time;
  if (time && time.offsetMinutes === undefined) {
    // setFullYear, not the Date constructor, so years below 100 are not read as 19xx.
    result.setFullYear(parts.year, parts.month - 1, parts.day);
    result.setHours(time.hour, time.minute, time.second, time.millisecond);
    return result;
  }
  result.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  result.setUTCHours(time?.hour ?? 0, time?.minute ?? 0, time?.second ?? 0, time?.millisecond ?? 0);
  return new Date(result.getTime() - (time?.offsetMinutes ?? 0) * 60_000);
}

/** A strict ISO 8601 date ("2025-12-01") or date-time ("2025-12-01T08:00:00Z", "…+02:00", local without offset). */
export function parseIsoDate(input: string): Date | undefined {
  const parts = parseParts(input);
  if (!parts) return undefined;
  const date = toDate(parts);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** UTC with `Z`; milliseconds only when there are some. */
export function toIsoInstant(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/** Lower bound: the instant typed, or the start of a UTC day. */
function lowerBound(input: string): string | undefined {
  const date = parseIsoDate(input);
  return date && toIsoInstant(date);
}

/** Upper bound: the instant typed, or the last second of a UTC day. */
function upperBound(input: string): string | undefined {
  const parts = parseParts(input);
  const date = parts && parseIsoDate(input);
  if (!parts || !date) return undefined;
  return toIsoInstant(parts.time ? date : new Date(date.getTime() + DAY_MS - 1000));
}

/**
 * The bounds to send. Presets are resolved against `now` at query time so "last hour" slides with
 * each refresh; they set only `from`: an open upper end cannot hide sessions that start after `now`
 * on a server whose clock runs ahead of ours.
 */
export function resolveDate(date: DateFilter | undefined, now: Date): DateBounds {
  if (!date) return {};
  if ('preset' in date) {
    const from = Math.floor((now.getTime() - PRESET_DURATION_MS[date.preset]) / 1000) * 1000;
    return { from: toIsoInstant(new Date(from)) };
  }
  const from = date.from === undefined ? undefined : lowerBound(date.from);
  const to = date.to === undefined ? undefined : upperBound(date.to);
  return { ...(from && { from }), ...(to && { to }) };
}

/** Why a typed bound is refused, or undefined when it is fine (empty is fine: an open end). */
export function isoInputProblem(input: string): string | undefined {
  if (input.trim() === '' || parseIsoDate(input)) return undefined;
  return 'Use ISO 8601, e.g. 2025-12-01 or 2025-12-01T08:00:00Z';
}

/** True when both bounds are given and the range they span is empty. */
export function isReversedRange(from: string | undefined, to: string | undefined): boolean {
  if (!from || !to) return false;
  const lower = lowerBound(from);
  const upper = upperBound(to);
  return lower !== undefined && upper !== undefined && Date.parse(upper) < Date.parse(lower);
}

/** Short text for the view description: "2025-12-01", "2025-12-01 08:00 UTC", "2025-12-01 08:00 +02:00". */
export function shortDate(input: string): string {
  const parts = parseParts(input);
  if (!parts) return input;
  const time = parts.time;
  if (!time) return parts.date;
  const offset = time.offsetText?.toUpperCase();
  const zone = offset === undefined ? '' : offset === 'Z' ? ' UTC' : ` ${offset}`;
  return `${parts.date} ${time.clock}${zone}`;
}
