// The connections as VS Code holds them: the machine-scoped `browserSessions.connections` setting,
// re-read when it changes. Every entry is validated (./connections.ts); a bad one is skipped and logged.
import * as vscode from 'vscode';
import { buildConnections, parseConnections, type Connection, type ConnectionEntry, type ConnectionId } from './connections';

const SECTION = 'browserSessions';
const KEY = 'connections';
export const CONNECTIONS_SETTING = `${SECTION}.${KEY}`;

export class LiveConnections implements vscode.Disposable {
  private entries: readonly ConnectionEntry[] = [];
  private all: readonly Connection[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(CONNECTIONS_SETTING)) return;
      this.read();
      this.changed.fire();
    });
  }

  get list(): readonly Connection[] {
    return this.all;
  }

  find(id: ConnectionId): Connection | undefined {
    return this.all.find((connection) => connection.id === id);
  }

  /** Extra connections only (the defaults are not in the setting). */
  get extra(): readonly Connection[] {
    return this.all.filter((connection) => !connection.isDefault);
  }

  async add(entry: ConnectionEntry): Promise<void> {
    await this.write([...this.entries, entry]);
  }

  async remove(id: ConnectionId): Promise<void> {
    await this.write(this.entries.filter((entry) => entry.id !== id));
  }

  async rename(id: ConnectionId, label: string): Promise<void> {
    await this.write(this.entries.map((entry) => (entry.id === id ? { ...entry, label } : entry)));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** User (global) settings only: a workspace must never hold where a key goes. */
  private async write(entries: readonly ConnectionEntry[]): Promise<void> {
    const value = entries.map(({ id, provider, label, baseUrl }) => ({ id, provider, label, ...(baseUrl !== undefined ? { baseUrl } : {}) }));
    await vscode.workspace.getConfiguration(SECTION).update(KEY, value, vscode.ConfigurationTarget.Global);
    // The change event follows; reading now lets the caller use the new list at once.
    this.read();
  }

  private read(): void {
    // Machine scope: VS Code ignores a workspace's value for this setting, so `get` reads user/machine only.
    const raw = vscode.workspace.getConfiguration(SECTION).get<unknown>(KEY);
    const { entries, problems } = parseConnections(raw);
    for (const problem of problems) this.log.warn(problem);
    this.entries = entries;
    this.all = buildConnections(entries);
  }
}
