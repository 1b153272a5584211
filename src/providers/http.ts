// The one place that talks HTTP, one HttpClient per connection (provider + key + settings). It owns
// undici's keep-alive dispatchers, the connection's concurrency limit and its rate-limit gate, so
// every caller shares them. Every failure becomes a ProviderError whose message names provider and
// endpoint and never the key. undici is loaded on the first request, not at activation.
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import {
  answerTooLargeError,
  badResponseError,
  cancelledError,
  errorCode,
  errorMessage,
  networkError,
  rateLimitedError,
  redirectError,
  statusError,
  timeoutError,
  unsendableError,
  type ErrorContext,
} from './errors';
import { ConcurrencyLimit, RateLimitGate } from './gate';
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
  /**
   * Longest Retry-After we wait before the single retry of a 429 (default 10). A longer one fails
   * at once; the gate still stays closed for all of it.
   */
  maxRetryAfterSeconds?: number;
  /** Base of the jittered exponential backoff for 5xx and network retries (default 250). */
  retryBaseDelayMs?: number;
  /** Keep-alive connections per origin (default 8); must be ≥ maxConcurrentRequests. */
  connectionsPerOrigin?: number;
  /** Requests in flight at once on this connection, across every operation (default 4). */
  maxConcurrentRequests?: number;
  /** Epoch-ms clock of the rate-limit gate (default Date.now); tests move it instead of waiting. */
  now?: () => number;
}

export interface JsonRequest {
  provider: ProviderId;
  url: URL;
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** The API key, so that anything we show or log can be redacted. */
  secret: string;
  /**
   * Largest body read (default MAX_BODY_BYTES). Only an endpoint whose spec documents no paging
   * may ask for more, with the reason next to the call.
   */
  maxBodyBytes?: number;
  /**
   * Called once, when a 2xx answer's body has been read in full and before it is parsed. The
   * request's concurrency slot is already free then, and parsing waits two turns of the event loop,
   * so a caller that pages can put its next request on the wire first: parsing then overlaps that
   * request's latency instead of delaying it. Must not throw.
   */
  onBodyRead?: () => void;
}

/**
 * A request that changes something (issue 9: stop a session). It takes the same path as a GET
 * (gate, concurrency limit, timeout, body cap, redaction, typed errors) but is never retried:
 * none of the stop endpoints is documented as idempotent, and a retry after a 5xx or a timeout
 * could act twice. A 429 still closes the connection's gate; the user may ask again.
 */
export interface ActionRequest extends JsonRequest {
  method: 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON with Content-Type application/json; unset: no body. */
  body?: unknown;
}

/**
 * 8 MiB: a page of 100 Bright Data sessions is about 60 KB, so this is two orders of magnitude
 * above any real page, and still small enough that an endless body cannot hurt the editor.
 */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

const TRANSIENT_RETRIES = 2;
const RATE_LIMIT_RETRIES = 1;
const DEFAULT_MAX_RETRY_AFTER_SECONDS = 10;
/** A 429 without a readable Retry-After: wait a little, not the whole cap. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;
const DEFAULT_RETRY_BASE_DELAY_MS = 250;
const DEFAULT_CONNECTIONS_PER_ORIGIN = 8;
const DEFAULT_MAX_CONCURRENT_REQUESTS = 4;

type Attempt =
  | { ok: true; value: unknown; status: number }
  /** `final`: retrying cannot help (a malformed request, a proxy asking for credentials). */
  | { ok: false; error: ProviderError; status?: number; final?: boolean };

interface Lane {
  readonly gate: RateLimitGate;
  readonly limit: ConcurrencyLimit;
}

export type Undici = typeof import('undici');
let undiciLoading: Promise<Undici> | undefined;
/** Loaded on the first request: activation does not pay for the HTTP stack. Also the download's. */
export function loadUndici(): Promise<Undici> {
  undiciLoading ??= import('undici');
  return undiciLoading;
}

