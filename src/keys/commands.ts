import * as vscode from 'vscode';
import { PROVIDER_LABELS, type ProviderId } from '../providers/types';
import { providerFromArg } from '../system/args';
import type { ApiKeys } from './apiKeys';
import { keyProblem } from './validate';
import { registerCommand } from '../system/command';
import { COMMAND } from '../system/ids';

const ALL_PROVIDERS = Object.keys(PROVIDER_LABELS) as ProviderId[];

export function registerKeyCommands(context: vscode.ExtensionContext, keys: ApiKeys): void {
  context.subscriptions.push(
    registerCommand(COMMAND.setApiKey, async (arg?: unknown) => {
      const provider = providerFromArg(arg) ?? (await pickProvider(ALL_PROVIDERS, keys, 'Set the API key of which provider?'));
      if (!provider) return;
      const key = await vscode.window.showInputBox({
        title: `${PROVIDER_LABELS[provider]} API key`,
        prompt: `Paste your ${PROVIDER_LABELS[provider]} API key. It is stored in VS Code's secret storage only.`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => keyProblem(value),
      });
      if (key === undefined || keyProblem(key) !== undefined) return;
      await keys.set(provider, key.trim());
      void vscode.window.showInformationMessage(`${PROVIDER_LABELS[provider]} API key saved.`);
    }),
    registerCommand(COMMAND.clearApiKey, async (arg?: unknown) => {
      const withKey = ALL_PROVIDERS.filter((provider) => keys.has(provider));
      if (withKey.length === 0) {
        void vscode.window.showInformationMessage('No API key is stored.');
        return;
      }
      const provider = providerFromArg(arg) ?? (await pickProvider(withKey, keys, 'Clear the API key of which provider?'));
      if (!provider) return;
      await keys.delete(provider);
      void vscode.window.showInformationMessage(`${PROVIDER_LABELS[provider]} API key removed.`);
    }),
  );
}

async function pickProvider(providers: readonly ProviderId[], keys: ApiKeys, title: string): Promise<ProviderId | undefined> {
  const picked = await vscode.window.showQuickPick(
    providers.map((provider) => ({
      label: PROVIDER_LABELS[provider],
      description: keys.has(provider) ? 'key set' : 'no key',
      provider,
    })),
    { title, placeHolder: 'Provider' },
  );
  return picked?.provider;
}
