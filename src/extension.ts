import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { ClientRegistry } from './config/clients';
import { baseUrlOf, baseUrlSettingOf } from './connections/connections';
import { LiveConnections } from './connections/liveConnections';
import { OriginAccess } from './config/consent';
import { askOriginConsent } from './config/consentPrompt';
import { LiveSettings } from './config/settings';
import { FilterState } from './filters/state';
import { ApiKeys } from './keys/apiKeys';
import { loadFeatures } from './loadFeatures';
import { registerReloadTriggers } from './reloadTriggers';
import { SessionStore } from './store/sessionStore';
import { useCommandLog } from './system/command';
import { registerContentOnFirstUse, registerOnFirstUse } from './system/firstUse';
import { FIRST_USE_COMMANDS, SESSION_DOCUMENT_SCHEME } from './system/ids';
import { trackSessionContextKeys } from './tree/contextKeys';
import { registerSessionsView } from './tree/register';
import { registerWatch } from './watch/register';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Modules without `vscode` (the tree model, filter picks, the key rule) translate through
  // @vscode/l10n; it needs the bundle VS Code loaded for this extension and display language.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = vscode.window.createOutputChannel('Browser Sessions', { log: true });
  context.subscriptions.push(log, useCommandLog(log));
  const settings = new LiveSettings();
  const connections = new LiveConnections(log);
  const ids = (): string[] => connections.list.map((connection) => connection.id);
  const keys = await ApiKeys.create(context.secrets, ids());
  const clients = new ClientRegistry(settings.current, keys, log, (id) => connections.find(id));
  const filters = new FilterState(context.workspaceState);
  // Consent lives in global state: settings could be written by a repository, global state cannot.
  const access = new OriginAccess(() => settings.current.baseUrls, context.globalState, askOriginConsent, (id) => {
    const connection = connections.find(id);
    return connection && {
      provider: connection.provider,
      label: connection.label,
      baseUrl: baseUrlOf(connection, settings.current.baseUrls),
      setting: baseUrlSettingOf(connection),
    };
  });
  const store = new SessionStore({
    connections: () => connections.list,
    client: (connection) => clients.client(connection),
    access: (connection) => access.check(connection),
    filters: () => filters.current,
    pageSize: () => settings.current.pageSize,
    reportBug: (error) => log.error(error instanceof Error ? (error.stack ?? error.message) : String(error)),
  });
  const storeChanged = new vscode.EventEmitter<void>();
  const storeSubscription = store.onDidChange(() => storeChanged.fire());
  context.subscriptions.push(settings, connections, keys, clients, filters, storeChanged, storeSubscription, {
    dispose: () => store.dispose(),
  });

  const view = registerSessionsView(context, store, filters, () => settings.current.autoRefreshSeconds);
  context.subscriptions.push(trackSessionContextKeys(store));
  registerWatch(context, { store, settings, treeView: view.treeView, onFiltersChange: (listener) => filters.onDidChange(listener) });
  const activated = { context, settings, connections, keys, clients, filters, access, store, storeChanged: storeChanged.event, view };
  const features = registerOnFirstUse(context, FIRST_USE_COMMANDS, async () => {
    const { registerFeatures } = await loadFeatures();
    return () => registerFeatures(activated);
  });
  context.subscriptions.push(
    registerContentOnFirstUse(SESSION_DOCUMENT_SCHEME, async () => (await features.ensure()).documentContent),
  );
  registerReloadTriggers(context, {
    keys,
    settings,
    filters,
    clients,
    store,
    refresh: view.refresh,
    onConnectionsChange: (listener) => connections.onDidChange(listener),
    loadKeys: () => keys.loadAll(ids()),
  });
  void view.refresh();
}

export function deactivate(): void {}
