// The node:http server behind startContractServer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderId } from '../../src/providers/types';
import { CONTROL_PREFIX, handleControl } from './control';
import { FaultTable, type Fault } from './faults';
import { errorAnswer, sendAnswer, sendText, sendTruncated, type Answer } from './http';
import { DEFAULT_COUNTS, DEFAULT_KEYS } from './defaults';
import type { ContractServer, ContractServerOptions, RecordedRequest } from './index';
import { answerProvider, providerForPath, type AuthSettings } from './providers';
import type { AnchorHiddenAttributes, AnchorRecord, BrightDataRecord } from './records';
import { SessionStore, type AnchorSessionInput } from './store';

/** What a proxy in maintenance might send with a 200: HTML where JSON was promised. */
const NOT_JSON = '<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon.</body></html>';

export class ContractHttpServer implements ContractServer {
  readonly requests: RecordedRequest[] = [];
  private readonly faults = new FaultTable();
  private readonly timers = new Set<NodeJS.Timeout>();
  private baseUrl = '';

  private constructor(
    private readonly http: Server,
    private readonly store: SessionStore,
    private readonly auth: AuthSettings,
    private readonly latencyMs: number,
  ) {}

  static async start(options: ContractServerOptions): Promise<ContractHttpServer> {
    const store = new SessionStore(
      { ...DEFAULT_COUNTS, ...options.counts },
      options.seed ?? 1,
      options.now ?? Date.now(),
    );
    const auth = { keys: { ...DEFAULT_KEYS, ...options.keys }, demo: options.demo ?? false };
    const http = createServer();
    const server = new ContractHttpServer(http, store, auth, options.latencyMs ?? 0);
    http.on('request', (req, res) => server.handle(req, res));
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
    const { port } = http.address() as AddressInfo;
    server.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return server;
  }

  get url(): string {
    return this.baseUrl;
  }

  get brightDataUrl(): string {
    return this.baseUrl;
  }

  get anchorUrl(): string {
    return this.baseUrl;
  }

  setFault(provider: ProviderId, fault: Fault | undefined): void {
    this.faults.set(provider, fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  addSession(provider: ProviderId, record?: Partial<BrightDataRecord> | AnchorSessionInput): string {
    return provider === 'brightData'
      ? this.store.addBrightData(record as Partial<BrightDataRecord> | undefined)
      : this.store.addAnchor(record as AnchorSessionInput | undefined);
  }

  sessions(provider: 'brightData'): readonly BrightDataRecord[];
  sessions(provider: 'anchor'): readonly AnchorRecord[];
  sessions(provider: ProviderId): readonly (BrightDataRecord | AnchorRecord)[];
  sessions(provider: ProviderId): readonly (BrightDataRecord | AnchorRecord)[] {
    return this.store.records(provider);
  }

  anchorHidden(): ReadonlyMap<string, AnchorHiddenAttributes> {
    return this.store.anchorHidden();
  }

  resetRequests(): void {
    // In place, so a reference a test holds sees the reset too.
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://contract.invalid');
    const provider = providerForPath(url.pathname);
    const done = url.pathname.startsWith(CONTROL_PREFIX)
      ? handleControl(this, req, res, url)
      : provider
        ? this.handleProvider(provider, req, res, url)
        : Promise.resolve(sendAnswer(res, errorAnswer(404, `No route ${url.pathname}`)));
    done.catch((error: unknown) => {
      if (!res.headersSent) sendAnswer(res, errorAnswer(500, `Contract server bug: ${String(error)}`));
      else res.destroy();
    });
  }

  private async handleProvider(provider: ProviderId, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    this.requests.push({
      provider,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: new URLSearchParams(url.search),
      headers: { ...req.headers },
      at: Date.now(),
    });
    const fault = this.faults.take(provider);
    await this.delay(this.latencyMs + (fault?.latencyMs ?? 0));
    // The client may have given up while we waited.
    if (req.socket.destroyed) return;
    const answer = () => answerProvider(provider, req.method ?? 'GET', req.headers, url.searchParams, this.store, this.auth);
    if (fault?.reset) req.socket.resetAndDestroy();
    else if (fault?.hang) return;
    else if (fault?.status !== undefined) sendAnswer(res, faultAnswer(fault.status, fault.retryAfterSeconds));
    else if (fault?.malformedJson) sendText(res, 200, NOT_JSON);
    else if (fault?.truncated) sendTruncated(res, answer());
    else if (fault?.wrongShape) sendAnswer(res, { status: 200, body: { items: [] } });
    else sendAnswer(res, answer());
  }

  private delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

const FAULT_MESSAGES: Record<number, string> = {
  401: 'Invalid API key',
  403: 'Forbidden',
  404: 'Not found',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

function faultAnswer(status: number, retryAfterSeconds: number | undefined): Answer {
  const headers = status === 429 && retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : undefined;
  return errorAnswer(status, FAULT_MESSAGES[status] ?? 'Error', headers);
}
