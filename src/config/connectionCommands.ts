// Add, Rename and Remove Connection…: extra accounts of a provider. The entry goes to the user's
// settings (never the workspace's), the key to SecretStorage only.
import * as vscode from 'vscode';
import { connectionFromArg } from '../system/args';
import { registerCommand } from '../system/command';
import { COMMAND } from '../system/ids';
import { askKey, pickConnection } from '../keys/commands';
import type { ApiKeys } from '../keys/apiKeys';
import { PROVIDERS } from '../providers';
import type { ProviderId } from '../providers/types';
import { idProblem, labelProblem, type Connection } from '../connections/connections';
import type { LiveConnections } from '../connections/liveConnections';
import { classifyBaseUrl } from './originPolicy';

export function registerConnectionCommands(context: vscode.ExtensionContext, connections: LiveConnections, keys: ApiKeys): void {
  const extraFromArg = async (arg: unknown, title: string): Promise<Connection | undefined> => {
    const id = connectionFromArg(arg);
    const named = id === undefined ? undefined : connections.find(id);
    if (named) return named.isDefault ? undefined : named;
    if (connections.extra.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no added connection. Add one with “Add Connection…”.'));
      return undefined;
    }
    return pickConnection(connections.extra, keys, title);
  };

  context.subscriptions.push(
    registerCommand(COMMAND.addConnection, () => addConnection(connections, keys)),
    registerCommand(COMMAND.renameConnection, async (arg?: unknown) => {
      const connection = await extraFromArg(arg, vscode.l10n.t('Rename which connection?'));
      if (!connection) return;
      const label = await vscode.window.showInputBox({
        title: vscode.l10n.t('Rename {0}', connection.label),
        value: connection.name ?? '',
        validateInput: labelProblem,
      });
      if (label === undefined || labelProblem(label) !== undefined) return;
      await connections.rename(connection.id, label.trim());
    }),
    registerCommand(COMMAND.removeConnection, async (arg?: unknown) => {
      const connection = await extraFromArg(arg, vscode.l10n.t('Remove which connection?'));
      if (!connection) return;
      // Compared by identity with the answer, so the button may be translated.
      const remove = vscode.l10n.t('Remove');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Remove the connection “{0}”?', connection.label),
        { modal: true, detail: vscode.l10n.t('Its entry in your settings and its API key in secret storage are deleted.') },
        remove,
      );
      if (choice !== remove) return;
      await connections.remove(connection.id);
      await keys.delete(connection.id);
    }),
  );
}

async function addConnection(connections: LiveConnections, keys: ApiKeys): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    PROVIDERS.map((definition) => ({ label: definition.label, provider: definition.id })),
    { title: vscode.l10n.t('Add Connection: which provider?'), placeHolder: vscode.l10n.t('Provider') },
  );
  if (!picked) return;
  const label = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Connection: label for this {0} account', picked.label),
    prompt: vscode.l10n.t('Shown in the tree, e.g. “staging”.'),
    validateInput: labelProblem,
    ignoreFocusOut: true,
  });
  if (label === undefined || labelProblem(label) !== undefined) return;
  const definition = PROVIDERS.find((candidate) => candidate.id === picked.provider)!;
  const baseUrl = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Connection: API base URL (optional)'),
    prompt: vscode.l10n.t("Leave empty for {0}'s own API ({1}).", definition.label, definition.defaultBaseUrl),
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (value.trim() === '') return undefined;
      const verdict = classifyBaseUrl(value, definition.defaultBaseUrl);
      return verdict.kind === 'invalid' || verdict.kind === 'refusedHttp' ? vscode.l10n.t('Not usable: {0}.', verdict.reason) : undefined;
    },
  });
  if (baseUrl === undefined) return;
  const id = freeId(picked.provider, connections.list.map((connection) => connection.id));
  const key = await askKey(`${definition.label} · ${label.trim()}`);
  if (key === undefined) return;
  // The key first: when the setting's change event reloads, the key is already there.
  await keys.set(id, key);
  await connections.add({ id, provider: picked.provider, label: label.trim(), ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}) });
}

/** "<provider>-2", "-3", …: readable, stable, and it names the secret. */
function freeId(provider: ProviderId, taken: readonly string[]): string {
  for (let n = 2; ; n++) {
    const id = `${provider}-${n}`;
    if (idProblem(id, taken) === undefined) return id;
  }
}
