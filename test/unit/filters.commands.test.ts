// The filter commands' glue driven through a scripted stand-in for VS Code's quick input: what a
// person picks, types or escapes, and what ends up in the FilterState and workspace state.
import './support/register-vscode';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { Filters } from '../../src/filters/model';
import type { ProviderCapabilities, ProviderId } from '../../src/providers/types';
import { EventEmitter as FakeEmitter, QuickPickItemKind, script as scriptVscode } from './support/vscode';
import { ANCHOR_CAPABILITIES } from '../../src/providers/anchor';
import { BRIGHT_DATA_CAPABILITIES } from '../../src/providers/brightData';
import { BROWSERBASE_CAPABILITIES } from '../../src/providers/browserbase';
import { STEEL_CAPABILITIES } from '../../src/providers/steel';

// ---- a scripted `vscode` -------------------------------------------------------------------

interface FakeItem {
  readonly label: string;
  readonly description?: string;
  readonly kind?: number;
  readonly alwaysShow?: boolean;
}

const SEPARATOR = QuickPickItemKind.Separator;

/** Enough of vscode.QuickPick; like VS Code, new items make the first selectable one active. */
class FakeQuickPick {
  title = '';
  placeholder = '';
  value = '';
  activeItems: readonly FakeItem[] = [];
  selectedItems: readonly FakeItem[] = [];
  private list: readonly FakeItem[] = [];
  readonly changeValue = new FakeEmitter<string>();
  readonly accept = new FakeEmitter<void>();
  readonly hidden = new FakeEmitter<void>();
  readonly onDidChangeValue = this.changeValue.event;
  readonly onDidAccept = this.accept.event;
  readonly onDidHide = this.hidden.event;
  disposed = false;
  /** Set on show(): what was active when the picker opened. */
  initiallyActive: readonly FakeItem[] = [];

  get items(): readonly FakeItem[] {
    return this.list;
  }
  set items(items: readonly FakeItem[]) {
    this.list = items;
    const first = items.find((item) => item.kind !== SEPARATOR);
    this.activeItems = first ? [first] : [];
  }
  show(): void {
    this.initiallyActive = this.activeItems;
    const step = script.shift();
    assert.ok(step && step.kind === 'pick', `a quick pick opened ("${this.title}") but the script expected ${step?.kind}`);
    pickers.push(this);
    queueMicrotask(() => {
      // A failed assertion inside the script must fail the test, not leave the picker open forever.
      try {
        step.act(this);
      } catch (error) {
        scriptErrors.push(error);
        this.hide();
      }
    });
  }
  hide(): void {
    this.hidden.fire();
  }
  dispose(): void {
    this.disposed = true;
  }
  labels(): string[] {
    return this.items.map((item) => (item.kind === SEPARATOR ? `— ${item.label}` : item.label));
  }
  type(value: string): void {
    this.value = value;
    this.changeValue.fire(value);
  }
  choose(label: string): void {
    const item = this.items.find((candidate) => candidate.label === label && candidate.kind !== SEPARATOR);
    assert.ok(item, `no item "${label}" in ${JSON.stringify(this.labels())}`);
    this.activeItems = [item];
    this.enter();
  }
  /** Enter: VS Code selects the active item, if any, and accepts. */
  enter(): void {
    this.selectedItems = this.activeItems;
    this.accept.fire();
  }
  escape(): void {
    this.hide();
  }
}

interface InputBoxOptions {
  readonly title?: string;
  readonly prompt?: string;
  readonly value?: string;
  readonly validateInput?: (value: string) => string | undefined;
}

type Step =
  | { readonly kind: 'pick'; readonly act: (quickPick: FakeQuickPick) => void }
  | { readonly kind: 'input'; readonly act: (options: InputBoxOptions) => string | undefined };

let script: Step[] = [];
let scriptErrors: unknown[] = [];
let pickers: FakeQuickPick[] = [];
let inputs: InputBoxOptions[] = [];
const contextKeys = new Map<string, unknown>();
const handlers = new Map<string, () => Promise<void>>();

