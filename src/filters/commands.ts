// The palette's filter commands: thin glue from picks.ts to VS Code's quick input. Escape anywhere
// leaves the filters as they were.
import * as vscode from 'vscode';
import { CAPABILITIES, PROVIDER_LABELS, type ProviderCapabilities, type ProviderId } from '../providers';
import type { DateFilter } from './dates';
import { availability } from './describe';
import { sortFieldLabel } from './labels';
import { metadataInputFor, readMetadataInput } from './metadata';
import { isActive } from './model';
import {
  customRange,
  dateItems,
  effectiveSort,
  formatTagsInput,
  fromInputProblem,
  parseTagsInput,
  parseProjectInput,
  parseTargetInput,
  parseZoneInput,
  sortFieldItems,
  sortOrderItems,
  statusItems,
  tagsPrompt,
  toInputProblem,
  valueItems,
  withSort,
  type PickEntry,
  type PickItem,
  type ValueItemsOptions,
} from './picks';
import type { FilterState } from './state';
import { registerCommand } from '../system/command';
import { COMMAND, type CommandId } from '../system/ids';

export interface FilterSuggestions {
  readonly zones: readonly string[];
  readonly tags: readonly string[];
  readonly targets: readonly string[];
  /** Steel project ids seen in loaded sessions; optional until the store offers them. */
  readonly projects?: readonly string[];
}

type Capabilities = Readonly<Record<ProviderId, ProviderCapabilities>>;

interface Context {
  readonly state: FilterState;
  readonly suggestions: () => FilterSuggestions;
  readonly capabilities: Capabilities;
  readonly labels: Readonly<Record<ProviderId, string>>;
}

export function registerFilterCommands(
  context: vscode.ExtensionContext,
  state: FilterState,
  suggestions: () => FilterSuggestions,
  capabilities: Capabilities = CAPABILITIES,
): void {
  const ctx: Context = { state, suggestions, capabilities, labels: PROVIDER_LABELS };
  const commands: Partial<Record<CommandId, (ctx: Context) => Promise<void>>> = {
    [COMMAND.filterByStatus]: filterByStatus,
    [COMMAND.filterByTarget]: filterByTarget,
    [COMMAND.filterByDate]: filterByDate,
    [COMMAND.filterByZone]: filterByZone,
    [COMMAND.filterByTags]: filterByTags,
    [COMMAND.filterByProject]: filterByProject,
    [COMMAND.filterByMetadata]: filterByMetadata,
    [COMMAND.sort]: sort,
    [COMMAND.clearFilters]: clearFilters,
  };
  for (const [id, run] of Object.entries(commands) as [CommandId, (ctx: Context) => Promise<void>][]) {
    context.subscriptions.push(registerCommand(id, () => run(ctx)));
  }
}

async function filterByStatus({ state }: Context): Promise<void> {
  const picked = await pickOne(statusItems(state.current.status), {
    title: vscode.l10n.t('Filter by Status'),
    placeholder: vscode.l10n.t('Show sessions with this status'),
  });
  if (picked) await state.update({ status: picked.value });
}

async function filterByTarget({ state, suggestions }: Context): Promise<void> {
  const picked = await pickTyped({
    title: vscode.l10n.t('Filter by Target URL or Domain'),
    placeholder: vscode.l10n.t('e.g. example.com (empty clears the filter)'),
    current: state.current.target,
    suggestions: suggestions().targets,
    parse: parseTargetInput,
    hint: vscode.l10n.t('Bright Data: part of the target URL · Anchor: domains, comma-separated, all must match'),
    clearLabel: vscode.l10n.t('Clear the target filter'),
  });
  if (picked) await state.update({ target: picked.value });
}

async function filterByZone({ state, suggestions, capabilities, labels }: Context): Promise<void> {
  const picked = await pickTyped({
    title: vscode.l10n.t('Filter by Zone (api_name){0}', availability('zone', capabilities, labels)),
    placeholder: vscode.l10n.t('A zone name, e.g. scraping_browser1 (empty clears the filter)'),
    current: state.current.zone,
    suggestions: suggestions().zones,
    parse: parseZoneInput,
    hint: vscode.l10n.t('exact zone name'),
    clearLabel: vscode.l10n.t('Clear the zone filter'),
  });
  if (picked) await state.update({ zone: picked.value });
}

