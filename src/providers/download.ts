// issue 9 §3: a recording streamed to disk. Never held whole in memory; a size cap counted as bytes
// arrive; progress and cancel; written to a temporary file beside the target and renamed only when
// complete, so a failure or a cancel leaves nothing under the chosen name. Redirects are followed
// here (and only here), to http(s) only, and the API key never goes to an origin other than the
// API's: once a redirect leaves that origin, no later hop carries it. undici loads on first use.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import {
  answerTooLargeError,
  badResponseError,
  cancelledError,
  errorCode,
  errorMessage,
  networkError,
  statusError,
  timeoutError,
  type ErrorContext,
} from './errors';
import { isUndiciTimeout, loadUndici, proxyAgent, type Undici } from './http';
import { redact } from './redact';
import type { ProviderId } from './registry';
import { PROVIDER_LABELS, ProviderError, type RequestLogEntry } from './types';

export interface DownloadSettings {
  /** Longest wait for the answer's headers, and between two chunks of the body. */
  readonly timeoutMs: number;
  readonly proxyUrl?: string;
  readonly proxyStrictSSL?: boolean;
  readonly noProxy?: string;
  /** The output channel's request log: one entry per hop, a signed link named by its origin only. */
  readonly log?: (entry: RequestLogEntry) => void;
}

export interface DownloadRequest {
  readonly provider: ProviderId;
  readonly url: URL;
  /** Sent only while the request is on `authOrigin` and no redirect has left it. */
  readonly authHeaders: Readonly<Record<string, string>>;
  /** The API's origin. */
  readonly authOrigin: string;
  /** The API key, redacted from anything shown. */
  readonly secret: string;
  /** The file to create (or replace) once every byte has arrived. */
  readonly destination: string;
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (received: number, total: number | undefined) => void;
  readonly settings: DownloadSettings;
  /** Default 5. */
  readonly maxRedirects?: number;
}

export interface DownloadResult {
  readonly path: string;
  readonly bytes: number;
}

const DEFAULT_MAX_REDIRECTS = 5;
/** Of an error answer's body, for its message. */
const ERROR_BODY_BYTES = 4096;

class TooLarge extends Error {}
class CutOff extends Error {}

export async function downloadToFile(request: DownloadRequest): Promise<DownloadResult> {
  const label = PROVIDER_LABELS[request.provider];
  const context = (url: URL): ErrorContext => ({
    provider: request.provider,
    // A signed link's path and query are its credential: only its origin is ever named.
    endpoint: url.origin === request.authOrigin ? `GET ${url.pathname}` : `GET ${url.origin} (recording link)`,
    origin: url.origin,
    secret: request.secret,
  });
  const part = path.join(path.dirname(request.destination), `.${path.basename(request.destination)}.${randomUUID().slice(0, 8)}.part`);
  const undici = await loadUndici();
  const dispatcher = createDispatcher(undici, request.settings);
  let url = request.url;
  let keyMayGo = url.origin === request.authOrigin;
  try {
    for (let hop = 0; ; hop++) {
      if (request.signal?.aborted) throw cancelledError(context(url));
      const started = performance.now();
      const logHop = (status: number | undefined, error?: string): void =>
        request.settings.log?.({
          provider: request.provider,
          method: 'GET',
          path: url.origin === request.authOrigin ? redact(url.pathname, request.secret) : `(recording link on ${url.origin})`,
          status,
          ms: Math.round(performance.now() - started),
          attempt: 1,
          error,
        });
      let response: Dispatcher.ResponseData;
      try {
        response = await undici.request(url, {
          method: 'GET',
          headers: { accept: '*/*', ...(keyMayGo && url.origin === request.authOrigin ? request.authHeaders : {}) },
          signal: request.signal,
          dispatcher,
          headersTimeout: request.settings.timeoutMs,
          bodyTimeout: request.settings.timeoutMs,
        });
      } catch (error) {
        const problem = failure(error, context(url), request);
        logHop(undefined, `${problem.kind}: ${problem.message}`);
        throw problem;
      }
      const { statusCode: status, headers, body } = response;
      logHop(status);
      if (status >= 300 && status < 400) {
        discard(body);
        if (hop >= (request.maxRedirects ?? DEFAULT_MAX_REDIRECTS)) throw badResponseError(context(url), 'too many redirects', status);
        const next = redirectTarget(url, headers['location']);
        if (!next) throw badResponseError(context(url), 'a redirect that is not to an http(s) address; it was not followed', status);
        if (next.origin !== url.origin) keyMayGo = false;
        url = next;
        continue;
      }
      if (status < 200 || status >= 300) throw await statusFailure(response, context(url), url.origin === request.authOrigin, label);
      const declared = Number(headers['content-length']);
      const total = headers['content-length'] !== undefined && Number.isFinite(declared) ? declared : undefined;
      if (total !== undefined && total > request.maxBytes) {
        discard(body);
        throw answerTooLargeError(context(url), request.maxBytes, status);
      }
      let received = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          if (received > request.maxBytes) {
            callback(new TooLarge());
            return;
          }
          request.onProgress?.(received, total);
          callback(null, chunk);
        },
      });
      try {
        await pipeline(body, counter, createWriteStream(part, { flags: 'wx' }), { signal: request.signal });
        if (total !== undefined && received !== total) throw new CutOff();
      } catch (error) {
        if (error instanceof TooLarge) throw answerTooLargeError(context(url), request.maxBytes, status);
        if (error instanceof CutOff) throw badResponseError(context(url), 'a file that was cut off', status);
        throw failure(error, context(url), request);
      }
      await rename(part, request.destination);
      return { path: request.destination, bytes: received };
    }
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  } finally {
    void dispatcher.destroy().catch(() => undefined);
  }
}

