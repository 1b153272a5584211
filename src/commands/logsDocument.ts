// issue 9 §3: Show Session Logs as a read-only virtual document,
// `browser-session:/logs/<connection>/<session id>.log`. The session JSON documents share the scheme
// (VS Code takes one content provider per scheme), so sessionActions.ts registers one provider that
// sends /logs/ paths here.
import * as vscode from 'vscode';
import { DEFAULT_LOG_BOUNDS, ProviderError, type SessionInspector } from '../providers';
import { formatBytes, formatCount } from '../shared/format';
import type { ConnectionId } from '../store/state';
import { connectionFromArg } from '../system/args';
import { SESSION_DOCUMENT_SCHEME } from '../system/ids';

export interface LogsDocumentDeps {
  inspector(connection: ConnectionId): Promise<SessionInspector | { readonly problem: string }>;
}

export function logsUri(connection: ConnectionId, sessionId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SESSION_DOCUMENT_SCHEME, path: `/logs/${connection}/${encodeURIComponent(sessionId)}.log` });
}

/** Connection and session id of a logs URI; undefined for any other path. */
export function parseLogsUri(uri: vscode.Uri): { connection: ConnectionId; sessionId: string } | undefined {
  const match = /^\/logs\/([^/]+)\/([^/]+)\.log$/.exec(uri.path);
  if (!match) return undefined;
  const connection = connectionFromArg(match[1]);
  let sessionId: string;
  try {
    sessionId = decodeURIComponent(match[2]);
  } catch {
    return undefined;
  }
  return connection === undefined || sessionId === '' ? undefined : { connection, sessionId };
}

/** The document's text: a short header, one line per entry, and a closing line when cut. */
export async function logsDocument(uri: vscode.Uri, deps: LogsDocumentDeps): Promise<string> {
  const target = parseLogsUri(uri);
  if (!target) return vscode.l10n.t('Not a session logs address.');
  const inspector = await deps.inspector(target.connection);
  if ('problem' in inspector) return inspector.problem;
  try {
    const logs = await inspector.logs(target.sessionId);
    const header = vscode.l10n.t('# Session {0}: {1} log entries', target.sessionId, formatCount(logs.lines.length));
    const footer = logs.truncated
      ? [
          vscode.l10n.t(
            '# … truncated: only the first {0} entries are shown (at most {1} lines, {2}).',
            formatCount(logs.lines.length),
            formatCount(DEFAULT_LOG_BOUNDS.maxLines),
            formatBytes(DEFAULT_LOG_BOUNDS.maxBytes) ?? '',
          ),
        ]
      : [];
    return [header, ...logs.lines, ...footer].join('\n') + '\n';
  } catch (error) {
    // Shown in the document itself: an empty tab would not say why.
    if (error instanceof ProviderError) return vscode.l10n.t('# Could not load the logs: {0}', error.message) + '\n';
    throw error;
  }
}
