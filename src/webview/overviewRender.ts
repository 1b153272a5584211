// Turns the overview's chart models into elements: SVG through createElementNS and tables through
// createElement, every label through textContent. Colours are classes styled in media/overview.css
// from the theme's --vscode-* variables; geometry is attributes, never inline style.
import type { ConnectionOverview, OverviewReport } from '../shared/overview';
import { element } from './dom';
import { sampleNote, sections, type BarsChart, type ChartSection, type DaysChart, type TableModel } from './overviewCharts';
import { formatMoment } from './overviewFormat';

const SVG = 'http://www.w3.org/2000/svg';
/**
 * The picker's two views besides one connection. '*' is outside CONNECTION_ID_PATTERN, so no
 * connection's id can take their place.
 */
export const ALL = '*all';
export const EACH = '*each';

function svg(tag: string, attributes: Readonly<Record<string, string | number>> = {}, className?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (className) node.setAttribute('class', className);
  return node;
}

function svgText(x: number, y: number, text: string, className: string, anchor: 'start' | 'middle' | 'end'): SVGElement {
  const node = svg('text', { x, y, 'text-anchor': anchor, 'dominant-baseline': 'middle' }, className);
  node.textContent = text;
  return node;
}

function titled(node: SVGElement, text: string): SVGElement {
  const title = svg('title');
  title.textContent = text;
  node.append(title);
  return node;
}

function chartFrame(width: number, height: number, label: string): SVGElement {
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, preserveAspectRatio: 'xMinYMin meet' }, 'chart');
}

function drawBars(chart: BarsChart, label: string): SVGElement {
  const root = chartFrame(chart.width, chart.height, label);
  for (const row of chart.rows) {
    root.append(titled(svgText(chart.rows[0].bar.x - 8, row.y, row.shortLabel, 'axis-label', 'end'), row.label));
    root.append(titled(svg('rect', { ...row.bar }, 'bar bar-total'), `${row.label}: ${row.value}`));
    root.append(svgText(row.bar.x + row.bar.width + 6, row.y, row.value, 'value-label', 'start'));
  }
  return root;
}

function drawDays(chart: DaysChart, label: string): SVGElement {
  const root = chartFrame(chart.width, chart.height, label);
  const { plot } = chart;
  const right = plot.x + plot.width;
  const bottom = plot.y + plot.height;
  for (const tick of chart.yTicks) {
    root.append(svg('line', { x1: plot.x, x2: right, y1: tick.at, y2: tick.at }, 'grid'));
    root.append(svgText(plot.x - 6, tick.at, tick.text, 'axis-label', 'end'));
  }
  for (const tick of chart.rateTicks ?? []) root.append(svgText(right + 6, tick.at, tick.text, 'axis-label rate-label', 'start'));
  for (const column of chart.columns) {
    const group = titled(svg('g'), column.title);
    group.append(svg('rect', { ...column.total }, 'bar bar-total'));
    if (column.failed && column.failed.height > 0) group.append(svg('rect', { ...column.failed }, 'bar bar-failed'));
    root.append(group);
  }
  for (const points of chart.rateLines ?? []) {
    root.append(svg('polyline', { points }, 'rate-line'));
    // A lone day is a line of one point: a dot keeps it visible.
    if (!points.includes(' ')) {
      const [cx, cy] = points.split(',');
      root.append(svg('circle', { cx, cy, r: 2.5 }, 'rate-dot'));
    }
  }
  root.append(svg('line', { x1: plot.x, x2: right, y1: bottom, y2: bottom }, 'axis'));
  for (const tick of chart.xLabels) root.append(svgText(tick.at, bottom + 16, tick.text, 'axis-label', 'middle'));
  return root;
}

