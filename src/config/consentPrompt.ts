import * as vscode from 'vscode';
import { PROVIDER_LABELS, type ProviderId } from '../providers/types';
import { DEFAULT_BASE_URLS } from './originPolicy';

const ALLOW = 'Allow';

/** The modal that names provider and origin; the key is not sent unless the user picks Allow. */
export async function askOriginConsent(provider: ProviderId, origin: string, setting: string): Promise<boolean> {
  const label = PROVIDER_LABELS[provider];
  const choice = await vscode.window.showWarningMessage(
    `Send your ${label} API key to ${origin}?`,
    {
      modal: true,
      detail:
        `The setting ${setting} points ${label} at ${origin}, not at its own API (${new URL(DEFAULT_BASE_URLS[provider]).origin}). ` +
        'Every request there carries your API key. Allow it only for a proxy or mirror you run or trust. ' +
        'The answer is remembered for this origin; a refusal can be reviewed from the Browser Sessions view.',
    },
    ALLOW,
  );
  return choice === ALLOW;
}
