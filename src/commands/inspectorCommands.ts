// issue 9 §2–3: Open Live View, Show Open Pages, Download Recording…, Show Session Logs. Each works
// from a session row's menu (the tree offers it only where inspectActions() says so), from the
// details panel and from the palette (then on the selected row, or a pick among the loaded sessions
// that offer it). Live URLs are fetched when asked for, opened, and never logged or shown.
import { homedir } from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { inspectActions, PROVIDER_LABELS, ProviderError, type InspectAction, type Recording, type SessionInspector } from '../providers';
import type { Session } from '../providers/types';
import { formatAbsoluteTime, formatBytes, formatDuration } from '../shared/format';
import { displayUrl } from '../shared/hosts';
import { hasCredentials, refusalReason, webUrl } from '../shared/urls';
import type { SessionStore } from '../store/sessionStore';
import type { ConnectionId } from '../store/state';
import { sessionRefFromArg } from '../system/args';
import { executeCommand, registerCommand } from '../system/command';
import { COMMAND } from '../system/ids';
import { sessionTarget, type TreeNode } from '../tree/model';
import { logsUri } from './logsDocument';

export interface InspectorDeps {
  readonly store: SessionStore;
  readonly treeView: vscode.TreeView<TreeNode>;
  /** The connection's inspector once its origin is allowed, or why it cannot be used. */
  inspector(connection: ConnectionId): Promise<SessionInspector | { readonly problem: string }>;
}

interface Target {
  readonly connection: ConnectionId;
  readonly session: Session;
}

export function registerInspectorCommands(context: vscode.ExtensionContext, deps: InspectorDeps): void {
  context.subscriptions.push(
    registerCommand(COMMAND.openLiveView, async (arg?: unknown) => {
      const target = await targetFor('liveView', arg, deps);
      if (target) await openLiveView(target, deps);
    }),
    registerCommand(COMMAND.showPages, async (arg?: unknown) => {
      const target = await targetFor('pages', arg, deps);
      if (target) await showPages(target, deps);
    }),
    registerCommand(COMMAND.downloadRecording, async (arg?: unknown) => {
      const target = await targetFor('recording', arg, deps);
      if (target) await downloadRecording(target, deps);
    }),
    registerCommand(COMMAND.showLogs, async (arg?: unknown) => {
      const target = await targetFor('logs', arg, deps);
      if (!target) return;
      const document = await vscode.workspace.openTextDocument(logsUri(target.connection, target.session.id));
      await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(document, 'log'), { preview: false });
    }),
  );
}

/** Literal strings per action, so the l10n tooling can extract each one. */
function notOffered(action: InspectAction): string {
  switch (action) {
    case 'liveView':
      return vscode.l10n.t('Open Live View is offered for running sessions of providers that have a live view.');
    case 'pages':
      return vscode.l10n.t('Show Open Pages is offered for running sessions of providers that list their pages.');
    case 'recording':
      return vscode.l10n.t('Download Recording… is offered for ended sessions of providers that keep recordings.');
    case 'logs':
      return vscode.l10n.t('Show Session Logs is offered for sessions of providers that keep logs.');
  }
}

function pickTitle(action: InspectAction): string {
  switch (action) {
    case 'liveView':
      return vscode.l10n.t('Open the live view of which session?');
    case 'pages':
      return vscode.l10n.t('Show the open pages of which session?');
    case 'recording':
      return vscode.l10n.t('Download a recording of which session?');
    case 'logs':
      return vscode.l10n.t('Show the logs of which session?');
  }
}

/** The argument, else the selected row, else a pick among the loaded sessions that offer `action`. */
async function targetFor(action: InspectAction, arg: unknown, deps: InspectorDeps): Promise<Target | undefined> {
  const selected = deps.treeView.selection.find((node) => node.kind === 'session');
  const given = sessionRefFromArg(arg) ?? (selected?.kind === 'session' ? { connection: selected.connection, session: selected.session } : undefined);
  if (given) {
    if (inspectActions(given.session).has(action)) return given;
    void vscode.window.showInformationMessage(notOffered(action));
    return undefined;
  }
  const candidates = deps.store.loadedSessions().filter((ref) => inspectActions(ref.session).has(action));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(notOffered(action));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((ref) => ({
      label: sessionTarget(ref.session) ?? ref.session.id,
      description: `${deps.store.state(ref.connection).label} · ${ref.session.status || vscode.l10n.t('no status')}`,
      detail: ref.session.id,
      ref,
    })),
    { title: pickTitle(action), matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.ref;
}

async function inspectorFor(target: Target, deps: InspectorDeps): Promise<SessionInspector | undefined> {
  const inspector = await deps.inspector(target.connection);
  if ('problem' in inspector) {
    void vscode.window.showWarningMessage(inspector.problem);
    return undefined;
  }
  return inspector;
}

/** A notification while a request runs, so a slow API does not look like a dead click. */
function busy<T>(title: string, work: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, work);
}

