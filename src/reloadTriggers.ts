// Composition-root wiring: the store must not know keys, settings or filters, so what makes its
// data stale is connected here, next to extension.ts, rather than inside store/.
import type * as vscode from 'vscode';
import type { ClientRegistry } from './config/clients';
import type { LiveSettings } from './config/settings';
import type { FilterState } from './filters/state';
import type { ProviderId } from './providers/types';
import type { ApiKeys } from './keys/apiKeys';
import type { SessionStore } from './store/sessionStore';

export interface ReloadSources {
  readonly keys: ApiKeys;
  readonly settings: LiveSettings;
  readonly filters: FilterState;
  readonly clients: ClientRegistry;
  readonly store: SessionStore;
  readonly refresh: (providers?: readonly ProviderId[]) => Promise<void>;
}

/** What makes the data stale: a key, a setting or a filter changed. Each reloads only what it affects. */
export function registerReloadTriggers(context: vscode.ExtensionContext, sources: ReloadSources): void {
  const { keys, settings, filters, clients, store, refresh } = sources;
  context.subscriptions.push(
    keys.onDidChange((provider) => {
      // Data listed with the old key must not linger under the new one.
      clients.forget(provider);
      store.reset(provider);
      void refresh([provider]);
    }),
    settings.onDidChange(({ clientsAffected }) => {
      if (!clientsAffected) return;
      clients.reconfigure(settings.current);
      void refresh();
    }),
    filters.onDidChange(() => void refresh()),
  );
}
