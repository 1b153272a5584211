import * as vscode from 'vscode';
import type { Session } from '../providers/types';
import { displayDomain } from '../shared/hosts';
import { domainUrl, hasCredentials, refusalReason, webUrl } from '../shared/urls';
import type { SessionStore } from '../store/sessionStore';
import { sessionTarget, type TreeNode } from '../tree/model';
import { sessionRefFromArg } from '../system/args';
import { registerCommand, executeCommand } from '../system/command';
import { COMMAND } from '../system/ids';
import type { ConnectionId } from '../store/state';
import { errorMessage } from '../providers/errors';

/** Open, copy and find: the same commands serve the tree's menus, the palette and the details panel. */
export function registerSessionCommands(
  context: vscode.ExtensionContext,
  store: SessionStore,
  treeView: vscode.TreeView<TreeNode>,
): void {
  const resolve = (arg: unknown): Promise<Session | undefined> => resolveSession(arg, store, treeView);
  context.subscriptions.push(
    registerCommand(COMMAND.openTargetUrl, async (arg?: unknown, domain?: unknown) => {
      const session = await resolve(arg);
      if (session) await openTarget(session, typeof domain === 'string' ? domain : undefined);
    }),
    registerCommand(COMMAND.openEndUrl, async (arg?: unknown) => {
      const session = await resolve(arg);
      if (session) await openWebUrl(session.endUrl, vscode.l10n.t('end URL'));
    }),
    registerCommand(COMMAND.copyId, async (arg?: unknown) => {
      const session = await resolve(arg);
      if (!session) return;
      await vscode.env.clipboard.writeText(session.id);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied session ID {0}', session.id), 3000);
    }),
    registerCommand(COMMAND.copyJson, async (arg?: unknown) => {
      const session = await resolve(arg);
      if (!session) return;
      await vscode.env.clipboard.writeText(JSON.stringify(session.raw, null, 2));
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the session as JSON'), 3000);
    }),
    // Find Session by ID… is registered by ./inspector (issue 9: one get-one request per connection).
  );
}

async function openTarget(session: Session, domain: string | undefined): Promise<void> {
  if (domain !== undefined) {
    // Only a domain the session really carries: the panel's message is not trusted blindly.
    if (!session.domains.includes(domain)) return;
    await openDomain(domain);
    return;
  }
  if (session.targetUrl !== undefined || session.domains.length === 0) {
    await openWebUrl(session.targetUrl, vscode.l10n.t('target URL'));
    return;
  }
  const picked =
    session.domains.length === 1
      ? session.domains[0]
      : (
          await vscode.window.showQuickPick(
            session.domains.map((name) => ({ label: displayDomain(name), name })),
            { title: vscode.l10n.t('Open which domain?'), placeHolder: vscode.l10n.t('Domain') },
          )
        )?.name;
  if (picked !== undefined) await openDomain(picked);
}

/** The same rule as the tree's Open button and the panel's: a plain host (and port) behind https://. */
async function openDomain(name: string): Promise<void> {
  const url = domainUrl(name);
  if (!url) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Refused to open “{0}”: it is not a plain domain name.', displayDomain(name)));
    return;
  }
  await openExternal(url);
}

async function openWebUrl(raw: string | undefined, what: string): Promise<void> {
  const url = webUrl(raw);
  if (!url) {
    void vscode.window.showWarningMessage(raw ? refusalReason(raw)! : vscode.l10n.t('This session has no {0}.', what));
    return;
  }
  if (hasCredentials(url)) {
    // user:pass@ hides the real host from a quick read ("good.com:443@evil.com" is evil.com) and
    // hands a password to the site: say both before going there.
    const open = vscode.l10n.t('Open');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('This {0} carries a user name or password. Open {1} anyway?', what, url.host),
      { modal: true, detail: vscode.l10n.t('The browser will be given the credentials in the URL and sent to {0}.', url.origin) },
      open,
    );
    if (choice !== open) return;
  }
  await openExternal(url);
}

