// Issue 9 §1, §4: the client side of one session by id and of stopping one. Each provider file
// declares the endpoints (ProviderDefinition.getOne / .stop); this module builds the requests and
// sends them through the connection's HttpClient, so the gate, limits and redaction all apply.
import type { ClientOptions } from './client';
import type { ProviderDefinition } from './definition';
import { badResponseError } from './errors';
import { isObject } from './parse';
import { ProviderError } from './providerError';
import { REDACTED } from './redact';
import type { ProviderId } from './registry';
import type { ProviderClient, Session } from './types';
import { endpointUrl } from './url';

export type SingleSessionMethods = Pick<ProviderClient, 'getSession' | 'stopSession'>;

/** The methods the definition's endpoints allow; none for a provider without them. */
export function singleSessionMethods(definition: ProviderDefinition<ProviderId>, options: ClientOptions): SingleSessionMethods {
  const { getOne, stop } = definition;
  const methods: { -readonly [K in keyof SingleSessionMethods]: SingleSessionMethods[K] } = {};
  if (getOne) {
    methods.getSession = async (id, signal) => {
      const url = endpointUrl(definition.id, options.baseUrl, getOne.path(encodeId(definition, id, 'GET', [])));
      const endpoint = `GET ${url.pathname}`;
      const body = await options.http.getJson({
        provider: definition.id,
        url,
        headers: definition.authHeaders(options.apiKey),
        signal,
        secret: options.apiKey,
      });
      return withoutSecrets(getOne.parse(body, endpoint), getOne.secretKeys ?? []);
    };
  }
  if (stop) {
    methods.stopSession = async (id, signal) => {
      const url = endpointUrl(definition.id, options.baseUrl, stop.path(encodeId(definition, id, stop.method, stop.reservedIds ?? [])));
      const body = await options.http.sendJson({
        provider: definition.id,
        method: stop.method,
        url,
        headers: definition.authHeaders(options.apiKey),
        signal,
        secret: options.apiKey,
        ...(stop.body === undefined ? {} : { body: stop.body }),
      });
      const failure = stop.failure?.(body);
      if (failure !== undefined) throw badResponseError({ provider: definition.id, endpoint: `${stop.method} ${url.pathname}` }, failure);
    };
  }
  return methods;
}

/**
 * The id as one path segment. A reserved id names another endpoint and is refused before anything
 * is sent; an empty id or one of dots is refused by endpointUrl, as for every request.
 */
function encodeId(definition: ProviderDefinition<ProviderId>, id: string, method: string, reserved: readonly string[]): string {
  if (reserved.includes(id)) {
    throw new ProviderError('badRequest', `“${id}” is not a ${definition.label} session ID that can be used here.`, {
      provider: definition.id,
      endpoint: `${method} /${definition.path}/{id}`,
    });
  }
  return encodeURIComponent(id);
}

/**
 * The session with the credential fields of its raw record replaced by "•••", as Steel's list
 * does: the record still says the field exists, and nothing downstream (panel, JSON document,
 * clipboard) can leak it. A copy; the answer itself is not kept.
 */
function withoutSecrets(session: Session, secretKeys: readonly string[]): Session {
  if (secretKeys.length === 0 || !isObject(session.raw)) return session;
  const raw = Object.fromEntries(
    Object.entries(session.raw).map(([key, value]) => [key, secretKeys.includes(key) && value !== null && value !== '' ? REDACTED : value]),
  );
  return { ...session, raw };
}
