// Headless Chromium (the Debian package, driven by playwright-core) and a small page object for the
// VS Code workbench that code-server serves. Selectors follow VS Code's own DOM and ARIA roles.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Frame, type FrameLocator, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Waits are generous: a cold workbench on two cores takes about 9 s to show an extension's tree. */
export const TIMEOUTS = { workbench: 60_000, action: 15_000, tree: 30_000 } as const;

export interface Browser {
  context: BrowserContext;
  page: Page;
  workbench: Workbench;
  /** Pages opened later, e.g. by vscode.env.openExternal. */
  waitForNewPage(timeoutMs?: number): Promise<Page>;
  close(): Promise<void>;
}

/**
 * One persistent context on a fresh profile. code-server keeps SecretStorage in the browser
 * profile, so a test that sets an API key and then uses it must stay in one context.
 */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; /** Reused and kept, e.g. to keep its secrets across runs. */ profileDir?: string } = {},
): Promise<Browser> {
  const ownsProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'e2e-chromium-')));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1400, height: 900 },
    });
  } catch (error) {
    if (ownsProfile) await fs.rm(profileDir, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(TIMEOUTS.action);
  const page = context.pages()[0] ?? (await context.newPage());
  const workbench = new Workbench(page);
  let closed = false;
  return {
    context,
    page,
    workbench,
    waitForNewPage: (timeoutMs = TIMEOUTS.action) => context.waitForEvent('page', { timeout: timeoutMs }),
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      if (ownsProfile) await fs.rm(profileDir, { recursive: true, force: true });
    },
  };
}

export interface ConsoleEntry {
  type: string;
  text: string;
  /** The URL of the frame that logged it: the workbench or a webview. */
  frameUrl: string;
}

