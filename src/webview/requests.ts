// Requests the page has sent and not yet heard back about. A result is shown only for one of
// them, once: a reply meant for an earlier page (the webview is rebuilt when it is hidden and
// shown again, and its numbering starts over) or a duplicate is dropped.
export class PendingRequests {
  private next = 1;
  private readonly waiting = new Set<number>();

  /** A fresh id, now awaited. */
  open(): number {
    const id = this.next++;
    this.waiting.add(id);
    return id;
  }

  /** True the first time a result for an awaited id arrives; false for anything else. */
  settle(id: number): boolean {
    return this.waiting.delete(id);
  }
}