async function openLiveView(target: Target, deps: InspectorDeps): Promise<void> {
  const inspector = await inspectorFor(target, deps);
  if (!inspector) return;
  const live = await busy(vscode.l10n.t('Fetching the live view…'), () => inspector.liveView(target.session.id));
  if (!live) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} gives no live view for this session now.', PROVIDER_LABELS[target.session.provider]));
    return;
  }
  // The URL carries a token: it goes to the browser and nowhere else (no log, no message).
  const url = webUrl(live.reveal());
  if (!url) {
    void vscode.window.showWarningMessage(refusalReason(live.reveal()) ?? vscode.l10n.t('Refused to open the live view.'));
    return;
  }
  if (!(await confirmCredentials(url, vscode.l10n.t('live view')))) return;
  await openExternal(url);
}

async function showPages(target: Target, deps: InspectorDeps): Promise<void> {
  const inspector = await inspectorFor(target, deps);
  if (!inspector) return;
  const pages = await busy(vscode.l10n.t('Fetching the open pages…'), () => inspector.pages(target.session.id));
  if (pages.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The session has no open pages.'));
    return;
  }
  const page = await vscode.window.showQuickPick(
    pages.map((candidate) => ({
      label: candidate.title.trim() || vscode.l10n.t('(untitled)'),
      description: candidate.url === '' ? undefined : displayUrl(candidate.url),
      page: candidate,
    })),
    { title: vscode.l10n.t('Open pages ({0})', pages.length), matchOnDescription: true },
  );
  if (!page) return;
  const open = vscode.l10n.t('Open in Browser');
  const copy = vscode.l10n.t('Copy URL');
  const choice = await vscode.window.showQuickPick([open, copy], { title: page.label });
  if (choice === copy) {
    await vscode.env.clipboard.writeText(page.page.url);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the page URL'), 3000);
  } else if (choice === open) {
    const url = webUrl(page.page.url);
    if (!url) {
      void vscode.window.showWarningMessage(refusalReason(page.page.url) ?? vscode.l10n.t('Refused to open the page.'));
      return;
    }
    if (await confirmCredentials(url, vscode.l10n.t('page URL'))) await openExternal(url);
  }
}

export function describeRecording(recording: Recording): string {
  const parts = [
    formatDuration(recording.durationSeconds) ?? recording.durationText,
    formatBytes(recording.sizeBytes),
    formatAbsoluteTime(recording.createdAt),
  ];
  return parts.filter((part): part is string => part !== undefined && part !== '').join(' · ');
}

async function downloadRecording(target: Target, deps: InspectorDeps): Promise<void> {
  const inspector = await inspectorFor(target, deps);
  if (!inspector) return;
  const recordings = await busy(vscode.l10n.t('Listing recordings…'), () => inspector.recordings(target.session.id));
  if (recordings.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no recording of this session.', PROVIDER_LABELS[target.session.provider]));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    recordings.map((recording) => ({
      label: recording.label,
      description: describeRecording(recording),
      detail: recording.ready ? undefined : vscode.l10n.t('Not ready ({0})', recording.state ?? '?'),
      recording,
    })),
    { title: vscode.l10n.t('Download which recording?') },
  );
  if (!picked) return;
  const recording = picked.recording;
  if (!recording.ready) {
    void vscode.window.showInformationMessage(vscode.l10n.t('That recording is not ready ({0}). Try again later.', recording.state ?? '?'));
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
  const destination = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save Recording'),
    defaultUri: vscode.Uri.joinPath(folder, safeFileName(recording.fileName)),
    saveLabel: vscode.l10n.t('Save'),
  });
  if (!destination) return;
  if (destination.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Recordings can be saved only to a local file.'));
    return;
  }
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}', recording.label), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        let reported = 0;
        try {
          return await inspector.downloadRecording(target.session.id, recording, destination.fsPath, {
            signal: controller.signal,
            onProgress: (received, total) => {
              const percent = total ? Math.floor((received / total) * 100) : 0;
              if (total && percent === reported) return;
              const increment = total ? percent - reported : undefined;
              reported = percent;
              progress.report({
                increment,
                message: total ? `${formatBytes(received)} / ${formatBytes(total)}` : formatBytes(received),
              });
            },
          });
        } finally {
          cancel.dispose();
        }
      },
    );
    const reveal = vscode.l10n.t('Reveal in File Explorer');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Saved the recording to {0} ({1}).', destination.fsPath, formatBytes(result.bytes) ?? ''),
      reveal,
    );
    if (choice === reveal) await executeCommand('revealFileInOS', destination);
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'cancelled') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Download cancelled; nothing was saved.'));
      return;
    }
    throw error;
  }
}

/** A provider's suggested name as one plain file name: no folders, no characters a file system refuses. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const clean = base.replace(/[<>:"/\\|?*\p{Cc}]/gu, '_').replace(/^\.+/, '').trim();
  return clean === '' ? 'recording' : clean;
}

async function confirmCredentials(url: URL, what: string): Promise<boolean> {
  if (!hasCredentials(url)) return true;
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('This {0} carries a user name or password. Open {1} anyway?', what, url.host),
    { modal: true },
    open,
  );
  return choice === open;
}

async function openExternal(url: URL): Promise<void> {
  // As in sessionCommands.ts: the exact string, since a Uri re-encodes the query (microsoft/vscode#85930).
  await vscode.env.openExternal(url.href as unknown as vscode.Uri);
}
