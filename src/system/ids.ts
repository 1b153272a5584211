// Every command this extension contributes, as one list: `registerCommand`, `executeCommand`, tree
// items and the details panel take a `CommandId`, so a typo or a dropped command fails to compile,
// and a unit test holds this list equal to package.json's `contributes.commands`.
export const COMMAND_IDS = [
  'browserSessions.refresh',
  'browserSessions.setApiKey',
  'browserSessions.clearApiKey',
  'browserSessions.addConnection',
  'browserSessions.removeConnection',
  'browserSessions.renameConnection',
  'browserSessions.filterByStatus',
  'browserSessions.filterByTarget',
  'browserSessions.filterByDate',
  'browserSessions.filterByZone',
  'browserSessions.filterByTags',
  'browserSessions.filterByProject',
  'browserSessions.filterByMetadata',
  'browserSessions.sort',
  'browserSessions.clearFilters',
  'browserSessions.showDetails',
  'browserSessions.openTargetUrl',
  'browserSessions.openEndUrl',
  'browserSessions.copyId',
  'browserSessions.copyJson',
  'browserSessions.findSession',
  'browserSessions.loadMore',
  'browserSessions.allowApiOrigin',
  'browserSessions.showOverview',
  // issue 9 §2–3
  'browserSessions.openLiveView',
  'browserSessions.showPages',
  'browserSessions.downloadRecording',
  'browserSessions.showLogs',
  // Issue 9 §1, §4
  'browserSessions.stopSession',
  'browserSessions.openJson',
  'browserSessions.exportSessions',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/** VS Code's own commands that we run; kept apart so ours stay an exact match of package.json. */
export type BuiltinCommandId =
  | 'setContext'
  | 'workbench.action.openSettings'
  // Export's done message: show the file in the OS, or open it in an editor.
  | 'revealFileInOS'
  | 'vscode.open'
  // The status bar's click: VS Code's generated focus command of our view.
  | 'browserSessions.sessions.focus';

/** Every virtual document of ours: session JSON at /<connection>/<id>.json, logs at /logs/<connection>/<id>.log. */
export const SESSION_DOCUMENT_SCHEME = 'browser-session';

/** Shorthand so call sites read `COMMAND.refresh` rather than repeating the prefix. */
export const COMMAND = Object.freeze(
  Object.fromEntries(COMMAND_IDS.map((id) => [id.slice('browserSessions.'.length), id])),
) as { readonly [K in CommandId as K extends `browserSessions.${infer Name}` ? Name : never]: K };

/**
 * The tree's own commands, registered with the view at activation. Every other command's module is
 * loaded on its first use (see system/firstUse.ts): activation compiles and runs only the tree.
 */
export const ACTIVATION_COMMANDS: readonly CommandId[] = [COMMAND.refresh, COMMAND.loadMore];

export const FIRST_USE_COMMANDS: readonly CommandId[] = COMMAND_IDS.filter((id) => !ACTIVATION_COMMANDS.includes(id));
