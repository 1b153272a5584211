// The one place that talks HTTP. undici's request() over one keep-alive dispatcher per origin;
// every failure becomes a ProviderError whose message names provider and endpoint and never the key.
import { setTimeout as sleep } from 'node:timers/promises';
import { EnvHttpProxyAgent, Pool, request, type Dispatcher } from 'undici';
import {
  badResponseError,
  cancelledError,
  networkError,
  statusError,
  timeoutError,
  type ErrorContext,
} from './errors';
import { redact } from './redact';
import { ProviderError, type ProviderId, type RequestLogEntry } from './types';

export interface HttpSettings {
  timeoutMs: number;
  proxyUrl?: string;
  /** Default true: verify the certificates of the proxy and of the origin reached through it. */
  proxyStrictSSL?: boolean;
  /** Comma list of hosts, domains (".example.com"), host:port, or "*". */
  noProxy?: string;
  log?: (entry: RequestLogEntry) => void;
  /** Longest Retry-After we wait before the single retry of a 429 (default 10). */
  maxRetryAfterSeconds?: number;
  /** Base of the jittered exponential backoff for 5xx and network retries (default 250). */
  retryBaseDelayMs?: number;
  /** Keep-alive connections per origin (default 8); must be ≥ the listing concurrency. */
  connectionsPerOrigin?: number;
}

export interface JsonRequest {
  provider: ProviderId;
  url: URL;
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** The API key, so that anything we show or log can be redacted. */
  secret: string;
}

const TRANSIENT_RETRIES = 2;
const RATE_LIMIT_RETRIES = 1;
const DEFAULT_MAX_RETRY_AFTER_SECONDS = 10;
/** A 429 without Retry-After: wait a little, not the whole cap. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;
const DEFAULT_RETRY_BASE_DELAY_MS = 250;
const DEFAULT_CONNECTIONS_PER_ORIGIN = 8;

type Attempt = { ok: true; value: unknown } | { ok: false; error: ProviderError };

export class HttpClient {
  readonly #settings: HttpSettings;
  readonly #dispatchers = new Map<string, Dispatcher>();
  #closed = false;

  constructor(settings: HttpSettings) {
    this.#settings = settings;
  }

  async getJson(jsonRequest: JsonRequest): Promise<unknown> {
    const context: ErrorContext = {
      provider: jsonRequest.provider,
      endpoint: `GET ${jsonRequest.url.pathname}`,
      origin: jsonRequest.url.origin,
      secret: jsonRequest.secret,
    };
    const retries = { transient: 0, rateLimit: 0 };
    for (let attempt = 1; ; attempt++) {
      if (jsonRequest.signal?.aborted) throw cancelledError(context);
      const outcome = await this.#attempt(jsonRequest, context, attempt);
      if (outcome.ok) return outcome.value;
      const waitMs = this.#retryDelayMs(outcome.error, retries);
      if (waitMs === undefined) throw outcome.error;
      try {
        await sleep(waitMs, undefined, { signal: jsonRequest.signal });
      } catch {
        throw cancelledError(context);
      }
    }
  }

  /**
   * Lets requests in flight finish; anything asked afterwards (a retry included) is cancelled, so a
   * listing still running on a replaced client cannot open fresh connections that nobody closes.
   */
  async close(): Promise<void> {
    this.#closed = true;
    const dispatchers = [...this.#dispatchers.values()];
    this.#dispatchers.clear();
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.close()));
  }

  /**
   * Timeouts are not retried: a server that hangs would otherwise hold the user for three times the
   * timeout. Cancellation, auth, 404, other 4xx and bad bodies are not retried either: the same
   * request would get the same answer.
   */
  #retryDelayMs(error: ProviderError, retries: { transient: number; rateLimit: number }): number | undefined {
    if (error.kind === 'server' || error.kind === 'network') {
      if (retries.transient >= TRANSIENT_RETRIES) return undefined;
      const ceiling = (this.#settings.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS) * 2 ** retries.transient++;
      return ceiling / 2 + (Math.random() * ceiling) / 2;
    }
    if (error.kind === 'rateLimited') {
      if (retries.rateLimit++ >= RATE_LIMIT_RETRIES) return undefined;
      const cap = this.#settings.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS;
      return Math.min(error.details.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS, cap) * 1000;
    }
    return undefined;
  }

  async #attempt(jsonRequest: JsonRequest, context: ErrorContext, attempt: number): Promise<Attempt> {
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.#settings.timeoutMs);
    const signal = jsonRequest.signal ? AbortSignal.any([jsonRequest.signal, timeout]) : timeout;
    let status: number | undefined;
    let outcome: Attempt;
    try {
      const response = await request(jsonRequest.url, {
        method: 'GET',
        headers: { accept: 'application/json', ...jsonRequest.headers },
        signal,
        dispatcher: this.#dispatcherFor(jsonRequest.url, context),
      });
      status = response.statusCode;
      const body = await readBody(response.body, status);
      outcome = interpret(context, status, response.headers['retry-after'], body);
    } catch (error) {
      outcome = { ok: false, error: this.#failure(error, context, jsonRequest.signal, timeout) };
    }
    this.#log(jsonRequest, context, { status, started, attempt, outcome });
    return outcome;
  }

  #failure(error: unknown, context: ErrorContext, callerSignal: AbortSignal | undefined, timeout: AbortSignal) {
    if (error instanceof ProviderError) return error;
    if (callerSignal?.aborted) return cancelledError(context);
    if (timeout.aborted || isUndiciTimeout(error)) return timeoutError(context, this.#settings.timeoutMs);
    if (error instanceof CutOffBody) return badResponseError(context, 'a body that was cut off', error.status);
    return networkError(context, describeNetworkError(error));
  }

  #log(
    jsonRequest: JsonRequest,
    context: ErrorContext,
    result: { status: number | undefined; started: number; attempt: number; outcome: Attempt },
  ): void {
    const { log } = this.#settings;
    if (!log) return;
    const error = result.outcome.ok ? undefined : result.outcome.error;
    log({
      provider: jsonRequest.provider,
      method: 'GET',
      path: redact(jsonRequest.url.pathname + jsonRequest.url.search, context.secret),
      status: result.status,
      ms: Math.round(performance.now() - result.started),
      attempt: result.attempt,
      error: error ? `${error.kind}: ${error.message}` : undefined,
    });
  }

  #dispatcherFor(url: URL, context: ErrorContext): Dispatcher {
    if (this.#closed) throw cancelledError(context);
    let dispatcher = this.#dispatchers.get(url.origin);
    if (!dispatcher) {
      try {
        dispatcher = this.#createDispatcher(url.origin);
      } catch {
        // undici's message would quote the proxy URL, which may carry a user name and password.
        throw networkError(context, 'the proxy URL is not valid');
      }
      this.#dispatchers.set(url.origin, dispatcher);
    }
    return dispatcher;
  }

  #createDispatcher(origin: string): Dispatcher {
    const connections = this.#settings.connectionsPerOrigin ?? DEFAULT_CONNECTIONS_PER_ORIGIN;
    const { proxyUrl } = this.#settings;
    if (!proxyUrl) return new Pool(origin, { connections });
    const tls = this.#settings.proxyStrictSSL === false ? { rejectUnauthorized: false } : undefined;
    // Explicit values, also when empty: EnvHttpProxyAgent would otherwise fall back to
    // process.env, and the caller has already decided between VS Code's setting and the env.
    // proxyTunnel false forwards plain-HTTP requests as curl does (proxies such as Squid refuse
    // CONNECT to port 80 by default); https origins are still tunnelled with CONNECT.
    return new EnvHttpProxyAgent({
      httpProxy: proxyUrl,
      httpsProxy: proxyUrl,
      noProxy: this.#settings.noProxy ?? '',
      proxyTunnel: false,
      connections,
      requestTls: tls,
      proxyTls: tls,
    });
  }
}