const fakeVscode = {
  window: {
    createQuickPick: (): FakeQuickPick => new FakeQuickPick(),
    showInputBox: async (options: InputBoxOptions): Promise<string | undefined> => {
      const step = script.shift();
      assert.ok(step && step.kind === 'input', `an input box opened ("${options.title}") but the script expected ${step?.kind}`);
      inputs.push(options);
      const value = step.act(options);
      // VS Code does not accept a value its validator refuses.
      if (value !== undefined) assert.equal(options.validateInput?.(value), undefined, `"${value}" should be valid`);
      return value;
    },
  },
  commands: {
    registerCommand: (id: string, handler: () => Promise<void>): { dispose(): void } => {
      handlers.set(id, handler);
      return { dispose: () => handlers.delete(id) };
    },
    executeCommand: async (command: string, key: string, value: unknown): Promise<void> => {
      assert.equal(command, 'setContext');
      contextKeys.set(key, value);
    },
  },
};

scriptVscode(fakeVscode);

// ---- the code under test, loaded once `vscode` resolves to the stand-in --------------------------

const { FilterState } = require('../../src/filters/state') as typeof import('../../src/filters/state');
const { registerFilterCommands } = require('../../src/filters/commands') as typeof import('../../src/filters/commands');

class FakeMemento {
  readonly values = new Map<string, unknown>();
  writes = 0;
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.values.set(key, value);
  }
}

const STORAGE_KEY = 'browserSessions.filters';
const HAS_FILTERS = 'browserSessions.hasFilters';

// The providers' own capabilities, imported: copies here drifted from what the clients declare.
const capabilitiesListed: Partial<Record<ProviderId, ProviderCapabilities>> = {
  brightData: BRIGHT_DATA_CAPABILITIES,
  anchor: ANCHOR_CAPABILITIES,
  browserbase: BROWSERBASE_CAPABILITIES,
  steel: STEEL_CAPABILITIES,
};
const capabilities = capabilitiesListed as Record<ProviderId, ProviderCapabilities>;

interface Setup {
  readonly state: InstanceType<typeof FilterState>;
  readonly memento: FakeMemento;
  readonly changes: Filters[];
  run(command: string, ...steps: Step[]): Promise<void>;
}

function setup(initial?: unknown): Setup {
  const memento = new FakeMemento();
  if (initial !== undefined) memento.values.set(STORAGE_KEY, initial);
  const state = new FilterState(memento);
  const changes: Filters[] = [];
  state.onDidChange((filters) => changes.push(filters));
  const subscriptions: { dispose(): void }[] = [];
  const context = { subscriptions } as unknown as Parameters<typeof registerFilterCommands>[0];
  registerFilterCommands(
    context,
    state,
    () => ({ zones: ['serp', 'scraping_browser1'], tags: ['prod', 'eu'], targets: ['amazon.com', 'ebay.com'], projects: ['proj_a', 'proj_b'] }),
    capabilities,
  );
  return {
    state,
    memento,
    changes,
    async run(command, ...steps) {
      script = [...steps];
      const handler = handlers.get(command);
      assert.ok(handler, `${command} is registered`);
      await handler();
      if (scriptErrors.length > 0) throw scriptErrors[0];
      assert.deepEqual(script, [], 'every scripted step was used');
      for (const picker of pickers) assert.equal(picker.disposed, true, 'every quick pick is disposed');
    },
  };
}

const pick = (act: (quickPick: FakeQuickPick) => void): Step => ({ kind: 'pick', act });
const input = (act: (options: InputBoxOptions) => string | undefined): Step => ({ kind: 'input', act });
const escape = pick((quickPick) => quickPick.escape());

beforeEach(() => {
  script = [];
  scriptErrors = [];
  pickers = [];
  inputs = [];
  contextKeys.clear();
  handlers.clear();
});

// ---- tests ---------------------------------------------------------------------------------------

