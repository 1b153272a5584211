// Human messages for every way a request can fail. Each names the provider and the endpoint and is
// built only from the status, our own words and (for a 4xx) the server's short error text after
// redaction, so neither the key nor a header can end up in it.
import { redact } from './redact';
import { PROVIDER_LABELS, ProviderError, type ProviderId } from './types';

export interface ErrorContext {
  readonly provider: ProviderId;
  /** "GET /browser_sessions" */
  readonly endpoint: string;
  readonly origin: string;
  readonly secret: string;
}

const SERVER_TEXT_LIMIT = 200;

export function statusError(
  context: ErrorContext,
  status: number,
  body: string,
  retryAfterSeconds: number | undefined,
): ProviderError {
  const label = PROVIDER_LABELS[context.provider];
  const at = `${status} on ${context.endpoint}`;
  const details = { provider: context.provider, endpoint: context.endpoint, status };
  if (status === 401 || status === 403) {
    return new ProviderError('auth', `${label} refused the API key (${at}). Set a new key with “Set API Key…”.`, details);
  }
  if (status === 404) {
    return new ProviderError('notFound', `${label} has no such endpoint (${at}). Check the ${label} base URL setting.`, details);
  }
  if (status === 429) {
    const when = retryAfterSeconds === undefined ? 'later' : `in ${retryAfterSeconds} s`;
    return new ProviderError('rateLimited', `${label} is limiting requests (${at}). Try again ${when}.`, {
      ...details,
      retryAfterSeconds,
    });
  }
  if (status >= 500) {
    return new ProviderError('server', `${label} had a server error (${at}).`, details);
  }
  const serverText = shortServerText(body, context.secret);
  return new ProviderError(
    'badRequest',
    `${label} rejected the request (${at})${serverText ? `: ${serverText}` : '.'}`,
    details,
  );
}

export function networkError(context: ErrorContext, reason: string): ProviderError {
  const label = PROVIDER_LABELS[context.provider];
  return new ProviderError(
    'network',
    `${label}: could not reach ${context.origin} for ${context.endpoint} (${redact(reason, context.secret)}).`,
    { provider: context.provider, endpoint: context.endpoint },
  );
}

export function timeoutError(context: ErrorContext, timeoutMs: number): ProviderError {
  const label = PROVIDER_LABELS[context.provider];
  return new ProviderError('timeout', `${label} did not answer ${context.endpoint} within ${formatWait(timeoutMs)}.`, {
    provider: context.provider,
    endpoint: context.endpoint,
  });
}

export function cancelledError(context: Pick<ErrorContext, 'provider' | 'endpoint'>): ProviderError {
  const label = PROVIDER_LABELS[context.provider];
  return new ProviderError('cancelled', `The request to ${label} (${context.endpoint}) was cancelled.`, {
    provider: context.provider,
    endpoint: context.endpoint,
  });
}

/** `problem` completes "… answered <endpoint> with …", e.g. "a body that is not JSON". */
export function badResponseError(
  context: Pick<ErrorContext, 'provider' | 'endpoint'>,
  problem: string,
  status?: number,
): ProviderError {
  const label = PROVIDER_LABELS[context.provider];
  return new ProviderError('badResponse', `${label} answered ${context.endpoint} with ${problem}.`, {
    provider: context.provider,
    endpoint: context.endpoint,
    status,
  });
}

/** The `error`/`message` of a JSON error body, or the plain body, when short enough to show. */
function shortServerText(body: string, secret: string): string | undefined {
  const text = redact(errorTextOf(body), secret).replace(/\s+/g, ' ').trim();
  return text !== '' && text.length <= SERVER_TEXT_LIMIT ? text : undefined;
}

function errorTextOf(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (typeof parsed !== 'object' || parsed === null) return body;
  const record = parsed as Record<string, unknown>;
  for (const key of ['message', 'error', 'detail']) {
    const value = record[key];
    if (typeof value === 'string') return value;
    if (typeof value === 'object' && value !== null) {
      const nested = (value as Record<string, unknown>)['message'];
      if (typeof nested === 'string') return nested;
    }
  }
  return body;
}

function formatWait(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