async function filterByTags({ state, suggestions, capabilities, labels }: Context): Promise<void> {
  const only = availability('tags', capabilities, labels);
  const input = await vscode.window.showInputBox({
    title: vscode.l10n.t('Filter by Tags{0}', only),
    prompt: tagsPrompt(suggestions().tags, only),
    placeHolder: vscode.l10n.t('e.g. production, scraping'),
    value: formatTagsInput(state.current.tags),
  });
  if (input === undefined) return;
  const tags = parseTagsInput(input);
  await state.update({ tags: tags.length > 0 ? tags : undefined });
}

async function filterByProject({ state, suggestions, capabilities, labels }: Context): Promise<void> {
  const picked = await pickTyped({
    title: vscode.l10n.t('Filter by Project{0}', availability('project', capabilities, labels)),
    placeholder: vscode.l10n.t('A project id (empty clears the filter)'),
    current: state.current.project,
    suggestions: suggestions().projects ?? [],
    parse: parseProjectInput,
    hint: vscode.l10n.t('exact project id'),
    clearLabel: vscode.l10n.t('Clear the project filter'),
  });
  if (picked) await state.update({ project: picked.value });
}

async function filterByMetadata({ state, capabilities, labels }: Context): Promise<void> {
  const only = availability('metadataQuery', capabilities, labels);
  const input = await vscode.window.showInputBox({
    title: vscode.l10n.t('Filter by User Metadata{0}', only),
    prompt: vscode.l10n.t("Sessions whose user metadata has this string value{0}: key=value, team.name=payments, or user_metadata['key']:'value'. Empty clears the filter.", only),
    placeHolder: vscode.l10n.t('e.g. env=staging'),
    value: metadataInputFor(state.current.metadataQuery),
    validateInput: (typed) => {
      const read = readMetadataInput(typed);
      return 'problem' in read ? read.problem : undefined;
    },
  });
  if (input === undefined) return;
  const read = readMetadataInput(input);
  if ('query' in read) await state.update({ metadataQuery: read.query });
}

async function filterByDate({ state }: Context): Promise<void> {
  const current = state.current.date;
  const picked = await pickOne(dateItems(current), {
    title: vscode.l10n.t('Filter by Date Range'),
    placeholder: vscode.l10n.t('Sessions started within…'),
  });
  if (!picked) return;
  const choice = picked.value;
  if (choice.kind === 'any') return state.update({ date: undefined });
  if (choice.kind === 'preset') return state.update({ date: { preset: choice.preset } });
  const range = await askCustomRange(current && !('preset' in current) ? current : {});
  if (range) await state.update({ date: range });
}

async function askCustomRange(current: { readonly from?: string; readonly to?: string }): Promise<DateFilter | undefined> {
  const placeHolder = vscode.l10n.t('2025-12-01 or 2025-12-01T08:00:00Z');
  const from = await vscode.window.showInputBox({
    title: vscode.l10n.t('Custom Date Range (1/2): From'),
    prompt: vscode.l10n.t('Sessions started at or after this time, in ISO 8601 (a date alone is that day in UTC). Empty: no lower bound.'),
    placeHolder,
    value: current.from ?? '',
    validateInput: fromInputProblem,
  });
  if (from === undefined) return undefined;
  const to = await vscode.window.showInputBox({
    title: vscode.l10n.t('Custom Date Range (2/2): To'),
    prompt: vscode.l10n.t('Sessions started at or before this time, in ISO 8601 (a date alone is that whole day in UTC). Empty: no upper bound.'),
    placeHolder,
    value: current.to ?? '',
    validateInput: (input) => toInputProblem(input, from),
  });
  if (to === undefined) return undefined;
  return customRange(from, to);
}

