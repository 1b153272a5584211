import * as vscode from 'vscode';
import { SECRET_KEYS } from '../providers';
import type { ProviderId } from '../providers/types';

export { SECRET_KEYS };

/**
 * API keys, kept only in SecretStorage. A synchronous cache lets the store build clients without
 * awaiting; SecretStorage's own change event (also fired by other windows) keeps it current.
 */
export class ApiKeys implements vscode.Disposable {
  private readonly cache = new Map<ProviderId, string>();
  private readonly changed = new vscode.EventEmitter<ProviderId>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  private constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (event) => {
      const provider = providerOfSecret(event.key);
      if (!provider) return;
      await this.load(provider);
      this.changed.fire(provider);
    });
  }

  static async create(secrets: vscode.SecretStorage, providers: readonly ProviderId[]): Promise<ApiKeys> {
    const keys = new ApiKeys(secrets);
    await Promise.all(providers.map((provider) => keys.load(provider)));
    return keys;
  }

  get(provider: ProviderId): string | undefined {
    return this.cache.get(provider);
  }

  has(provider: ProviderId): boolean {
    return this.cache.has(provider);
  }

  async set(provider: ProviderId, key: string): Promise<void> {
    await this.secrets.store(SECRET_KEYS[provider], key);
  }

  async delete(provider: ProviderId): Promise<void> {
    await this.secrets.delete(SECRET_KEYS[provider]);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async load(provider: ProviderId): Promise<void> {
    const key = await this.secrets.get(SECRET_KEYS[provider]);
    if (key) this.cache.set(provider, key);
    else this.cache.delete(provider);
  }
}

function providerOfSecret(secretKey: string): ProviderId | undefined {
  const entry = (Object.entries(SECRET_KEYS) as [ProviderId, string][]).find(([, key]) => key === secretKey);
  return entry?.[0];
}
