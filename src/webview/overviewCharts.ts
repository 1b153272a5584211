// What the overview draws, as plain data: each chart's scale, bar geometry, axis ticks and the
// table of its numbers. No DOM, so the unit tests check the numbers and shapes in Node; the render
// module only turns these into SVG and table elements.
import type { ConnectionOverview, CountedLabel } from '../shared/overview';
import { formatBytes, formatCount, formatDayLong, formatDayShort, formatPercent, formatSeconds } from './overviewFormat';

/** A table of a chart's numbers: the accessible twin of the picture. */
export interface TableModel {
  readonly caption: string;
  readonly columns: readonly string[];
  /** The first cell of each row is its header (th scope="row"). */
  readonly rows: readonly (readonly string[])[];
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Tick {
  readonly value: number;
  /** Position along the axis, in the chart's coordinates. */
  readonly at: number;
  readonly text: string;
}

/** Horizontal bars: one row per label, largest first as the report orders them. */
export interface BarsChart {
  readonly kind: 'bars';
  readonly rows: readonly { readonly label: string; readonly shortLabel: string; readonly value: string; readonly bar: Rect; readonly y: number }[];
  readonly width: number;
  readonly height: number;
}

/** Columns per day; `failed` (when present) is the part of each column that failed, drawn over it. */
export interface DaysChart {
  readonly kind: 'days';
  readonly width: number;
  readonly height: number;
  readonly plot: Rect;
  readonly columns: readonly { readonly total: Rect; readonly failed?: Rect; readonly title: string }[];
  readonly yTicks: readonly Tick[];
  readonly xLabels: readonly Tick[];
  /** The failure rate per day as polyline points on the right-hand 0–100% axis; days without sessions break the line. */
  readonly rateLines?: readonly string[];
  readonly rateTicks?: readonly Tick[];
}

export interface ChartSection {
  readonly id: string;
  readonly title: string;
  /** Set when there is nothing to draw: shown in the chart's place. */
  readonly empty?: string;
  readonly chart?: BarsChart | DaysChart;
  /** A legend for two-series charts: [class suffix, text]. */
  readonly legend?: readonly (readonly [string, string])[];
  readonly table: TableModel;
}

export const CHART_WIDTH = 640;
const BAR_LABEL_WIDTH = 200;
const BAR_VALUE_WIDTH = 90;
const BAR_ROW = 24;
const BAR_THICKNESS = 16;
/** Characters of a label drawn in the SVG; the full text is in its <title> and the table. */
export const LABEL_CHARS = 28;

/** A label cut to `max` characters (code points, so no half surrogate pair) with an ellipsis. */
export function shorten(label: string, max = LABEL_CHARS): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}

/** The smallest 1, 2 or 5 × 10ⁿ step that splits [0, max] into at most `count` intervals. */
export function niceStep(max: number, count = 4): number {
  if (!(max > 0)) return 1;
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  // Counts are whole: a step below 1 would draw ticks between sessions.
  return Math.max(step, 1);
}

/** Tick values 0, step, 2·step… up to the first at or above `max`: the axis's top. */
export function ticks(max: number, count = 4): number[] {
  const step = niceStep(max, count);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const values: number[] = [];
  for (let value = 0; value <= top + step / 2; value += step) values.push(value);
  return values;
}

export function barsChart(items: readonly { label: string; value: number; valueText: string }[]): BarsChart {
  const max = Math.max(0, ...items.map((item) => item.value));
  const span = CHART_WIDTH - BAR_LABEL_WIDTH - BAR_VALUE_WIDTH;
  const rows = items.map((item, index) => {
    const y = index * BAR_ROW;
    const width = max > 0 ? (item.value / max) * span : 0;
    return {
      label: item.label,
      shortLabel: shorten(item.label),
      value: item.valueText,
      y: y + BAR_ROW / 2,
      // A non-zero value always shows at least a sliver.
      bar: { x: BAR_LABEL_WIDTH, y: y + (BAR_ROW - BAR_THICKNESS) / 2, width: item.value > 0 ? Math.max(width, 1) : 0, height: BAR_THICKNESS },
    };
  });
  return { kind: 'bars', rows, width: CHART_WIDTH, height: Math.max(rows.length, 1) * BAR_ROW };
}

