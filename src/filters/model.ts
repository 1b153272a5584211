// Filters are one provider-neutral value; `queryFor` maps it onto each provider's SessionQuery
// through that provider's capabilities, and names what it could not apply. Pure: no `vscode`.
import {
  PROVIDER_LABELS,
  type FilterKey,
  type ProviderCapabilities,
  type ProviderId,
  type SessionQuery,
  type SortOrder,
} from '../providers/types';
import { isDatePreset, isReversedRange, parseIsoDate, resolveDate, type DateFilter } from './dates';
import { isObject as isRecord } from '../shared/guards';
import { splitCommaList } from '../shared/lists';
import { STATUS_KINDS, type FilterStatus } from './labels';

export { parseIsoDate, resolveDate, type DateFilter, type DatePreset } from './dates';
export type { FilterStatus } from './labels';

export interface SortChoice {
  readonly field: string;
  readonly order: SortOrder;
}

export interface Filters {
  /** A kind; each provider's spelling comes from `capabilities.statusFor`. */
  readonly status?: FilterStatus;
  /** Bright Data `target_url` substring; Anchor `domains` (comma list, all must match). */
  readonly target?: string;
  /** A preset, or bounds as typed (ISO 8601), resolved at query time. */
  readonly date?: DateFilter;
  /** Bright Data `api_name`. */
  readonly zone?: string;
  /**
   * Anchor `tags`: trimmed, non-empty, unique, without commas. The spec's `tags` says "Session must
   * include all provided tags"; just above it an orphan description with no parameter name reads
   * "Comma-separated tag search terms (partial, case-insensitive)". We send only the named `tags`,
   * so matching may be exact or partial: the UI promises "must carry all of them", nothing more.
   */
  readonly tags?: readonly string[];
  /** Steel `projectId` (newest SDK only): the sessions of one project. */
  readonly project?: string;
  /**
   * Browserbase `q`, as sent: `user_metadata['key']['nested']:'value'` (string equality on a field
   * path, the only syntax the spec documents). The picker builds it from `key.nested=value` too.
   */
  readonly metadataQuery?: string;
  /** Each provider sorts by its own fields, so each keeps its own choice. */
  readonly sort?: Readonly<Partial<Record<ProviderId, SortChoice>>>;
}

/** A filter named as in `Filters`; what `queryFor` reports it could not apply. */
export type FilterLabel = keyof Filters;

export const NO_FILTERS: Filters = Object.freeze({});

const PROVIDER_IDS = Object.keys(PROVIDER_LABELS) as readonly ProviderId[];

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The provider's query for these filters. The sort field and order are always set (the provider's
 * default unless chosen) because Anchor's spec gives `sort_order` a default of asc while the view
 * shows the newest first. `status` is set from the filter; the store overrides it per status group.
 * `provider` picks the sort choice: capabilities do not say whose they are.
 */
export function queryFor(
  filters: Filters,
  capabilities: ProviderCapabilities,
  now: Date,
  provider: ProviderId,
): { query: SessionQuery; unsupported: FilterLabel[] } {
  const query: Writable<SessionQuery> = {};
  const unsupported: FilterLabel[] = [];
  const apply = (label: FilterLabel, key: FilterKey, fields: Partial<SessionQuery> | undefined): void => {
    if (!fields) return;
    if (capabilities.filters.has(key)) Object.assign(query, fields);
    else unsupported.push(label);
  };

  apply('status', 'status', filters.status && { status: capabilities.statusFor[filters.status] });
  apply('target', 'target', filters.target ? { target: filters.target } : undefined);
  const bounds = resolveDate(filters.date, now);
  apply('date', 'dateRange', bounds.from || bounds.to ? bounds : undefined);
  apply('zone', 'zone', filters.zone ? { zone: filters.zone } : undefined);
  apply('tags', 'tags', filters.tags?.length ? { tags: [...filters.tags] } : undefined);
  apply('project', 'project', filters.project ? { projectId: filters.project } : undefined);
  apply('metadataQuery', 'metadataQuery', filters.metadataQuery ? { metadataQuery: filters.metadataQuery } : undefined);

  const chosen = filters.sort?.[provider];
  const sortable = chosen !== undefined && capabilities.sortFields.includes(chosen.field);
  if (chosen && !sortable) unsupported.push('sort');
  const sort = sortable ? chosen : capabilities.defaultSort;
  query.sortBy = sort.field;
  query.order = sort.order;
  return { query, unsupported };
}

