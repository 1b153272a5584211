// Issue 9 §1, §4: Find Session by ID… (one get-one request per connection), Open Session as JSON
// and Stop Session…. Commands that act on one session may call a provider directly (ARCHITECTURE):
// they go through the connection's client, so its gate, limits and redaction apply, and through
// the same origin check the store makes before a refresh.
import * as vscode from 'vscode';
import { CAPABILITIES, canStop, DEFINITIONS, getOneIsRicher, ProviderError, type ProviderClient, type Session } from '../providers';
import type { SessionStore } from '../store/sessionStore';
import type { AccessBlock, ConnectionId } from '../store/state';
import { sessionTarget, type TreeNode } from '../tree/model';
import { sessionRefFromArg } from '../system/args';
import { executeCommand, registerCommand, type CommandFailure } from '../system/command';
import { COMMAND } from '../system/ids';
import { SessionJsonDocuments } from './jsonDocuments';
import { logsDocument, parseLogsUri, type LogsDocumentDeps } from './logsDocument';
import { findLoaded, resolveSessionRef, scanForSession, type SessionRef } from './sessionCommands';

export interface SingleSessionDeps {
  readonly store: SessionStore;
  /** undefined while the connection has no key. */
  client(connection: ConnectionId): ProviderClient | undefined;
  /** The origin check the store runs before requests (consent, http refused). */
  access(connection: ConnectionId): Promise<AccessBlock | undefined>;
}

/**
 * One session by id and stopping one, with messages written for people: a 404 reads
 * "No session <id> in <connection>." (the provider layer's text is about endpoints).
 */
export class SingleSessions {
  constructor(private readonly deps: SingleSessionDeps) {}

  /** Whether the connection's provider has the endpoint (by its declared capabilities). */
  has(connection: ConnectionId, endpoint: 'getOne' | 'stop'): boolean {
    return CAPABILITIES[this.deps.store.connection(connection).provider].endpoints?.[endpoint] ?? false;
  }

  /** The full record is worth a request: get-one exists and holds more than the list's record. */
  isRicher(connection: ConnectionId): boolean {
    return this.has(connection, 'getOne') && getOneIsRicher(this.deps.store.connection(connection).provider);
  }

  async get(connection: ConnectionId, id: string, signal?: AbortSignal): Promise<Session> {
    const client = await this.clientFor(connection);
    if (!client.getSession) throw new InspectorError(vscode.l10n.t('{0} cannot fetch one session by ID.', this.label(connection)));
    try {
      return await client.getSession(id, signal);
    } catch (error) {
      throw this.explain(error, connection, id);
    }
  }

  async stop(connection: ConnectionId, id: string): Promise<void> {
    const client = await this.clientFor(connection);
    if (!client.stopSession) throw new InspectorError(vscode.l10n.t('{0} cannot stop a session.', this.label(connection)));
    try {
      await client.stopSession(id);
    } catch (error) {
      throw this.explain(error, connection, id);
    }
  }

  label(connection: ConnectionId): string {
    return this.deps.store.state(connection).label;
  }

  private async clientFor(connection: ConnectionId): Promise<ProviderClient> {
    const client = this.deps.client(connection);
    if (!client) throw new InspectorError(vscode.l10n.t('Set an API key for {0} first.', this.label(connection)));
    const blocked = await this.deps.access(connection);
    if (blocked) throw new InspectorError(blocked.message);
    return client;
  }

  private explain(error: unknown, connection: ConnectionId, id: string): unknown {
    if (error instanceof ProviderError && error.kind === 'notFound') {
      return new InspectorError(vscode.l10n.t('No session {0} in {1}.', id, this.label(connection)), 'notFound');
    }
    if (error instanceof ProviderError) return new InspectorError(error.message, error.kind === 'cancelled' ? 'cancelled' : 'failed');
    return error;
  }
}

/** A failure already worded for people (provider messages are redacted at the source). */
export class InspectorError extends Error {
  constructor(
    message: string,
    readonly kind: 'notFound' | 'cancelled' | 'failed' = 'failed',
  ) {
    super(message);
  }
}

