// The `when` clauses of the tree's menus and the palette read these keys, so they are kept up to
// date from activation on, while the commands that act on them load on first use.
import type * as vscode from 'vscode';
import { canStop, inspectActions, type InspectAction } from '../providers';
import type { SessionStore } from '../store/sessionStore';
import { executeCommand } from '../system/command';

/** Some loaded session offers the action. */
export const INSPECT_CONTEXT_KEYS: Readonly<Record<InspectAction, string>> = {
  liveView: 'browserSessions.canOpenLiveView',
  pages: 'browserSessions.canShowPages',
  recording: 'browserSessions.canDownloadRecording',
  logs: 'browserSessions.canShowLogs',
};

/** Some loaded session is running and its provider can stop one. */
export const CAN_STOP_ANY = 'browserSessions.canStopAny';

/** Sets the keys now and whenever the store changes; a key is written only when its value changes. */
export function trackSessionContextKeys(store: SessionStore): vscode.Disposable {
  const written = new Map<string, boolean>();
  const write = (key: string, value: boolean): void => {
    if (written.get(key) === value) return;
    written.set(key, value);
    void executeCommand('setContext', key, value);
  };
  const update = (): void => {
    const offered = new Set<InspectAction>();
    let stoppable = false;
    for (const { session } of store.loadedSessions()) {
      for (const action of inspectActions(session)) offered.add(action);
      stoppable ||= canStop(session);
    }
    for (const [action, key] of Object.entries(INSPECT_CONTEXT_KEYS) as [InspectAction, string][]) write(key, offered.has(action));
    write(CAN_STOP_ANY, stoppable);
  };
  update();
  return store.onDidChange(update);
}
