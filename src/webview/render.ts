// Builds the details view from a snapshot with DOM APIs only: every value from the session goes in
// through textContent, attributes are fixed names with our own values.
import type { InspectActionName, SessionSnapshot, SnapshotDomain, SnapshotUrl } from '../shared/protocol';
import { EMPTY, append, element, orDash } from './dom';

export interface DetailsActions {
  openUrl(which: 'target' | 'end'): void;
  openDomain(domain: string): void;
  copy(what: 'id' | 'json'): void;
  openJson(): void;
  stop(): void;
  inspect(action: InspectActionName): void;
}

const INSPECT_BUTTONS: readonly (readonly [InspectActionName, string])[] = [
  ['liveView', 'Open Live View'],
  ['pages', 'Show Open Pages'],
  ['recording', 'Download Recording…'],
  ['logs', 'Show Session Logs'],
];

/** issue 9: the actions the host says the session offers; each runs the tree's command on the host. */
function inspectRow(snapshot: SessionSnapshot, actions: DetailsActions): HTMLElement | undefined {
  const offered = INSPECT_BUTTONS.filter(([action]) => snapshot.inspect?.includes(action));
  if (offered.length === 0) return undefined;
  return append(element('div', 'inspect-row'), ...offered.map(([action, text]) => button(text, text, () => actions.inspect(action))));
}

type Value = string | undefined | Node;
type Row = readonly [label: string, value: Value];

export function renderDetails(snapshot: SessionSnapshot, stale: boolean, actions: DetailsActions): HTMLElement {
  return append(
    element('div', 'details'),
    header(snapshot, stale, actions),
    inspectRow(snapshot, actions),
    element('vscode-divider'),
    section('Times', [
      ['Started', snapshot.startedAbsolute],
      ['Relative', snapshot.startedRelative],
      ['ISO 8601', snapshot.startedIso],
      ['Ended', snapshot.endedAbsolute],
      ['Ended (ISO 8601)', snapshot.endedIso],
    ]),
    section('Traffic', [
      ['Duration', snapshot.duration],
      [snapshot.stepsLabel, snapshot.steps],
      [snapshot.bytesLabel, snapshot.bytes],
    ]),
    section('Outcome', [
      ['Captcha', snapshot.captcha],
      ['Error code', snapshot.errorCode],
      ['Error message', snapshot.errorMessage],
    ]),
    section('URLs', [
      ['Target URL', urlValue(snapshot.targetUrl, 'target', actions)],
      ['End URL', urlValue(snapshot.endUrl, 'end', actions)],
    ]),
    section('Tags and domains', [
      ['Tags', tagList(snapshot.tags)],
      ['Domains', domainList(snapshot.domains, actions)],
    ]),
    section('Account', [
      ['Credits', snapshot.credits],
      ['Proxy type', snapshot.proxyType],
      ['Zone', snapshot.zone],
      ['Project', snapshot.projectId],
      ['Region', snapshot.region],
    ]),
    section('Browser', [
      ['CPU usage', snapshot.cpuUsage],
      ['Memory usage', snapshot.memoryUsage],
      ['Keep alive', snapshot.keepAlive],
      ['Live view', snapshot.liveView],
      ['Recording', snapshot.recording],
    ]),
    allFields(snapshot),
    rawJson(snapshot, actions),
  );
}

export function renderWaiting(): HTMLElement {
  return element('p', 'waiting', 'Loading session…');
}

function header(snapshot: SessionSnapshot, stale: boolean, actions: DetailsActions): HTMLElement {
  const status = element('span', `status status-${snapshot.statusKind}`, orDash(snapshot.status));
  status.setAttribute('title', `Status (${snapshot.statusKind})`);
  const idRow = append(
    element('div', 'id-row'),
    element('code', 'session-id', snapshot.id),
    button('Copy ID', 'Copy session ID', () => actions.copy('id')),
    // Issue 9: offered only while the session runs and its provider can stop it.
    snapshot.canStop ? button('Stop Session…', 'Stop this session', () => actions.stop()) : undefined,
  );
  const note = stale
    ? element('p', 'stale-note', 'This session is no longer in the loaded list; showing the last copy received.')
    : undefined;
  return append(
    element('header', 'header'),
    append(element('div', 'title-row'), status, element('span', 'provider', snapshot.providerLabel)),
    idRow,
    note,
  );
}

