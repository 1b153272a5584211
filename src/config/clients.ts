import type * as vscode from 'vscode';
import type { ApiKeys } from '../keys/apiKeys';
import { createProviderClient } from '../providers';
import { HttpClient } from '../providers/http';
import type { ProviderClient, ProviderId, RequestLogEntry } from '../providers/types';
import type { Settings } from './settings';

/**
 * Builds provider clients from the current settings and keys, and rebuilds them when either changes.
 * Each provider has its own HttpClient: its rate-limit gate and connection limit belong to that
 * connection, so a 429 from one never holds back another.
 */
export class ClientRegistry implements vscode.Disposable {
  private readonly https = new Map<ProviderId, HttpClient>();
  private readonly clients = new Map<ProviderId, ProviderClient>();

  constructor(
    private settings: Settings,
    private readonly keys: ApiKeys,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  client(provider: ProviderId): ProviderClient | undefined {
    const apiKey = this.keys.get(provider);
    if (!apiKey) return undefined;
    let client = this.clients.get(provider);
    if (!client) {
      client = createProviderClient(provider, { baseUrl: this.settings.baseUrls[provider], apiKey, http: this.http(provider) });
      this.clients.set(provider, client);
    }
    return client;
  }

  /** Call after a key changed: the next `client()` builds a fresh client with the new key. */
  forget(provider: ProviderId): void {
    this.clients.delete(provider);
  }

  reconfigure(settings: Settings): void {
    this.settings = settings;
    this.clients.clear();
    this.closeAll();
  }

  dispose(): void {
    this.clients.clear();
    this.closeAll();
  }

  private http(provider: ProviderId): HttpClient {
    let http = this.https.get(provider);
    if (!http) {
      http = new HttpClient({ ...this.settings.http, log: (entry) => this.logRequest(entry) });
      this.https.set(provider, http);
    }
    return http;
  }

  private closeAll(): void {
    const previous = [...this.https.values()];
    this.https.clear();
    for (const http of previous) void http.close();
  }

  private logRequest(entry: RequestLogEntry): void {
    const outcome = entry.status !== undefined ? String(entry.status) : (entry.error ?? 'failed');
    const attempt = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    const line = `${entry.method} ${entry.path} → ${outcome} in ${Math.round(entry.ms)} ms${attempt}`;
    if (entry.status !== undefined && entry.status < 400) this.log.info(line);
    else this.log.warn(line);
  }
}
