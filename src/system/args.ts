// Commands receive whatever invoked them: a tree node, a Session from the details panel, a provider
// id from a tree item's command, or nothing from the palette. These guards turn that into data.
import { PROVIDER_LABELS, type ProviderId, type Session } from '../providers/types';

export function providerFromArg(arg: unknown): ProviderId | undefined {
  const candidate = typeof arg === 'object' && arg !== null && 'provider' in arg ? (arg as { provider: unknown }).provider : arg;
  return typeof candidate === 'string' && Object.hasOwn(PROVIDER_LABELS, candidate) ? (candidate as ProviderId) : undefined;
}

/** A Session itself, or a tree node carrying one. */
export function sessionFromArg(arg: unknown): Session | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const candidate = 'session' in arg ? (arg as { session: unknown }).session : arg;
  return isSession(candidate) ? candidate : undefined;
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const { id, provider, domains, tags } = value as Partial<Record<keyof Session, unknown>>;
  return typeof id === 'string' && providerFromArg(provider) !== undefined && Array.isArray(domains) && Array.isArray(tags);
}
