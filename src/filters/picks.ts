// What the filter pickers offer for the current filters, and how typed input is read. Pure, so it
// is tested in Node; commands.ts only turns these into VS Code quick picks and input boxes. Its
// words go through @vscode/l10n, which activation gives VS Code's bundle.
import * as l10n from '@vscode/l10n';
import type { ProviderCapabilities, ProviderId, SortOrder } from '../providers/types';
import {
  DATE_PRESETS,
  isReversedRange,
  isoInputProblem,
  shortDate,
  type DateFilter,
  type DatePreset,
} from './dates';
import { shorten } from './describe';
import { PRESET_LABELS, STATUS_KINDS, STATUS_LABELS, sortFieldKind, sortFieldLabel, type FilterStatus, type SortFieldKind } from './labels';
import { joinCommaList } from '../shared/lists';
import { normalizeTags, type Filters, type SortChoice } from './model';

export interface PickItem<T> {
  readonly label: string;
  readonly description?: string;
  readonly value: T;
  /** The choice in effect now: it starts as the active item. */
  readonly current?: boolean;
  /** Shown whatever the user has typed (the typed value itself, "clear"). */
  readonly alwaysShow?: boolean;
}

export interface PickSeparator {
  readonly separator: string;
}

export type PickEntry<T> = PickItem<T> | PickSeparator;

/** The mark in English; shown translated. */
export const CURRENT_MARK = '✓ current';

const MAX_SUGGESTIONS = 50;

