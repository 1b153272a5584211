// Words people see for filter values. Pure: shared by the view description and the pickers.
// The tables translate through getters: a value computed at module load would be English, since
// activation hands @vscode/l10n its bundle only after every module has been loaded.
import * as l10n from '@vscode/l10n';
import type { DatePreset } from './dates';

export const STATUS_KINDS = ['running', 'finished', 'failed'] as const;
export type FilterStatus = (typeof STATUS_KINDS)[number];

export const STATUS_LABELS: Readonly<Record<FilterStatus, string>> = {
  get running() { return l10n.t('Running'); },
  // Anchor spells this kind "completed".
  get finished() { return l10n.t('Finished / Completed'); },
  get failed() { return l10n.t('Failed'); },
};

export const PRESET_LABELS: Readonly<Record<DatePreset, { readonly long: string; readonly short: string }>> = {
  lastHour: { get long() { return l10n.t('Last hour'); }, get short() { return l10n.t('last hour'); } },
  last24Hours: { get long() { return l10n.t('Last 24 hours'); }, get short() { return l10n.t('last 24 h'); } },
  last7Days: { get long() { return l10n.t('Last 7 days'); }, get short() { return l10n.t('last 7 days'); } },
  last30Days: { get long() { return l10n.t('Last 30 days'); }, get short() { return l10n.t('last 30 days'); } },
};

/** How a field's values compare, which decides the words for its sort order. */
export type SortFieldKind = 'time' | 'number' | 'text';

const SORT_FIELDS: Readonly<Record<string, { readonly label: string; readonly kind: SortFieldKind }>> = {
  // Bright Data
  timestamp: { get label() { return l10n.t('Start time'); }, kind: 'time' },
  duration: { get label() { return l10n.t('Duration'); }, kind: 'number' },
  bandwidth: { get label() { return l10n.t('Bandwidth'); }, kind: 'number' },
  // Anchor
  created_at: { get label() { return l10n.t('Created'); }, kind: 'time' },
  session_id: { get label() { return l10n.t('Session ID'); }, kind: 'text' },
  used_credits: { get label() { return l10n.t('Credits used'); }, kind: 'number' },
  api_key_name: { get label() { return l10n.t('API key name'); }, kind: 'text' },
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