async function openExternal(url: URL): Promise<void> {
  // A Uri re-encodes its query on the way out (`%23` becomes `%2523`, `%26` becomes `&`:
  // microsoft/vscode#85930), so the exact string goes through instead; openExternal's
  // implementation accepts a string for precisely this reason, though its typing says Uri.
  await vscode.env.openExternal(url.href as unknown as vscode.Uri);
}

/** A session and the connection that listed it: two accounts may both hold a session id. */
export interface SessionRef {
  readonly connection: ConnectionId;
  readonly session: Session;
}

/** The argument, else the session selected in the tree, else a pick among the loaded sessions. */
export async function resolveSession(
  arg: unknown,
  store: SessionStore,
  treeView: vscode.TreeView<TreeNode>,
): Promise<Session | undefined> {
  return (await resolveSessionRef(arg, store, treeView))?.session;
}

export async function resolveSessionRef(
  arg: unknown,
  store: SessionStore,
  treeView: vscode.TreeView<TreeNode>,
): Promise<SessionRef | undefined> {
  const fromArg = sessionRefFromArg(arg);
  if (fromArg) return fromArg;
  const selected = treeView.selection.find((node) => node.kind === 'session');
  if (selected?.kind === 'session') return { connection: selected.connection, session: selected.session };
  const loaded = store.loadedSessions().map((ref) => ({ ...ref, label: store.state(ref.connection).label }));
  if (loaded.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No sessions are loaded yet. Set an API key or refresh the Browser Sessions view.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(loaded.map(sessionPickItem), {
    title: vscode.l10n.t('Which session?'),
    placeHolder: vscode.l10n.t('Type to filter by target, status or id'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked && { connection: picked.connection, session: picked.session };
}

function sessionPickItem(ref: SessionRef & { label: string }): vscode.QuickPickItem & SessionRef {
  return {
    label: sessionTarget(ref.session) ?? ref.session.id,
    description: `${ref.label} · ${ref.session.status || vscode.l10n.t('no status')}`,
    detail: ref.session.id,
    connection: ref.connection,
    session: ref.session,
  };
}

/** Reveals and shows a session already loaded in the tree; false when none has that id (no request is made). */
export async function findLoaded(store: SessionStore, treeView: vscode.TreeView<TreeNode>, id: string): Promise<boolean> {
  for (const connection of store.connections) {
    const session = store.findSession(connection, id);
    if (session) {
      await revealSession(store, treeView, connection, session);
      return true;
    }
  }
  return false;
}

/**
 * The scan: every page of the current listing of `searchable`, after asking. Issue 9 keeps it only
 * for connections whose provider has no get-one endpoint.
 */
export async function scanForSession(store: SessionStore, searchable: readonly ConnectionId[], id: string): Promise<void> {
  const searchAll = vscode.l10n.t('Search All Pages');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('No loaded session has the ID “{0}”. Search every page of the current listing?', id),
    searchAll,
  );
  if (choice !== searchAll) return;
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Searching for session {0}…', id), cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        for (const connection of searchable) {
          const sessions = await store.listAll(connection, controller.signal);
          const match = sessions.find((session) => session.id === id);
          if (match) return { connection, session: match };
        }
        return undefined;
      } catch (error) {
        if (!controller.signal.aborted) {
          void vscode.window.showErrorMessage(errorMessage(error));
        }
        return undefined;
      } finally {
        cancel.dispose();
      }
    },
  );
  if (found) await executeCommand(COMMAND.showDetails, found);
  else void vscode.window.showInformationMessage(vscode.l10n.t('No session with the ID “{0}” was found.', id));
}

async function revealSession(
  store: SessionStore,
  treeView: vscode.TreeView<TreeNode>,
  connection: ConnectionId,
  session: Session,
): Promise<void> {
  const group = store.state(connection).groups.find((candidate) => candidate.sessions.some((s) => s.id === session.id));
  if (group) {
    await treeView.reveal({ kind: 'session', connection, groupKey: group.key, session }, { select: true, focus: false, expand: true });
  }
  await executeCommand(COMMAND.showDetails, { connection, session });
}