describe('registration', () => {
  test('every filter command is registered and disposable through the context', () => {
    const memento = new FakeMemento();
    const subscriptions: { dispose(): void }[] = [];
    registerFilterCommands({ subscriptions } as unknown as Parameters<typeof registerFilterCommands>[0], new FilterState(memento), () => ({ zones: [], tags: [], targets: [] }), capabilities);
    assert.deepEqual([...handlers.keys()].sort(), [
      'browserSessions.clearFilters',
      'browserSessions.filterByDate',
      'browserSessions.filterByMetadata',
      'browserSessions.filterByProject',
      'browserSessions.filterByStatus',
      'browserSessions.filterByTags',
      'browserSessions.filterByTarget',
      'browserSessions.filterByZone',
      'browserSessions.sort',
    ]);
    for (const subscription of subscriptions) subscription.dispose();
    assert.equal(handlers.size, 0);
  });
});

describe('FilterState', () => {
  test('loads persisted state sanitized and publishes the context key', () => {
    const { state } = setup({ status: 'failed', zone: 42, tags: 'nope', date: { from: 'yesterday' } });
    assert.deepEqual(state.current, { status: 'failed' });
    assert.equal(contextKeys.get(HAS_FILTERS), true);
    assert.equal(setup('junk').state.current.status, undefined);
    assert.equal(contextKeys.get(HAS_FILTERS), false);
  });

  test('an update persists, fires once and a repeated update does nothing', async () => {
    const { state, memento, changes } = setup();
    await state.update({ zone: ' serp ' });
    await state.update({ zone: 'serp' });
    assert.deepEqual(memento.values.get(STORAGE_KEY), { zone: 'serp' });
    assert.equal(memento.writes, 1);
    assert.deepEqual(changes, [{ zone: 'serp' }]);
    assert.equal(contextKeys.get(HAS_FILTERS), true);
    await state.clear();
    assert.deepEqual(memento.values.get(STORAGE_KEY), {});
    assert.equal(contextKeys.get(HAS_FILTERS), false);
  });
});

describe('filter by status', () => {
  test('starts on the current status; a pick sets it, Escape keeps it', async () => {
    const { state, run, memento } = setup({ status: 'running' });
    await run(
      'browserSessions.filterByStatus',
      pick((quickPick) => {
        assert.deepEqual(quickPick.labels(), ['All statuses', 'Running', 'Finished / Completed', 'Failed']);
        assert.deepEqual(quickPick.initiallyActive.map((item) => item.label), ['Running']);
        quickPick.choose('Finished / Completed');
      }),
    );
    assert.equal(state.current.status, 'finished');
    assert.deepEqual(memento.values.get(STORAGE_KEY), { status: 'finished' });

    await run('browserSessions.filterByStatus', escape);
    assert.equal(state.current.status, 'finished');

    await run('browserSessions.filterByStatus', pick((quickPick) => quickPick.choose('All statuses')));
    assert.deepEqual(state.current, {});
    assert.equal(contextKeys.get(HAS_FILTERS), false);
  });
});

describe('filter by target', () => {
  test('typed text is taken, tidied; suggestions are offered', async () => {
    const { state, run } = setup();
    await run(
      'browserSessions.filterByTarget',
      pick((quickPick) => {
        assert.equal(quickPick.value, '');
        assert.deepEqual(quickPick.labels(), ['amazon.com', 'ebay.com']);
        quickPick.type('shop.com , cart.com');
        assert.deepEqual(quickPick.labels(), ['shop.com,cart.com', 'amazon.com', 'ebay.com']);
        quickPick.enter();
      }),
    );
    assert.equal(state.current.target, 'shop.com,cart.com');
  });

  test('opens on the current value; emptying it and Enter clears; Escape changes nothing', async () => {
    const { state, run } = setup({ target: 'amazon.com', status: 'failed' });
    await run('browserSessions.filterByTarget', pick((quickPick) => {
      assert.equal(quickPick.value, 'amazon.com');
      quickPick.type('ebay');
      quickPick.escape();
    }));
    assert.equal(state.current.target, 'amazon.com');

    await run(
      'browserSessions.filterByTarget',
      pick((quickPick) => {
        quickPick.type('');
        assert.equal(quickPick.activeItems[0]?.label, 'Clear the target filter');
        quickPick.enter();
      }),
    );
    assert.deepEqual(state.current, { status: 'failed' });
  });

  test('a suggestion can be chosen', async () => {
    const { state, run } = setup();
    await run('browserSessions.filterByTarget', pick((quickPick) => quickPick.choose('ebay.com')));
    assert.equal(state.current.target, 'ebay.com');
  });
});

