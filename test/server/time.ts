/** "2025-12-16T18:53:41Z": the Bright Data example's form, whole seconds and no milliseconds. */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

// Both specs type their date filters as OpenAPI `date-time`, i.e. RFC 3339: a full date, a time and
// an offset. Date.parse alone would also take "Dec 16 2025", a bare date or February 30th, which the
// real APIs may well refuse, so a client that sends those should find out here.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** Epoch ms of an RFC 3339 date-time, or undefined when it is not one. */
export function parseDateTime(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
