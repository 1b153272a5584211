// Which of the host's computations the overview webview listens to: the newest it has heard of.
// A late message of a cancelled or superseded run (the host may still be finishing it, and the
// replay after a reload starts with the last report of an older run) never replaces a newer one.
export class NewestRun {
  private latest = 0;
  /** The run being computed, while one is: the one a Cancel click names. */
  busy: number | undefined;

  /** True when a message of `run` is to be shown; it then becomes the newest. */
  accept(run: number): boolean {
    if (run < this.latest) return false;
    this.latest = run;
    return true;
  }
}
