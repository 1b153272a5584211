// The node:http server behind startContractServer: routing, faults, the request log and the
// datasets (one per provider and account). Provider specifics live in ./providers.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControl } from './control';
import { DEFAULT_COUNTS, DEFAULT_KEYS } from './defaults';
import { answerProvider, providerError, routeForPath, type ProviderRequest } from './endpoint';
import { FaultTable, type Fault } from './faults';
import { errorAnswer, readJsonBody, sendAnswer, sendText, sendTruncated, serialiseAnswer, type Answer } from './http';
import { PROVIDER_IDS, type ProviderId } from './ids';
import type { ContractServer, ContractServerOptions, RecordedRequest } from './index';
import type { AnyDefinition, ListSettings } from './providers/definition';
import { PROVIDERS } from './providers/registry';
import type { AnchorHiddenAttributes, RecordOf, SessionInputOf } from './records';
import { Dataset, type AccountData } from './store';
import { SyntheticBrightData } from './synthetic-brightdata';
import { FileHost } from './fileHost';

/** What a proxy in maintenance might send with a 200: HTML where JSON was promised. */
const NOT_JSON = '<!DOCTYPE html><html><head><title>Maintenance</title></head><body>Back soon.</body></html>';

interface Accounts {
  readonly defaults: ReadonlyMap<ProviderId, Dataset | SyntheticBrightData>;
  /** By `${provider} ${key}`. */
  readonly byKey: ReadonlyMap<string, Dataset>;
  readonly keys: Readonly<Record<ProviderId, string>>;
  readonly demo: boolean;
}

export class ContractHttpServer implements ContractServer {
  readonly requests: RecordedRequest[] = [];
  private readonly handling = new Set<Promise<void>>();
  private readonly faults = new FaultTable();
  private readonly timers = new Set<NodeJS.Timeout>();
  private baseUrl = '';

  private constructor(
    private readonly http: Server,
    private readonly accounts: Accounts,
    private readonly settings: ListSettings,
    private readonly latencyMs: number,
    /** issue 9: the other origin behind recording links. */
    readonly fileHost: FileHost,
  ) {}

  static async start(options: ContractServerOptions): Promise<ContractHttpServer> {
    const seed = options.seed ?? 1;
    const now = options.now ?? Date.now();
    const counts = { ...DEFAULT_COUNTS, ...options.counts };
    const keys = { ...DEFAULT_KEYS, ...options.keys };
    const synthetic = options.syntheticBrightData;
    const defaults = new Map<ProviderId, Dataset | SyntheticBrightData>(
      PROVIDER_IDS.map((id) => [
        id,
        id === 'brightData' && synthetic !== undefined
          ? new SyntheticBrightData({ count: synthetic, seed, now, spanDays: options.syntheticSpanDays })
          : new Dataset(PROVIDERS[id], { count: counts[id], seed, now, withHostile: true }),
      ]),
    );
    const byKey = new Map<string, Dataset>();
    (options.accounts ?? []).forEach((account, position) => {
      if (account.key === '' || account.key === keys[account.provider] || byKey.has(accountKey(account.provider, account.key))) {
        throw new Error(`Account key for ${account.provider} must be non-empty and unique`);
      }
      const dataset = new Dataset(PROVIDERS[account.provider], {
        count: account.count ?? counts[account.provider],
        seed: account.seed ?? seed + 1 + position,
        now,
        withHostile: false,
      });
      byKey.set(accountKey(account.provider, account.key), dataset);
    });
    const settings: ListSettings =
      options.hyperbrowserPageSizeField === undefined ? {} : { hyperbrowserPageSizeField: options.hyperbrowserPageSizeField };
    const http = createServer();
    const fileHost = await FileHost.start();
    const server = new ContractHttpServer(http, { defaults, byKey, keys, demo: options.demo ?? false }, settings, options.latencyMs ?? 0, fileHost);
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
    return this.urlFor('brightData');
  }

  get anchorUrl(): string {
    return this.urlFor('anchor');
  }

  urlFor(provider: ProviderId): string {
    return this.baseUrl + PROVIDERS[provider].prefix;
  }

