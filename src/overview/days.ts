// The overview's calendar: the period's days in the user's time zone (the process's local zone,
// which is the user's in VS Code), and each day as the bounds a provider's date filter takes.
// A local day is not always 24 hours (DST), so days are stepped with date-fns, never by adding ms.
// lightFormat, not format: the same tokens for these patterns without the locale machinery, which
// would be a tenth of the extension's bundle.
import { addDays, lightFormat, startOfDay } from 'date-fns';
import { toIsoInstant } from '../filters/dates';

export interface PeriodDay {
  /** `yyyy-MM-dd` in the local time zone. */
  readonly day: string;
  /** Epoch ms of the day's local midnight (inclusive). */
  readonly start: number;
  /** Epoch ms of the next day's local midnight (exclusive). */
  readonly end: number;
}

export interface Period {
  /** Oldest first; the last one is today. */
  readonly days: readonly PeriodDay[];
  /** The first day's start. */
  readonly from: number;
  /** Now: nothing later can have started. */
  readonly to: number;
}

/** The last `count` calendar days, today included. */
export function periodOf(count: number, now: Date): Period {
  const today = startOfDay(now);
  const days: PeriodDay[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const start = addDays(today, -back);
    days.push({ day: lightFormat(start, 'yyyy-MM-dd'), start: start.getTime(), end: addDays(start, 1).getTime() });
  }
  return { days, from: days[0]?.start ?? today.getTime(), to: now.getTime() };
}

/** `yyyy-MM-dd` of an instant in the local time zone. */
export function dayKey(epochMs: number): string {
  return lightFormat(epochMs, 'yyyy-MM-dd');
}

/** A range of instants in epoch ms, both ends inclusive. */
export interface InstantRange {
  readonly from: number;
  readonly to: number;
}

/**
 * A day [start, end) as a date filter with an inclusive upper bound at `stepMs` resolution, clipped
 * to `limit` (the active date filter), or undefined when nothing of the day is left.
 */
export function dayRange(day: PeriodDay, stepMs: number, limit: Partial<InstantRange> = {}): InstantRange | undefined {
  return clip({ from: day.start, to: day.end - stepMs }, limit);
}

export function clip(range: InstantRange, limit: Partial<InstantRange>): InstantRange | undefined {
  const from = Math.max(range.from, limit.from ?? -Infinity);
  const to = Math.min(range.to, limit.to ?? Infinity);
  return from <= to ? { from, to } : undefined;
}

/**
 * ISO 8601 as the filters send it: UTC with `Z`, milliseconds only when there are some (a
 * step of 1 ms gives "…T22:59:59.999Z", a step of 1 s "…T22:59:59Z").
 */
export function isoBounds(range: InstantRange): { readonly from: string; readonly to: string } {
  return { from: toIsoInstant(new Date(range.from)), to: toIsoInstant(new Date(range.to)) };
}
