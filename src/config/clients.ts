import type * as vscode from 'vscode';
import type { ApiKeys } from '../keys/apiKeys';
import { createInspector, createProviderClient, DEFINITIONS, type InspectorOptions, type SessionInspector } from '../providers';
import { HttpClient } from '../providers/http';
import type { ProviderClient, RequestLogEntry } from '../providers/types';
import { baseUrlOf, type Connection, type ConnectionId } from '../connections/connections';
import type { Settings } from './settings';

/**
 * Builds a client per connection from the current settings, connections and keys, and rebuilds them
 * when any changes. Each connection has its own HttpClient: its rate-limit gate and concurrency limit
 * belong to that account, so a 429 from one never holds back another (even of the same provider).
 */
export class ClientRegistry implements vscode.Disposable {
  private readonly https = new Map<ConnectionId, HttpClient>();
  private readonly clients = new Map<ConnectionId, ProviderClient>();

  constructor(
    private settings: Settings,
    private readonly keys: ApiKeys,
    private readonly log: vscode.LogOutputChannel,
    private readonly connections: (id: ConnectionId) => Connection | undefined,
  ) {}

  client(id: ConnectionId): ProviderClient | undefined {
    const connection = this.connections(id);
    const apiKey = this.keys.get(id);
    if (!connection || !apiKey) return undefined;
    let client = this.clients.get(id);
    if (!client) {
      const baseUrl = baseUrlOf(connection, this.settings.baseUrls);
      client = createProviderClient(connection.provider, { baseUrl, apiKey, http: this.http(id) });
      this.clients.set(id, client);
    }
    return client;
  }

  /**
   * issue 9: live view, pages, recordings and logs of the connection's sessions, through the same
   * HttpClient (gate, limit) as its listing; undefined while it has no key. Built on each call: it
   * holds nothing but the current key and settings.
   */
  inspector(id: ConnectionId, downloadToFile: InspectorOptions['downloadToFile']): SessionInspector | undefined {
    const connection = this.connections(id);
    const apiKey = this.keys.get(id);
    if (!connection || !apiKey) return undefined;
    const baseUrl = baseUrlOf(connection, this.settings.baseUrls);
    const download = { ...this.settings.http, log: (entry: RequestLogEntry) => this.logRequest(id, entry) };
    return createInspector(DEFINITIONS[connection.provider], { baseUrl, apiKey, http: this.http(id), download, downloadToFile });
  }

  /** Call after a key changed: the next `client()` builds a fresh client with the new key. */
  forget(id: ConnectionId): void {
    this.clients.delete(id);
  }

  /** Call after connections were added, removed or changed: everything is rebuilt on demand. */
  reconnect(): void {
    this.clients.clear();
    this.closeAll();
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

  private http(id: ConnectionId): HttpClient {
    let http = this.https.get(id);
    if (!http) {
      http = new HttpClient({ ...this.settings.http, log: (entry) => this.logRequest(id, entry) });
      this.https.set(id, http);
    }
    return http;
  }

  private closeAll(): void {
    const previous = [...this.https.values()];
    this.https.clear();
    for (const http of previous) void http.close();
  }

  private logRequest(id: ConnectionId, entry: RequestLogEntry): void {
    const outcome = entry.status !== undefined ? String(entry.status) : (entry.error ?? 'failed');
    const attempt = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    const line = `[${id}] ${entry.method} ${entry.path} → ${outcome} in ${Math.round(entry.ms)} ms${attempt}`;
    if (entry.status !== undefined && entry.status < 400) this.log.info(line);
    else this.log.warn(line);
  }
}
