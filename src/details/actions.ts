// What a webview request asks the extension to do, decided without `vscode` so it is unit-tested.
// The panel runs the answer through the same commands the tree's menus use.
import { canStop } from '../providers';
import type { Session } from '../providers/types';
import type { WebviewToHost } from '../shared/protocol';
import { COMMAND, type CommandId } from '../system/ids';
import { rawDomain } from './snapshot';
import { inspectActions } from '../providers';
import type { InspectActionName } from '../shared/protocol';

const INSPECT_COMMANDS: Readonly<Record<InspectActionName, CommandId>> = {
  liveView: COMMAND.openLiveView,
  pages: COMMAND.showPages,
  recording: COMMAND.downloadRecording,
  logs: COMMAND.showLogs,
};

export type PanelRequest = Exclude<WebviewToHost, { type: 'ready' }>;

export interface CommandCall {
  readonly command: CommandId;
  readonly args: readonly unknown[];
  /** Shown briefly in the panel once the command has run. */
  readonly successMessage?: string;
}

/**
 * The command for a request about `session`, or undefined when the request names something the
 * session does not have (a URL it lacks, a domain it does not carry): those are ignored.
 */
export function commandFor(request: PanelRequest, session: Session, connection: string = session.provider): CommandCall | undefined {
  switch (request.type) {
    case 'openUrl':
      if (request.which === 'target') {
        return session.targetUrl ? { command: COMMAND.openTargetUrl, args: [session] } : undefined;
      }
      return session.endUrl ? { command: COMMAND.openEndUrl, args: [session] } : undefined;
    case 'openDomain': {
      // The panel shows (and so sends back) a lookalike domain in punycode; the command gets the session's own.
      const domain = rawDomain(session, request.domain);
      return domain === undefined ? undefined : { command: COMMAND.openTargetUrl, args: [session, domain] };
    }
    case 'copy':
      return request.what === 'id'
        ? { command: COMMAND.copyId, args: [session], successMessage: 'Session ID copied' }
        : { command: COMMAND.copyJson, args: [session], successMessage: 'JSON copied' };
    // issue 9: only an action the session offers; the connection picks the account's key.
    case 'inspect': {
      if (!inspectActions(session).has(request.action)) return undefined;
      return { command: INSPECT_COMMANDS[request.action], args: [{ connection, session }] };
    }
    // Issue 9: the connection travels with the session (two accounts may hold one id).
    case 'openJson':
      return { command: COMMAND.openJson, args: [{ connection, session }] };
    case 'stop':
      // The button is shown only when stoppable; a forged request for another session is ignored.
      return canStop(session) ? { command: COMMAND.stopSession, args: [{ connection, session }] } : undefined;
  }
}