/**
 * The body could not be read to its end after the status line arrived. The caller still checks
 * its abort signals first: an abort while reading is a timeout or a cancellation.
 */
class CutOffBody extends Error {
  constructor(
    readonly status: number,
    cause: unknown,
  ) {
    super('body cut off', { cause });
  }
}

async function readBody(body: Dispatcher.ResponseData['body'], status: number): Promise<string> {
  try {
    return await body.text();
  } catch (error) {
    throw new CutOffBody(status, error);
  }
}

function interpret(
  context: ErrorContext,
  status: number,
  retryAfter: string | string[] | undefined,
  body: string,
): Attempt {
  if (status < 200 || status >= 300) {
    return { ok: false, error: statusError(context, status, body, parseRetryAfter(retryAfter)) };
  }
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    const problem = body.trim() === '' ? 'an empty body' : 'a body that is not valid JSON';
    return { ok: false, error: badResponseError(context, problem, status) };
  }
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  // Date.parse would read "-3" as the year 3 BC; an HTTP date always names a weekday or month.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function errorCode(error: unknown): string | undefined {
  for (let current = error; typeof current === 'object' && current !== null; ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isUndiciTimeout(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

function describeNetworkError(error: unknown): string {
  const code = errorCode(error);
  if (code && NETWORK_REASONS[code]) return NETWORK_REASONS[code];
  if (code?.startsWith('CERT_') || code?.startsWith('ERR_TLS') || code?.includes('SSL')) return `TLS: ${code}`;
  const message = error instanceof Error ? error.message : String(error);
  if (/proxy/i.test(message)) return `proxy: ${message}`;
  return code ?? message;
}
