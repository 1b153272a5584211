// What one provider module gives the generic core: where its API lives, how it authenticates,
// how its data is generated and how its endpoints answer.
import type { IncomingHttpHeaders } from 'node:http';
import type { ProviderId } from '../ids';
import type { Memo } from '../query';
import type { Random } from '../prng';
import type { InspectEndpoint, InspectMatch } from '../inspect';

/** A stored session beside what filtering needs: its time parsed once, and attributes never serialised. */
export interface Entry<R, H = undefined> {
  readonly record: R;
  /** Epoch ms of the record's creation time; null when a test stored one that does not parse. */
  readonly time: number | null;
  readonly hidden: H;
}

/** Server-wide choices where the specs disagree with themselves. */
export interface ListSettings {
  /** Hyperbrowser's page-size field in list answers; default perPage. */
  readonly hyperbrowserPageSizeField?: 'perPage' | 'pageSize';
}

/** A request the provider module recognised under its prefix. */
export type Route =
  | { readonly kind: 'list' }
  | { readonly kind: 'get'; readonly id: string }
  // issue 9: live view, pages, recordings, logs
  | ({ readonly kind: 'inspect' } & InspectMatch)
  // Issue 9: end one session (the method is part of the route: Anchor's DELETE shares GET's path).
  | { readonly kind: 'stop'; readonly id: string };

/** What a provider's stop endpoint answers, after changing the record as its spec says. */
export interface StopAnswer {
  readonly status: number;
  readonly body: unknown;
}

// Methods, not function-valued properties, so that a definition for one record type can be kept
// in a list typed with `object` (method parameters are checked bivariantly).
export interface ProviderDefinition<R extends object = object, H = unknown> {
  readonly id: ProviderId;
  /**
   * Path prefix on the shared origin. Bright Data and Anchor keep the bare origin (their paths
   * differ); Anchor, Browserbase and Steel all use GET /v1/sessions, so the newer ones get a prefix.
   */
  readonly prefix: string;
  readonly defaultCount: number;
  readonly defaultKey: string;
  /** Lower-case name of the header that carries the key, redacted in the control API's log. */
  readonly keyHeader: string;
  /** Ids of the hostile fixtures, which the default dataset always contains. */
  readonly hostileIds: readonly string[];
  /** The key the request carries, or undefined when there is none. */
  apiKey(headers: IncomingHttpHeaders): string | undefined;
  readonly missingKeyMessage: string;
  /** The provider's error body; Steel and Hyperbrowser document `{ message }`. */
  errorBody(message: string): unknown;
  /** Which endpoint a path below the prefix is, if any; `method` picks between endpoints sharing a path. */
  route(path: string, method?: string): Route | undefined;
  generate(count: number, random: Random, now: number): R[];
  /** Filterable attributes a record never shows; a pure function of the record and seed. */
  hidden(record: R, seed: number): H;
  idOf(record: R): string;
  /** The record's creation time as text, parsed by the store. */
  timeText(record: R): unknown;
  /** Record fields the blank leaves out (optional ones) that addSession may still set. */
  readonly optionalKeys?: readonly string[];
  /** A record for addSession before the caller's fields are merged in, created just after `newest`. */
  blank(random: Random, newest: number): R;
  /** What GET one session answers for this record, when it is more than the record itself. */
  detail?(record: R, hidden: H): object;
  /**
   * Issue 9: ends the session (changing `record` in place) and says what to answer. `body` is the
   * request's parsed JSON body (undefined when none). Absent: the provider has no stop endpoint.
   */
  stop?(record: R, body: unknown, now: number): StopAnswer;
  /** Throws BadRequest for a value the spec does not allow. */
  list(entries: readonly Entry<R, H>[], params: URLSearchParams, memo: Memo, settings: ListSettings): unknown;
  /** issue 9: live view, pages, recordings, logs of one session, where the spec documents them. */
  readonly inspect?: readonly InspectEndpoint<R>[];
}

export type AnyDefinition = ProviderDefinition<object, unknown>;

/** A header's value, trimmed; undefined when absent or empty. */
export function headerValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(', ') : header?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Splits "/v1/sessions" and "/v1/sessions/{id}" (one non-empty segment, percent-decoded). */
export function collectionRoute(path: string, list: string, one: string = list): Route | undefined {
  if (path === list) return { kind: 'list' };
  if (!path.startsWith(`${one}/`)) return undefined;
  const rest = path.slice(one.length + 1);
  if (rest === '' || rest.includes('/')) return undefined;
  try {
    return { kind: 'get', id: decodeURIComponent(rest) };
  } catch {
    return undefined;
  }
}

/**
 * Issue 9: "/v1/sessions/{id}" + suffix ("" or "/release") when `method` is the stop endpoint's,
 * as a stop route; anything else is not this endpoint.
 */
export function stopRoute(path: string, one: string, suffix: string, method: string | undefined, stopMethod: string): Route | undefined {
  if (method !== stopMethod || !path.startsWith(`${one}/`) || !path.endsWith(suffix)) return undefined;
  const route = collectionRoute(path.slice(0, path.length - suffix.length), one);
  return route?.kind === 'get' ? { kind: 'stop', id: route.id } : undefined;
}