describe('filter by zone', () => {
  test('says it is Bright Data only, takes a zone, clears on empty', async () => {
    const { state, run } = setup();
    await run(
      'browserSessions.filterByZone',
      pick((quickPick) => {
        assert.equal(quickPick.title, 'Filter by Zone (api_name) (Bright Data only)');
        quickPick.choose('serp');
      }),
    );
    assert.equal(state.current.zone, 'serp');
    await run('browserSessions.filterByZone', pick((quickPick) => {
      quickPick.type('   ');
      quickPick.enter();
    }));
    assert.equal(state.current.zone, undefined);
  });
});

describe('filter by tags', () => {
  test('comma-separated input, prefilled with the current tags; empty clears; Escape keeps', async () => {
    const { state, run } = setup();
    await run(
      'browserSessions.filterByTags',
      input((options) => {
        assert.equal(options.title, 'Filter by Tags (Anchor only)');
        assert.match(options.prompt ?? '', /Seen: prod, eu/);
        return ' prod, eu ,, prod';
      }),
    );
    assert.deepEqual(state.current.tags, ['prod', 'eu']);
    await run('browserSessions.filterByTags', input((options) => {
      assert.equal(options.value, 'prod, eu');
      return undefined;
    }));
    assert.deepEqual(state.current.tags, ['prod', 'eu']);
    await run('browserSessions.filterByTags', input(() => ''));
    assert.equal(state.current.tags, undefined);
  });
});

describe('filter by project', () => {
  test('says it is Steel only, offers seen projects, takes typed text, clears on empty', async () => {
    const { state, run } = setup();
    await run(
      'browserSessions.filterByProject',
      pick((quickPick) => {
        assert.equal(quickPick.title, 'Filter by Project (Steel only)');
        assert.deepEqual(quickPick.labels(), ['proj_a', 'proj_b']);
        quickPick.choose('proj_b');
      }),
    );
    assert.equal(state.current.project, 'proj_b');
    await run('browserSessions.filterByProject', pick((quickPick) => {
      assert.equal(quickPick.value, 'proj_b');
      quickPick.type(' proj_équipe ');
      quickPick.enter();
    }));
    assert.equal(state.current.project, 'proj_équipe');
    await run('browserSessions.filterByProject', pick((quickPick) => {
      quickPick.type('');
      assert.equal(quickPick.activeItems[0]?.label, 'Clear the project filter');
      quickPick.enter();
    }));
    assert.equal(state.current.project, undefined);
  });
});

describe('filter by user metadata', () => {
  test('says it is Browserbase only, builds the documented query, prefills the short form; empty clears; Escape keeps', async () => {
    const { state, run, memento } = setup();
    await run(
      'browserSessions.filterByMetadata',
      input((options) => {
        assert.equal(options.title, 'Filter by User Metadata (Browserbase only)');
        assert.equal(options.value, '');
        assert.match(options.validateInput?.('staging') ?? '', /key=value/);
        return 'team.name = payments';
      }),
    );
    assert.equal(state.current.metadataQuery, "user_metadata['team']['name']:'payments'");
    assert.deepEqual(memento.values.get(STORAGE_KEY), { metadataQuery: "user_metadata['team']['name']:'payments'" });
    await run('browserSessions.filterByMetadata', input((options) => {
      assert.equal(options.value, 'team.name=payments');
      return undefined;
    }));
    assert.equal(state.current.metadataQuery, "user_metadata['team']['name']:'payments'");
    await run('browserSessions.filterByMetadata', input(() => ''));
    assert.equal(state.current.metadataQuery, undefined);
  });
});