function section(title: string, rows: readonly Row[]): HTMLElement {
  return append(element('section', 'section'), element('h2', undefined, title), keyValueGrid(title, rows));
}

function keyValueGrid(label: string, rows: readonly Row[]): HTMLElement {
  const grid = element('vscode-data-grid', 'grid');
  grid.setAttribute('aria-label', label);
  grid.setAttribute('generate-header', 'none');
  grid.setAttribute('grid-template-columns', 'minmax(8rem, 14rem) 1fr');
  for (const [name, value] of rows) {
    append(grid, append(element('vscode-data-grid-row'), cell(1, name, 'rowheader'), cell(2, value)));
  }
  return grid;
}

function cell(column: number, value: Value, cellType?: 'rowheader'): HTMLElement {
  const node = element('vscode-data-grid-cell', cellType ? 'label' : 'value');
  node.setAttribute('grid-column', String(column));
  if (cellType) node.setAttribute('cell-type', cellType);
  if (value instanceof Node) node.append(value);
  else {
    node.textContent = orDash(value);
    if (value === undefined || value === '') node.classList.add('empty');
  }
  return node;
}

function button(text: string, label: string, onClick: () => void): HTMLElement {
  const node = element('vscode-button', 'action', text);
  node.setAttribute('appearance', 'secondary');
  node.setAttribute('aria-label', label);
  node.addEventListener('click', onClick);
  return node;
}

function hint(text: string | undefined): HTMLElement {
  return element('span', 'hint', text ?? 'not openable');
}

function urlValue(url: SnapshotUrl | undefined, which: 'target' | 'end', actions: DetailsActions): Value {
  if (!url) return undefined;
  const label = which === 'target' ? 'Open target URL' : 'Open end URL';
  return append(
    element('span', 'link-value'),
    element('span', 'url', url.text),
    url.openable ? button('Open', label, () => actions.openUrl(which)) : hint(url.hint),
  );
}

function tagList(tags: readonly string[]): Value {
  if (tags.length === 0) return undefined;
  return append(element('span', 'tag-list'), ...tags.map((tag) => element('span', 'chip', tag)));
}

function domainList(domains: readonly SnapshotDomain[], actions: DetailsActions): Value {
  if (domains.length === 0) return undefined;
  const list = element('ul', 'domain-list');
  for (const domain of domains) {
    append(
      list,
      append(
        element('li', 'link-value'),
        element('span', 'chip domain', domain.name),
        domain.openable ? button('Open', `Open ${domain.name}`, () => actions.openDomain(domain.name)) : hint(domain.hint),
      ),
    );
  }
  return list;
}

function allFields(snapshot: SessionSnapshot): HTMLElement {
  const title = 'All fields';
  const content =
    snapshot.otherFields.length === 0
      ? element('p', 'empty', `${EMPTY} (every field of the record is shown above)`)
      : keyValueGrid(
          title,
          snapshot.otherFields.map((field) => [field.name, field.value] as const),
        );
  return append(
    element('section', 'section'),
    element('h2', undefined, title),
    element('p', 'section-note', 'Fields of the provider record not shown above, as the API sent them.'),
    content,
  );
}

function rawJson(snapshot: SessionSnapshot, actions: DetailsActions): HTMLElement {
  const heading = append(
    element('div', 'section-heading'),
    element('h2', undefined, 'Raw JSON'),
    button('Copy JSON', 'Copy session as JSON', () => actions.copy('json')),
    button('Open as JSON', 'Open session as JSON', () => actions.openJson()),
  );
  const pre = append(element('pre', 'raw-json'), element('code', undefined, orDash(snapshot.rawJson)));
  pre.setAttribute('tabindex', '0');
  pre.setAttribute('aria-label', 'Raw JSON');
  return append(element('section', 'section'), heading, pre);
}
