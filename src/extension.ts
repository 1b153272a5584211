import * as vscode from 'vscode';
import { registerSessionCommands, resolveSession } from './commands/sessionCommands';
import { ClientRegistry } from './config/clients';
import { OriginAccess } from './config/consent';
import { askOriginConsent, registerOriginCommands } from './config/consentPrompt';
import { LiveSettings } from './config/settings';
import { registerDetails } from './details/register';
import { registerFilterCommands } from './filters/commands';
import { FilterState } from './filters/state';
import { ApiKeys } from './keys/apiKeys';
import { registerKeyCommands } from './keys/commands';
import { PROVIDER_IDS } from './providers';
import { registerReloadTriggers } from './reloadTriggers';
import { SessionStore } from './store/sessionStore';
import { useCommandLog } from './system/command';
import { registerSessionsView } from './tree/register';

const PROVIDERS = PROVIDER_IDS;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Browser Sessions', { log: true });
  context.subscriptions.push(log, useCommandLog(log));
  const settings = new LiveSettings();
  const keys = await ApiKeys.create(context.secrets, PROVIDERS);
  const clients = new ClientRegistry(settings.current, keys, log);
  const filters = new FilterState(context.workspaceState);
  // Consent lives in global state: settings could be written by a repository, global state cannot.
  const access = new OriginAccess(() => settings.current.baseUrls, context.globalState, askOriginConsent);
  const store = new SessionStore({
    providers: PROVIDERS,
    client: (provider) => clients.client(provider),
    access: (provider) => access.check(provider),
    filters: () => filters.current,
    pageSize: () => settings.current.pageSize,
    reportBug: (error) => log.error(error instanceof Error ? (error.stack ?? error.message) : String(error)),
  });
  const storeChanged = new vscode.EventEmitter<void>();
  const storeSubscription = store.onDidChange(() => storeChanged.fire());
  context.subscriptions.push(settings, keys, clients, filters, storeChanged, storeSubscription, {
    dispose: () => store.dispose(),
  });

  const view = registerSessionsView(context, store, filters, () => settings.current.autoRefreshSeconds);
  registerKeyCommands(context, keys);
  registerOriginCommands(context, access, view.refresh);
  registerFilterCommands(context, filters, () => store.suggestions());
  registerSessionCommands(context, store, view.treeView);
  registerDetails(context, {
    findSession: (provider, id) => store.findSession(provider, id),
    onDidChange: storeChanged.event,
    pickSession: () => resolveSession(undefined, store, view.treeView),
  });
  registerReloadTriggers(context, { keys, settings, filters, clients, store, refresh: view.refresh });
  void view.refresh();
}

export function deactivate(): void {}