export class Workbench {
  readonly console: ConsoleEntry[] = [];
  readonly pageErrors: Error[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message: ConsoleMessage) => this.console.push(consoleEntry(message)));
    page.on('pageerror', (error) => this.pageErrors.push(error));
  }

  /** Console lines of level error, and CSP refusals whatever their level. */
  consoleErrors(): ConsoleEntry[] {
    return this.console.filter((entry) => entry.type === 'error' || isCspViolation(entry));
  }

  /**
   * Content-Security-Policy refusals in any frame, webviews included. Chromium logs each one to the
   * console; a `securitypolicyviolation` listener cannot be used because VS Code writes webview
   * content with document.open(), which drops every listener an init script added.
   */
  cspViolations(): ConsoleEntry[] {
    return this.console.filter(isCspViolation);
  }

  /** Console lines logged by webview documents (frames under VS Code's webview host page). */
  webviewConsole(): ConsoleEntry[] {
    return this.console.filter((entry) => entry.frameUrl.includes('/contrib/webview/'));
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: TIMEOUTS.workbench });
    await this.page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: TIMEOUTS.workbench });
  }

  activityBarItem(title: string): Locator {
    return this.page.locator(`.part.activitybar li.action-item:has(> [aria-label^="${cssString(title)}"])`).first();
  }

  /** Shows the view container with that title in the side bar; never toggles it closed. */
  async openSidebar(title = 'Browser Sessions'): Promise<void> {
    const item = this.activityBarItem(title);
    await item.waitFor({ state: 'visible', timeout: TIMEOUTS.workbench });
    if (!(await this.isSidebarShowing(title))) await item.click();
    await this.sidebarTitle(title).waitFor({ state: 'visible' });
  }

  /** The side bar's title ("<container>: <view>" for a one-view container), matched case-insensitively. */
  sidebarTitle(title = 'Browser Sessions'): Locator {
    return this.page.locator('.part.sidebar .composite.title .title-label').filter({ hasText: new RegExp(`^${escapeRegExp(title)}`, 'i') });
  }

  private async isSidebarShowing(title: string): Promise<boolean> {
    return (await this.page.locator('.part.sidebar').isVisible()) && (await this.sidebarTitle(title).count()) > 0;
  }

  /** The side bar's view pane whose header or merged title names the view, e.g. "Sessions". */
  viewPane(name: string): Locator {
    return this.page.locator('.part.sidebar .pane').filter({ has: this.page.locator(`.pane-header[aria-label^="${cssString(name)}"]`) });
  }

  /**
   * The view's description (TreeView.description), read from the view's pane header. With one view
   * in its container, VS Code 1.139 hides that header: the text is in the DOM, not on screen.
   */
  async viewDescription(): Promise<string> {
    const candidates = this.page.locator('.part.sidebar .pane-header .description');
    const texts = await candidates.allInnerTexts();
    return texts.map((text) => text.trim()).find((text) => text !== '') ?? '';
  }

  async runCommand(title: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    const input = this.quickInputBox();
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await this.quickPickRow(title, { allowCategory: true }).click();
    // Returns once the palette is gone or replaced by the command's own quick input, so a following
    // pickQuickItem() or quickPickLabels() never reads the palette's rows.
    await this.page.waitForFunction(`(() => {
      const input = document.querySelector('.quick-input-widget .quick-input-box input');
      return !input || input.offsetParent === null || !input.value.startsWith('>');
    })()`);
  }

  /** Picks an item of the open quick pick by its label, filtering first so the row is rendered. */
  async pickQuickItem(label: string | RegExp): Promise<void> {
    const input = this.quickInputBox();
    await input.waitFor({ state: 'visible' });
    if (typeof label === 'string') await input.fill(label);
    await this.quickPickRow(label).click();
  }

  /** Labels of the open quick pick's rendered rows. */
  async quickPickLabels(): Promise<string[]> {
    await this.quickInputBox().waitFor({ state: 'visible' });
    return (await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
  }

  /** Types into the open input box (or quick pick) and accepts with Enter. */
  async fillInput(text: string): Promise<void> {
    const input = this.quickInputBox();
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    await input.press('Enter');
  }

  /**
   * VS Code's simple save dialog (code-server has no native one) reuses the quick input of the pick
   * before it: typing before it shows its own default path would type into the closing pick.
   */
  async fillSaveDialog(target: string): Promise<void> {
    const input = this.quickInputBox();
    const deadline = Date.now() + TIMEOUTS.action;
    const value = (): Promise<string> => input.inputValue().catch(() => '');
    // The dialog shows its folder first and its default file name a moment later: typing before it
    // has settled is overwritten. Settled: a path that has not changed for half a second.
    let shown = '';
    for (let steady = 0; steady < 10; ) {
      if (Date.now() > deadline) throw new Error('the save dialog did not settle on a path');
      await this.page.waitForTimeout(50);
      const now = await value();
      steady = now.startsWith('/') && now === shown ? steady + 1 : 0;
      shown = now;
    }
    await input.fill(target);
    // The dialog reads the folder typed before it takes Enter, and drops an Enter that comes too
    // early: while it still shows the path, OK is pressed again; a path it rewrote is typed again.
    const ok = this.page.locator('.quick-input-widget').getByRole('button', { name: 'OK', exact: true });
    await input.press('Enter');
    while (await input.isVisible()) {
      if (Date.now() > deadline + TIMEOUTS.action) throw new Error('the save dialog did not take the path');
      await this.page.waitForTimeout(500);
      if (!(await input.isVisible())) break;
      if ((await value()) !== target) await input.fill(target).catch(() => undefined);
      if (await ok.isVisible()) await ok.click({ timeout: 2_000 }).catch(() => undefined);
    }
  }

  /** The message under the input box, e.g. a validation error. */
  async quickInputMessage(): Promise<string> {
    return (await this.page.locator('.quick-input-widget .quick-input-message').innerText()).trim();
  }

  quickInputBox(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  async closeQuickInput(): Promise<void> {
    if (await this.quickInputBox().isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInputBox().waitFor({ state: 'hidden' });
    }
  }

  private quickPickRow(label: string | RegExp, { allowCategory = false } = {}): Locator {
    const exact =
      typeof label === 'string'
        ? new RegExp(`^(?:${allowCategory ? '[^:]+: ' : ''})?${escapeRegExp(label)}$`)
        : label;
    // A row also shows a description, detail or keybinding; its .label-name holds the label alone.
    return this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.quick-input-list-label .label-name').filter({ hasText: exact }) })
      .first();
  }

  /**
   * A row of the side bar's tree. Its accessible name is the label, a space, then the description;
   * a string matches a name that starts with it as a whole word sequence, a RegExp as given.
   */
  treeItem(name: string | RegExp): Locator {
    return this.page.locator('.part.sidebar').getByRole('treeitem', { name: treeItemName(name) }).first();
  }

  /** Expands a collapsed tree row and waits until VS Code says it is expanded. */
  async expand(name: string | RegExp): Promise<void> {
    await this.setExpanded(name, true);
  }

  async collapse(name: string | RegExp): Promise<void> {
    await this.setExpanded(name, false);
  }

  private async setExpanded(name: string | RegExp, expanded: boolean): Promise<void> {
    const item = this.treeItem(name);
    await item.waitFor({ state: 'visible', timeout: TIMEOUTS.tree });
    // Rows are recycled as the list scrolls, so state is re-read through ARIA rather than kept.
    if ((await item.getAttribute('aria-expanded')) === String(!expanded)) await item.locator('.monaco-tl-twistie').click();
    const settled = this.page.locator('.part.sidebar').getByRole('treeitem', { name: treeItemName(name), expanded });
    await settled.first().waitFor({ state: 'visible' });
    // Children load asynchronously; VS Code shows a spinning twistie meanwhile.
    await settled.first().locator('.monaco-tl-twistie.codicon-tree-item-loading').waitFor({ state: 'detached', timeout: TIMEOUTS.tree });
  }

  /** Labels of the tree rows rendered in the side bar, top to bottom (a virtual list: visible ones only). */
  async visibleTreeLabels(): Promise<string[]> {
    const rows = this.page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
    const rendered = await rows.evaluateAll((elements: RowElement[]) =>
      elements.map((row) => ({ index: Number(row.getAttribute('data-index')), label: row.querySelector('.label-name')?.textContent ?? '' })),
    );
    return rendered.sort((a, b) => a.index - b.index).map((row) => row.label.trim());
  }

  /** Waits until the tree shows a row matching each name. */
  async waitForTreeItems(...names: Array<string | RegExp>): Promise<void> {
    for (const name of names) await this.treeItem(name).waitFor({ state: 'visible', timeout: TIMEOUTS.tree });
  }

  /** Messages of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    const messages = this.page.locator('.notifications-toasts .notification-toast .notification-list-item-message');
    return (await messages.allInnerTexts()).map((text) => text.trim());
  }

  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
  }

  async waitForNotification(text: string | RegExp, timeoutMs = TIMEOUTS.action): Promise<string> {
    const toast = this.notification(text);
    await toast.waitFor({ state: 'visible', timeout: timeoutMs });
    return (await toast.locator('.notification-list-item-message').innerText()).trim();
  }

  async dismissNotifications(): Promise<void> {
    const toasts = this.page.locator('.notifications-toasts .notification-toast');
    const deadline = Date.now() + TIMEOUTS.action;
    while ((await toasts.count()) > 0) {
      if (Date.now() > deadline) throw new Error(`notifications stayed on screen: ${(await toasts.allInnerTexts()).join(' | ')}`);
      const toast = toasts.first();
      const close = toast.locator('.codicon-notifications-clear, .codicon-close').first();
      // A toast can close itself between the count and the click (a finished progress fading out),
      // and a progress still running has only Cancel: it goes when its work ends.
      await toast.hover({ timeout: 2_000 }).catch(() => undefined);
      if (await close.isVisible()) await close.click({ timeout: 2_000 }).catch(() => undefined);
      else await this.page.waitForTimeout(100);
    }
  }

  /** The editor tab with that title. */
  editorTab(title: string | RegExp): Locator {
    return this.page.locator('.part.editor .tabs-container [role="tab"]').filter({ hasText: title }).first();
  }

  /** The active webview's content document (VS Code nests it in a second iframe). */
  webviewFrame(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  /** Webview content frames, for evaluating script in them. */
  webviewContentFrames(): Frame[] {
    return this.page.frames().filter((frame) => frame.name() === 'active-frame' || /\/fake\.html/.test(frame.url()));
  }

  /** Right-clicks a tree row and picks a context menu entry. */
  async contextMenu(name: string | RegExp, entry: string | RegExp): Promise<void> {
    await this.rowContextMenu(this.treeItem(name), entry);
  }

  /** Right-clicks a row (any locator) and picks a context menu entry. */
  async rowContextMenu(row: Locator, entry: string | RegExp): Promise<void> {
    const menu = await this.openContextMenu(row);
    // VS Code's menu ignores a click that lands right after it opens; hover focuses the item and
    // Enter runs it, as a keyboard user would.
    const item = menu.getByRole('menuitem', { name: entry });
    await item.hover();
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
  }

  /** The entries of a row's context menu, which is closed again with Escape. */
  async contextMenuEntries(row: Locator): Promise<string[]> {
    const menu = await this.openContextMenu(row);
    const entries = (await menu.getByRole('menuitem').allInnerTexts()).map((text) => text.trim());
    await this.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    return entries;
  }

  private async openContextMenu(row: Locator): Promise<Locator> {
    await row.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ state: 'visible' });
    return menu;
  }

  /**
   * Every rendered row of a view's tree, top to bottom, as VS Code describes it through ARIA. The
   * list is virtual: rows scrolled out of sight are not rendered, so keep the tree short enough.
   */
  async treeRows(viewName: string): Promise<TreeRow[]> {
    const rows = this.viewPane(viewName).locator('.monaco-list-row[role="treeitem"]');
    const rendered = await rows.evaluateAll((elements: RowElement[]) =>
      elements.map((row) => ({
        index: Number(row.getAttribute('data-index')),
        level: Number(row.getAttribute('aria-level')),
        expanded: row.getAttribute('aria-expanded'),
        label: row.querySelector('.label-name')?.textContent ?? '',
        description: row.querySelector('.label-description')?.textContent ?? '',
      })),
    );
    return rendered
      .sort((a, b) => a.index - b.index)
      .map(({ expanded, label, description, ...rest }) => ({
        ...rest,
        label: label.trim(),
        description: description.trim(),
        expanded: expanded === null ? undefined : expanded === 'true',
      }));
  }

  /** A rendered tree row by its position in the list (TreeRow.index). */
  treeRowAt(viewName: string, index: number): Locator {
    return this.viewPane(viewName).locator(`.monaco-list-row[role="treeitem"][data-index="${index}"]`);
  }

  /** Drags the side bar's sash so the side bar is `width` pixels wide. */
  async resizeSidebar(width: number): Promise<void> {
    const sidebar = await this.page.locator('.part.sidebar').boundingBox();
    const sash = await this.page.locator('.monaco-sash.vertical.primary-sidebar-sash').boundingBox();
    if (!sidebar || !sash) throw new Error('the side bar or its sash is not on screen');
    const y = sash.y + sash.height / 2;
    await this.page.mouse.move(sash.x + sash.width / 2, y);
    await this.page.mouse.down();
    await this.page.mouse.move(sidebar.x + width, y, { steps: 5 });
    await this.page.mouse.up();
  }

  /**
   * Makes the page report focus as a foreground window would. A headless browser has no window
   * manager, so whether document.hasFocus() is true otherwise depends on the Chromium build; VS Code
   * derives `vscode.window.state.focused` from it. CDP focus emulation is what DevTools' "Emulate a
   * focused page" uses: the page keeps focus even while another page (an opened link) is in front.
   */
  async emulateFocus(): Promise<void> {
    const session = await this.page.context().newCDPSession(this.page);
    await session.send('Emulation.setFocusEmulationEnabled', { enabled: true });
    await this.page.bringToFront();
  }

  /** A modal dialog of the workbench, e.g. "Do you want … to open the external website?". */
  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** Moves the pointer to an empty corner of the status bar so no hover or tooltip shows in screenshots. */
  async parkPointer(): Promise<void> {
    const viewport = this.page.viewportSize();
    await this.page.mouse.move((viewport?.width ?? 1400) / 2, (viewport?.height ?? 900) - 2);
  }

  async screenshot(file: string): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
  }
}

/** The little of a DOM element that page functions here use (the project's types have no DOM lib). */
interface RowElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): { textContent: string | null } | null;
}

/** One rendered row of a tree view. */
export interface TreeRow {
  /** Position in the whole list (data-index); stable until rows above it appear or go. */
  readonly index: number;
  /** 1 for roots. */
  readonly level: number;
  readonly label: string;
  readonly description: string;
  /** undefined for a row that cannot expand. */
  readonly expanded: boolean | undefined;
}

function isCspViolation(entry: ConsoleEntry): boolean {
  return /Content Security Policy/i.test(entry.text);
}

function consoleEntry(message: ConsoleMessage): ConsoleEntry {
  let frameUrl = '';
  try {
    frameUrl = message.location().url;
  } catch {
    // A message of a frame that is already gone.
  }
  return { type: message.type(), text: message.text(), frameUrl };
}

function treeItemName(name: string | RegExp): RegExp {
  return typeof name === 'string' ? new RegExp(`^${escapeRegExp(name)}(?:\\s|$)`) : name;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cssString(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}
