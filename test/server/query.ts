// Strict reading of query parameters: a client that sends a value the spec does not allow gets a
// 400 here, rather than a silently ignored filter that would only fail against the real API.
import { parseDateTime } from './time';

/** Thrown while reading a query; the server answers 400 with its message. */
export class BadRequest extends Error {}

export class QueryReader {
  constructor(private readonly params: URLSearchParams) {}

  /**
   * The raw value, or undefined when absent. A repeated parameter is refused: neither spec says
   * which occurrence wins, and a client never has a reason to send one twice.
   */
  private raw(name: string): string | undefined {
    const values = this.params.getAll(name);
    if (values.length > 1) throw new BadRequest(`Query parameter "${name}" was given ${values.length} times`);
    return values[0];
  }

  /** Free text; an empty value counts as not given (the specs are silent about empty filters). */
  text(name: string): string | undefined {
    const value = this.raw(name);
    return value === undefined || value === '' ? undefined : value;
  }

  /** Comma-separated items, trimmed, empty items dropped; undefined when nothing is left. */
  list(name: string): string[] | undefined {
    const items = (this.text(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return items.length > 0 ? items : undefined;
  }

  integer(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(number >= min && number <= max)) {
      const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
      throw new BadRequest(`Query parameter "${name}" must be a whole number ${range}, got "${value}"`);
    }
    return number;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      throw new BadRequest(`Query parameter "${name}" must be one of ${allowed.join(', ')}, got "${value}"`);
    }
    return value as T;
  }

  /** Epoch ms. */
  dateTime(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const ms = parseDateTime(value);
    if (ms === undefined) {
      throw new BadRequest(`Query parameter "${name}" must be an ISO 8601 date-time such as 2025-12-01T00:00:00Z, got "${value}"`);
    }
    return ms;
  }

  boolean(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') {
      throw new BadRequest(`Query parameter "${name}" must be true or false, got "${value}"`);
    }
    return value === 'true';
  }
}

/** Caches a computation under a key; listings use it for the filtered, sorted result. */
export type Memo = <T>(key: string, compute: () => T) => T;

export const noMemo: Memo = (_key, compute) => compute();

/** The parameters that choose and order the sessions, in a canonical order: paging left out. */
export function selectionKey(params: URLSearchParams, paging: readonly string[]): string {
  return [...params]
    .filter(([name]) => !paging.includes(name))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .sort()
    .join('&');
}