export function renderTable(model: TableModel): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'numbers';
  table.createCaption().textContent = model.caption;
  const head = table.createTHead().insertRow();
  for (const column of model.columns) {
    const th = element('th', undefined, column);
    th.setAttribute('scope', 'col');
    head.append(th);
  }
  const body = table.createTBody();
  for (const cells of model.rows) {
    const row = body.insertRow();
    cells.forEach((text, index) => {
      const cell = element(index === 0 ? 'th' : 'td', undefined, text);
      if (index === 0) cell.setAttribute('scope', 'row');
      row.append(cell);
    });
  }
  return table;
}

function renderSection(section: ChartSection): HTMLElement {
  const node = element('section', `chart-section chart-${section.id}`);
  node.append(element('h3', undefined, section.title));
  if (section.legend) {
    const legend = element('ul', 'legend');
    for (const [kind, text] of section.legend) {
      const item = element('li', `legend-${kind}`);
      const swatch = svg('svg', { viewBox: '0 0 10 10', width: 10, height: 10, 'aria-hidden': 'true' }, 'swatch');
      swatch.append(kind === 'rate' ? svg('line', { x1: 0, y1: 5, x2: 10, y2: 5 }, 'rate-line') : svg('rect', { x: 0, y: 0, width: 10, height: 10 }, `bar bar-${kind}`));
      item.append(swatch, document.createTextNode(text));
      legend.append(item);
    }
    node.append(legend);
  }
  if (section.empty !== undefined) node.append(element('p', 'empty', section.empty));
  else if (section.chart) node.append(section.chart.kind === 'bars' ? drawBars(section.chart, section.title) : drawDays(section.chart, section.title));
  node.append(renderTable(section.table));
  return node;
}

/** One connection's charts, or its error in their place; `key` names it for the picker (and tests). */
export function renderConnection(connection: ConnectionOverview, key = connection.connectionId): HTMLElement {
  const node = element('article', 'connection');
  node.dataset.connection = key;
  node.append(element('h2', undefined, connection.label));
  if (connection.error !== undefined) {
    const error = element('p', 'connection-error', connection.error);
    error.setAttribute('role', 'alert');
    node.append(error);
    return node;
  }
  const { counts, records } = sections(connection);
  if (connection.countsNote) node.append(element('p', 'note counts-note', connection.countsNote));
  for (const section of counts) node.append(renderSection(section));
  node.append(element('p', `note sample-note${connection.sample.capped ? ' capped' : ''}`, sampleNote(connection)));
  for (const section of records) node.append(renderSection(section));
  return node;
}

/** A moment people read, with its exact ISO value for machines (and the end-to-end test). */
function time(iso: string, className: string): HTMLElement {
  const node = element('time', className, formatMoment(iso));
  node.setAttribute('datetime', iso);
  return node;
}

/**
 * The report for the picker's choice: one connection; EACH, every connection in the tree's order;
 * ALL (or a connection no longer there), everything added together with failed connections named.
 */
export function renderReport(report: OverviewReport, selected: string): HTMLElement {
  const node = element('div', 'report');
  const filters = report.filters.length > 0 ? report.filters.join(' · ') : 'none';
  node.append(element('p', 'filters', `Filters: ${filters}`));
  const period = element('p', 'period');
  period.append(time(report.from, 'from'), ' – ', time(report.to, 'to'), ' · computed ', time(report.generatedAt, 'generated'));
  node.append(period);
  if (report.connections.length === 0) {
    node.append(element('p', 'empty-state', 'No connection has an API key yet. Run “Browser Sessions: Set API Key…” to add one.'));
    return node;
  }
  if (selected === EACH) {
    for (const connection of report.connections) node.append(renderConnection(connection));
    return node;
  }
  const chosen = report.connections.find((connection) => connection.connectionId === selected);
  if (chosen) {
    node.append(renderConnection(chosen));
    return node;
  }
  for (const failed of report.connections.filter((connection) => connection.error !== undefined)) {
    const error = element('p', 'connection-error', `${failed.label}: ${failed.error ?? ''}`);
    error.setAttribute('role', 'alert');
    node.append(error);
  }
  if (report.all) node.append(renderConnection(report.all, ALL));
  else node.append(element('p', 'empty-state', 'No connection could be read.'));
  return node;
}