export function registerSessionActions(
  context: vscode.ExtensionContext,
  deps: SingleSessionDeps,
  treeView: vscode.TreeView<TreeNode>,
  logs: LogsDocumentDeps,
): InspectorFeature {
  const { store } = deps;
  const single = new SingleSessions(deps);
  const documents = new SessionJsonDocuments((connection, id) => store.findSession(connection, id));
  // The record Find just fetched, handed to the details panel it opens so that the panel does not
  // ask for it again ("Find by ID makes exactly one request"). Used once; only the latest is kept.
  let handedOver: { readonly key: string; readonly session: Session } | undefined;
  // One provider per scheme: the logs documents (issue 9 §3) share it under /logs/. Registered at
  // activation (extension.ts), so that documents restored with the window find it.
  const documentContent: vscode.TextDocumentContentProvider = {
    onDidChange: documents.onDidChange,
    provideTextDocumentContent: (uri) => (parseLogsUri(uri) ? logsDocument(uri, logs) : documents.provideTextDocumentContent(uri)),
  };
  context.subscriptions.push(
    documents,
    registerCommand(COMMAND.findSession, () =>
      findById(single, store, treeView, (ref) => {
        handedOver = { key: `${ref.connection}:${ref.session.id}`, session: ref.session };
      }),
    ),
    registerCommand(COMMAND.openJson, async (arg?: unknown) => {
      const ref = await resolveSessionRef(arg, store, treeView);
      if (ref) await openJson(single, documents, ref);
    }),
    registerCommand(COMMAND.stopSession, async (arg?: unknown) => {
      const ref = arg === undefined ? await pickStoppable(store) : sessionRefFromArg(arg);
      return ref ? stopSession(single, store, ref) : undefined;
    }),
  );
  return {
    documentContent,
    fetchFull: async (connection, id, signal) => {
      if (!single.isRicher(connection)) return undefined;
      if (handedOver?.key === `${connection}:${id}`) {
        const fresh = handedOver.session;
        handedOver = undefined;
        return fresh;
      }
      const session = await single.get(connection, id, signal);
      // An open JSON document of this session follows the panel's newer copy.
      documents.refresh(connection, session);
      return session;
    },
  };
}

export interface InspectorFeature {
  /** Every `browser-session:` document: session JSON and logs. */
  readonly documentContent: vscode.TextDocumentContentProvider;
  /** For the details panel: the full record where it holds more than the list's, else undefined (no request). */
  fetchFull(connection: ConnectionId, id: string, signal: AbortSignal): Promise<Session | undefined>;
}

/** Find Session by ID…: loaded sessions first (no request), then one get-one request per chosen connection. */
async function findById(
  single: SingleSessions,
  store: SessionStore,
  treeView: vscode.TreeView<TreeNode>,
  fetched: (ref: SessionRef) => void,
): Promise<void> {
  const input = await vscode.window.showInputBox({
    title: vscode.l10n.t('Find Session by ID'),
    prompt: vscode.l10n.t('Session ID, as the provider spells it'),
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter a session ID.')),
  });
  const id = input?.trim();
  if (!id) return;
  if (await findLoaded(store, treeView, id)) return;
  const withKey = store.connections.filter((connection) => store.state(connection).hasKey);
  if (withKey.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Set an API key first: no connection can be searched.'));
    return;
  }
  const chosen = withKey.length === 1 ? withKey : await pickConnections(single, withKey);
  if (!chosen) return;
  const direct = chosen.filter((connection) => single.has(connection, 'getOne'));
  const scanOnly = chosen.filter((connection) => !single.has(connection, 'getOne'));
  const outcomes = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking up session {0}…', id), cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        return await Promise.all(
          direct.map(async (connection) => {
            try {
              return { connection, session: await single.get(connection, id, controller.signal) };
            } catch (error) {
              if (error instanceof InspectorError) return { connection, error };
              throw error;
            }
          }),
        );
      } finally {
        cancel.dispose();
      }
    },
  );
  const found = outcomes.flatMap((outcome) => (outcome.session ? [{ connection: outcome.connection, session: outcome.session }] : []));
  const failures = outcomes.flatMap((outcome) => (outcome.error && outcome.error.kind !== 'cancelled' ? [outcome.error] : []));
  if (outcomes.some((outcome) => outcome.error?.kind === 'cancelled')) return;
  if (found.length > 0) {
    const ref = found.length === 1 ? found[0] : await pickFound(single, found);
    if (!ref) return;
    fetched(ref);
    await executeCommand(COMMAND.showDetails, ref);
    return;
  }
  for (const failure of failures.filter((error) => error.kind !== 'notFound')) void vscode.window.showErrorMessage(failure.message);
  const notFound = failures.filter((error) => error.kind === 'notFound').map((error) => error.message);
  if (notFound.length > 0) void vscode.window.showInformationMessage(notFound.join(' '));
  // A provider without get-one keeps the old way: every page of the listing, after asking.
  if (scanOnly.length > 0) await scanForSession(store, scanOnly, id);
}