export class HttpClient {
  readonly #settings: HttpSettings;
  readonly #dispatchers = new Map<string, Dispatcher>();
  /**
   * The gate and the concurrency limit, per origin. A connection has one origin, so for the
   * intended one HttpClient per connection this is one lane; keying by origin keeps a client that
   * is shared by two providers from letting one provider's 429 silence the other.
   */
  readonly #lanes = new Map<string, Lane>();
  #closed = false;

  constructor(settings: HttpSettings) {
    this.#settings = settings;
  }

  /** Epoch ms before which this connection sends nothing after a 429; undefined when it may send. */
  rateLimitedUntil(): number | undefined {
    let latest: number | undefined;
    for (const lane of this.#lanes.values()) {
      const until = lane.gate.closedUntil();
      if (until !== undefined && (latest === undefined || until > latest)) latest = until;
    }
    return latest;
  }

  #laneFor(origin: string): Lane {
    let lane = this.#lanes.get(origin);
    if (!lane) {
      const limit = Math.max(1, this.#settings.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS);
      lane = { gate: new RateLimitGate(this.#settings.now), limit: new ConcurrencyLimit(limit) };
      this.#lanes.set(origin, lane);
    }
    return lane;
  }

  async getJson(jsonRequest: JsonRequest): Promise<unknown> {
    return this.#send({ ...jsonRequest, method: 'GET' });
  }

  /** A non-GET JSON request, sent once (see ActionRequest). */
  async sendJson(actionRequest: ActionRequest): Promise<unknown> {
    return this.#send(actionRequest);
  }

  async #send(jsonRequest: JsonRequest & { method: 'GET' | ActionRequest['method']; body?: unknown }): Promise<unknown> {
    const retriable = jsonRequest.method === 'GET';
    const context: ErrorContext = {
      provider: jsonRequest.provider,
      endpoint: `${jsonRequest.method} ${jsonRequest.url.pathname}`,
      origin: jsonRequest.url.origin,
      secret: jsonRequest.secret,
    };
    // This request's identity at the gate, across its retries.
    const ticket = {};
    const lane = this.#laneFor(jsonRequest.url.origin);
    const retries = { transient: 0, rateLimit: 0 };
    for (let attempt = 1; ; attempt++) {
      if (jsonRequest.signal?.aborted) throw cancelledError(context);
      const admission = await this.#admit(lane, ticket, context, jsonRequest.signal);
      let holdsSlot = true;
      const releaseSlot = (): void => {
        if (holdsSlot) lane.limit.release();
        holdsSlot = false;
      };
      let outcome: Attempt;
      try {
        outcome = await this.#attempt(jsonRequest, context, attempt, lane.gate, admission, releaseSlot);
      } finally {
        releaseSlot();
      }
      if (outcome.ok || outcome.status !== 429) {
        // Only the probe's answer reopens the gate: an answer to a request sent before the 429
        // says nothing about the window the server asked for.
        if (admission === 'probe') {
          if (outcome.status !== undefined) lane.gate.open(ticket);
          else lane.gate.release(ticket);
        }
        if (outcome.ok) return outcome.value;
        const waitMs = outcome.final || !retriable ? undefined : this.#transientDelayMs(outcome.error, retries);
        if (waitMs === undefined) throw outcome.error;
        await this.#sleep(waitMs, context, jsonRequest.signal);
        continue;
      }
      const { error, retry } = this.#rateLimited(lane.gate, outcome.error, context, ticket, retriable ? retries : { rateLimit: RATE_LIMIT_RETRIES });
      if (!retry) throw error;
      try {
        await this.#sleep(Math.max(0, (error.details.retryAt ?? 0) - (this.#settings.now ?? Date.now)()), context, jsonRequest.signal);
      } catch (cancelled) {
        lane.gate.release(ticket);
        throw cancelled;
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
   * Passes the gate, then takes one of the connection's slots. The gate is asked again once the
   * slot is ours: a request that queued for a slot while another got a 429 must not go out.
   */
  async #admit(lane: Lane, ticket: object, context: ErrorContext, signal: AbortSignal | undefined): Promise<'go' | 'probe'> {
    for (;;) {
      let admission: 'go' | 'probe' | number;
      try {
        admission = await lane.gate.admit(ticket, signal);
      } catch {
        throw cancelledError(context);
      }
      if (typeof admission === 'number') throw rateLimitedError(context, undefined, admission, 'refused');
      try {
        await lane.limit.acquire(signal);
      } catch {
        if (admission === 'probe') lane.gate.release(ticket);
        throw cancelledError(context);
      }
      if (admission === 'probe') return admission;
      const until = lane.gate.closedUntil();
      if (until === undefined && !lane.gate.isHalfOpen()) return admission;
      lane.limit.release();
      if (until !== undefined) throw rateLimitedError(context, undefined, until, 'refused');
    }
  }

  /**
   * A 429 closes the gate for Retry-After (a short default when it is missing or unreadable).
   * The request that got it may retry once, after the wait, only when Retry-After is within the
   * cap: a longer wait fails at once rather than holding the user, and the gate stays closed.
   */
  #rateLimited(
    gate: RateLimitGate,
    error: ProviderError,
    context: ErrorContext,
    ticket: object,
    retries: { rateLimit: number },
  ): { error: ProviderError; retry: boolean } {
    const cap = this.#settings.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS;
    const stated = error.details.retryAfterSeconds;
    const waitSeconds = stated ?? Math.min(DEFAULT_RETRY_AFTER_SECONDS, cap);
    const retry = retries.rateLimit++ < RATE_LIMIT_RETRIES && waitSeconds <= cap;
    const until = gate.close(waitSeconds * 1000, retry ? ticket : undefined);
    return { error: rateLimitedError(context, stated, until, 'answered'), retry };
  }

  async #sleep(ms: number, context: ErrorContext, signal: AbortSignal | undefined): Promise<void> {
    try {
      await sleep(ms, undefined, { signal });
    } catch {
      throw cancelledError(context);
    }
  }

  /**
   * Timeouts are not retried: a server that hangs would otherwise hold the user for three times the
   * timeout. Cancellation, auth, 404, other 4xx, redirects and bad bodies are not retried either:
   * the same request would get the same answer.
   */
  #transientDelayMs(error: ProviderError, retries: { transient: number }): number | undefined {
    if (error.kind !== 'server' && error.kind !== 'network') return undefined;
    if (retries.transient >= TRANSIENT_RETRIES) return undefined;
    const ceiling = (this.#settings.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS) * 2 ** retries.transient++;
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }

  async #attempt(
    jsonRequest: JsonRequest & { method: string; body?: unknown },
    context: ErrorContext,
    attempt: number,
    gate: RateLimitGate,
    admission: 'go' | 'probe',
    releaseSlot: () => void,
  ): Promise<Attempt> {
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.#settings.timeoutMs);
    const signal = jsonRequest.signal ? AbortSignal.any([jsonRequest.signal, timeout]) : timeout;
    let status: number | undefined;
    let outcome: Attempt;
    try {
      const { request } = await loadUndici();
      const dispatcher = await this.#dispatcherFor(jsonRequest.url, context);
      // The awaits above may have let a 429 in: the last look at the gate is just before sending.
      const until = gate.closedUntil();
      if (admission === 'go' && until !== undefined) throw rateLimitedError(context, undefined, until, 'refused');
      const withBody = jsonRequest.body !== undefined;
      const response = await request(jsonRequest.url, {
        method: jsonRequest.method,
        headers: {
          accept: 'application/json',
          ...(withBody ? { 'content-type': 'application/json' } : {}),
          ...jsonRequest.headers,
        },
        ...(withBody ? { body: JSON.stringify(jsonRequest.body) } : {}),
        signal,
        dispatcher,
      });
      status = response.statusCode;
      const bytes = await readBody(response, jsonRequest.maxBodyBytes ?? MAX_BODY_BYTES);
      if (status >= 200 && status < 300) {
        // Nothing is on the wire for this request any more: the slot may serve the next one while
        // this body is parsed. A 2xx is never retried, so the slot is not needed again.
        releaseSlot();
        if (jsonRequest.onBodyRead) {
          jsonRequest.onBodyRead();
          // Two turns of the event loop: undici writes a request on a kept-alive socket from an
          // immediate of its own (its idle-socket check), queued when the callback's request is
          // dispatched, behind our first turn; parsing waits for the second.
          await nextTurn();
          await nextTurn();
        }
      }
      // Decoded only now, off the path from the answer to the next request, like the parsing.
      // TextDecoder, as undici's body.text() used: replaces bad sequences and drops a BOM.
      const body = new TextDecoder().decode(bytes);
      outcome = interpret(context, jsonRequest.url, status, response.headers, body);
    } catch (error) {
      outcome = this.#failure(error, context, jsonRequest.signal, timeout);
      outcome.status = status;
    }
    this.#log(jsonRequest, context, { status, started, attempt, outcome });
    return outcome;
  }

