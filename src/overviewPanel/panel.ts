// The one overview panel: it computes through the OverviewSource with a signal it aborts on Cancel,
// on a newer computation and on close; posts nothing before the webview says `ready`, and replays
// the last report and the computation in progress after each `ready` (the webview is rebuilt when
// it is hidden and shown again, so its context need not be retained).
import * as vscode from 'vscode';
import type { OverviewPeriodDays, OverviewReport, OverviewSource } from '../shared/overview';
import { isOverviewWebviewMessage, type OverviewHostToWebview } from '../shared/overviewProtocol';
import { buildOverviewHtml } from './html';
import { createWebviewPanel, panelAssets, watchPanel } from '../system/webviewPanel';
import { errorMessage } from '../providers/errors';

export const OVERVIEW_VIEW_TYPE = 'browserSessions.overview';
export const DEFAULT_PERIOD: OverviewPeriodDays = 30;

type ReportMessage = Extract<OverviewHostToWebview, { type: 'report' }>;
type FailedMessage = Extract<OverviewHostToWebview, { type: 'failed' }>;

interface Computation {
  readonly run: number;
  readonly controller: AbortController;
  readonly started: OverviewHostToWebview;
  progress?: OverviewHostToWebview;
}

export class OverviewPanel {
  private ready = false;
  private disposed = false;
  private runs = 0;
  /** The period of the newest computation: what a refresh from outside computes again. */
  private period: OverviewPeriodDays = DEFAULT_PERIOD;
  private current: Computation | undefined;
  /** The newest report, or the newest failure when it came after that report. */
  private lastReport: ReportMessage | undefined;
  private lastFailure: FailedMessage | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `onClosed` runs once when the panel is closed (by the user or by dispose). */
  static create(extensionUri: vscode.Uri, source: OverviewSource, onClosed: () => void): OverviewPanel {
    const title = vscode.l10n.t('Sessions Overview');
    const panel = createWebviewPanel(OVERVIEW_VIEW_TYPE, title, extensionUri);
    return new OverviewPanel(panel, extensionUri, source, title, onClosed);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly source: OverviewSource,
    title: string,
    private readonly onClosed: () => void,
  ) {
    this.subscriptions.push(
      ...watchPanel(panel, {
        receive: (message) => this.receive(message),
        hidden: () => (this.ready = false),
        disposed: () => this.release(),
      }),
    );
    panel.webview.html = buildOverviewHtml({ ...panelAssets(panel.webview, extensionUri, 'overview.js', 'overview.css'), title });
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Closes the panel; its onDidDispose then aborts the computation and releases everything. */
  dispose(): void {
    if (!this.disposed) this.panel.dispose();
  }

  /** Starts a computation for `periodDays` (by default the period shown), aborting the one in progress. */
  compute(periodDays: OverviewPeriodDays = this.period): void {
    if (this.disposed) return;
    this.period = periodDays;
    this.current?.controller.abort();
    const run = ++this.runs;
    const computation: Computation = { run, controller: new AbortController(), started: { type: 'started', run, periodDays } };
    this.current = computation;
    this.post(computation.started);
    void this.finish(computation, periodDays);
  }

  private async finish(computation: Computation, periodDays: OverviewPeriodDays): Promise<void> {
    const { run, controller } = computation;
    const isCurrent = (): boolean => !this.disposed && this.current === computation;
    let outcome: ReportMessage | FailedMessage;
    try {
      const report: OverviewReport = await this.source.compute(
        periodDays,
        (step) => {
          if (!isCurrent() || controller.signal.aborted) return;
          computation.progress = { type: 'progress', run, message: step.message, ...(step.fraction === undefined ? {} : { fraction: step.fraction }) };
          this.post(computation.progress);
        },
        controller.signal,
      );
      // A source that finishes despite the abort must not show what was cancelled.
      outcome = controller.signal.aborted ? this.cancelled(run) : { type: 'report', run, report };
    } catch (error) {
      outcome = controller.signal.aborted
        ? this.cancelled(run)
        : { type: 'failed', run, cancelled: false, message: vscode.l10n.t('The overview could not be computed: {0}', errorMessage(error)) };
    }
    if (!isCurrent()) return;
    this.current = undefined;
    if (outcome.type === 'report') {
      this.lastReport = outcome;
      this.lastFailure = undefined;
    } else {
      this.lastFailure = outcome;
      // Cancelled: the period on screen is the last report's again, and a refresh from outside keeps it.
      if (outcome.cancelled && this.lastReport) this.period = this.lastReport.report.periodDays;
    }
    this.post(outcome);
  }

  private cancelled(run: number): FailedMessage {
    return { type: 'failed', run, cancelled: true, message: vscode.l10n.t('Cancelled. The last overview stays.') };
  }

  private release(): void {
    this.disposed = true;
    this.current?.controller.abort();
    this.current = undefined;
    for (const subscription of this.subscriptions) subscription.dispose();
    this.subscriptions.length = 0;
    this.onClosed();
  }

  private post(message: OverviewHostToWebview): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
  }

  /** Oldest run first, so the webview's "newest run wins" rule leaves it where the host is. */
  private replay(): void {
    const current = this.current;
    for (const message of [this.lastReport, this.lastFailure, current?.started, current?.progress]) {
      if (message) this.post(message);
    }
  }

  private receive(message: unknown): void {
    if (this.disposed || !isOverviewWebviewMessage(message)) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.replay();
        return;
      case 'compute':
        this.compute(message.periodDays);
        return;
      case 'cancel':
        // Only the run the button was shown for: a click racing a newer computation cancels nothing.
        if (this.current?.run === message.run) this.current.controller.abort();
        return;
    }
  }
}

