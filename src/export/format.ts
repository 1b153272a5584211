// How one session becomes one line of an export file. Pure: no vscode, no I/O.
import type { Session } from '../providers/types';

/** Also the file name extension each format is saved with. */
export type ExportFormat = 'csv' | 'jsonl';

/** Where a row came from: the connection's label ("Bright Data · prod"), since an export may span several. */
export interface RowSource {
  readonly connectionLabel: string;
}

type Cell = string | number | boolean | undefined;

/**
 * The normalised fields people sort and filter on, in one fixed order whatever the provider, so files
 * from several connections (or several days) line up. Fields a provider lacks stay empty. `raw` is
 * left out: JSON Lines carries it.
 */
const COLUMNS: readonly (readonly [string, (session: Session, source: RowSource) => Cell])[] = [
  ['connection', (_session, source) => source.connectionLabel],
  ['provider', (session) => session.provider],
  ['id', (session) => session.id],
  ['status', (session) => session.status],
  ['status_kind', (session) => session.statusKind],
  ['started_at', (session) => session.startedAt],
  ['ended_at', (session) => session.endedAt],
  ['duration_seconds', (session) => session.durationSeconds],
  ['target_url', (session) => session.targetUrl],
  ['end_url', (session) => session.endUrl],
  ['domains', (session) => joined(session.domains)],
  ['tags', (session) => joined(session.tags)],
  ['zone', (session) => session.zone],
  ['project_id', (session) => session.projectId],
  ['region', (session) => session.region],
  ['proxy_type', (session) => session.proxyType],
  ['bytes', (session) => session.bytes],
  ['steps', (session) => session.steps],
  ['credits', (session) => session.credits],
  ['captcha', (session) => session.captcha],
  ['error_code', (session) => session.errorCode],
  ['error_message', (session) => session.errorMessage],
];

export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

/** RFC 4180 ends records with CRLF; spreadsheets and csv parsers all take it. */
const CRLF = '\r\n';

/** A cell a spreadsheet would read as a formula (or that some strip and then read as one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: a cell that starts like a formula gets a leading `'`, so a hostile string from an
 * API ("=HYPERLINK(…)") stays text when the file is opened in a spreadsheet; then RFC 4180 quoting
 * when the field holds a quote, a comma or a line break. The prefix applies to every cell, numbers
 * included: a negative number is the only thing it changes, and none of these fields is negative.
 */
export function csvField(value: Cell): string {
  if (value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + CRLF;
}

export function csvRow(session: Session, source: RowSource): string {
  return COLUMNS.map(([, read]) => csvField(read(session, source))).join(',') + CRLF;
}

/**
 * One JSON Lines record: the provider's record exactly as the API sent it. It is the lossless form
 * (every field, with the API's own names, nested objects intact), so a jq script written against a
 * provider's documentation works on it; the normalised view is what the CSV is for. JSON.stringify
 * escapes line breaks inside strings, so one record is always one line.
 */
export function jsonLine(session: Session): string {
  return `${JSON.stringify(session.raw ?? null)}\n`;
}

/** Lists in one cell: `;` since values (domains, tags) never need it and `,` would force quoting. */
function joined(values: readonly string[]): string | undefined {
  return values.length === 0 ? undefined : values.join(';');
}
