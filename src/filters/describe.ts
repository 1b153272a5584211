// One line for the view's description. Plain text (VS Code escapes nothing there), kept short.
// Its words go through @vscode/l10n, which activation gives VS Code's bundle.
import * as l10n from '@vscode/l10n';
import type { FilterKey, ProviderCapabilities, ProviderId } from '../providers/types';
import { shortDate, type DateFilter } from './dates';
import { PRESET_LABELS, sortFieldWords } from './labels';
import { parseMetadataQuery } from './metadata';
import type { Filters } from './model';

const SEPARATOR = ' · ';
const MAX_VALUE_CHARS = 32;

/** Cuts long values with an ellipsis, by code point so no emoji is split in half. */
export function shorten(value: string, max = MAX_VALUE_CHARS): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

function describeDate(date: DateFilter): string {
  if ('preset' in date) return PRESET_LABELS[date.preset].short;
  const from = date.from === undefined ? undefined : shorten(shortDate(date.from));
  const to = date.to === undefined ? undefined : shorten(shortDate(date.to));
  if (from && to) return `${from} → ${to}`;
  if (from) return l10n.t('since {0}', from);
  return to ? l10n.t('until {0}', to) : l10n.t('any time');
}

/** `user_metadata['team']['name']:'x'` reads as `team.name = x`; anything else is shown as typed. */
export function metadataWords(query: string): string {
  const parsed = parseMetadataQuery(query);
  return parsed ? `${parsed.path.join('.')} = ${parsed.value}` : query;
}

type Capabilities = Readonly<Record<ProviderId, ProviderCapabilities>>;

function providersOf(capabilities: Capabilities): ProviderId[] {
  return Object.keys(capabilities) as ProviderId[];
}

/** "" when every provider applies the filter, " (Bright Data only)" when some do, " (ignored)" when none. */
export function availability(key: FilterKey, capabilities: Capabilities, labels: Record<ProviderId, string>): string {
  const providers = providersOf(capabilities);
  const supporting = providers.filter((provider) => capabilities[provider].filters.has(key));
  if (supporting.length === providers.length) return '';
  // The leading space stays outside the translation, so no translator can lose it.
  if (supporting.length === 0) return ` ${l10n.t('(ignored)')}`;
  return ` ${l10n.t('({0} only)', supporting.map((provider) => labels[provider]).join(', '))}`;
}

function describeSort(filters: Filters, capabilities: Capabilities, labels: Record<ProviderId, string>): string[] {
  return providersOf(capabilities).flatMap((provider) => {
    const choice = filters.sort?.[provider];
    if (!choice) return [];
    const arrow = choice.order === 'desc' ? '↓' : '↑';
    const ignored = capabilities[provider].sortFields.includes(choice.field) ? '' : ` ${l10n.t('(ignored)')}`;
    return [`${labels[provider]} ${shorten(sortFieldWords(choice.field))} ${arrow}${ignored}`];
  });
}

/**
 * e.g. "status: failed · target: amazon.com · last 24 h · zone: serp (Bright Data only) · sort:
 * Bright Data bandwidth ↓"; "" without filters. A filter only some providers apply says which.
 */
export function describeFilters(
  filters: Filters,
  capabilities: Capabilities,
  labels: Record<ProviderId, string>,
): string {
  const parts: string[] = [];
  const add = (key: FilterKey, text: string): void => {
    parts.push(text + availability(key, capabilities, labels));
  };
  if (filters.status) add('status', l10n.t('status: {0}', filters.status));
  if (filters.target) add('target', l10n.t('target: {0}', shorten(filters.target)));
  if (filters.date) add('dateRange', describeDate(filters.date));
  if (filters.zone) add('zone', l10n.t('zone: {0}', shorten(filters.zone)));
  if (filters.tags?.length) add('tags', l10n.t('tags: {0}', shorten(filters.tags.join(', '))));
  if (filters.project) add('project', l10n.t('project: {0}', shorten(filters.project)));
  if (filters.metadataQuery) add('metadataQuery', l10n.t('metadata: {0}', shorten(metadataWords(filters.metadataQuery))));
  const sorts = describeSort(filters, capabilities, labels);
  if (sorts.length > 0) parts.push(l10n.t('sort: {0}', sorts.join(', ')));
  return parts.join(SEPARATOR);
}
