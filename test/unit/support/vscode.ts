// The one stand-in for the `vscode` module in unit tests (./register-vscode points `vscode` here).
// Only what the code under test touches; anything else is a TypeError, which is the point.
type Listener<T> = (value: T) => void;

/** Also the emitter of the scripted stand-ins in other unit tests: it records what it fired. */
export class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly fired: T[] = [];
  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void {
    this.fired.push(value);
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
  /** Listeners still subscribed, so tests can check that disposing released them. */
  get size(): number {
    return this.listeners.size;
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class TreeItem {
  id?: string;
  description?: string;
  contextValue?: string;
  iconPath?: ThemeIcon;
  tooltip?: MarkdownString;
  command?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState: TreeItemCollapsibleState,
  ) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

/** Records what was appended as text (escaped by VS Code) apart from what was appended as markdown. */
export class MarkdownString {
  value = '';
  readonly textParts: string[] = [];
  appendText(text: string): this {
    this.textParts.push(text);
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!<>&|~]/g, (c) => `\\${c}`);
    return this;
  }
  appendMarkdown(markdown: string): this {
    this.value += markdown;
    return this;
  }
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

/** What `window.createStatusBarItem` returns: plain fields, and whether it is shown. */
export class StatusBarItem {
  name?: string;
  text = '';
  tooltip?: string | MarkdownString;
  command?: unknown;
  accessibilityInformation?: { label: string };
  visible = false;
  disposed = false;
  constructor(
    readonly id: string,
    readonly alignment: StatusBarAlignment,
    readonly priority?: number,
  ) {}
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {
    this.visible = false;
    this.disposed = true;
  }
}

// ---- namespaces: defaults that record, which a test scripts with `script` -------------------

type Member = (...args: never[]) => unknown;
type Handler = (...args: unknown[]) => unknown;

/** Handlers registered through `commands.registerCommand`, by id. */
export const registered = new Map<string, Handler>();
/** Error messages shown through `window.showErrorMessage`, oldest first. */
export const shownErrors: string[] = [];
/** Every item `window.createStatusBarItem` made, oldest first. */
export const statusBarItems: StatusBarItem[] = [];

export const commands: Record<string, Member> = {
  registerCommand: (id: string, handler: Handler) => {
    registered.set(id, handler);
    return { dispose: () => registered.delete(id) };
  },
  executeCommand: () => Promise.resolve(undefined),
};

export const window: Record<string, Member> = {
  showErrorMessage: (message: string) => {
    shownErrors.push(message);
    return Promise.resolve(undefined);
  },
  showInformationMessage: () => Promise.resolve(undefined),
  showWarningMessage: () => Promise.resolve(undefined),
  createStatusBarItem: (id: string, alignment: StatusBarAlignment, priority?: number) => {
    const item = new StatusBarItem(id, alignment, priority);
    statusBarItems.push(item);
    return item;
  },
};

export const env: Record<string, Member> = {};
export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}
export const Uri: Record<string, Member> = {};
export const ViewColumn = { Active: -1, One: 1 } as const;
export const QuickPickItemKind = { Separator: -1, Default: 0 } as const;

/**
 * `vscode.l10n.t` as VS Code runs it with no bundle loaded: the English message with `{0}`-style
 * (or `{name}`-style, from a record) placeholders filled in.
 */
export const l10n = {
  t(message: string | { message: string }, ...args: unknown[]): string {
    const text = typeof message === 'string' ? message : message.message;
    const first = args[0];
    const named = args.length === 1 && typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : undefined;
    return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
      const value = named ? named[key] : args[Number(key)];
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : whole;
    });
  },
};

export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}

/**
 * Settings as `workspace.getConfiguration(section).get/update` see them, by full key
 * ("browserSessions.connections"), with every update and its target recorded. An update fires
 * `onDidChangeConfiguration` afterwards, as VS Code does.
 */
export const settings = {
  values: new Map<string, unknown>(),
  updates: [] as { key: string; value: unknown; target: unknown }[],
};
const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();

/** Functions and plain fields (`workspaceFolders`), scripted by the tests that need them. */
export const workspace: Record<string, unknown> = {
  getConfiguration: (section?: string) => {
    const full = (key: string): string => (section ? `${section}.${key}` : key);
    return {
      get: (key: string, fallback?: unknown) => (settings.values.has(full(key)) ? settings.values.get(full(key)) : fallback),
      update: (key: string, value: unknown, target?: unknown) => {
        const changed = full(key);
        settings.updates.push({ key: changed, value, target });
        if (value === undefined) settings.values.delete(changed);
        else settings.values.set(changed, value);
        configurationChanged.fire({ affectsConfiguration: (name) => changed === name || changed.startsWith(`${name}.`) });
        return Promise.resolve();
      },
    };
  },
  onDidChangeConfiguration: configurationChanged.event,
};

// Issue 9 (virtual JSON documents): scriptable like the others, empty by default.
export const languages: Record<string, Member> = {};

const NAMESPACES: Readonly<Record<string, Record<string, unknown>>> = { commands, window, env, Uri, workspace, languages };

/**
 * The one way a test scripts `vscode`: each namespace's members replace the defaults above. Load
 * ./register-vscode first so that `vscode` resolves to this module; then require the code under test.
 */
export function script(parts: Readonly<Record<string, object>>): void {
  for (const [name, members] of Object.entries(parts)) {
    const target = NAMESPACES[name];
    if (!target) throw new Error(`the vscode stand-in has no scriptable namespace "${name}"`);
    Object.assign(target, members);
  }
}
