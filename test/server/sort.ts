export type SortOrder = 'asc' | 'desc';

export type SortValue = number | string | null;

/**
 * Sorts by one field, nulls last in either order (so "longest first" never starts with running
 * sessions), ties broken by id ascending so that paging through equal values is stable.
 */
export function sortBy<T>(items: readonly T[], key: (item: T) => SortValue, id: (item: T) => string, order: SortOrder): T[] {
  const keyed = items.map((item) => ({ item, key: key(item), id: id(item) }));
  keyed.sort((a, b) => compareValues(a.key, b.key, order) || compareText(a.id, b.id));
  return keyed.map(({ item }) => item);
}

function compareValues(a: SortValue, b: SortValue, order: SortOrder): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const ascending = a < b ? -1 : a > b ? 1 : 0;
  return order === 'asc' ? ascending : -ascending;
}

/** Code-unit order, not locale order: the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A number the record really holds, or null (records added by tests may carry anything). */
export function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
