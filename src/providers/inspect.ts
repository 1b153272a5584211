// issue 9 §2–3: a session's live view, open pages, recordings and logs, for one connection. The
// provider definitions say which endpoints exist and how to read them (inspectSpec.ts); this module
// sends the GETs through the connection's HttpClient, bounds the logs and runs the downloads.
import type { ClientOptions } from './client';
import type { ProviderDefinition } from './definition';
import type { DownloadRequest, DownloadResult, DownloadSettings } from './download';
import type { GetJson, OpenPage, Recording } from './inspectSpec';
import { redact } from './redact';
import type { ProviderId } from './registry';
import { ProviderError, type ProviderEndpoints, type Session } from './types';
import { PROVIDERS } from './registry';
import { endpointUrl } from './url';

export type { OpenPage, Recording } from './inspectSpec';
export type { DownloadResult } from './download';

/**
 * A live, debugger or WebSocket URL: its token grants control of the browser, so it is held like a
 * key. Printing it by accident (a template string, a log line, JSON.stringify) shows a placeholder;
 * only `reveal()` hands out the URL, for the one place that opens it.
 */
export class SecretUrl {
  readonly #url: string;
  constructor(url: string) {
    this.#url = url;
  }
  reveal(): string {
    return this.#url;
  }
  toString(): string {
    return '[live URL hidden]';
  }
  toJSON(): string {
    return this.toString();
  }
}

export interface LogBounds {
  /** Default 5,000 lines. */
  readonly maxLines?: number;
  /** Of the document's text, default 1 MiB. */
  readonly maxBytes?: number;
  /** Requests at most, default 20. */
  readonly maxPages?: number;
}

export interface SessionLogs {
  readonly lines: readonly string[];
  /** The provider had more than the bounds let through. */
  readonly truncated: boolean;
}

export interface DownloadOptions {
  readonly signal?: AbortSignal;
  /** Default 2 GiB. */
  readonly maxBytes?: number;
  readonly onProgress?: (received: number, total: number | undefined) => void;
}

export interface SessionInspector {
  readonly endpoints: ProviderEndpoints;
  /** Undefined when the provider gives no live URL for this session (now). */
  liveView(sessionId: string, signal?: AbortSignal): Promise<SecretUrl | undefined>;
  pages(sessionId: string, signal?: AbortSignal): Promise<readonly OpenPage[]>;
  recordings(sessionId: string, signal?: AbortSignal): Promise<readonly Recording[]>;
  /** Asks for a fresh link, then streams it to `destination` (see download.ts for the guarantees). */
  downloadRecording(sessionId: string, recording: Recording, destination: string, options?: DownloadOptions): Promise<DownloadResult>;
  logs(sessionId: string, bounds?: LogBounds, signal?: AbortSignal): Promise<SessionLogs>;
}

export const DEFAULT_LOG_BOUNDS = { maxLines: 5000, maxBytes: 1024 * 1024, maxPages: 20 } as const;
/** A recording larger than this is refused: far above a session's video, far below a full disk. */
export const DEFAULT_MAX_RECORDING_BYTES = 2 * 1024 * 1024 * 1024;
/** One log entry longer than this is cut: a CDP message can carry a whole page. */
const MAX_LINE_CHARS = 2000;

const NO_ENDPOINTS: ProviderEndpoints = { getOne: false, liveView: false, pages: false, recording: false, logs: false, stop: false };

export interface InspectorOptions extends ClientOptions {
  /** Timeout and proxy of the connection, for the download's own dispatcher. */
  readonly download: DownloadSettings;
  /**
   * download.ts's downloadToFile, passed in by the caller: the stream and file modules it needs
   * then load with the commands that download (the extension's first-use half), not at activation.
   */
  readonly downloadToFile: (request: DownloadRequest) => Promise<DownloadResult>;
}

