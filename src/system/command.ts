// The one way a command is registered and run. A command that throws would otherwise surface as
// VS Code's generic "command resulted in an error" with the stack lost; here the stack goes to
// our log channel and the user gets one short line.
import * as vscode from 'vscode';
import { ProviderError } from '../providers/providerError';
import type { BuiltinCommandId, CommandId } from './ids';

export type CommandHandler = (...args: unknown[]) => unknown;

/**
 * What a failed command returns instead of throwing, so a caller inside the extension (the details
 * panel) can still tell failure from success; the user has already been told.
 */
export interface CommandFailure {
  readonly commandFailed: true;
  readonly message: string;
}

export function isCommandFailure(value: unknown): value is CommandFailure {
  return typeof value === 'object' && value !== null && (value as { commandFailed?: unknown }).commandFailed === true;
}

/** Where a command's unexpected failure is written. */
export interface CommandLog {
  error(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
}

// A sink rather than state: nothing reads it back. The composition root sets it once at
// activation (before any command can run) so features keep their registration signatures.
let sink: CommandLog | undefined;

/** Sends command failures to `log` until the returned disposable is disposed. */
export function useCommandLog(log: CommandLog): vscode.Disposable {
  sink = log;
  return { dispose: () => (sink = sink === log ? undefined : sink) };
}

export function registerCommand(id: CommandId, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: unknown[]) => runCommand(id, handler, args));
}

export function executeCommand<T = unknown>(id: CommandId | BuiltinCommandId, ...args: unknown[]): Thenable<T | undefined> {
  return vscode.commands.executeCommand<T>(id, ...args);
}

/** Runs `handler`; a failure is logged (an unexpected one with its stack), shown briefly, and returned, never rethrown. */
export async function runCommand(id: CommandId, handler: CommandHandler, args: readonly unknown[]): Promise<unknown> {
  try {
    return await handler(...args);
  } catch (error) {
    if (error instanceof ProviderError) {
      // The provider's answer, not our bug: its message is written for people already.
      sink?.warn(`Command ${id}: ${error.message}`);
      void vscode.window.showErrorMessage(error.message);
      return { commandFailed: true, message: error.message } satisfies CommandFailure;
    }
    const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    sink?.error(`Command ${id} failed: ${detail}`);
    const message = vscode.l10n.t('Browser Sessions: internal error in “{0}”. Details are in the Browser Sessions output.', id);
    void vscode.window.showErrorMessage(message);
    return { commandFailed: true, message } satisfies CommandFailure;
  }
}
