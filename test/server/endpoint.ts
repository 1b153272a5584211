// The provider endpoints behind one origin: routing, authentication (which also picks the account's
// dataset), and the answer itself. Everything provider-specific comes from the provider modules.
import type { IncomingHttpHeaders } from 'node:http';
import type { ProviderId } from './ids';
import type { AnyDefinition, ListSettings, Route } from './providers/definition';
import { PROVIDERS } from './providers/registry';
import type { Answer } from './http';
import { BadRequest } from './query';
import type { AccountData } from './store';
import { matchInspect, type InspectContext } from './inspect';

export interface ProviderRequest {
  readonly provider: ProviderId;
  readonly route: Route;
}

/** Prefixed providers first, so that the bare-origin ones never see a prefixed path. */
const BY_PREFIX = Object.values(PROVIDERS).sort((a, b) => b.prefix.length - a.prefix.length);

/** The provider and endpoint a path belongs to. */
export function routeForPath(pathname: string, method?: string): ProviderRequest | undefined {
  for (const definition of BY_PREFIX) {
    const { prefix } = definition;
    if (prefix !== '' && pathname !== prefix && !pathname.startsWith(`${prefix}/`)) continue;
    const path = pathname.slice(prefix.length);
    const inspect = matchInspect(definition.inspect, path);
    const route = definition.route(path, method) ?? (inspect && { kind: 'inspect' as const, ...inspect });
    if (route) return { provider: definition.id, route };
    // A path under another provider's prefix never falls through to the bare-origin ones.
    if (prefix !== '') return undefined;
  }
  return undefined;
}

/** Finds the dataset an API key opens, or undefined when the key opens none. */
export type DatasetForKey = (provider: ProviderId, key: string) => AccountData | undefined;

export function answerProvider(
  request: ProviderRequest,
  method: string,
  headers: IncomingHttpHeaders,
  params: URLSearchParams,
  datasetFor: DatasetForKey,
  settings: ListSettings,
  requestBody?: unknown,
  fileLink?: InspectContext['fileLink'],
): Answer {
  const definition = PROVIDERS[request.provider];
  // A stop route was matched with its own method; every other endpoint is GET only.
  if (request.route.kind !== 'stop' && method !== 'GET') return providerError(definition, 405, `Method ${method} not allowed`, { Allow: 'GET' });
  const key = definition.apiKey(headers);
  if (key === undefined) return providerError(definition, 401, definition.missingKeyMessage);
  // Messages never repeat the key.
  const dataset = datasetFor(request.provider, key);
  if (dataset === undefined) return providerError(definition, 401, 'Invalid API key');
  if (request.route.kind === 'get') {
    const entry = dataset.findEntry(request.route.id);
    // No spec documents the unknown-id answer beyond Steel's and Hyperbrowser's 404; 404 for all.
    if (entry === undefined) return providerError(definition, 404, 'Session not found');
    return { status: 200, body: definition.detail?.(entry.record, entry.hidden) ?? entry.record };
  }
  // Issue 9: stop one session.
  if (request.route.kind === 'stop') {
    const record = dataset.find(request.route.id);
    if (record === undefined || !definition.stop) return providerError(definition, 404, 'Session not found');
    const answer = definition.stop(record, requestBody, Date.now());
    dataset.changed();
    return answer;
  }
  // issue 9: live view, pages, recordings, logs
  if (request.route.kind === 'inspect') {
    const record = dataset.find(request.route.id);
    if (record === undefined) return providerError(definition, 404, 'Session not found');
    const noFileHost = (): string => {
      throw new Error('this server has no file host');
    };
    return request.route.endpoint.answer(record, {
      params,
      fileLink: fileLink ?? noFileHost,
      error: (status, message) => providerError(definition, status, message),
    }, request.route.segments);
  }
  try {
    return { status: 200, body: dataset.list(params, settings) };
  } catch (error) {
    if (error instanceof BadRequest) return providerError(definition, 400, error.message);
    throw error;
  }
}

export function providerError(definition: AnyDefinition, status: number, message: string, headers?: Record<string, string>): Answer {
  const body = definition.errorBody(message);
  return headers ? { status, body, headers } : { status, body };
}
