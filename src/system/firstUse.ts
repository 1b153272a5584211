// Commands whose code loads on first use. Activation registers a stand-in for each id; the first
// call of any of them loads the module, whose registration replaces every stand-in, and the call
// is then passed on to the real handler with its arguments. Later calls reach the real handler
// directly. The bundle keeps that module in a file of its own (esbuild.js), so activation neither
// compiles nor runs it.
import type * as vscode from 'vscode';
import { executeCommand, registerCommand } from './command';
import type { CommandId } from './ids';

/**
 * `load` resolves to the registration of the real handlers for exactly `ids`; it runs once, after
 * the stand-ins are disposed and in the same turn, so no call can find neither. A failed load is
 * reported like any command failure and tried again on the next call.
 */
export function registerOnFirstUse(
  context: Pick<vscode.ExtensionContext, 'subscriptions'>,
  ids: readonly CommandId[],
  load: () => Promise<() => void>,
): void {
  let loading: Promise<void> | undefined;
  const ensureLoaded = (): Promise<void> => {
    loading ??= load().then(
      (registerReal) => {
        for (const standIn of standIns) standIn.dispose();
        registerReal();
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const standIns = ids.map((id) =>
    registerCommand(id, async (...args: unknown[]) => {
      await ensureLoaded();
      return executeCommand(id, ...args);
    }),
  );
  context.subscriptions.push(...standIns);
}
