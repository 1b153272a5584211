// Issue 9 §1: Open Session as JSON. A read-only virtual document per session under the scheme
// `browser-session` (browser-session:/<connection>/<id>.json, so the editor picks the json
// language), holding the provider's record pretty-printed: the full record when one was fetched.
import * as vscode from 'vscode';
import type { Session } from '../providers/types';
import { SESSION_DOCUMENT_SCHEME } from '../system/ids';

export class SessionJsonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Looked up when VS Code asks for a document it holds no text for (e.g. after a window reload). */
  constructor(private readonly fallback: (connection: string, id: string) => Session | undefined) {}

  static uriFor(connection: string, id: string): vscode.Uri {
    // The id is one path segment whatever it holds ("/", "?", "#").
    return vscode.Uri.from({ scheme: SESSION_DOCUMENT_SCHEME, path: `/${connection}/${encodeURIComponent(id)}.json` });
  }

  /** Sets the document's text; an open document of that session is updated in place. */
  put(connection: string, session: Session): vscode.Uri {
    const uri = SessionJsonDocuments.uriFor(connection, session.id);
    const key = uri.toString();
    const text = jsonText(session);
    const before = this.texts.get(key);
    this.texts.set(key, text);
    if (before !== undefined && before !== text) this.changed.fire(uri);
    return uri;
  }

  /** Only a session already shown as a document is updated (a refresh must not collect them all). */
  refresh(connection: string, session: Session): void {
    if (this.texts.has(SessionJsonDocuments.uriFor(connection, session.id).toString())) this.put(connection, session);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const known = this.texts.get(uri.toString());
    if (known !== undefined) return known;
    const parsed = /^\/([^/]+)\/([^/]+)\.json$/.exec(uri.path);
    const session = parsed ? this.fallback(parsed[1], safeDecode(parsed[2])) : undefined;
    return session ? jsonText(session) : vscode.l10n.t('// This session is no longer loaded. Refresh the Browser Sessions view and open it again.');
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

function jsonText(session: Session): string {
  return `${JSON.stringify(session.raw, null, 2) ?? 'null'}\n`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