export function isActive(filters: Filters): boolean {
  const sorted = filters.sort !== undefined && Object.values(filters.sort).some((choice) => choice !== undefined);
  return (
    filters.status !== undefined ||
    !!filters.target ||
    filters.date !== undefined ||
    !!filters.zone ||
    (filters.tags?.length ?? 0) > 0 ||
    !!filters.project ||
    !!filters.metadataQuery ||
    sorted
  );
}

/** Tags from any list of strings: split at commas (Anchor's separator), trimmed, empty dropped, unique. */
export function normalizeTags(values: readonly unknown[]): string[] {
  return [...new Set(splitCommaList(values.filter((value): value is string => typeof value === 'string')))];
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function sanitizeDate(value: unknown): DateFilter | undefined {
  if (!isRecord(value)) return undefined;
  if ('preset' in value) return isDatePreset(value.preset) ? { preset: value.preset } : undefined;
  const from = text(value.from);
  const to = text(value.to);
  const validFrom = from !== undefined && parseIsoDate(from) ? from : undefined;
  const validTo = to !== undefined && parseIsoDate(to) ? to : undefined;
  if (validFrom === undefined && validTo === undefined) return undefined;
  // A reversed range matches nothing and would look like an empty account: drop it.
  if (isReversedRange(validFrom, validTo)) return undefined;
  return { ...(validFrom && { from: validFrom }), ...(validTo && { to: validTo }) };
}

function sanitizeSort(value: unknown): Filters['sort'] {
  if (!isRecord(value)) return undefined;
  const sort: Partial<Record<ProviderId, SortChoice>> = {};
  for (const provider of PROVIDER_IDS) {
    const choice = value[provider];
    if (!isRecord(choice)) continue;
    const field = text(choice.field);
    if (field && (choice.order === 'asc' || choice.order === 'desc')) sort[provider] = { field, order: choice.order };
  }
  return Object.keys(sort).length > 0 ? sort : undefined;
}

/**
 * Keeps only well-formed fields: persisted state may be junk or from an older version. The result
 * has no undefined-valued keys, so two equal filters serialize the same.
 */
export function sanitizeFilters(value: unknown): Filters {
  if (!isRecord(value)) return NO_FILTERS;
  const status = STATUS_KINDS.find((kind) => kind === value.status);
  const target = text(value.target);
  const date = sanitizeDate(value.date);
  const zone = text(value.zone);
  const tags = Array.isArray(value.tags) ? normalizeTags(value.tags) : [];
  const project = text(value.project);
  const metadataQuery = text(value.metadataQuery);
  const sort = sanitizeSort(value.sort);
  return {
    ...(status && { status }),
    ...(target && { target }),
    ...(date && { date }),
    ...(zone && { zone }),
    ...(tags.length > 0 && { tags }),
    ...(project && { project }),
    ...(metadataQuery && { metadataQuery }),
    ...(sort && { sort }),
  };
}

/** The filters after a change; a key set to undefined removes that filter. */
export function applyChange(current: Filters, change: Partial<Filters> | ((filters: Filters) => Filters)): Filters {
  return sanitizeFilters(typeof change === 'function' ? change(current) : { ...current, ...change });
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return JSON.stringify(sanitizeFilters(a)) === JSON.stringify(sanitizeFilters(b));
}
