// The overview's render module on a small stand-in document that has no HTML parser at all
// (setting innerHTML or outerHTML throws): hostile labels arrive as text nodes, a failed connection
// shows its error where its charts would be, and every chart is followed by its table.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { OverviewReport } from '../../src/shared/overview';
import { HOSTILE_DOMAIN, HOSTILE_ERROR, report } from './support/overview-panel-report';

const SVG_NS = 'http://www.w3.org/2000/svg';

class FakeText {
  readonly nodeType = 3;
  constructor(public data: string) {}
  get textContent(): string {
    return this.data;
  }
}

class FakeElement {
  readonly nodeType = 1;
  readonly attributes = new Map<string, string>();
  readonly children: Array<FakeElement | FakeText> = [];
  readonly dataset: Record<string, string> = {};
  constructor(
    readonly tagName: string,
    readonly namespace: string | undefined,
  ) {}
  set className(value: string) {
    this.attributes.set('class', value);
  }
  get className(): string {
    return this.attributes.get('class') ?? '';
  }
  set textContent(value: string) {
    this.children.length = 0;
    this.children.push(new FakeText(value));
  }
  get textContent(): string {
    return this.children.map((child) => child.textContent).join('');
  }
  set innerHTML(_value: string) {
    throw new Error('innerHTML used');
  }
  set outerHTML(_value: string) {
    throw new Error('outerHTML used');
  }
  setAttribute(name: string, value: string): void {
    if (/^on/i.test(name)) throw new Error(`event handler attribute ${name}`);
    this.attributes.set(name, value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  append(...nodes: Array<FakeElement | FakeText | string>): void {
    for (const node of nodes) this.children.push(typeof node === 'string' ? new FakeText(node) : node);
  }
  private child(tag: string): FakeElement {
    const node = new FakeElement(tag, undefined);
    this.children.push(node);
    return node;
  }
  // The HTMLTableElement helpers the render module uses.
  createCaption(): FakeElement {
    return this.child('caption');
  }
  createTHead(): FakeElement {
    return this.child('thead');
  }
  createTBody(): FakeElement {
    return this.child('tbody');
  }
  insertRow(): FakeElement {
    return this.child('tr');
  }
  /** Every element below this one, depth first. */
  *descendants(): Generator<FakeElement> {
    for (const child of this.children) {
      if (child instanceof FakeElement) {
        yield child;
        yield* child.descendants();
      }
    }
  }
  *texts(): Generator<string> {
    for (const child of this.children) {
      if (child instanceof FakeText) yield child.data;
      else yield* child.texts();
    }
  }
  all(tag: string): FakeElement[] {
    return [...this.descendants()].filter((node) => node.tagName === tag);
  }
  byClass(name: string): FakeElement[] {
    return [...this.descendants()].filter((node) => node.className.split(' ').includes(name));
  }
}

const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag, undefined),
  createElementNS: (namespace: string, tag: string) => new FakeElement(tag, namespace),
  createTextNode: (text: string) => new FakeText(text),
};

/**
 * The module's surface as this test uses it. Not `typeof import(…)`: the module is typed against the
 * DOM, which the tests' compiler settings leave out; the webview's own tsconfig checks it.
 */
interface Render {
  readonly ALL: string;
  readonly EACH: string;
  renderReport(report: OverviewReport, selected: string): unknown;
}
let render: Render;

function draw(value: OverviewReport, selected: string): FakeElement {
  const root = render.renderReport(value, selected);
  assert.ok(root instanceof FakeElement);
  return root;
}

