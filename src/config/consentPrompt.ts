import * as vscode from 'vscode';
import { connectionFromArg } from '../system/args';
import type { ProviderId } from '../providers/types';
import type { OriginAccess } from './consent';
import { DEFAULT_BASE_URLS } from '../providers';
import { registerCommand } from '../system/command';
import { COMMAND } from '../system/ids';


/** The modal that names provider and origin; the key is not sent unless the user picks Allow. */
export async function askOriginConsent(provider: ProviderId, origin: string, setting: string, label: string): Promise<boolean> {
  // Compared by identity with the answer, so the button may be translated.
  const allow = vscode.l10n.t('Allow');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Send your {0} API key to {1}?', label, origin),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The setting {0} points {1} at {2}, not at its own API ({3}). Every request there carries your API key. Allow it only for a proxy or mirror you run or trust. The answer is remembered for this origin; a refusal can be reviewed from the Browser Sessions view.',
        setting,
        label,
        origin,
        new URL(DEFAULT_BASE_URLS[provider]).origin,
      ),
    },
    allow,
  );
  return choice === allow;
}

/** "Allow…" on a refused origin's item: forget the refusal and reload, which asks again. */
export function registerOriginCommands(
  context: vscode.ExtensionContext,
  access: OriginAccess,
  refresh: (connections: readonly string[]) => Promise<void>,
): void {
  context.subscriptions.push(
    registerCommand(COMMAND.allowApiOrigin, async (arg?: unknown) => {
      const connection = connectionFromArg(arg);
      if (!connection) return;
      await access.forget(connection);
      await refresh([connection]);
    }),
  );
}