function marked(current: boolean, ...notes: (string | undefined)[]): string | undefined {
  const parts = [current ? l10n.t('✓ current') : undefined, ...notes].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function item<T>(label: string, value: T, current: boolean, note?: string): PickItem<T> {
  const description = marked(current, note);
  return { label, value, ...(current && { current }), ...(description && { description }) };
}

// Status

export function statusItems(current: FilterStatus | undefined): PickItem<FilterStatus | undefined>[] {
  return [
    item<FilterStatus | undefined>(l10n.t('All statuses'), undefined, current === undefined),
    ...STATUS_KINDS.map((kind) => item<FilterStatus | undefined>(STATUS_LABELS[kind], kind, current === kind)),
  ];
}

// Date range

export type DateChoice =
  | { readonly kind: 'any' }
  | { readonly kind: 'preset'; readonly preset: DatePreset }
  | { readonly kind: 'custom' };

function describeRange(range: { readonly from?: string; readonly to?: string }): string {
  return `${range.from ? shortDate(range.from) : '…'} → ${range.to ? shortDate(range.to) : '…'}`;
}

export function dateItems(current: DateFilter | undefined): PickItem<DateChoice>[] {
  const preset = current && 'preset' in current ? current.preset : undefined;
  const custom = current && !('preset' in current) ? current : undefined;
  return [
    item<DateChoice>(l10n.t('Any time'), { kind: 'any' }, current === undefined),
    ...DATE_PRESETS.map((each) => item<DateChoice>(PRESET_LABELS[each].long, { kind: 'preset', preset: each }, preset === each)),
    item<DateChoice>(l10n.t('Custom range…'), { kind: 'custom' }, custom !== undefined, custom && describeRange(custom)),
  ];
}

/** For the From box: empty is an open lower end. */
export function fromInputProblem(input: string): string | undefined {
  return isoInputProblem(input);
}

/** For the To box, once From is known. */
export function toInputProblem(input: string, from: string): string | undefined {
  const problem = isoInputProblem(input);
  if (problem) return problem;
  if (input.trim() === '' && from.trim() === '') return l10n.t('Give From or To (or both). For no date filter, pick "Any time".');
  if (isReversedRange(from.trim(), input.trim())) return l10n.t('To is before From ({0}).', from.trim());
  return undefined;
}

/** The range as typed (validated by the boxes); undefined when both ends are empty. */
export function customRange(from: string, to: string): DateFilter | undefined {
  const lower = from.trim();
  const upper = to.trim();
  if (lower === '' && upper === '') return undefined;
  return { ...(lower && { from: lower }), ...(upper && { to: upper }) };
}

// Typed values with suggestions (target, zone)

/** "a.com , b.com," → "a.com,b.com": Anchor reads a comma list; Bright Data gets the same text. */
export function parseTargetInput(input: string): string | undefined {
  return joinCommaList(input);
}

/** Project ids are matched exactly: trimmed, nothing else. */
export function parseProjectInput(input: string): string | undefined {
  const project = input.trim();
  return project === '' ? undefined : project;
}

export function parseZoneInput(input: string): string | undefined {
  const zone = input.trim();
  return zone === '' ? undefined : zone;
}

export interface ValueItemsOptions {
  readonly typed: string;
  readonly current: string | undefined;
  readonly suggestions: readonly string[];
  readonly parse: (input: string) => string | undefined;
  /** Explains what the typed value will match. */
  readonly hint: string;
  readonly clearLabel: string;
}

/** The typed value first (so Enter takes it), then "clear" when something is set, then suggestions. */
export function valueItems(options: ValueItemsOptions): PickItem<string | undefined>[] {
  const typed = options.parse(options.typed);
  const items: PickItem<string | undefined>[] = [];
  if (typed !== undefined) {
    items.push({ ...item(typed, typed, typed === options.current, options.hint), alwaysShow: true });
  }
  if (options.current !== undefined) {
    items.push({ label: options.clearLabel, value: undefined, description: shorten(options.current), alwaysShow: true });
  }
  const offered = new Set(typed === undefined ? [] : [typed]);
  for (const suggestion of options.suggestions) {
    const value = options.parse(suggestion);
    if (value === undefined || offered.has(value)) continue;
    offered.add(value);
    items.push(item(value, value, value === options.current));
    if (offered.size > MAX_SUGGESTIONS) break;
  }
  return items;
}

// Tags

export function parseTagsInput(input: string): string[] {
  return normalizeTags([input]);
}

export function formatTagsInput(tags: readonly string[] | undefined): string {
  return (tags ?? []).join(', ');
}

/** The input box's prompt, naming a few tags seen in loaded sessions. */
export function tagsPrompt(seen: readonly string[], only: string): string {
  const base = l10n.t('Comma-separated; a session must carry all of them{0}. Empty clears the filter.', only);
  const known = normalizeTags(seen);
  return known.length === 0 ? base : l10n.t('{0} Seen: {1}', base, shorten(known.join(', '), 80));
}

// Sort

export interface SortTarget {
  readonly provider: ProviderId;
  readonly field: string;
}

/** The sort the provider is asked for: the choice when it names one of its fields, else its default. */
export function effectiveSort(filters: Filters, provider: ProviderId, capabilities: ProviderCapabilities): SortChoice {
  const chosen = filters.sort?.[provider];
  return chosen && capabilities.sortFields.includes(chosen.field) ? chosen : capabilities.defaultSort;
}

// Getters: translated when read, after activation has handed @vscode/l10n its bundle.
const ORDER_WORDS: Readonly<Record<SortFieldKind, Readonly<Record<SortOrder, string>>>> = {
  time: { get desc() { return l10n.t('Newest first'); }, get asc() { return l10n.t('Oldest first'); } },
  number: { get desc() { return l10n.t('Largest first'); }, get asc() { return l10n.t('Smallest first'); } },
  text: { get desc() { return l10n.t('Z to A'); }, get asc() { return l10n.t('A to Z'); } },
};

export function orderWords(field: string, order: SortOrder): string {
  return ORDER_WORDS[sortFieldKind(field)][order];
}

/** Fields under one separator per provider; each provider's effective sort is marked. */
export function sortFieldItems(
  filters: Filters,
  capabilities: Readonly<Record<ProviderId, ProviderCapabilities>>,
  labels: Readonly<Record<ProviderId, string>>,
): PickEntry<SortTarget>[] {
  return (Object.keys(capabilities) as ProviderId[]).flatMap((provider): PickEntry<SortTarget>[] => {
    const providerCapabilities = capabilities[provider];
    // A provider whose API documents no sort gets no empty heading.
    if (providerCapabilities.sortFields.length === 0) return [];
    const effective = effectiveSort(filters, provider, providerCapabilities);
    return [
      { separator: labels[provider] },
      ...providerCapabilities.sortFields.map((field) => {
        const current = field === effective.field;
        const notes = [
          current ? orderWords(field, effective.order) : undefined,
          field === providerCapabilities.defaultSort.field ? l10n.t('default') : undefined,
        ].filter((note) => note !== undefined);
        return item<SortTarget>(sortFieldLabel(field), { provider, field }, current, notes.join(', ') || undefined);
      }),
    ];
  });
}

/** Descending first: the order the view starts with. `current` marks the order in effect for this field. */
export function sortOrderItems(field: string, current: SortOrder | undefined): PickItem<SortOrder>[] {
  return (['desc', 'asc'] as const).map((order) => item(orderWords(field, order), order, order === current));
}

/** Sets one provider's sort; choosing its default removes the entry, so "no filters" stays true. */
export function withSort(
  filters: Filters,
  provider: ProviderId,
  choice: SortChoice,
  capabilities: ProviderCapabilities,
): Filters {
  const { [provider]: _previous, ...others } = filters.sort ?? {};
  const isDefault =
    choice.field === capabilities.defaultSort.field && choice.order === capabilities.defaultSort.order;
  return { ...filters, sort: isDefault ? others : { ...others, [provider]: choice } };
}
