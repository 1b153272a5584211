// Code that loads on first use. Activation registers a stand-in for each command id; the first
// call of any of them loads the module, whose registration replaces every stand-in, and the call
// is then passed on to the real handler with its arguments. Later calls reach the real handler
// directly. The bundle keeps that module in a file of its own (esbuild.js), so activation neither
// compiles nor runs it. A document scheme is registered at activation the same way: VS Code asks
// it for documents restored with the window before any command has run.
import * as vscode from 'vscode';
import { executeCommand, registerCommand } from './command';
import type { CommandId } from './ids';

export interface FirstUse<T> {
  /** Loads the module and registers it, once; resolves to what its registration returned. */
  ensure(): Promise<T>;
}

/**
 * `load` resolves to the registration of the real handlers for exactly `ids`; it runs once, after
 * the stand-ins are disposed and in the same turn, so no call can find neither. A failed load is
 * reported like any command failure and tried again on the next call.
 */
export function registerOnFirstUse<T>(
  context: Pick<vscode.ExtensionContext, 'subscriptions'>,
  ids: readonly CommandId[],
  load: () => Promise<() => T>,
): FirstUse<T> {
  let loading: Promise<T> | undefined;
  const ensure = (): Promise<T> => {
    loading ??= load().then(
      (registerReal) => {
        for (const standIn of standIns) standIn.dispose();
        return registerReal();
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
      await ensure();
      return executeCommand(id, ...args);
    }),
  );
  context.subscriptions.push(...standIns);
  return { ensure };
}

/** The scheme's provider now; its content, and its change events, come from `load` once asked for. */
export function registerContentOnFirstUse(
  scheme: string,
  load: () => Promise<vscode.TextDocumentContentProvider>,
): vscode.Disposable {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  let relay: vscode.Disposable | undefined;
  const provider = async (): Promise<vscode.TextDocumentContentProvider> => {
    const real = await load();
    relay ??= real.onDidChange?.((uri) => changed.fire(uri));
    return real;
  };
  const registration = vscode.workspace.registerTextDocumentContentProvider(scheme, {
    onDidChange: changed.event,
    provideTextDocumentContent: async (uri, token) => (await provider()).provideTextDocumentContent(uri, token),
  });
  return {
    dispose: () => {
      registration.dispose();
      relay?.dispose();
      changed.dispose();
    },
  };
}
