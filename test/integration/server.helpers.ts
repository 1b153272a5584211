// Shared by the server.<provider>.test.ts files: plain fetch calls against the contract server.
import assert from 'node:assert/strict';
import type { ContractServer, ProviderId } from '../server/index';

export const NOW = Date.parse('2026-01-15T12:00:00Z');

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

/** The header each provider's key travels in, as its spec names it. */
export const KEY_HEADER: Readonly<Record<ProviderId, (key: string) => Record<string, string>>> = {
  brightData: (key) => ({ Authorization: `Bearer ${key}` }),
  anchor: (key) => ({ 'anchor-api-key': key }),
  browserbase: (key) => ({ 'X-BB-API-Key': key }),
  steel: (key) => ({ 'steel-api-key': key }),
  hyperbrowser: (key) => ({ 'x-api-key': key }),
};

/** GET base URL + path with the params; `key: null` sends no key at all. */
export async function get(
  server: ContractServer,
  provider: ProviderId,
  path: string,
  params: Record<string, string> = {},
  key: string | null,
): Promise<Reply> {
  const query = new URLSearchParams(params).toString();
  const url = `${server.urlFor(provider)}${path}${query === '' ? '' : `?${query}`}`;
  const response = await fetch(url, { headers: key === null ? {} : KEY_HEADER[provider](key) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
}

export function ok<T>(reply: Reply): T {
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body as T;
}

/** Newest first by an ISO time, ties by id ascending: the order the new providers' lists use. */
export function newestFirst<T extends { id: string }>(records: readonly T[], time: (record: T) => string): T[] {
  return [...records].sort((a, b) => Date.parse(time(b)) - Date.parse(time(a)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function ids(records: readonly { id: string }[]): string[] {
  return records.map((record) => record.id);
}