const DAYS_HEIGHT = 220;
const PLOT: Rect = { x: 56, y: 10, width: CHART_WIDTH - 56 - 48, height: DAYS_HEIGHT - 10 - 30 };
const MAX_COLUMN = 36;
/** At most this many day labels under the axis, so they never overlap. */
const MAX_X_LABELS = 8;

interface DaySeries {
  readonly day: string;
  readonly value: number;
  readonly failed?: number;
}

export function daysChart(series: readonly DaySeries[], formatValue: (value: number) => string, withRate: boolean): DaysChart {
  const max = Math.max(0, ...series.map((entry) => entry.value));
  const yValues = ticks(max);
  const top = yValues[yValues.length - 1];
  const slot = series.length > 0 ? PLOT.width / series.length : PLOT.width;
  const gap = slot > 4 ? Math.min(slot * 0.2, 4) : 0;
  const heightOf = (value: number): number => (value / top) * PLOT.height;
  const bottom = PLOT.y + PLOT.height;
  const columns = series.map((entry, index) => {
    // A week's columns would be slabs; past this width they stay bars, centred in their day.
    const width = Math.min(slot - gap, MAX_COLUMN);
    const x = PLOT.x + index * slot + (slot - width) / 2;
    const total = heightOf(entry.value);
    const failed = entry.failed === undefined ? undefined : heightOf(Math.min(entry.failed, entry.value));
    const title =
      entry.failed === undefined
        ? `${formatDayLong(entry.day)}: ${formatValue(entry.value)}`
        : `${formatDayLong(entry.day)}: ${formatValue(entry.value)}, ${formatCount(entry.failed)} failed`;
    return {
      total: { x, y: bottom - total, width, height: total },
      ...(failed === undefined ? {} : { failed: { x, y: bottom - failed, width, height: failed } }),
      title,
    };
  });
  const step = Math.max(1, Math.ceil(series.length / MAX_X_LABELS));
  const xLabels: Tick[] = [];
  for (let index = 0; index < series.length; index += step) {
    xLabels.push({ value: index, at: PLOT.x + index * slot + slot / 2, text: formatDayShort(series[index].day) });
  }
  const chart: DaysChart = {
    kind: 'days',
    width: CHART_WIDTH,
    height: DAYS_HEIGHT,
    plot: PLOT,
    columns,
    yTicks: yValues.map((value) => ({ value, at: bottom - heightOf(value), text: formatValue(value) })),
    xLabels,
  };
  if (!withRate) return chart;
  return {
    ...chart,
    rateLines: rateLines(series, slot, bottom),
    rateTicks: [0, 0.5, 1].map((value) => ({ value, at: bottom - value * PLOT.height, text: formatPercent(value) })),
  };
}