export function createInspector(definition: ProviderDefinition<ProviderId>, options: InspectorOptions): SessionInspector {
  const spec = definition.inspect ?? {};
  const provider = definition.id;

  const getter = (signal: AbortSignal | undefined): GetJson => (path, params) => {
    const url = endpointUrl(provider, options.baseUrl, path);
    if (params) url.search = params.toString();
    return options.http.getJson({ provider, url, headers: definition.authHeaders(options.apiKey), signal, secret: options.apiKey });
  };

  const unsupported = (what: string): ProviderError =>
    new ProviderError('config', `${definition.label} has no ${what} endpoint.`, { provider, endpoint: what });

  return {
    endpoints: definition.capabilities.endpoints ?? NO_ENDPOINTS,

    async liveView(sessionId, signal) {
      if (!spec.liveView) throw unsupported('live view');
      const url = await spec.liveView(getter(signal), sessionId);
      return url === undefined ? undefined : new SecretUrl(url);
    },

    async pages(sessionId, signal) {
      if (!spec.pages) throw unsupported('pages');
      return spec.pages(getter(signal), sessionId);
    },

    async recordings(sessionId, signal) {
      if (!spec.recordings) throw unsupported('recordings');
      return spec.recordings.list(getter(signal), sessionId);
    },

    async downloadRecording(sessionId, recording, destination, downloadOptions = {}) {
      if (!spec.recordings) throw unsupported('recordings');
      const source = await spec.recordings.source(getter(downloadOptions.signal), sessionId, recording);
      if (source === undefined) {
        throw new ProviderError('notFound', `${definition.label} no longer offers the recording “${recording.label}” for download.`, {
          provider,
          endpoint: 'recording',
        });
      }
      const apiUrl = endpointUrl(provider, options.baseUrl, '');
      // A relative source is under the API; an absolute one gets the key only on the API's own origin.
      const url = /^[a-z][a-z0-9+.-]*:/i.test(source) ? new URL(source) : endpointUrl(provider, options.baseUrl, source);
      return options.downloadToFile({
        provider,
        url,
        authHeaders: definition.authHeaders(options.apiKey),
        authOrigin: apiUrl.origin,
        secret: options.apiKey,
        destination,
        maxBytes: downloadOptions.maxBytes ?? DEFAULT_MAX_RECORDING_BYTES,
        signal: downloadOptions.signal,
        onProgress: downloadOptions.onProgress,
        settings: options.download,
      });
    },

    async logs(sessionId, bounds = {}, signal) {
      const logs = spec.logs;
      if (!logs) throw unsupported('logs');
      const maxLines = bounds.maxLines ?? DEFAULT_LOG_BOUNDS.maxLines;
      const maxBytes = bounds.maxBytes ?? DEFAULT_LOG_BOUNDS.maxBytes;
      const maxPages = bounds.maxPages ?? DEFAULT_LOG_BOUNDS.maxPages;
      const lines: string[] = [];
      let bytes = 0;
      const get = getter(signal);
      for (let pageIndex = 0; ; pageIndex++) {
        if (pageIndex >= maxPages) return { lines, truncated: true };
        const page = await logs(get, sessionId, pageIndex);
        for (const raw of page.lines) {
          // A server may echo the key in what it logged; the document is shown to people.
          const line = cutLine(redact(raw, options.apiKey));
          const size = Buffer.byteLength(line, 'utf8') + 1;
          if (lines.length >= maxLines || bytes + size > maxBytes) return { lines, truncated: true };
          lines.push(line);
          bytes += size;
        }
        if (!page.hasMore) return { lines, truncated: false };
      }
    },
  };
}

function cutLine(line: string): string {
  const flat = line.replace(/[\r\n]+/g, ' ');
  const chars = [...flat];
  return chars.length <= MAX_LINE_CHARS ? flat : `${chars.slice(0, MAX_LINE_CHARS).join('')}…`;
}

export type InspectAction = 'liveView' | 'pages' | 'recording' | 'logs';

/**
 * Which inspector actions a session offers, from its provider's declared endpoints and the
 * session's state, never from a provider id. Live view and pages need a running session;
 * recordings exist once it has ended (Anchor: "The session must no longer be active"; Browserbase
 * and Hyperbrowser likewise) and not where the record says recording was off; logs any time.
 * Tree menus, palette and details panel all ask this one function.
 */
export function inspectActions(session: Session): Set<InspectAction> {
  const endpoints = PROVIDERS.find((definition) => definition.id === session.provider)?.capabilities.endpoints;
  const running = session.statusKind === 'running';
  const actions = new Set<InspectAction>();
  if (!endpoints) return actions;
  if (endpoints.liveView && running && session.liveViewAvailable !== false) actions.add('liveView');
  if (endpoints.pages && running) actions.add('pages');
  if (endpoints.recording && !running && session.recordingAvailable !== false) actions.add('recording');
  if (endpoints.logs) actions.add('logs');
  return actions;
}
