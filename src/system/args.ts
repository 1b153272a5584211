// Commands receive whatever invoked them: a tree node, a Session from the details panel, a connection
// id from a tree item's command, or nothing from the palette. These guards turn that into data.
import { PROVIDER_LABELS, type ProviderId, type Session } from '../providers/types';

/** Same rule as `browserSessions.connections` ids; a provider id names its default connection. */
const CONNECTION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function providerFromArg(arg: unknown): ProviderId | undefined {
  const candidate = typeof arg === 'object' && arg !== null && 'provider' in arg ? (arg).provider : arg;
  return typeof candidate === 'string' && Object.hasOwn(PROVIDER_LABELS, candidate) ? (candidate as ProviderId) : undefined;
}

/**
 * A connection id: a string, a tree node's `connection`, or (from older callers and the panel) a
 * `provider`, which names that provider's default connection. Whether it exists is the caller's check.
 */
export function connectionFromArg(arg: unknown): string | undefined {
  let candidate: unknown = arg;
  if (typeof arg === 'object' && arg !== null) {
    if ('connection' in arg) candidate = (arg).connection;
    else return providerFromArg(arg);
  }
  return typeof candidate === 'string' && CONNECTION_ID.test(candidate) ? candidate : undefined;
}

/** A Session itself, or a tree node carrying one. */
export function sessionFromArg(arg: unknown): Session | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const candidate = 'session' in arg ? (arg).session : arg;
  return isSession(candidate) ? candidate : undefined;
}

/**
 * The session and the connection it was listed under: a tree node carries both; a bare Session
 * (older callers) belongs to its provider's default connection.
 */
export function sessionRefFromArg(arg: unknown): { connection: string; session: Session } | undefined {
  const session = sessionFromArg(arg);
  if (!session) return undefined;
  const connection = typeof arg === 'object' && arg !== null && 'session' in arg ? connectionFromArg(arg) : undefined;
  return { connection: connection ?? session.provider, session };
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const { id, provider, domains, tags } = value as Partial<Record<keyof Session, unknown>>;
  return typeof id === 'string' && providerFromArg(provider) !== undefined && Array.isArray(domains) && Array.isArray(tags);
}