/** One polyline per run of days that had sessions: a day without any has no rate, not a rate of 0. */
function rateLines(series: readonly DaySeries[], slot: number, bottom: number): string[] {
  const lines: string[] = [];
  let points: string[] = [];
  series.forEach((entry, index) => {
    const rate = failureRate(entry.value, entry.failed ?? 0);
    if (rate === undefined) {
      if (points.length > 0) lines.push(points.join(' '));
      points = [];
      return;
    }
    const x = PLOT.x + index * slot + slot / 2;
    points.push(`${round(x)},${round(bottom - rate * PLOT.height)}`);
  });
  if (points.length > 0) lines.push(points.join(' '));
  return lines;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export function failureRate(total: number, failed: number): number | undefined {
  return total > 0 ? Math.min(failed, total) / total : undefined;
}

// ---- the sections of one connection ------------------------------------------------------------

const NO_SESSIONS = 'No sessions in this period.';

function labelSection(id: string, title: string, column: string, items: readonly CountedLabel[], empty: string, withShare: boolean): ChartSection {
  const sum = items.reduce((total, item) => total + item.count, 0);
  const columns = withShare ? [column, 'Sessions', 'Share'] : [column, 'Sessions'];
  const rows = items.map((item) => {
    const cells = [item.label, formatCount(item.count)];
    return withShare ? [...cells, formatPercent(sum > 0 ? item.count / sum : 0)] : cells;
  });
  const table: TableModel = { caption: title, columns, rows };
  if (items.length === 0) return { id, title, empty, table };
  return { id, title, table, chart: barsChart(items.map((item) => ({ label: item.label, value: item.count, valueText: formatCount(item.count) }))) };
}

export function sessionsPerDaySection(connection: ConnectionOverview): ChartSection {
  const title = 'Sessions per day';
  const table: TableModel = {
    caption: 'Sessions and failures per day',
    columns: ['Day', 'Sessions', 'Failed', 'Failure rate'],
    rows: connection.days.map((day) => {
      const rate = failureRate(day.total, day.failed);
      return [formatDayLong(day.day), formatCount(day.total), formatCount(day.failed), rate === undefined ? '—' : formatPercent(rate)];
    }),
  };
  if (connection.days.every((day) => day.total === 0)) return { id: 'days', title, empty: NO_SESSIONS, table };
  return {
    id: 'days',
    title,
    table,
    legend: [
      ['total', 'Sessions'],
      ['failed', 'Failed'],
      ['rate', 'Failure rate (right axis)'],
    ],
    chart: daysChart(
      connection.days.map((day) => ({ day: day.day, value: day.total, failed: day.failed })),
      formatCount,
      true,
    ),
  };
}

export function bandwidthSection(connection: ConnectionOverview): ChartSection {
  const title = 'Bandwidth per day';
  const table: TableModel = {
    caption: title,
    columns: ['Day', 'Bandwidth'],
    rows: connection.bandwidthPerDay.map((day) => [formatDayLong(day.day), formatBytes(day.bytes)]),
  };
  if (connection.bandwidthPerDay.every((day) => day.bytes === 0)) return { id: 'bandwidth', title, empty: 'No bandwidth reported in this period.', table };
  return {
    id: 'bandwidth',
    title,
    table,
    chart: daysChart(connection.bandwidthPerDay.map((day) => ({ day: day.day, value: day.bytes })), formatBytes, false),
  };
}

export function durationSection(connection: ConnectionOverview): ChartSection {
  const { median, p95, samples } = connection.durationSeconds;
  const title = 'Duration';
  const table: TableModel = {
    caption: 'Session duration',
    columns: ['Measure', 'Value'],
    rows: [
      ['Median', median === undefined ? '—' : formatSeconds(median)],
      ['95th percentile', p95 === undefined ? '—' : formatSeconds(p95)],
      ['Sessions measured', formatCount(samples)],
    ],
  };
  const bars = [
    ...(median === undefined ? [] : [{ label: 'Median', value: median, valueText: formatSeconds(median) }]),
    ...(p95 === undefined ? [] : [{ label: '95th percentile', value: p95, valueText: formatSeconds(p95) }]),
  ];
  if (bars.length === 0) return { id: 'duration', title, empty: 'No session durations in this period.', table };
  return { id: 'duration', title, table, chart: barsChart(bars) };
}

/** Every chart of one connection (or of all together), in the order the panel shows them. */
export function sections(connection: ConnectionOverview): { counts: ChartSection[]; records: ChartSection[] } {
  return {
    counts: [
      labelSection('status', 'Status mix', 'Status', connection.statusMix, NO_SESSIONS, true),
      sessionsPerDaySection(connection),
    ],
    records: [
      bandwidthSection(connection),
      labelSection('domains', 'Top target domains', 'Domain', connection.topDomains, 'No target domains in this period.', false),
      labelSection('errors', 'Top error codes', 'Error code', connection.topErrors, 'No errors in this period.', false),
      labelSection('captcha', 'Captcha outcomes', 'Outcome', connection.captcha, 'No captcha outcomes in this period.', false),
      durationSection(connection),
    ],
  };
}

/** How much of the period the record-based charts saw, as one sentence. */
export function sampleNote(connection: ConnectionOverview): string {
  const { scanned, inPeriod, inPeriodExact, capped } = connection.sample;
  const of = inPeriodExact ? formatCount(inPeriod) : `at least ${formatCount(inPeriod)}`;
  if (capped) return `Based on the latest ${formatCount(scanned)} of ${of} sessions in the period.`;
  return `Based on ${formatCount(scanned)} of ${of} sessions in the period.`;
}
