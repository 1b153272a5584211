// The smallest stand-in for the `vscode` module that the tree adapter needs in plain Node.
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

/** `window` as far as the command wrapper uses it; `recordErrors` starts a fresh record of shown errors. */
export const window = {
  errors: [] as string[],
  recordErrors(): string[] {
    this.errors = [];
    return this.errors;
  },
  showErrorMessage(message: string): Promise<undefined> {
    this.errors.push(message);
    return Promise.resolve(undefined);
  },
};

export const commands = {
  registerCommand(_id: string, _handler: (...args: unknown[]) => unknown): { dispose(): void } {
    return { dispose() {} };
  },
  executeCommand(): Promise<undefined> {
    return Promise.resolve(undefined);
  },
};
