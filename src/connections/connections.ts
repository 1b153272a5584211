// Connections: a provider, a label, an optional base URL and a key. Pure (no `vscode`), so parsing the
// untrusted `browserSessions.connections` setting is tested in plain Node. The default connection of
// each provider has the provider's id; extra ones come from the setting.
import { DEFINITIONS, PROVIDER_IDS, SECRET_KEYS, isProviderId } from '../providers';
import type { ProviderId } from '../providers/types';

/** A provider id for a default connection, or the `id` of a `browserSessions.connections` entry. */
export type ConnectionId = string;

export interface Connection {
  readonly id: ConnectionId;
  readonly provider: ProviderId;
  /** As the tree's root shows it: "Bright Data", or "Bright Data · staging". */
  readonly label: string;
  /** The entry's own label (extra connections only). */
  readonly name?: string;
  /** Extra connections only; the default one follows `browserSessions.<provider>.baseUrl`. */
  readonly baseUrl?: string;
  readonly isDefault: boolean;
  /** SecretStorage key of its API key. */
  readonly secretKey: string;
}

/** What `browserSessions.connections` holds per entry (never a key). */
export interface ConnectionEntry {
  readonly id: string;
  readonly provider: ProviderId;
  readonly label: string;
  readonly baseUrl?: string;
}

export const CONNECTION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_LABEL_LENGTH = 80;
export const CONNECTION_SECRET_PREFIX = 'browserSessions.apiKey.connection.';

export function connectionSecretKey(id: ConnectionId): string {
  return isProviderId(id) ? SECRET_KEYS[id] : `${CONNECTION_SECRET_PREFIX}${id}`;
}

/** "Bright Data · staging", or the label alone when it already names the provider. */
export function connectionLabel(provider: ProviderId, name: string): string {
  const providerLabel = DEFINITIONS[provider].label;
  return name.startsWith(providerLabel) ? name : `${providerLabel} · ${name}`;
}

/** Why `name` cannot label a connection; undefined when it can. */
export function labelProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'The label cannot be empty.';
  if (trimmed.length > MAX_LABEL_LENGTH) return `The label is too long: at most ${MAX_LABEL_LENGTH} characters.`;
  return undefined;
}

/** Why `id` cannot name a new connection among `taken`; undefined when it can. */
export function idProblem(id: string, taken: readonly string[] = []): string | undefined {
  if (!CONNECTION_ID_PATTERN.test(id)) return 'An id is 1–64 letters, digits, "_" or "-".';
  if (isProviderId(id)) return `“${id}” is the id of a provider's default connection.`;
  if (taken.includes(id)) return `A connection “${id}” already exists.`;
  return undefined;
}

export interface ParsedConnections {
  readonly entries: readonly ConnectionEntry[];
  /** One line per skipped entry, for the output channel (values are quoted, never trusted). */
  readonly problems: readonly string[];
}

/** Validates the setting's value entry by entry: bad ones are skipped with a reason, never thrown. */
export function parseConnections(raw: unknown): ParsedConnections {
  if (raw === undefined || raw === null) return { entries: [], problems: [] };
  if (!Array.isArray(raw)) return { entries: [], problems: ['browserSessions.connections is not an array; ignored.'] };
  const entries: ConnectionEntry[] = [];
  const problems: string[] = [];
  raw.forEach((item: unknown, index) => {
    const problem = entryProblem(item, entries);
    if (problem) {
      problems.push(`browserSessions.connections[${index}] skipped: ${problem}`);
      return;
    }
    const { id, provider, label, baseUrl } = item as { id: string; provider: ProviderId; label: string; baseUrl?: string };
    const trimmedBase = typeof baseUrl === 'string' ? baseUrl.trim() : '';
    entries.push({ id, provider, label: label.trim(), ...(trimmedBase ? { baseUrl: trimmedBase } : {}) });
  });
  return { entries, problems };
}

function entryProblem(item: unknown, accepted: readonly ConnectionEntry[]): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'not an object';
  const { id, provider, label, baseUrl } = item as Record<string, unknown>;
  if (typeof id !== 'string') return 'its "id" is not a string';
  const badId = idProblem(id, accepted.map((entry) => entry.id));
  if (badId) return `id ${JSON.stringify(id.slice(0, 80))}: ${badId}`;
  if (!isProviderId(provider)) return `unknown provider ${JSON.stringify(String(provider).slice(0, 80))}`;
  if (typeof label !== 'string') return 'its "label" is not a string';
  const badLabel = labelProblem(label);
  if (badLabel) return badLabel;
  if (baseUrl !== undefined && typeof baseUrl !== 'string') return 'its "baseUrl" is not a string';
  return undefined;
}

/** Every connection: each provider's default one, in registry order, then the extra ones. */
export function buildConnections(entries: readonly ConnectionEntry[]): Connection[] {
  const defaults: Connection[] = PROVIDER_IDS.map((provider) => ({
    id: provider,
    provider,
    label: DEFINITIONS[provider].label,
    isDefault: true,
    secretKey: SECRET_KEYS[provider],
  }));
  const extra: Connection[] = entries.map((entry) => ({
    id: entry.id,
    provider: entry.provider,
    label: connectionLabel(entry.provider, entry.label),
    name: entry.label,
    ...(entry.baseUrl !== undefined ? { baseUrl: entry.baseUrl } : {}),
    isDefault: false,
    secretKey: connectionSecretKey(entry.id),
  }));
  return [...defaults, ...extra];
}

/** The connection's API origin: its own base URL, else its provider's setting. */
export function baseUrlOf(connection: Connection, providerBaseUrls: Readonly<Record<ProviderId, string>>): string {
  return connection.baseUrl ?? providerBaseUrls[connection.provider];
}

/** The setting that sets the connection's base URL, as the user would look it up. */
export function baseUrlSettingOf(connection: Connection): string {
  return connection.isDefault ? `browserSessions.${connection.provider}.baseUrl` : 'browserSessions.connections';
}