  setFault(provider: ProviderId, fault: Fault | undefined): void {
    this.faults.set(provider, fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  addSession<P extends ProviderId>(provider: P, record?: SessionInputOf[P], account?: string): string {
    return this.stored(provider, account).add(record);
  }

  sessions<P extends ProviderId>(provider: P, account?: string): readonly RecordOf[P][] {
    return this.dataset(provider, account).records() as RecordOf[P][];
  }

  anchorHidden(account?: string): ReadonlyMap<string, AnchorHiddenAttributes> {
    const entries = this.stored('anchor', account).entries;
    return new Map(entries.map((entry) => [(entry.record as RecordOf['anchor']).id, { ...(entry.hidden as AnchorHiddenAttributes) }]));
  }

  /** A dataset held in memory (sessions can be added); a synthetic account computes its sessions and takes none. */
  private stored(provider: ProviderId, account: string | undefined): Dataset {
    const dataset = this.dataset(provider, account);
    if (!(dataset instanceof Dataset)) throw new Error(`The synthetic ${provider} account is read-only`);
    return dataset;
  }

  /** The default dataset, or the account's; throws for a key that names no account. */
  private dataset(provider: ProviderId, account: string | undefined): Dataset | SyntheticBrightData {
    const dataset = account === undefined ? this.accounts.defaults.get(provider) : this.accounts.byKey.get(accountKey(provider, account));
    if (dataset === undefined) throw new Error(`No ${provider} account with that key`);
    return dataset;
  }

  /** The dataset an API key opens: an account's, else the default one for the right key (any key in demo mode). */
  private datasetForKey = (provider: ProviderId, key: string): AccountData | undefined => {
    const account = this.accounts.byKey.get(accountKey(provider, key));
    if (account !== undefined) return account;
    return this.accounts.demo || key === this.accounts.keys[provider] ? this.accounts.defaults.get(provider) : undefined;
  };

  async settled(): Promise<void> {
    while (this.handling.size > 0) await Promise.allSettled([...this.handling]);
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
    await Promise.all([closed, this.fileHost.close()]);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://contract.invalid');
    const request = routeForPath(url.pathname, req.method);
    const done = url.pathname.startsWith(CONTROL_PREFIX)
      ? handleControl(this, req, res, url)
      : request
        ? this.track(this.handleProvider(request, req, res, url))
        : Promise.resolve(sendAnswer(res, errorAnswer(404, `No route ${url.pathname}`)));
    done.catch((error: unknown) => {
      if (!res.headersSent) sendAnswer(res, errorAnswer(500, `Contract server bug: ${String(error)}`));
      else res.destroy();
    });
  }

  private track(handling: Promise<void>): Promise<void> {
    const settled = handling.finally(() => this.handling.delete(settled));
    this.handling.add(settled);
    return settled;
  }

  private async handleProvider(request: ProviderRequest, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { provider } = request;
    this.requests.push({
      provider,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: new URLSearchParams(url.search),
      headers: { ...req.headers },
      at: Date.now(),
    });
    const arrived = performance.now();
    const fault = this.faults.take(provider);
    // Issue 9: a stop endpoint may carry a JSON body (Browserbase's status REQUEST_RELEASE).
    let requestBody: unknown;
    if (request.route.kind === 'stop') {
      try {
        requestBody = await readJsonBody(req);
      } catch (error) {
        await this.delay(this.latencyMs);
        if (!req.socket.destroyed) sendAnswer(res, providerError(PROVIDERS[provider], 400, `Request body is not valid JSON: ${String(error)}`));
        return;
      }
    }
    const answer = () =>
      answerProvider(request, req.method ?? 'GET', req.headers, url.searchParams, this.datasetForKey, this.settings, requestBody, (name, bytes) =>
        this.fileHost.link(name, bytes),
      );
    // A read is answered as it stands on arrival and sent when the latency has passed: the latency
    // is the time to the answer, and the server's own work (filtering, sorting, serialising) happens
    // inside it, as a real API's does, instead of queueing after it behind the other requests in
    // flight on this one thread. The work waits one turn, so that every request of a burst that
    // reached the socket together has its arrival taken before any answer is built: otherwise the
    // last one's latency would start only after the others' building. A stop changes the record,
    // so it still waits first.
    let early: ReturnType<typeof serialiseAnswer> | undefined;
    if (fault === undefined && request.route.kind !== 'stop') {
      await nextTurn();
      early = serialiseAnswer(answer());
    }
    await this.delay(this.latencyMs + (fault?.latencyMs ?? 0) - (performance.now() - arrived));
    // The client may have given up while we waited.
    if (req.socket.destroyed) return;
    if (fault?.reset) req.socket.resetAndDestroy();
    else if (fault?.hang) return;
    else if (fault?.status !== undefined) sendAnswer(res, faultAnswer(PROVIDERS[provider], fault.status, fault.retryAfterSeconds));
    else if (fault?.malformedJson) sendText(res, 200, NOT_JSON);
    else if (fault?.truncated) sendTruncated(res, answer());
    else if (fault?.wrongShape) sendAnswer(res, { status: 200, body: { items: [] } });
    else sendAnswer(res, early ?? answer());
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

/** The fault's status in the provider's own error form. */
function faultAnswer(definition: AnyDefinition, status: number, retryAfterSeconds: number | undefined): Answer {
  const headers = status === 429 && retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : undefined;
  return providerError(definition, status, FAULT_MESSAGES[status] ?? 'Error', headers);
}

function accountKey(provider: ProviderId, key: string): string {
  return `${provider} ${key}`;
}