async function sort({ state, capabilities, labels }: Context): Promise<void> {
  const target = await pickOne(sortFieldItems(state.current, capabilities, labels), {
    title: vscode.l10n.t('Sort Sessions (1/2): Field'),
    placeholder: vscode.l10n.t('Each provider sorts by its own fields'),
  });
  if (!target) return;
  const { provider, field } = target.value;
  const providerCapabilities = capabilities[provider];
  const effective = effectiveSort(state.current, provider, providerCapabilities);
  const order = await pickOne(sortOrderItems(field, effective.field === field ? effective.order : undefined), {
    title: vscode.l10n.t('Sort Sessions (2/2): {0} by {1}', labels[provider], sortFieldLabel(field)),
    placeholder: vscode.l10n.t('Order'),
  });
  if (!order) return;
  await state.update((filters) => withSort(filters, provider, { field, order: order.value }, providerCapabilities));
}

async function clearFilters({ state }: Context): Promise<void> {
  if (isActive(state.current)) await state.clear();
}

// Quick input glue

interface Item<T> extends vscode.QuickPickItem {
  readonly entry?: PickItem<T>;
}

/** Wrapped so a picked `undefined` (e.g. "All statuses") differs from Escape. */
interface Picked<T> {
  readonly value: T;
}

interface PickOptions {
  readonly title: string;
  readonly placeholder: string;
}

function toItems<T>(entries: readonly PickEntry<T>[]): Item<T>[] {
  return entries.map((entry): Item<T> => {
    if ('separator' in entry) return { label: entry.separator, kind: vscode.QuickPickItemKind.Separator };
    return { label: entry.label, description: entry.description, alwaysShow: entry.alwaysShow, entry };
  });
}

interface ShowPickOptions<T> extends PickOptions {
  readonly items: (typed: string) => readonly PickEntry<T>[];
  /**
   * For pickers that take free text: the items follow what is typed, the first one (the typed
   * value) starts active, and Enter with no item left reads the text itself.
   */
  readonly freeText?: { readonly initial: string; readonly accept: (typed: string) => Picked<T> };
}

/** A single-choice quick pick; a fixed list starts on the current choice. Resolves once, when hidden. */
function showPick<T>(options: ShowPickOptions<T>): Promise<Picked<T> | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<Item<T>>();
    quickPick.title = options.title;
    quickPick.placeholder = options.placeholder;
    quickPick.value = options.freeText?.initial ?? '';
    const refresh = (): void => {
      const items = toItems(options.items(quickPick.value));
      quickPick.items = items;
      const current = items.find((each) => each.entry?.current);
      if (current && !options.freeText) quickPick.activeItems = [current];
    };
    refresh();
    let picked: Picked<T> | undefined;
    const subscriptions = [
      quickPick.onDidChangeValue(() => {
        if (options.freeText) refresh();
      }),
      quickPick.onDidAccept(() => {
        const item = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
        // Enter right after a keystroke can arrive before the renderer has the items rebuilt for
        // it, so the active item may be a suggestion the typed text no longer matches: then the
        // text itself is what the person meant.
        const stale = options.freeText !== undefined && item !== undefined && !item.label.toLowerCase().includes(quickPick.value.trim().toLowerCase());
        const entry = stale ? undefined : item?.entry;
        picked = entry ? { value: entry.value } : options.freeText?.accept(quickPick.value);
        if (picked) quickPick.hide();
      }),
      quickPick.onDidHide(() => {
        for (const subscription of subscriptions) subscription.dispose();
        quickPick.dispose();
        resolve(picked);
      }),
    ];
    quickPick.show();
  });
}

function pickOne<T>(entries: readonly PickEntry<T>[], options: PickOptions): Promise<Picked<T> | undefined> {
  return showPick({ ...options, items: () => entries });
}

/** Free text with suggestions: the typed value is the first item; Enter on nothing clears. */
function pickTyped(
  options: PickOptions & Omit<ValueItemsOptions, 'typed'>,
): Promise<Picked<string | undefined> | undefined> {
  return showPick<string | undefined>({
    ...options,
    items: (typed) => valueItems({ ...options, typed }),
    freeText: { initial: options.current ?? '', accept: (typed) => ({ value: options.parse(typed) }) },
  });
}
