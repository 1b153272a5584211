// Numbers through Intl, days and times through date-fns, for the overview webview. Pure (no DOM),
// so the unit tests run it in Node. The webview may not import src/shared/format.ts (see
// WEBVIEW_MAY_IMPORT in test/unit/imports.test.ts), so the few formats it needs are here. 'en-US'
// like the tree's and the details panel's numbers, so one session reads the same everywhere.
import { format, isValid, parse, parseISO } from 'date-fns';

const LOCALE = 'en-US';
const countFormat = new Intl.NumberFormat(LOCALE);
const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;
const byteFormats = byteUnits.map(
  (unit) => new Intl.NumberFormat(LOCALE, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }),
);
const unitFormat = (unit: 'second' | 'minute' | 'hour', digits: number): Intl.NumberFormat =>
  new Intl.NumberFormat(LOCALE, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits });
const secondsFormat = unitFormat('second', 1);
const wholeSeconds = unitFormat('second', 0);
const minutesFormat = unitFormat('minute', 0);
const hoursFormat = unitFormat('hour', 0);

/** "12,345". */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** A share 0…1 as "12.5%". */
export function formatPercent(share: number): string {
  return percentFormat.format(share);
}

/** SI units, "123.5 MB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let index = 0;
  while (value >= 1000 && index < byteUnits.length - 1) {
    value /= 1000;
    index++;
  }
  return byteFormats[index].format(value);
}

/** "45.2 sec", "3 min 29 sec", "2 hr 5 min". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return secondsFormat.format(Math.round(seconds * 10) / 10);
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  if (hours > 0) return `${hoursFormat.format(hours)} ${minutesFormat.format(minutes)}`;
  return `${minutesFormat.format(minutes)} ${wholeSeconds.format(whole % 60)}`;
}

/** A `yyyy-MM-dd` day of the user's time zone; anything else is shown as it came. */
function parseDay(day: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = parse(day, 'yyyy-MM-dd', new Date(2000, 0, 1));
  return isValid(date) ? date : undefined;
}

/** "Nov 29": an axis label. */
export function formatDayShort(day: string): string {
  const date = parseDay(day);
  return date ? format(date, 'MMM d') : day;
}

/** "Sun, Nov 29, 2026": a table's row header. */
export function formatDayLong(day: string): string {
  const date = parseDay(day);
  return date ? format(date, 'EEE, MMM d, yyyy') : day;
}

/** An ISO 8601 moment as local "Nov 29, 2026, 14:32"; as it came when it does not parse. */
export function formatMoment(iso: string): string {
  const date = parseISO(iso);
  return isValid(date) ? format(date, 'MMM d, yyyy, HH:mm') : iso;
}
