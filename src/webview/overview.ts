// The overview webview: announces `ready`, draws the newest report the host posts, and turns the
// period picker, Refresh and Cancel into protocol messages. The connection picker only changes
// what is drawn, so it stays here (kept in the webview's state across reloads).
import { OVERVIEW_PERIODS, type OverviewPeriodDays, type OverviewReport } from '../shared/overview';
import { isOverviewHostMessage, isOverviewPeriod, type OverviewHostToWebview } from '../shared/overviewProtocol';
import { isObject } from '../shared/guards';
import { element } from './dom';
import { connectToHost } from './overviewHost';
import { ALL, EACH, renderReport } from './overviewRender';
import { NewestRun } from './overviewRuns';

const host = connectToHost();
const app = document.getElementById('app') ?? document.body;

const saved = host.getState();
let selected = isObject(saved) && typeof saved.connection === 'string' ? saved.connection : ALL;
const runs = new NewestRun();
let report: OverviewReport | undefined;

function labelled(text: string, control: HTMLElement): HTMLElement {
  const label = element('label', 'control');
  label.append(document.createTextNode(`${text} `), control);
  return label;
}

const periodPicker = document.createElement('select');
periodPicker.className = 'period-picker';
for (const days of OVERVIEW_PERIODS) periodPicker.append(new Option(`Last ${days} days`, String(days)));
periodPicker.value = '30';

const connectionPicker = document.createElement('select');
connectionPicker.className = 'connection-picker';
connectionPicker.append(new Option('All connections', ALL));

const refresh = element('button', 'refresh', 'Refresh');
const showTables = document.createElement('input');
showTables.type = 'checkbox';
showTables.className = 'show-tables';

const progressLine = element('div', 'progress-line');
progressLine.setAttribute('role', 'status');
const progressText = element('span', 'progress-text');
const progressBar = document.createElement('progress');
const cancel = element('button', 'cancel', 'Cancel');
progressLine.append(progressBar, progressText, cancel);
progressLine.hidden = true;

const notice = element('p', 'notice');
notice.setAttribute('role', 'alert');
const content = element('div', 'content');
content.append(element('p', 'waiting', 'Computing the overview…'));

const controls = element('div', 'controls');
controls.append(labelled('Period', periodPicker), labelled('Connection', connectionPicker), refresh, labelled('Show tables', showTables));
app.replaceChildren(element('h1', undefined, 'Sessions overview'), controls, progressLine, notice, content);

function period(): OverviewPeriodDays {
  const value = Number(periodPicker.value);
  return isOverviewPeriod(value) ? value : 30;
}

function fillConnectionPicker(current: OverviewReport): void {
  const options = [new Option('All connections', ALL), new Option('Each connection', EACH)];
  for (const connection of current.connections) {
    const text = connection.error === undefined ? connection.label : `${connection.label} (failed)`;
    options.push(new Option(text, connection.connectionId));
  }
  connectionPicker.replaceChildren(...options);
  if (selected !== EACH && !current.connections.some((connection) => connection.connectionId === selected)) selected = ALL;
  connectionPicker.value = selected;
}

function draw(): void {
  if (report) content.replaceChildren(renderReport(report, selected));
}

function setBusy(run: number | undefined, text = '', fraction?: number): void {
  runs.busy = run;
  progressLine.hidden = run === undefined;
  progressText.textContent = text;
  if (fraction === undefined) progressBar.removeAttribute('value');
  else progressBar.value = fraction;
  content.classList.toggle('stale', run !== undefined && report !== undefined);
}

function handle(message: OverviewHostToWebview): void {
  if (!runs.accept(message.run)) return;
  switch (message.type) {
    case 'started':
      periodPicker.value = String(message.periodDays);
      notice.textContent = '';
      setBusy(message.run, `Computing the last ${message.periodDays} days…`);
      return;
    case 'progress':
      setBusy(message.run, message.message, message.fraction);
      return;
    case 'report':
      setBusy(undefined);
      notice.textContent = '';
      report = message.report;
      periodPicker.value = String(report.periodDays);
      fillConnectionPicker(report);
      draw();
      return;
    case 'failed':
      setBusy(undefined);
      notice.textContent = message.message;
      notice.classList.toggle('error', !message.cancelled);
      // The picker names the period on screen, which is still the last report's.
      if (report) periodPicker.value = String(report.periodDays);
      else content.replaceChildren();
      return;
  }
}

periodPicker.addEventListener('change', () => host.postMessage({ type: 'compute', periodDays: period() }));
refresh.addEventListener('click', () => host.postMessage({ type: 'compute', periodDays: period() }));
cancel.addEventListener('click', () => {
  if (runs.busy !== undefined) host.postMessage({ type: 'cancel', run: runs.busy });
});
connectionPicker.addEventListener('change', () => {
  selected = connectionPicker.value;
  host.setState({ connection: selected });
  draw();
});
showTables.addEventListener('change', () => document.body.classList.toggle('show-tables', showTables.checked));

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isOverviewHostMessage(event.data)) handle(event.data);
});
host.postMessage({ type: 'ready' });
