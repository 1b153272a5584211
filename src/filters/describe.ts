// One line for the view's description. Plain text (VS Code escapes nothing there), kept short.
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
  if (from) return `since ${from}`;
  return to ? `until ${to}` : 'any time';
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
  if (supporting.length === 0) return ' (ignored)';
  return ` (${supporting.map((provider) => labels[provider]).join(', ')} only)`;
}

function describeSort(filters: Filters, capabilities: Capabilities, labels: Record<ProviderId, string>): string[] {
  return providersOf(capabilities).flatMap((provider) => {
    const choice = filters.sort?.[provider];
    if (!choice) return [];
    const arrow = choice.order === 'desc' ? '↓' : '↑';
    const ignored = capabilities[provider].sortFields.includes(choice.field) ? '' : ' (ignored)';
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
  if (filters.status) add('status', `status: ${filters.status}`);
  if (filters.target) add('target', `target: ${shorten(filters.target)}`);
  if (filters.date) add('dateRange', describeDate(filters.date));
  if (filters.zone) add('zone', `zone: ${shorten(filters.zone)}`);
  if (filters.tags?.length) add('tags', `tags: ${shorten(filters.tags.join(', '))}`);
  if (filters.project) add('project', `project: ${shorten(filters.project)}`);
  if (filters.metadataQuery) add('metadataQuery', `metadata: ${shorten(metadataWords(filters.metadataQuery))}`);
  const sorts = describeSort(filters, capabilities, labels);
  if (sorts.length > 0) parts.push(`sort: ${sorts.join(', ')}`);
  return parts.join(SEPARATOR);
}
