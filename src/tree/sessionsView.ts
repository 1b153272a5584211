import * as vscode from 'vscode';
import type { SessionStore } from '../store/sessionStore';
import type { ConnectionId } from '../store/state';
import { childrenOf, itemFor, parentOf, type ItemView, type TreeContext, type TreeNode } from './model';

export const VIEW_ID = 'browserSessions.sessions';

/** Adapts the pure tree model to VS Code. Holds no data of its own: it reads the store on demand. */
export class SessionsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** VS Code matches fired elements by identity, so a connection's root node is created once. */
  private readonly rootNodes = new Map<ConnectionId, TreeNode>();
  private readonly subscription: { dispose(): void };
  private rootsShown: string;

  constructor(
    private readonly store: SessionStore,
    private readonly filtersActive: () => boolean,
  ) {
    this.rootsShown = this.roots();
    this.subscription = store.onDidChange((provider) => this.onStoreChange(provider));
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return childrenOf(node, this.context()).map((child) => this.canonical(child));
  }

  getParent(node: TreeNode): TreeNode | undefined {
    const parent = parentOf(node);
    return parent && this.canonical(parent);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(itemFor(node, this.context()));
  }

  /** Repaints everything, e.g. when filters change the "no sessions match" wording. */
  refreshAll(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private onStoreChange(connection: ConnectionId): void {
    const rootsShown = this.roots();
    if (rootsShown !== this.rootsShown) {
      this.rootsShown = rootsShown;
      this.changed.fire(undefined);
      return;
    }
    // Only the changed connection's subtree is repainted; the others keep their rows untouched.
    this.changed.fire(this.root(connection));
  }

  /** Which roots show: a key added to or removed from an extra connection adds or removes its root. */
  private roots(): string {
    return childrenOf(undefined, this.context())
      .map((node) => (node.kind === 'provider' ? node.connection : ''))
      .join('\n');
  }

  private root(connection: ConnectionId): TreeNode {
    let node = this.rootNodes.get(connection);
    if (!node) {
      node = { kind: 'provider', connection };
      this.rootNodes.set(connection, node);
    }
    return node;
  }

  private canonical(node: TreeNode): TreeNode {
    return node.kind === 'provider' ? this.root(node.connection) : node;
  }

  private context(): TreeContext {
    return {
      connections: this.store.connections,
      read: (connection) => this.store.state(connection),
      filtersActive: this.filtersActive(),
      now: new Date(),
    };
  }
}

export function toTreeItem(view: ItemView): vscode.TreeItem {
  const collapsible = {
    none: vscode.TreeItemCollapsibleState.None,
    collapsed: vscode.TreeItemCollapsibleState.Collapsed,
    expanded: vscode.TreeItemCollapsibleState.Expanded,
  }[view.collapsible];
  const item = new vscode.TreeItem(view.label, collapsible);
  item.id = view.id;
  item.contextValue = view.contextValue;
  if (view.description !== undefined) item.description = view.description;
  if (view.icon) {
    item.iconPath = new vscode.ThemeIcon(view.icon.id, view.icon.color ? new vscode.ThemeColor(view.icon.color) : undefined);
  }
  if (view.tooltip) {
    // Values come from the API: appendText escapes them, so a hostile string stays text.
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**');
    tooltip.appendText(view.tooltip.title);
    tooltip.appendMarkdown('**\n\n');
    for (const line of view.tooltip.lines) {
      tooltip.appendMarkdown(`${line.label}: `);
      tooltip.appendText(line.value);
      tooltip.appendMarkdown('  \n');
    }
    item.tooltip = tooltip;
  }
  if (view.command) item.command = { ...view.command, arguments: [...view.command.arguments] };
  return item;
}
