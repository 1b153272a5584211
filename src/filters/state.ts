// The active filters, kept per workspace. The merge and validation rules live in model.ts.
import * as vscode from 'vscode';
import { NO_FILTERS, applyChange, isActive, sameFilters, sanitizeFilters, type Filters } from './model';
import { executeCommand } from '../system/command';

const STORAGE_KEY = 'browserSessions.filters';
/** Lets the view title show Clear Filters only when there is something to clear. */
const CONTEXT_KEY = 'browserSessions.hasFilters';

export class FilterState implements vscode.Disposable {
  private filters: Filters;
  private readonly changed = new vscode.EventEmitter<Filters>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {
    // Stored by this or an older version, or edited by hand: trust nothing.
    this.filters = sanitizeFilters(memento.get<unknown>(STORAGE_KEY, NO_FILTERS));
    this.publishContext();
  }

  get current(): Filters {
    return this.filters;
  }

  /** A key set to undefined removes that filter. Nothing happens when nothing changes. */
  async update(change: Partial<Filters> | ((filters: Filters) => Filters)): Promise<void> {
    const next = applyChange(this.filters, change);
    if (sameFilters(next, this.filters)) return;
    // Memory first, so a second update made before this one is stored builds on it.
    this.filters = next;
    this.publishContext();
    this.changed.fire(next);
    await this.memento.update(STORAGE_KEY, next);
  }

  clear(): Promise<void> {
    return this.update(() => NO_FILTERS);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private publishContext(): void {
    void executeCommand('setContext', CONTEXT_KEY, isActive(this.filters));
  }
}