describe('overview render', () => {
  before(() => {
    (globalThis as { document?: unknown }).document = fakeDocument;
    render = require('../../src/webview/overviewRender') as Render;
  });

  it('shows the filters and, for all connections, the failed one by name above the sum of the rest', () => {
    const root = draw(report(), render.ALL);
    assert.equal(root.byClass('filters')[0].textContent, 'Filters: status: failed');
    const times = root.all('time');
    assert.deepEqual(times.map((node) => node.getAttribute('datetime')), [report().from, report().to, report().generatedAt]);
    const errors = root.byClass('connection-error');
    assert.deepEqual(errors.map((node) => node.textContent), ['Anchor: Anchor: 503 Service Unavailable']);
    assert.equal(errors[0].getAttribute('role'), 'alert');
    const articles = root.all('article');
    assert.equal(articles.length, 1);
    assert.equal(articles[0].dataset.connection, render.ALL);
    assert.ok(!/^[A-Za-z0-9_-]+$/.test(render.ALL), 'no connection id can be taken for the sum');
    assert.equal(articles[0].all('svg').filter((node) => node.className === 'chart').length, 7, 'every chart, duration as two bars');
  });

  it('renders hostile labels only as text, never as elements', () => {
    const root = draw(report(), 'brightData');
    const texts = [...root.texts()];
    assert.ok(texts.includes(HOSTILE_DOMAIN), 'the domain in its table cell');
    assert.ok(texts.includes(HOSTILE_ERROR), 'the error code in its table cell');
    assert.ok(texts.includes(`${HOSTILE_DOMAIN}: 3`), 'the domain in its bar’s <title>');
    const tags = new Set([...root.descendants()].map((node) => node.tagName));
    for (const tag of ['img', 'script', 'b', 'iframe', 'foreignObject']) assert.ok(!tags.has(tag), `a <${tag}> was made`);
    for (const node of root.descendants()) {
      if (node.namespace !== undefined) assert.equal(node.namespace, SVG_NS);
    }
  });

  it('shows a failed connection’s error in the place of its charts', () => {
    const root = draw(report(), 'anchor');
    const article = root.all('article')[0];
    assert.equal(article.dataset.connection, 'anchor');
    assert.equal(article.byClass('connection-error')[0].textContent, 'Anchor: 503 Service Unavailable');
    assert.equal(article.all('svg').length, 0);
    assert.equal(article.all('table').length, 0);
  });

  it('shows each connection in the report’s order, the failed one with its error where its charts would be', () => {
    const root = draw(report(), render.EACH);
    const articles = root.all('article');
    assert.deepEqual(articles.map((node) => node.dataset.connection), ['brightData', 'anchor']);
    assert.equal(articles[0].all('section').length, 7);
    assert.equal(articles[1].byClass('connection-error')[0].textContent, 'Anchor: 503 Service Unavailable');
    assert.equal(articles[1].all('section').length, 0);
  });

  it('follows every chart with a captioned table whose headers have a scope', () => {
    const root = draw(report(), 'brightData');
    const sectionsShown = root.all('section');
    assert.equal(sectionsShown.length, 7);
    for (const section of sectionsShown) {
      const [table] = section.all('table');
      assert.ok(table, `${section.className} has a table`);
      assert.ok(table.all('caption')[0].textContent.length > 0);
      for (const th of table.all('th')) assert.match(th.getAttribute('scope') ?? '', /^(col|row)$/);
      for (const svg of section.all('svg').filter((node) => node.className === 'chart')) {
        assert.equal(svg.getAttribute('role'), 'img');
        assert.equal(svg.getAttribute('aria-label'), section.all('h3')[0].textContent);
      }
    }
    const days = root.byClass('chart-days')[0].byClass('chart')[0];
    assert.equal(days.all('rect').filter((rect) => rect.className === 'bar bar-total').length, 3);
    assert.equal(days.all('polyline').length, 2, 'the failure-rate line breaks at the empty day');
  });

  it('says the cap cut the listing, and gives the provider’s note on where counts come from', () => {
    const capped = draw(report(), 'brightData');
    assert.equal(capped.byClass('sample-note')[0].textContent, 'Based on the latest 20,000 of 1,000,000 sessions in the period.');
    const noted = draw(
      report({
        connections: [{ ...report().connections[0], countsFrom: 'records', countsNote: 'Steel has no date filter: counts come from the listing.' }],
      }),
      'brightData',
    );
    assert.equal(noted.byClass('counts-note')[0].textContent, 'Steel has no date filter: counts come from the listing.');
  });

  it('has an empty state when no connection has a key, and says so when none could be read', () => {
    const empty = draw(report({ connections: [], all: undefined, filters: [] }), render.ALL);
    assert.equal(empty.byClass('filters')[0].textContent, 'Filters: none');
    assert.match(empty.byClass('empty-state')[0].textContent, /No connection has an API key yet/);
    const failed = report();
    const none = draw({ ...failed, connections: [failed.connections[1]], all: undefined }, render.ALL);
    assert.equal(none.byClass('empty-state')[0].textContent, 'No connection could be read.');
  });
});
