// Words people see for filter values. Pure: shared by the view description and the pickers.
import type { DatePreset } from './dates';

export const STATUS_KINDS = ['running', 'finished', 'failed'] as const;
export type FilterStatus = (typeof STATUS_KINDS)[number];

export const STATUS_LABELS: Readonly<Record<FilterStatus, string>> = {
  running: 'Running',
  // Anchor spells this kind "completed".
  finished: 'Finished / Completed',
  failed: 'Failed',
};

export const PRESET_LABELS: Readonly<Record<DatePreset, { readonly long: string; readonly short: string }>> = {
  lastHour: { long: 'Last hour', short: 'last hour' },
  last24Hours: { long: 'Last 24 hours', short: 'last 24 h' },
  last7Days: { long: 'Last 7 days', short: 'last 7 days' },
  last30Days: { long: 'Last 30 days', short: 'last 30 days' },
};

/** How a field's values compare, which decides the words for its sort order. */
export type SortFieldKind = 'time' | 'number' | 'text';

const SORT_FIELDS: Readonly<Record<string, { readonly label: string; readonly kind: SortFieldKind }>> = {
  // Bright Data
  timestamp: { label: 'Start time', kind: 'time' },
  duration: { label: 'Duration', kind: 'number' },
  bandwidth: { label: 'Bandwidth', kind: 'number' },
  // Anchor
  created_at: { label: 'Created', kind: 'time' },
  session_id: { label: 'Session ID', kind: 'text' },
  used_credits: { label: 'Credits used', kind: 'number' },
  api_key_name: { label: 'API key name', kind: 'text' },
};

/** "Bandwidth"; a field we have no words for keeps the API's name. */
export function sortFieldLabel(field: string): string {
  return Object.hasOwn(SORT_FIELDS, field) ? SORT_FIELDS[field].label : field;
}

export function sortFieldKind(field: string): SortFieldKind {
  return Object.hasOwn(SORT_FIELDS, field) ? SORT_FIELDS[field].kind : 'text';
}

/** "bandwidth", "start time", but "API key name" and "session ID" keep their capitals. */
export function sortFieldWords(field: string): string {
  const label = sortFieldLabel(field);
  if (!Object.hasOwn(SORT_FIELDS, field) || label.slice(0, 2) === label.slice(0, 2).toUpperCase()) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}