describe('filter by date', () => {
  test('a preset, then any time', async () => {
    const { state, run } = setup();
    await run('browserSessions.filterByDate', pick((quickPick) => quickPick.choose('Last 24 hours')));
    assert.deepEqual(state.current.date, { preset: 'last24Hours' });
    await run('browserSessions.filterByDate', pick((quickPick) => {
      assert.deepEqual(quickPick.initiallyActive.map((item) => item.label), ['Last 24 hours']);
      quickPick.choose('Any time');
    }));
    assert.equal(state.current.date, undefined);
  });

  test('a custom range is validated as typed and stored as typed', async () => {
    const { state, run } = setup();
    await run(
      'browserSessions.filterByDate',
      pick((quickPick) => quickPick.choose('Custom range…')),
      input((options) => {
        assert.equal(options.validateInput?.('yesterday'), 'Use ISO 8601, e.g. 2025-12-01 or 2025-12-01T08:00:00Z');
        assert.equal(options.validateInput?.(''), undefined);
        return '2025-12-01';
      }),
      input((options) => {
        assert.equal(options.validateInput?.('2025-11-30'), 'To is before From (2025-12-01).');
        assert.equal(options.validateInput?.('2025-13-01'), 'Use ISO 8601, e.g. 2025-12-01 or 2025-12-01T08:00:00Z');
        return '2025-12-16T23:59:59Z';
      }),
    );
    assert.deepEqual(state.current.date, { from: '2025-12-01', to: '2025-12-16T23:59:59Z' });
  });

  test('both ends empty is refused; an open end is fine; Escape at To changes nothing', async () => {
    const { state, run } = setup({ date: { from: '2025-12-01' } });
    await run(
      'browserSessions.filterByDate',
      pick((quickPick) => quickPick.choose('Custom range…')),
      input((options) => {
        assert.equal(options.value, '2025-12-01');
        return '';
      }),
      input((options) => {
        assert.match(options.validateInput?.('') ?? '', /From or To/);
        return undefined;
      }),
    );
    assert.deepEqual(state.current.date, { from: '2025-12-01' });
    await run(
      'browserSessions.filterByDate',
      pick((quickPick) => quickPick.choose('Custom range…')),
      input(() => ''),
      input(() => '2025-12-16'),
    );
    assert.deepEqual(state.current.date, { to: '2025-12-16' });
  });
});

describe('sort', () => {
  test('fields grouped by provider; field then order sets only that provider', async () => {
    const { state, run } = setup({ sort: { anchor: { field: 'used_credits', order: 'asc' } } });
    await run(
      'browserSessions.sort',
      pick((quickPick) => {
        assert.deepEqual(quickPick.labels(), [
          '— Bright Data',
          'Start time',
          'Duration',
          'Bandwidth',
          '— Anchor',
          'Created',
          'Session ID',
          'Credits used',
          'API key name',
        ]);
        quickPick.choose('Bandwidth');
      }),
      pick((quickPick) => {
        assert.equal(quickPick.title, 'Sort Sessions (2/2): Bright Data by Bandwidth');
        assert.deepEqual(quickPick.labels(), ['Largest first', 'Smallest first']);
        quickPick.choose('Largest first');
      }),
    );
    assert.deepEqual(state.current.sort, {
      brightData: { field: 'bandwidth', order: 'desc' },
      anchor: { field: 'used_credits', order: 'asc' },
    });
  });

  test('Escape on the order keeps the sort; the default order on the default field removes the entry', async () => {
    const { state, run } = setup({ sort: { anchor: { field: 'used_credits', order: 'asc' } } });
    await run('browserSessions.sort', pick((quickPick) => quickPick.choose('Created')), escape);
    assert.deepEqual(state.current.sort, { anchor: { field: 'used_credits', order: 'asc' } });
    await run(
      'browserSessions.sort',
      pick((quickPick) => quickPick.choose('Created')),
      pick((quickPick) => quickPick.choose('Newest first')),
    );
    assert.deepEqual(state.current, {});
  });
});

describe('clear filters', () => {
  test('clears everything; with nothing set it neither writes nor fires', async () => {
    const { state, run, memento, changes } = setup({ status: 'failed', tags: ['prod'] });
    await run('browserSessions.clearFilters');
    assert.deepEqual(state.current, {});
    assert.equal(contextKeys.get(HAS_FILTERS), false);
    const writes = memento.writes;
    await run('browserSessions.clearFilters');
    assert.equal(memento.writes, writes);
    assert.equal(changes.length, 1);
  });
});
