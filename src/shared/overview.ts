// What the overview shows (issue 10): computed without `vscode` by src/overview/ and drawn by the
// overview panel. Pure data, so the panel's webview protocol can carry it as it is.

/** The periods the overview's picker offers, in days ending now. */
export const OVERVIEW_PERIODS = [7, 30, 90] as const;
export type OverviewPeriodDays = (typeof OVERVIEW_PERIODS)[number];

/** One calendar day of the period, oldest first; `day` is `yyyy-MM-dd` in the user's time zone. */
export interface DayCount {
  readonly day: string;
  readonly total: number;
  /** Sessions of a status whose kind is 'failed'. */
  readonly failed: number;
}

export interface DayBytes {
  readonly day: string;
  readonly bytes: number;
}

/** A label exactly as the API sent it (a status, a domain, an error code): shown as text, never HTML. */
export interface CountedLabel {
  readonly label: string;
  readonly count: number;
}

/** How much of the period the record-based charts (bandwidth, domains, errors, captcha, durations) saw. */
export interface RecordSample {
  /** Sessions listed and aggregated. */
  readonly scanned: number;
  /** Sessions in the period, as far as known. */
  readonly inPeriod: number;
  /** False when `inPeriod` is a lower bound (the API reports no total). */
  readonly inPeriodExact: boolean;
  /** True when `browserSessions.overview.maxSessionsScanned` cut the listing: "based on the latest 20,000 of 1,000,000". */
  readonly capped: boolean;
}

export interface ConnectionOverview {
  readonly connectionId: string;
  /** As the tree labels the connection, e.g. "Bright Data · prod". */
  readonly label: string;
  /** The provider's id (a ProviderId; kept a string so this module stays a leaf). */
  readonly provider: string;
  /** Set when this connection failed: the panel shows it in the connection's place; the rest may be empty. */
  readonly error?: string;
  /**
   * 'totals': day and status counts come from the API's own totals (small count queries).
   * 'records': the API cannot filter by date or reports no total, so counts come from the listing;
   * `countsNote` then says why, in the provider's terms.
   */
  readonly countsFrom: 'totals' | 'records';
  readonly countsNote?: string;
  /** Sessions per status over the period, largest first. */
  readonly statusMix: readonly CountedLabel[];
  /** One entry per day of the period, oldest first. */
  readonly days: readonly DayCount[];
  readonly bandwidthPerDay: readonly DayBytes[];
  /** At most 10 each, largest first. */
  readonly topDomains: readonly CountedLabel[];
  readonly topErrors: readonly CountedLabel[];
  readonly captcha: readonly CountedLabel[];
  readonly durationSeconds: { readonly median?: number; readonly p95?: number; readonly samples: number };
  readonly sample: RecordSample;
  /** HTTP requests this connection's overview cost. */
  readonly requests: number;
}

export interface OverviewReport {
  readonly periodDays: OverviewPeriodDays;
  /** ISO 8601 bounds of the period. */
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  /** The active filters as people read them (the view's description), empty when none. */
  readonly filters: readonly string[];
  /** One per connection with a key, in the tree's order. */
  readonly connections: readonly ConnectionOverview[];
  /** Every connection without an error, added together (label "All connections"). Absent with none. */
  readonly all?: ConnectionOverview;
}

export interface OverviewProgress {
  readonly message: string;
  /** 0…1 when known. */
  readonly fraction?: number;
}

/** What the overview panel asks for; src/overview/ implements it, extension.ts wires the two. */
export interface OverviewSource {
  compute(periodDays: OverviewPeriodDays, progress: (step: OverviewProgress) => void, signal: AbortSignal): Promise<OverviewReport>;
}
