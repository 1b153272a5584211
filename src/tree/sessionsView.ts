import * as vscode from 'vscode';
import type { ProviderId } from '../providers/types';
import type { SessionStore } from '../store/sessionStore';
import { childrenOf, itemFor, parentOf, type ItemView, type TreeContext, type TreeNode } from './model';

export const VIEW_ID = 'browserSessions.sessions';

/** Adapts the pure tree model to VS Code. Holds no data of its own: it reads the store on demand. */
export class SessionsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** VS Code matches fired elements by identity, so provider nodes are created once. */
  private readonly providerNodes: ReadonlyMap<ProviderId, TreeNode>;
  private readonly subscription: { dispose(): void };
  private rootsShown: boolean;

  constructor(
    private readonly store: SessionStore,
    private readonly filtersActive: () => boolean,
  ) {
    this.providerNodes = new Map(store.providers.map((provider) => [provider, { kind: 'provider', provider }]));
    this.rootsShown = this.anyKey();
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

  private onStoreChange(provider: ProviderId): void {
    const rootsShown = this.anyKey();
    if (rootsShown !== this.rootsShown) {
      this.rootsShown = rootsShown;
      this.changed.fire(undefined);
      return;
    }
    // Only the changed provider's subtree is repainted; the other keeps its rows untouched.
    this.changed.fire(this.providerNodes.get(provider));
  }

  private anyKey(): boolean {
    return this.store.providers.some((provider) => this.store.state(provider).hasKey);
  }

  private canonical(node: TreeNode): TreeNode {
    return node.kind === 'provider' ? (this.providerNodes.get(node.provider) ?? node) : node;
  }

  private context(): TreeContext {
    return {
      providers: this.store.providers,
      read: (provider) => this.store.state(provider),
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
