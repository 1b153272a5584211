// Tolerant readers: a field that is missing, null or of the wrong type reads as undefined and the
// session is kept. Only a body whose outer shape is wrong (no sessions list) is rejected, because
// then there is nothing trustworthy to show.
import { ProviderError } from './providerError';
import type { ProviderId } from './registry';
import type { Session, StatusKind } from './types';

import { isObject, type JsonObject } from '../shared/guards';

export { isObject, type JsonObject };

export function readString(record: JsonObject, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

export function readNumber(record: JsonObject, key: string): number | undefined {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function readBoolean(record: JsonObject, key: string): boolean | undefined {
  const value = record[key];
  return typeof value === 'boolean' ? value : undefined;
}

export function readObject(record: JsonObject, key: string): JsonObject | undefined {
  const value = record[key];
  return isObject(value) ? value : undefined;
}

/** The strings of an array field; other items are dropped, a missing field is empty. */
export function readStringArray(record: JsonObject, key: string): string[] {
  const value = record[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Marks an id we made up; the UI can test for it (no copy or lookup by id). */
export const SYNTHETIC_ID_PREFIX = 'missing-id:';

/**
 * A record without a usable id is kept, not skipped: skipping would hide data the API returned.
 * Its id is derived from its content, not its position, so it stays the same across refreshes and
 * across pages when newer sessions shift offsets, and listAll's deduplication still works.
 * Two id-less records with identical content are indistinguishable and collapse into one.
 */
export function readId(raw: unknown, key: string): string {
  const value = isObject(raw) ? raw[key] : undefined;
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // node:crypto only for a record without an id: requiring it up front costs activation time.
  const digest = process.getBuiltinModule('node:crypto').createHash('sha256').update(JSON.stringify(raw) ?? 'undefined').digest('hex');
  return `${SYNTHETIC_ID_PREFIX}${digest.slice(0, 16)}`;
}

export function statusKindOf(status: string, table: Readonly<Record<string, StatusKind>>): StatusKind {
  return Object.hasOwn(table, status) ? (table[status]) : 'other';
}

/** A string, or a number of epoch milliseconds (also sent as a numeric string), as ISO 8601. */
export function readEpochMsAsIso(record: JsonObject, key: string): string | undefined {
  const value = record[key];
  const ms = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The provider a definition parses for, to name it in errors. */
export interface ProviderIdentity {
  readonly id: ProviderId;
  readonly label: string;
}

/**
 * Worded like errors.ts's badResponseError, but built here: definitions must not import the
 * registry-derived label table that errors.ts reads (the registry imports the definitions).
 */
export function shapeError(provider: ProviderIdentity, endpoint: string, problem: string): ProviderError {
  return new ProviderError(
    'badResponse',
    `${provider.label} answered ${endpoint} with a body not of the documented shape (${problem}).`,
    { provider: provider.id, endpoint },
  );
}

/** A get-one parser for an API that answers with the record itself, not inside an envelope. */
export function bareRecord(provider: ProviderIdentity, toSession: (record: JsonObject) => Session): (body: unknown, endpoint: string) => Session {
  return (body, endpoint) => {
    if (!isObject(body)) throw shapeError(provider, endpoint, 'not a JSON object');
    return toSession(body);
  };
}
