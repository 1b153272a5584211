import * as vscode from 'vscode';
import { CONNECTION_ID_PATTERN, CONNECTION_SECRET_PREFIX, connectionSecretKey, type ConnectionId } from '../connections/connections';
import { SECRET_KEYS } from '../providers';
import type { ProviderId } from '../providers/types';

export { SECRET_KEYS };

/**
 * API keys per connection, kept only in SecretStorage. A synchronous cache lets the store build
 * clients without awaiting; SecretStorage's own change event (also fired by other windows) keeps it
 * current.
 */
export class ApiKeys implements vscode.Disposable {
  private readonly cache = new Map<ConnectionId, string>();
  private readonly changed = new vscode.EventEmitter<ConnectionId>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  private constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (event) => {
      const connection = connectionOfSecret(event.key);
      if (!connection) return;
      await this.load(connection);
      this.changed.fire(connection);
    });
  }

  static async create(secrets: vscode.SecretStorage, connections: readonly ConnectionId[]): Promise<ApiKeys> {
    const keys = new ApiKeys(secrets);
    await keys.loadAll(connections);
    return keys;
  }

  /** Reads the keys of connections (newly added ones, say) into the cache. */
  async loadAll(connections: readonly ConnectionId[]): Promise<void> {
    await Promise.all(connections.map((connection) => this.load(connection)));
  }

  get(connection: ConnectionId): string | undefined {
    return this.cache.get(connection);
  }

  has(connection: ConnectionId): boolean {
    return this.cache.has(connection);
  }

  async set(connection: ConnectionId, key: string): Promise<void> {
    await this.secrets.store(connectionSecretKey(connection), key);
    // The change event also fires, but callers that add a connection read the key before it arrives.
    this.cache.set(connection, key);
  }

  async delete(connection: ConnectionId): Promise<void> {
    await this.secrets.delete(connectionSecretKey(connection));
    this.cache.delete(connection);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async load(connection: ConnectionId): Promise<void> {
    const key = await this.secrets.get(connectionSecretKey(connection));
    if (key) this.cache.set(connection, key);
    else this.cache.delete(connection);
  }
}

function connectionOfSecret(secretKey: string): ConnectionId | undefined {
  const entry = (Object.entries(SECRET_KEYS) as [ProviderId, string][]).find(([, key]) => key === secretKey);
  if (entry) return entry[0];
  if (!secretKey.startsWith(CONNECTION_SECRET_PREFIX)) return undefined;
  const id = secretKey.slice(CONNECTION_SECRET_PREFIX.length);
  return CONNECTION_ID_PATTERN.test(id) ? id : undefined;
}
