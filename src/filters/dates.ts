// Dates typed by people and dates sent to the APIs. Pure: no `vscode`.
import * as l10n from '@vscode/l10n';
import { isValid, parseISO } from 'date-fns';
//
// `Date.parse` is too lenient for a filter ("2025-13-01" rolls over, "yesterday" parses in some
// engines). date-fns' `parseISO` checks the calendar and reads offsets, but it also takes forms
// people do not mean here ("2025-12" as a month, "20251201", week dates, "T24:00"), so an input
// must first have the ISO 8601 extended shape below; `parseISO` and `isValid` do the rest.
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
  readonly instant: Date;
  readonly time?: {
    /** For people: "08:00", or "08:00:30.5" when the seconds say something. */
    readonly clock: string;
    readonly offsetText?: string;
  };
}

function parseParts(input: string): IsoParts | undefined {
  // Upper case: ISO allows "t" and "z", parseISO reads only "T" and "Z".
  const text = input.trim().toUpperCase();
  const match = ISO_PATTERN.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  // parseISO takes 24:00 as the next midnight and does not bound an offset's hours.
  if (h === '24' || (offset !== undefined && offset !== 'Z' && Number(offset.slice(1, 3)) > 23)) return undefined;
  // A date alone is that UTC day (see above); parseISO would read it as local midnight.
  const instant = parseISO(h === undefined ? `${text}T00:00:00Z` : text);
  if (!isValid(instant)) return undefined;
  const date = `${y}-${mo}-${d}`;
  if (h === undefined) return { date, instant };
  const seconds = fraction !== undefined ? `:${s}.${fraction}` : s !== undefined && s !== '00' ? `:${s}` : '';
  return { date, instant, time: { clock: `${h}:${mi}${seconds}`, offsetText: offset } };
}

/** A strict ISO 8601 date ("2025-12-01") or date-time ("2025-12-01T08:00:00Z", "…+02:00", local without offset). */
export function parseIsoDate(input: string): Date | undefined {
  return parseParts(input)?.instant;
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
  if (!parts) return undefined;
  return toIsoInstant(parts.time ? parts.instant : new Date(parts.instant.getTime() + DAY_MS - 1000));
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
  return l10n.t('Use ISO 8601, e.g. 2025-12-01 or 2025-12-01T08:00:00Z');
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
