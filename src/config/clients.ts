import type * as vscode from 'vscode';
import type { ApiKeys } from '../keys/apiKeys';
import { createProviderClient } from '../providers';
import { HttpClient } from '../providers/http';
import type { ProviderClient, ProviderId, RequestLogEntry } from '../providers/types';
import type { Settings } from './settings';

/**
 * Builds provider clients from the current settings and keys, and rebuilds them when either changes.
 * One HttpClient (one keep-alive dispatcher per origin) serves both providers.
 */
export class ClientRegistry implements vscode.Disposable {
  private http: HttpClient;
  private readonly clients = new Map<ProviderId, ProviderClient>();

  constructor(
    private settings: Settings,
    private readonly keys: ApiKeys,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.http = this.createHttp();
  }

  client(provider: ProviderId): ProviderClient | undefined {
    const apiKey = this.keys.get(provider);
    if (!apiKey) return undefined;
    let client = this.clients.get(provider);
    if (!client) {
      client = createProviderClient(provider, { baseUrl: this.settings.baseUrls[provider], apiKey, http: this.http });
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
    const previous = this.http;
    this.http = this.createHttp();
    void previous.close();
  }

  dispose(): void {
    this.clients.clear();
    void this.http.close();
  }

  private createHttp(): HttpClient {
    return new HttpClient({ ...this.settings.http, log: (entry) => this.logRequest(entry) });
  }

  private logRequest(entry: RequestLogEntry): void {
    const outcome = entry.status !== undefined ? String(entry.status) : (entry.error ?? 'failed');
    const attempt = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    const line = `${entry.method} ${entry.path} → ${outcome} in ${Math.round(entry.ms)} ms${attempt}`;
    if (entry.status !== undefined && entry.status < 400) this.log.info(line);
    else this.log.warn(line);
  }
}