type ConnectionPick = vscode.QuickPickItem & { readonly connections: readonly ConnectionId[] };

async function pickConnections(single: SingleSessions, connections: readonly ConnectionId[]): Promise<readonly ConnectionId[] | undefined> {
  const items: ConnectionPick[] = [
    { label: vscode.l10n.t('All connections'), connections },
    ...connections.map((connection) => ({
      label: single.label(connection),
      description: single.has(connection, 'getOne') ? undefined : vscode.l10n.t('searches every page'),
      connections: [connection],
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Find Session by ID: in which connection?') });
  return picked?.connections;
}

async function pickFound(single: SingleSessions, found: readonly SessionRef[]): Promise<SessionRef | undefined> {
  const picked = await vscode.window.showQuickPick(
    found.map((ref) => ({ label: single.label(ref.connection), description: ref.session.status, ref })),
    { title: vscode.l10n.t('Several connections have this session ID') },
  );
  return picked?.ref;
}

/** The full record when it holds more than the list's (one request), else the record at hand. */
async function openJson(single: SingleSessions, documents: SessionJsonDocuments, ref: SessionRef): Promise<void> {
  let session = ref.session;
  if (single.isRicher(ref.connection)) {
    try {
      session = await single.get(ref.connection, session.id);
    } catch (error) {
      if (!(error instanceof InspectorError)) throw error;
      void vscode.window.showWarningMessage(vscode.l10n.t('Showing the listed record: the full one could not be fetched. {0}', error.message));
    }
  }
  const uri = documents.put(ref.connection, session);
  let document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== 'json') document = await vscode.languages.setTextDocumentLanguage(document, 'json');
  await vscode.window.showTextDocument(document, { preview: true });
}

/** Running sessions, loaded in the tree, whose provider can stop one. */
function stoppable(store: SessionStore): (SessionRef & { label: string })[] {
  return store
    .loadedSessions()
    .filter((ref) => canStop(ref.session))
    .map((ref) => ({ ...ref, label: store.state(ref.connection).label }));
}

async function pickStoppable(store: SessionStore): Promise<SessionRef | undefined> {
  const candidates = stoppable(store);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No loaded running session can be stopped.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((ref) => ({ label: sessionTarget(ref.session) ?? ref.session.id, description: ref.label, detail: ref.session.id, ref })),
    { title: vscode.l10n.t('Stop which session?'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.ref;
}

/**
 * Stop Session…: a modal confirmation naming the session and the connection, one request, then a
 * refresh of that connection so the session leaves Running. A failure changes nothing and is
 * returned as a CommandFailure, so the details panel shows it too.
 */
async function stopSession(single: SingleSessions, store: SessionStore, ref: SessionRef): Promise<CommandFailure | undefined> {
  const { connection, session } = ref;
  const label = single.label(connection);
  if (!canStop(session)) {
    const provider = DEFINITIONS[session.provider].label;
    const message = single.has(connection, 'stop')
      ? vscode.l10n.t('Session {0} is not running.', session.id)
      : vscode.l10n.t('{0} has no API to stop a session.', provider);
    void vscode.window.showInformationMessage(message);
    return { commandFailed: true, message };
  }
  const stop = vscode.l10n.t('Stop Session');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Stop session {0} in {1}?', session.id, label),
    { modal: true, detail: vscode.l10n.t('The provider ends the browser session; anything still running in it stops.') },
    stop,
  );
  if (choice !== stop) return undefined;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Stopping session {0}…', session.id) }, () =>
      single.stop(connection, session.id),
    );
  } catch (error) {
    if (!(error instanceof InspectorError)) throw error;
    const message = vscode.l10n.t('Could not stop session {0} in {1}: {2}', session.id, label, error.message);
    void vscode.window.showErrorMessage(message);
    return { commandFailed: true, message };
  }
  vscode.window.setStatusBarMessage(vscode.l10n.t('Stopped session {0} in {1}', session.id, label), 3000);
  await store.refresh([connection]);
  return undefined;
}
