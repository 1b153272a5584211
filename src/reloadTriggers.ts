// Composition-root wiring: the store must not know keys, settings or filters, so what makes its
// data stale is connected here, next to extension.ts, rather than inside store/.
import type * as vscode from 'vscode';
import type { ClientRegistry } from './config/clients';
import type { LiveSettings } from './config/settings';
import type { FilterState } from './filters/state';
import type { ApiKeys } from './keys/apiKeys';
import type { SessionStore } from './store/sessionStore';
import type { ConnectionId } from './store/state';

export interface ReloadSources {
  readonly keys: ApiKeys;
  readonly settings: LiveSettings;
  readonly filters: FilterState;
  readonly clients: ClientRegistry;
  readonly store: SessionStore;
  readonly refresh: (connections?: readonly ConnectionId[]) => Promise<void>;
  /** Fires when `browserSessions.connections` changed (already re-read). */
  readonly onConnectionsChange: (listener: () => void) => { dispose(): void };
  /** Reads the keys of the current connections (new ones may already have one). */
  readonly loadKeys: () => Promise<void>;
}

/** What makes the data stale: a key, a setting or a filter changed. Each reloads only what it affects. */
export function registerReloadTriggers(context: vscode.ExtensionContext, sources: ReloadSources): void {
  const { keys, settings, filters, clients, store, refresh, onConnectionsChange, loadKeys } = sources;
  context.subscriptions.push(
    keys.onDidChange((connection) => {
      // Data listed with the old key must not linger under the new one.
      clients.forget(connection);
      store.reset(connection);
      void refresh([connection]);
    }),
    onConnectionsChange(() => {
      // A connection's base URL or provider may have changed under the same id: rebuild every client.
      clients.reconnect();
      void loadKeys().then(() => {
        store.syncConnections();
        return refresh();
      });
    }),
    settings.onDidChange(({ clientsAffected }) => {
      if (!clientsAffected) return;
      clients.reconfigure(settings.current);
      void refresh();
    }),
    filters.onDidChange(() => void refresh()),
  );
}
