// The half of the composition root that loads on the first use of one of its commands (see
// system/firstUse.ts): every command but the tree's own, the details and overview panels, export,
// the inspector. Like extension.ts it only wires.
import * as vscode from 'vscode';
import { registerInspectorCommands } from './commands/inspectorCommands';
import { registerSessionActions } from './commands/sessionActions';
import { registerSessionCommands, resolveSessionRef } from './commands/sessionCommands';
import type { ClientRegistry } from './config/clients';
import { registerConnectionCommands } from './config/connectionCommands';
import type { OriginAccess } from './config/consent';
import { registerOriginCommands } from './config/consentPrompt';
import type { LiveSettings } from './config/settings';
import type { LiveConnections } from './connections/liveConnections';
import { registerDetails } from './details/register';
import { registerExportCommand } from './export/command';
import { registerFilterCommands } from './filters/commands';
import type { FilterState } from './filters/state';
import type { ApiKeys } from './keys/apiKeys';
import { registerKeyCommands } from './keys/commands';
import { registerOverview } from './overviewPanel/register';
import { downloadToFile } from './providers/download';
import { overviewSource } from './overviewPanel/source';
import type { SessionStore } from './store/sessionStore';
import type { SessionsView } from './tree/register';

/** What activation built, handed over when the first of these commands runs. */
export interface Activated {
  readonly context: vscode.ExtensionContext;
  readonly settings: LiveSettings;
  readonly connections: LiveConnections;
  readonly keys: ApiKeys;
  readonly clients: ClientRegistry;
  readonly filters: FilterState;
  readonly access: OriginAccess;
  readonly store: SessionStore;
  readonly storeChanged: vscode.Event<void>;
  readonly view: SessionsView;
}

/** What the first-use half serves beyond its commands. */
export interface Features {
  /** The `browser-session:` documents (session JSON, logs), whose scheme is registered at activation. */
  readonly documentContent: vscode.TextDocumentContentProvider;
}

export function registerFeatures(activated: Activated): Features {
  const { context, settings, connections, keys, clients, filters, access, store, storeChanged, view } = activated;
  registerKeyCommands(context, keys, connections);
  registerConnectionCommands(context, connections, keys);
  registerOriginCommands(context, access, view.refresh);
  registerFilterCommands(context, filters, () => store.suggestions());
  registerSessionCommands(context, store, view.treeView);
  // issue 9 §2–3: live view, pages, recordings, logs; requests pass the same origin consent as listings.
  const inspectorFor = async (connection: string) => {
    const blocked = await access.check(connection);
    if (blocked) return { problem: blocked.message };
    return clients.inspector(connection, downloadToFile) ?? { problem: vscode.l10n.t('Set an API key for this connection first.') };
  };
  registerInspectorCommands(context, { store, treeView: view.treeView, inspector: inspectorFor });
  const sessionActions = registerSessionActions(
    context,
    { store, client: (connection) => clients.client(connection), access: (connection) => access.check(connection) },
    view.treeView,
    { inspector: inspectorFor },
  );
  registerExportCommand(context, store);
  registerDetails(context, {
    findSession: (connection, id) => store.findSession(connection, id),
    connectionLabel: (connection) => store.state(connection).label,
    onDidChange: storeChanged,
    pickSession: () => resolveSessionRef(undefined, store, view.treeView),
    fetchFull: (connection, id, signal) => sessionActions.fetchFull(connection, id, signal),
  });
  registerOverview(context, {
    source: overviewSource({
      store,
      client: (connection) => clients.client(connection),
      access: (connection) => access.check(connection),
      filters: () => filters.current,
      maxSessionsScanned: () => settings.current.maxSessionsScanned,
    }),
    refreshOn: [filters.onDidChange, connections.onDidChange],
  });
  return { documentContent: sessionActions.documentContent };
}