  #failure(
    error: unknown,
    context: ErrorContext,
    callerSignal: AbortSignal | undefined,
    timeout: AbortSignal,
  ): Extract<Attempt, { ok: false }> {
    // Ours, thrown before anything was sent (closed client, invalid proxy URL): asking again cannot help.
    if (error instanceof ProviderError) return { ok: false, error, final: true };
    if (callerSignal?.aborted) return { ok: false, error: cancelledError(context) };
    if (timeout.aborted || isUndiciTimeout(error)) return { ok: false, error: timeoutError(context, this.#settings.timeoutMs) };
    if (error instanceof TooLargeBody) return { ok: false, error: answerTooLargeError(context, error.limit, error.status) };
    if (error instanceof CutOffBody) return { ok: false, error: badResponseError(context, 'a body that was cut off', error.status) };
    const message = errorMessage(error);
    // A proxy asking for credentials (407, in either of undici's spellings) will ask again.
    if (/\b407\b/.test(message) && /proxy/i.test(message)) {
      return { ok: false, error: networkError(context, 'the proxy asks for credentials (407)'), final: true };
    }
    // undici refuses a request it cannot put on the wire, e.g. a header value with a line break.
    if (errorCode(error) === 'UND_ERR_INVALID_ARG') return { ok: false, error: unsendableError(context, message), final: true };
    return { ok: false, error: networkError(context, describeNetworkError(error)) };
  }

  #log(
    jsonRequest: JsonRequest & { method: string },
    context: ErrorContext,
    result: { status: number | undefined; started: number; attempt: number; outcome: Attempt },
  ): void {
    const { log } = this.#settings;
    if (!log) return;
    const error = result.outcome.ok ? undefined : result.outcome.error;
    log({
      provider: jsonRequest.provider,
      method: jsonRequest.method,
      path: redact(jsonRequest.url.pathname + jsonRequest.url.search, context.secret),
      status: result.status,
      ms: Math.round(performance.now() - result.started),
      attempt: result.attempt,
      error: error ? `${error.kind}: ${error.message}` : undefined,
    });
  }

  async #dispatcherFor(url: URL, context: ErrorContext): Promise<Dispatcher> {
    if (this.#closed) throw cancelledError(context);
    let dispatcher = this.#dispatchers.get(url.origin);
    if (!dispatcher) {
      const undici = await loadUndici();
      // close() may have run while undici loaded.
      if (this.#closed) throw cancelledError(context);
      dispatcher = this.#dispatchers.get(url.origin);
      if (dispatcher) return dispatcher;
      try {
        dispatcher = this.#createDispatcher(undici, url.origin);
      } catch {
        // undici's message would quote the proxy URL, which may carry a user name and password.
        throw networkError(context, 'the proxy URL is not valid');
      }
      this.#dispatchers.set(url.origin, dispatcher);
    }
    return dispatcher;
  }

  #createDispatcher(undici: Undici, origin: string): Dispatcher {
    const connections = this.#settings.connectionsPerOrigin ?? DEFAULT_CONNECTIONS_PER_ORIGIN;
    const { proxyUrl } = this.#settings;
    if (!proxyUrl) return new undici.Pool(origin, { connections });
    return proxyAgent(undici, { ...this.#settings, proxyUrl }, { connections });
  }
}

/** The connection's proxy, for its requests and for its downloads. */
export function proxyAgent(
  undici: Undici,
  proxy: { readonly proxyUrl: string; readonly proxyStrictSSL?: boolean; readonly noProxy?: string },
  options: { readonly connections?: number } = {},
): Dispatcher {
  const tls = proxy.proxyStrictSSL === false ? { rejectUnauthorized: false } : undefined;
  // Explicit values, also when empty: EnvHttpProxyAgent would otherwise fall back to
  // process.env, and the caller has already decided between VS Code's setting and the env.
  // proxyTunnel false forwards plain-HTTP requests as curl does (proxies such as Squid refuse
  // CONNECT to port 80 by default); https origins are still tunnelled with CONNECT.
  return new undici.EnvHttpProxyAgent({
    httpProxy: proxy.proxyUrl,
    httpsProxy: proxy.proxyUrl,
    noProxy: proxy.noProxy ?? '',
    proxyTunnel: false,
    ...options,
    requestTls: tls,
    proxyTls: tls,
  });
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

/** The body is larger than we read; it is abandoned (and its connection closed) unread. */
class TooLargeBody extends Error {
  constructor(
    readonly status: number,
    readonly limit: number,
  ) {
    super('body too large');
  }
}

/**
 * Reads at most `limit` bytes: a Content-Length above it is refused before reading, and bytes are
 * counted as they arrive because a server may lie about the length or send none.
 */
async function readBody(response: Dispatcher.ResponseData, limit: number): Promise<Buffer> {
  const { body, statusCode } = response;
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy();
    throw new TooLargeBody(statusCode, limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // 'data' events rather than an async iterator: cheaper per chunk, and pages are read in bulk.
  await new Promise<void>((resolve, reject) => {
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        body.destroy();
        reject(new TooLargeBody(statusCode, limit));
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    body.once('end', () => {
      ended = true;
      resolve();
    });
    body.once('error', (error) => reject(new CutOffBody(statusCode, error)));
    // An abort (timeout or caller) destroys the body without 'end' or, for some paths, 'error'.
    // 'close' also follows every 'end': no error is built then (a stack trace per page is not free).
    body.once('close', () => {
      if (!ended) reject(new CutOffBody(statusCode, new Error('closed before the end')));
    });
  });
  return Buffer.concat(chunks, size);
}

function interpret(
  context: ErrorContext,
  url: URL,
  status: number,
  headers: Dispatcher.ResponseData['headers'],
  body: string,
): Attempt {
  if (status >= 300 && status < 400) {
    return { ok: false, error: redirectError(context, status, redirectOrigin(url, headers['location'])), status };
  }
  if (status < 200 || status >= 300) {
    const error = statusError(context, status, body, parseRetryAfter(headers['retry-after']));
    // Any 4xx but 429 is the same answer next time (a 407 included, whatever kind it reads as).
    return { ok: false, error, status, final: status >= 400 && status < 500 && status !== 429 };
  }
  try {
    return { ok: true, value: JSON.parse(body), status };
  } catch {
    const problem = body.trim() === '' ? 'an empty body' : 'a body that is not valid JSON';
    return { ok: false, error: badResponseError(context, problem, status), status };
  }
}

/** Only the origin of a redirect target is shown: its path or query may carry anything. */
function redirectOrigin(url: URL, location: string | string[] | undefined): string | undefined {
  const value = Array.isArray(location) ? location[0] : location;
  if (!value) return undefined;
  try {
    const origin = new URL(value, url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
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

/** undici's own timeouts (headers, body), as opposed to our AbortSignal's. */
export function isUndiciTimeout(error: unknown): boolean {
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
  const message = errorMessage(error);
  if (/proxy/i.test(message)) return `proxy: ${message}`;
  return code ?? message;
}