/**
 * Drops an answer's body unread. undici's body reports an early destroy as an 'error' event, which
 * nobody else listens for here.
 */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** The next hop, only to http(s); plain http only to this machine (the README's rule for origins). */
function redirectTarget(from: URL, location: string | string[] | undefined): URL | undefined {
  const value = Array.isArray(location) ? location[0] : location;
  if (!value) return undefined;
  let next: URL;
  try {
    next = new URL(value, from);
  } catch {
    return undefined;
  }
  if (next.protocol === 'https:') return next;
  if (next.protocol === 'http:' && isLoopback(next.hostname)) return next;
  return undefined;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

async function statusFailure(
  response: Dispatcher.ResponseData,
  context: ErrorContext,
  onApi: boolean,
  label: string,
): Promise<ProviderError> {
  const text = await smallText(response.body);
  if (onApi) return statusError(context, response.statusCode, text, undefined);
  // Not the provider's API: "refused the API key" would mislead (no key was sent there).
  const hint = response.statusCode === 403 || response.statusCode === 410 ? ' The link may have expired: try again.' : '';
  return new ProviderError(
    response.statusCode === 404 ? 'notFound' : 'badRequest',
    `${label}: the recording host ${context.origin} answered ${response.statusCode}.${hint}`,
    { provider: context.provider, endpoint: context.endpoint, status: response.statusCode },
  );
}

async function smallText(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      chunks.push(buffer);
      size += buffer.length;
      if (size >= ERROR_BODY_BYTES) break;
    }
  } catch {
    // The status is the message; a body that breaks off adds nothing.
  }
  discard(body);
  return Buffer.concat(chunks).subarray(0, ERROR_BODY_BYTES).toString('utf8');
}

function failure(error: unknown, context: ErrorContext, request: DownloadRequest): ProviderError {
  if (error instanceof ProviderError) return error;
  if (request.signal?.aborted) return cancelledError(context);
  if (isUndiciTimeout(error)) return timeoutError(context, request.settings.timeoutMs);
  const reason = errorCode(error) ?? errorMessage(error);
  return networkError(context, redact(reason, request.secret));
}

function createDispatcher(undici: Undici, settings: DownloadSettings): Dispatcher {
  if (!settings.proxyUrl) return new undici.Agent({ connections: 1 });
  return proxyAgent(undici, { ...settings, proxyUrl: settings.proxyUrl });
}
