// Export Sessions…: which connection, which format, where; then the pages stream to the file under
// a cancellable progress notification. The writing itself (./writer) knows nothing of VS Code.
import { homedir } from 'node:os';
import path from 'node:path';
import { lightFormat } from 'date-fns';
import * as vscode from 'vscode';
import { formatCount } from '../shared/format';
import type { SessionStore } from '../store/sessionStore';
import type { ConnectionId } from '../store/state';
import { connectionFromArg } from '../system/args';
import { executeCommand, registerCommand } from '../system/command';
import { COMMAND } from '../system/ids';
import type { ExportFormat } from './format';
import { sessionPages } from './pages';
import type { ExportSource } from './writer';

/** Export asks for the largest page each API takes (each client maps it to a size it accepts): fewer requests. */
const EXPORT_PAGE_SIZE = 100;

export function registerExportCommand(context: vscode.ExtensionContext, store: SessionStore): void {
  context.subscriptions.push(registerCommand(COMMAND.exportSessions, (arg?: unknown) => runExport(store, arg)));
}

async function runExport(store: SessionStore, arg: unknown): Promise<void> {
  const connections = await pickConnections(store, connectionFromArg(arg));
  if (!connections) return;
  const format = await pickFormat();
  if (!format) return;
  const target = await pickTarget(format);
  if (!target) return;

  const sources: ExportSource[] = connections.map((connection) => ({
    label: store.state(connection).label,
    pages: (signal) => pagesOf(store, connection, signal),
  }));
  const controller = new AbortController();
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting sessions'), cancellable: true },
    async (progress, token) => {
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        // Loaded on the first export: streams and file system modules are not needed at activation.
        const { exportSessions } = await import('./writer');
        const result = await exportSessions({
          target: target.fsPath,
          format,
          sources,
          signal: controller.signal,
          onProgress: (rows) => progress.report({ message: vscode.l10n.t('{0} sessions written', formatCount(rows)) }),
        });
        return { rows: result.rows };
      } catch (error) {
        if (controller.signal.aborted) return 'cancelled' as const;
        return { error };
      } finally {
        cancel.dispose();
      }
    },
  );
  const name = path.basename(target.fsPath);
  if (outcome === 'cancelled') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Export cancelled: {0} was not written.', name));
    return;
  }
  if ('error' in outcome) {
    // Provider errors are already redacted and written for people; a file system error names the path.
    const detail = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    void vscode.window.showErrorMessage(vscode.l10n.t('Export failed: {0} {1} was not written.', detail, name));
    return;
  }
  const reveal = vscode.l10n.t('Reveal');
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Exported {0} sessions to {1}.', formatCount(outcome.rows), name),
    reveal,
    open,
  );
  if (choice === reveal) await executeCommand('revealFileInOS', target);
  else if (choice === open) await executeCommand('vscode.open', target);
}

/** The connection's listing with the view's filters, page by page; nothing without a key. */
async function* pagesOf(store: SessionStore, connection: ConnectionId, signal: AbortSignal | undefined) {
  const listing = await store.listing(connection);
  if (!listing) return;
  yield* sessionPages(listing.client, { ...listing.query, pageSize: EXPORT_PAGE_SIZE }, signal ? { signal } : {});
}

async function pickConnections(store: SessionStore, fromArg: ConnectionId | undefined): Promise<ConnectionId[] | undefined> {
  const withKey = store.connections.filter((connection) => store.state(connection).hasKey);
  if (fromArg !== undefined && withKey.includes(fromArg)) return [fromArg];
  if (withKey.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Set an API key first: there is nothing to export.'));
    return undefined;
  }
  if (withKey.length === 1) return withKey;
  const all: vscode.QuickPickItem & { connections: ConnectionId[] } = {
    label: vscode.l10n.t('All connections'),
    description: vscode.l10n.t('{0} connections, one file', withKey.length),
    connections: withKey,
  };
  const picked = await vscode.window.showQuickPick(
    [all, ...withKey.map((connection) => ({ label: store.state(connection).label, connections: [connection] }))],
    { title: vscode.l10n.t('Export Sessions: which connection?'), placeHolder: vscode.l10n.t('The current filters apply') },
  );
  return picked?.connections;
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const items: (vscode.QuickPickItem & { format: ExportFormat })[] = [
    { label: 'CSV', description: vscode.l10n.t('one row per session, the main fields; opens in a spreadsheet'), format: 'csv' },
    { label: 'JSON Lines', description: vscode.l10n.t('one line per session, the record as the API sent it'), format: 'jsonl' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Sessions: which format?') });
  return picked?.format;
}

/**
 * Schemes whose path is a path on the machine this extension host runs on: local files, and the
 * remote's own files in a remote window (code-server, SSH, containers), where the extension runs.
 */
const DISK_SCHEMES = new Set(['file', 'vscode-remote']);

async function pickTarget(format: ExportFormat): Promise<vscode.Uri | undefined> {
  const name = `browser-sessions-${lightFormat(new Date(), 'yyyyMMdd-HHmm')}.${format}`;
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => DISK_SCHEMES.has(candidate.uri.scheme))?.uri;
  // Outside a remote window the home folder is ours; inside one, a file: URI would name the client's disk.
  const base = folder ?? (vscode.env.remoteName === undefined ? vscode.Uri.file(homedir()) : undefined);
  const filters: Record<string, string[]> = format === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl'] };
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Sessions'),
    ...(base ? { defaultUri: vscode.Uri.joinPath(base, name) } : {}),
    filters,
    saveLabel: vscode.l10n.t('Export'),
  });
  // The file is streamed with Node's fs, so only a path on this machine will do.
  if (target && !DISK_SCHEMES.has(target.scheme)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Export writes to files on disk only, not to {0}.', target.scheme));
    return undefined;
  }
  return target;
}
