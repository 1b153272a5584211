// A stand-in for one webview panel and its webview, for the host-side tests of both panels:
// it records what the host posts (cloned, as VS Code serialises it) and lets the test play the
// webview's messages, visibility and closing.
import { EventEmitter } from './vscode';

export interface FakeUri {
  readonly path: string;
}

/** `vscode.Uri.joinPath`, as the panels call it for their assets. */
export function fakeJoinPath(base: FakeUri, ...parts: string[]): FakeUri {
  return { path: [base.path, ...parts].join('/') };
}

export class FakeWebview<Message> {
  html = '';
  readonly cspSource = 'https://csp.example';
  readonly posted: Message[] = [];
  readonly messages = new EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.messages.event;
  postMessage(message: Message): Promise<boolean> {
    // VS Code serialises what crosses to the webview; a clone catches anything that would not survive.
    this.posted.push(structuredClone(message));
    return Promise.resolve(true);
  }
  asWebviewUri(uri: FakeUri): { toString(): string } {
    return { toString: () => `https://resource.example${uri.path}` };
  }
}

export class FakePanel<Message> {
  visible = true;
  revealed = 0;
  disposed = false;
  readonly webview = new FakeWebview<Message>();
  readonly disposeEmitter = new EventEmitter<void>();
  readonly viewState = new EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  readonly onDidChangeViewState = this.viewState.event;
  constructor(
    readonly viewType: string,
    public title: string,
    readonly options: Record<string, unknown>,
  ) {}
  reveal(): void {
    this.revealed++;
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
}
