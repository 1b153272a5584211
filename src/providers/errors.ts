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

/** The longest excerpt of a server's text we quote; longer text is cut, never shown whole. */
const SERVER_TEXT_LIMIT = 160;

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
  if (status === 407) {
    return new ProviderError('network', `${label}: the proxy asks for credentials (${at}). Check the proxy settings.`, details);
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

/**
 * A 429 with the time the connection's gate reopens. `answered`: the server sent it;
 * `refused`: the gate was closed, so nothing was sent.
 */
export function rateLimitedError(
  context: ErrorContext,
  retryAfterSeconds: number | undefined,
  retryAt: number,
  how: 'answered' | 'refused',
  now = Date.now(),
): ProviderError {
  const label = PROVIDER_LABELS[context.provider];
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  const message =
    how === 'answered'
      ? `${label} is limiting requests (429 on ${context.endpoint}). Nothing is sent to it for ${seconds} s.`
      : `${label} is limiting requests: ${context.endpoint} was not sent, nothing is sent to it for ${seconds} s.`;
  return new ProviderError('rateLimited', message, {
    provider: context.provider,
    endpoint: context.endpoint,
    status: how === 'answered' ? 429 : undefined,
    retryAfterSeconds,
    retryAt,
  });
}

/** A 3xx: never followed, since the key would travel with it to wherever it points. */
export function redirectError(context: ErrorContext, status: number, target: string | undefined): ProviderError {
  const label = PROVIDER_LABELS[context.provider];
  const to = target === undefined ? 'an unexpected redirect' : `an unexpected redirect to ${target}`;
  return new ProviderError('badResponse', `${label} answered ${context.endpoint} with ${to} (${status}); it was not followed.`, {
    provider: context.provider,
    endpoint: context.endpoint,
    status,
  });
}

export function answerTooLargeError(context: ErrorContext, limitBytes: number, status: number): ProviderError {
  const label = PROVIDER_LABELS[context.provider];
  const limit = `${Math.round((limitBytes / 1024 / 1024) * 10) / 10} MiB`;
  return new ProviderError('badResponse', `${label} sent an answer too large for ${context.endpoint} (over ${limit}); it was not read.`, {
    provider: context.provider,
    endpoint: context.endpoint,
    status,
  });
}

/** The request could not be put on the wire (e.g. a key with a line break in a header). */
export function unsendableError(context: ErrorContext, reason: string): ProviderError {
  const label = PROVIDER_LABELS[context.provider];
  return new ProviderError(
    'badRequest',
    `${label}: ${context.endpoint} could not be sent (${redact(reason, context.secret)}). Check the API key for line breaks or other stray characters.`,
    { provider: context.provider, endpoint: context.endpoint },
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

/**
 * The `error`/`message` of a JSON error body, or the plain body: redacted after parsing (a JSON
 * body may spell the key with escapes that parsing undoes), stripped of markup and control
 * characters, and cut to a short excerpt.
 */
function shortServerText(body: string, secret: string): string | undefined {
  const text = redact(errorTextOf(body), secret)
    .replace(/<[^>]*>/g, ' ')
    // Control, bidi-override and zero-width characters could disguise what the message says.
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return undefined;
  // Cut after redaction, so a key cannot survive in part; by code point, so no half surrogate.
  const chars = [...text];
  return chars.length <= SERVER_TEXT_LIMIT ? text : `${chars.slice(0, SERVER_TEXT_LIMIT).join('').trimEnd()}…`;
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

/** The `code` of a Node or undici error, or of the error it wraps (`cause`), e.g. ECONNREFUSED. */
export function errorCode(error: unknown): string | undefined {
  for (let current = error; typeof current === 'object' && current !== null; ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** An exception's message, or the thrown value as text when it is not an Error. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
