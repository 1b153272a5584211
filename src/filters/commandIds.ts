// The filter commands' ids, in one place: commands.ts registers them, package.json contributes
// them (test/unit/filters.commandIds.test.ts keeps the two in step).
export const FILTER_COMMANDS = {
  status: 'browserSessions.filterByStatus',
  target: 'browserSessions.filterByTarget',
  date: 'browserSessions.filterByDate',
  zone: 'browserSessions.filterByZone',
  tags: 'browserSessions.filterByTags',
  project: 'browserSessions.filterByProject',
  metadata: 'browserSessions.filterByMetadata',
  sort: 'browserSessions.sort',
  clear: 'browserSessions.clearFilters',
} as const;

export type FilterCommandId = (typeof FILTER_COMMANDS)[keyof typeof FILTER_COMMANDS];
