// The two provider endpoints behind one origin: routing, authentication, and the listing itself.
import type { IncomingHttpHeaders } from 'node:http';
import type { ProviderId } from '../../src/providers/types';
import { ANCHOR_PATH, listAnchor } from './anchor';
import { BRIGHT_DATA_PATH, listBrightData } from './brightdata';
import { errorAnswer, type Answer } from './http';
import { BadRequest } from './query';
import type { SessionStore } from './store';

export interface AuthSettings {
  readonly keys: Readonly<Record<ProviderId, string>>;
  /** Any non-empty key is accepted. */
  readonly demo: boolean;
}

export function providerForPath(pathname: string): ProviderId | undefined {
  if (pathname === BRIGHT_DATA_PATH) return 'brightData';
  if (pathname === ANCHOR_PATH) return 'anchor';
  return undefined;
}

export function answerProvider(
  provider: ProviderId,
  method: string,
  headers: IncomingHttpHeaders,
  params: URLSearchParams,
  store: SessionStore,
  auth: AuthSettings,
): Answer {
  if (method !== 'GET') return errorAnswer(405, `Method ${method} not allowed`, { Allow: 'GET' });
  const authError = checkKey(provider, headers, auth);
  if (authError !== undefined) return errorAnswer(401, authError);
  try {
    const memo = store.memo(provider);
    const body =
      provider === 'brightData' ? listBrightData(store.brightData, params, memo) : listAnchor(store.anchor, params, memo);
    return { status: 200, body };
  } catch (error) {
    if (error instanceof BadRequest) return errorAnswer(400, error.message);
    throw error;
  }
}

/** An error message, or undefined when the key is good. Messages never repeat the key. */
function checkKey(provider: ProviderId, headers: IncomingHttpHeaders, auth: AuthSettings): string | undefined {
  const key = provider === 'brightData' ? bearerToken(headers.authorization) : headerValue(headers['anchor-api-key']);
  if (key === undefined) {
    return provider === 'brightData'
      ? 'Missing API key: send it as "Authorization: Bearer <key>"'
      : 'Missing API key: send it in the "anchor-api-key" header';
  }
  return auth.demo || key === auth.keys[provider] ? undefined : 'Invalid API key';
}

/** The auth scheme is case-insensitive (RFC 9110); the token is taken exactly. */
function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1];
}

function headerValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(', ') : header?.trim();
  return value === undefined || value === '' ? undefined : value;
}
