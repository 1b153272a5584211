import * as vscode from 'vscode';
import { connectionFromArg } from '../system/args';
import type { Connection } from '../connections/connections';
import type { LiveConnections } from '../connections/liveConnections';
import type { ApiKeys } from './apiKeys';
import { keyProblem } from './validate';
import { registerCommand } from '../system/command';
import { COMMAND } from '../system/ids';

/** Set API Key… and Clear API Key…, per connection (a provider's default connection has the provider's id). */
export function registerKeyCommands(context: vscode.ExtensionContext, keys: ApiKeys, connections: LiveConnections): void {
  const fromArg = (arg: unknown): Connection | undefined => {
    const id = connectionFromArg(arg);
    return id === undefined ? undefined : connections.find(id);
  };
  context.subscriptions.push(
    registerCommand(COMMAND.setApiKey, async (arg?: unknown) => {
      const connection = fromArg(arg) ?? (await pickConnection(connections.list, keys, vscode.l10n.t('Set the API key of which connection?')));
      if (!connection) return;
      const key = await askKey(connection.label);
      if (key === undefined) return;
      await keys.set(connection.id, key);
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} API key saved.', connection.label));
    }),
    registerCommand(COMMAND.clearApiKey, async (arg?: unknown) => {
      const withKey = connections.list.filter((connection) => keys.has(connection.id));
      if (withKey.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No API key is stored.'));
        return;
      }
      const connection = fromArg(arg) ?? (await pickConnection(withKey, keys, vscode.l10n.t('Clear the API key of which connection?')));
      if (!connection) return;
      await keys.delete(connection.id);
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} API key removed.', connection.label));
    }),
  );
}

/** The password box; undefined when cancelled. The key is trimmed and passed keyProblem. */
export async function askKey(label: string): Promise<string | undefined> {
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0} API key', label),
    prompt: vscode.l10n.t("Paste your {0} API key. It is stored in VS Code's secret storage only.", label),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => keyProblem(value),
  });
  if (key === undefined || keyProblem(key) !== undefined) return undefined;
  return key.trim();
}

export async function pickConnection(
  list: readonly Connection[],
  keys: ApiKeys,
  title: string,
): Promise<Connection | undefined> {
  const picked = await vscode.window.showQuickPick(
    list.map((connection) => ({
      label: connection.label,
      description: keys.has(connection.id) ? vscode.l10n.t('key set') : vscode.l10n.t('no key'),
      connection,
    })),
    { title, placeHolder: vscode.l10n.t('Connection') },
  );
  return picked?.connection;
}
