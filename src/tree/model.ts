// The tree as plain data: which nodes exist under which, and how each looks. The vscode adapter
// (sessionsTree.ts) only copies these views into TreeItems, so all of this is tested in plain Node.
import * as l10n from '@vscode/l10n';
import { canStop, DEFINITIONS, inspectActions, isProviderId } from '../providers';
import type { Session, StatusKind } from '../providers/types';
import {
  formatAbsoluteTime,
  formatBytes,
  formatClockTime,
  formatCount,
  formatDuration,
  formatNumber,
  formatRelativeTime,
} from '../shared/format';
import { displayDomain, displayTarget, displayUrl } from '../shared/hosts';
import { domainUrl, webUrl } from '../shared/urls';
import { COMMAND, type BuiltinCommandId, type CommandId } from '../system/ids';
import { OTHER_STATUSES, findGroup, type ConnectionId, type GroupState, type ProviderState } from '../store/state';

export type NoticeKind = 'setKey' | 'authError' | 'error' | 'empty' | 'loading' | 'loadMoreError' | 'blocked';

export type TreeNode =
  | { readonly kind: 'provider'; readonly connection: ConnectionId }
  | { readonly kind: 'group'; readonly connection: ConnectionId; readonly groupKey: string }
  | { readonly kind: 'session'; readonly connection: ConnectionId; readonly groupKey: string; readonly session: Session }
  | { readonly kind: 'loadMore'; readonly connection: ConnectionId; readonly groupKey: string }
  | { readonly kind: 'notice'; readonly connection: ConnectionId; readonly notice: NoticeKind; readonly groupKey?: string };

/** Context values the menus in package.json match on (`viewItem =~ /^session\b.*\+target/`). */
export const CONTEXT = {
  provider: 'provider',
  group: 'group',
  session: 'session',
  loadMore: 'loadMore',
  notice: 'notice',
  targetFlag: '+target',
  keyFlag: '+key',
  /** A connection from `browserSessions.connections`: it can be renamed and removed. */
  extraFlag: '+extra',
  endFlag: '+end',
  // issue 9 §2–3: session state and the inspector actions its provider offers for it now.
  runningFlag: '+running',
  liveViewFlag: '+liveView',
  pagesFlag: '+pages',
  recordingFlag: '+recording',
  logsFlag: '+logs',
  /** Issue 9: a running session whose provider's API can end it (Stop Session… in its menu). */
  canStopFlag: '+canStop',
} as const;

export const COMMANDS = {
  refresh: COMMAND.refresh,
  setApiKey: COMMAND.setApiKey,
  showDetails: COMMAND.showDetails,
  loadMore: COMMAND.loadMore,
  clearFilters: COMMAND.clearFilters,
  allowApiOrigin: COMMAND.allowApiOrigin,
  openSettings: 'workbench.action.openSettings',
} as const satisfies Record<string, CommandId | BuiltinCommandId>;

export interface IconView {
  readonly id: string;
  readonly color?: string;
}

export interface TooltipLine {
  readonly label: string;
  readonly value: string;
}

export interface ItemView {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** Rendered by the adapter as a MarkdownString with every value escaped. */
  readonly tooltip?: { readonly title: string; readonly lines: readonly TooltipLine[] };
  readonly icon?: IconView;
  readonly contextValue: string;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly command?: { readonly command: CommandId | BuiltinCommandId; readonly title: string; readonly arguments: readonly unknown[] };
}

export type StateReader = (connection: ConnectionId) => ProviderState;

export interface TreeContext {
  readonly connections: readonly ConnectionId[];
  readonly read: StateReader;
  readonly filtersActive: boolean;
  readonly now: Date;
}

export function childrenOf(node: TreeNode | undefined, context: TreeContext): TreeNode[] {
  if (!node) {
    // Roots are the connections that have a key (issue 8): five keyless providers would bury the one
    // in use. With no key anywhere the view is empty, so the contributed welcome content shows;
    // Set API Key… stays in the view's title menu and the palette for the others.
    return context.connections
      .filter((connection) => context.read(connection).hasKey)
      .map((connection) => ({ kind: 'provider', connection }));
  }
  const state = context.read(node.connection);
  if (node.kind === 'provider') return providerChildren(state);
  if (node.kind === 'group') {
    const group = findGroup(state, node.groupKey);
    return group ? groupChildren(node.connection, group) : [];
  }
  return [];
}

export function parentOf(node: TreeNode): TreeNode | undefined {
  switch (node.kind) {
    case 'provider':
      return undefined;
    case 'group':
      return { kind: 'provider', connection: node.connection };
    case 'notice':
      return node.groupKey === undefined
        ? { kind: 'provider', connection: node.connection }
        : { kind: 'group', connection: node.connection, groupKey: node.groupKey };
    case 'session':
    case 'loadMore':
      return { kind: 'group', connection: node.connection, groupKey: node.groupKey };
  }
}

/**
 * Stable across refreshes, so VS Code keeps expansion and selection. Session ids and status
 * spellings come from the API: each part is percent-encoded (so none holds a '/') and each kind of
 * node has its own leading letter, so a session called "+more" or "!error" cannot take a row's id.
 */
export function nodeId(node: TreeNode): string {
  const part = encodeURIComponent;
  switch (node.kind) {
    case 'provider':
      return `p/${part(node.connection)}`;
    case 'group':
      return `g/${part(node.connection)}/${part(node.groupKey)}`;
    case 'session':
      return `s/${part(node.connection)}/${part(node.groupKey)}/${part(node.session.id)}`;
    case 'loadMore':
      return `m/${part(node.connection)}/${part(node.groupKey)}`;
    case 'notice':
      return `n/${part(node.connection)}/${node.groupKey === undefined ? '' : part(node.groupKey)}/${node.notice}`;
  }
}

function providerChildren(state: ProviderState): TreeNode[] {
  const connection = state.connection;
  if (!state.hasKey) return [{ kind: 'notice', connection, notice: 'setKey' }];
  if (state.blocked) return [{ kind: 'notice', connection, notice: 'blocked' }];
  const nodes: TreeNode[] = [];
  if (state.error) nodes.push({ kind: 'notice', connection, notice: state.error.kind === 'auth' ? 'authError' : 'error' });
  for (const group of state.groups) nodes.push({ kind: 'group', connection, groupKey: group.key });
  if (state.total === undefined && !state.error) nodes.push({ kind: 'notice', connection, notice: 'loading' });
  if (state.total === 0) nodes.push({ kind: 'notice', connection, notice: 'empty' });
  return nodes;
}

function groupChildren(connection: ConnectionId, group: GroupState): TreeNode[] {
  const nodes: TreeNode[] = group.sessions.map((session) => ({ kind: 'session', connection, groupKey: group.key, session }));
  if (group.error) nodes.push({ kind: 'notice', connection, groupKey: group.key, notice: 'loadMoreError' });
  else if (!group.exhausted && (group.totalExact === false || group.sessions.length < group.total)) nodes.push({ kind: 'loadMore', connection, groupKey: group.key });
  return nodes;
}

export function itemFor(node: TreeNode, context: TreeContext): ItemView {
  const id = nodeId(node);
  const state = context.read(node.connection);
  switch (node.kind) {
    case 'provider':
      return providerItem(id, state, context.now);
    case 'group': {
      const group = findGroup(state, node.groupKey);
      return group ? groupItem(id, group, DEFINITIONS[state.provider].statusLabels) : { id, label: node.groupKey, contextValue: CONTEXT.group, collapsible: 'none' };
    }
    case 'session':
      return sessionItem(id, node, context.now);
    case 'loadMore': {
      const group = findGroup(state, node.groupKey);
      return {
        id,
        label: group?.loadingMore ? l10n.t('Loading…') : l10n.t('Load more'),
        description: group ? l10n.t('{0} of {1}', formatCount(group.sessions.length), formatTotal(group.total, group.totalExact)) : undefined,
        icon: { id: group?.loadingMore ? 'loading~spin' : 'ellipsis' },
        contextValue: CONTEXT.loadMore,
        collapsible: 'none',
        command: { command: COMMANDS.loadMore, title: l10n.t('Load More Sessions'), arguments: [node] },
      };
    }
    case 'notice':
      return noticeItem(id, node, state, context.filtersActive);
  }
}

function providerItem(id: string, state: ProviderState, now: Date): ItemView {
  const label = state.label;
  let description: string | undefined;
  if (!state.hasKey) description = l10n.t('no API key');
  else if (state.blocked) description = state.blocked.reason === 'consentRefused' ? l10n.t('origin not allowed') : l10n.t('base URL refused');
  else if (state.total !== undefined)
    description =
      state.total === 1 && state.totalExact !== false
        ? l10n.t('{0} session', formatTotal(state.total, state.totalExact))
        : l10n.t('{0} sessions', formatTotal(state.total, state.totalExact));
  else if (state.loading) description = l10n.t('loading…');
  const limitedUntil = state.rateLimitedUntil;
  if (limitedUntil !== undefined && limitedUntil > now.getTime()) {
    const limited = l10n.t('Rate limited until {0}', formatClockTime(limitedUntil));
    description = description ? `${description} · ${limited}` : limited;
  }
  return {
    id,
    label,
    description,
    icon: state.error || state.blocked ? { id: 'warning', color: 'problemsWarningIcon.foreground' } : { id: 'cloud' },
    contextValue: `${CONTEXT.provider}${state.hasKey ? CONTEXT.keyFlag : ''}${isProviderId(state.connection) ? '' : CONTEXT.extraFlag}`,
    collapsible: 'expanded',
  };
}

function groupItem(id: string, group: GroupState, statusLabels: Readonly<Record<string, string>> | undefined): ItemView {
  const own = statusLabels && Object.hasOwn(statusLabels, group.key) ? statusLabels[group.key] : undefined;
  // Translated when drawn, never at module load: that would run before activation hands over the bundle.
  const label = group.key === OTHER_STATUSES ? l10n.t('Other statuses') : (own ?? capitalize(group.key));
  const otherSpellings =
    group.key === OTHER_STATUSES ? [...new Set(group.sessions.map((session) => session.status || l10n.t('(none)')))].join(', ') : '';
  return {
    id,
    label,
    description: formatTotal(group.total, group.totalExact),
    tooltip: otherSpellings
      ? { title: label, lines: [{ label: l10n.t('Statuses seen'), value: otherSpellings }] }
      : undefined,
    icon: statusIcon(group.kind),
    contextValue: `${CONTEXT.group}+${group.kind}`,
    collapsible: group.kind === 'running' ? 'expanded' : 'collapsed',
  };
}

function sessionItem(id: string, node: Extract<TreeNode, { kind: 'session' }>, now: Date): ItemView {
  const session = node.session;
  const target = sessionTarget(session);
  const descriptionParts = [formatRelativeTime(session.startedAt, now), formatDuration(session.durationSeconds)].filter(
    (part): part is string => part !== undefined,
  );
  let contextValue: string = CONTEXT.session;
  if (openableTargets(session).length > 0) contextValue += CONTEXT.targetFlag;
  if (webUrl(session.endUrl)) contextValue += CONTEXT.endFlag;
  contextValue += inspectFlags(session);
  if (canStop(session)) contextValue += CONTEXT.canStopFlag;
  return {
    id,
    label: target ?? session.id,
    description: descriptionParts.join(' · ') || undefined,
    tooltip: { title: target ?? session.id, lines: tooltipLines(session) },
    icon: statusIcon(session.statusKind),
    contextValue,
    collapsible: 'none',
    command: { command: COMMANDS.showDetails, title: l10n.t('Show Session Details'), arguments: [node] },
  };
}

function noticeItem(
  id: string,
  node: Extract<TreeNode, { kind: 'notice' }>,
  state: ProviderState,
  filtersActive: boolean,
): ItemView {
  const base = { id, contextValue: `${CONTEXT.notice}+${node.notice}`, collapsible: 'none' as const };
  const connectionArg = [node.connection];
  switch (node.notice) {
    case 'setKey':
      return {
        ...base,
        label: l10n.t('Set API key…'),
        icon: { id: 'key' },
        command: { command: COMMANDS.setApiKey, title: l10n.t('Set API Key…'), arguments: connectionArg },
      };
    case 'authError':
      return {
        ...base,
        label: state.error?.message ?? l10n.t('The API key was refused.'),
        description: l10n.t('Set API Key…'),
        icon: { id: 'key', color: 'problemsErrorIcon.foreground' },
        tooltip: { title: l10n.t('API key refused'), lines: [{ label: l10n.t('Error'), value: state.error?.message ?? '' }] },
        command: { command: COMMANDS.setApiKey, title: l10n.t('Set API Key…'), arguments: connectionArg },
      };
    case 'error':
      return {
        ...base,
        label: state.error?.message ?? l10n.t('Loading failed.'),
        description: l10n.t('Retry'),
        icon: { id: 'error', color: 'problemsErrorIcon.foreground' },
        tooltip: {
          title: l10n.t('Loading failed — click to retry'),
          lines: [
            { label: l10n.t('Error'), value: state.error?.message ?? '' },
            ...(state.total !== undefined ? [{ label: l10n.t('Shown'), value: l10n.t('the last data loaded successfully') }] : []),
          ],
        },
        command: { command: COMMANDS.refresh, title: l10n.t('Retry'), arguments: connectionArg },
      };
    case 'loadMoreError': {
      const group = node.groupKey === undefined ? undefined : findGroup(state, node.groupKey);
      return {
        ...base,
        label: group?.error?.message ?? l10n.t('Loading more failed.'),
        description: l10n.t('Retry'),
        icon: { id: 'error', color: 'problemsErrorIcon.foreground' },
        command: {
          command: COMMANDS.loadMore,
          title: l10n.t('Retry'),
          arguments: [{ kind: 'loadMore', connection: node.connection, groupKey: node.groupKey ?? '' }],
        },
      };
    }
    case 'empty':
      return {
        ...base,
        label: filtersActive ? l10n.t('No sessions match the filters') : l10n.t('No sessions yet'),
        icon: { id: 'info' },
        ...(filtersActive
          ? { description: l10n.t('Clear Filters'), command: { command: COMMANDS.clearFilters, title: l10n.t('Clear Filters'), arguments: [] } }
          : {}),
      };
    case 'loading':
      return { ...base, label: l10n.t('Loading…'), icon: { id: 'loading~spin' } };
    case 'blocked': {
      const block = state.blocked;
      const lines = [
        { label: l10n.t('Why'), value: block?.message ?? '' },
        ...(block?.origin ? [{ label: l10n.t('Origin'), value: block.origin }] : []),
      ];
      if (block?.reason === 'consentRefused') {
        return {
          ...base,
          label: block.message,
          description: l10n.t('Allow…'),
          icon: { id: 'shield', color: 'problemsWarningIcon.foreground' },
          tooltip: { title: l10n.t('API key not sent — click to decide again'), lines },
          command: { command: COMMANDS.allowApiOrigin, title: l10n.t('Allow API Origin…'), arguments: connectionArg },
        };
      }
      return {
        ...base,
        label: block?.message ?? l10n.t('The base URL is refused.'),
        description: l10n.t('Open Settings'),
        icon: { id: 'shield', color: 'problemsErrorIcon.foreground' },
        tooltip: { title: l10n.t('API key not sent — click to fix the setting'), lines },
        command: { command: COMMANDS.openSettings, title: l10n.t('Open Settings'), arguments: block?.setting ? [block.setting] : [] },
      };
    }
  }
}

/** "+running+liveView+pages+logs": appended to a session row's context value. */
export function inspectFlags(session: Session): string {
  const actions = inspectActions(session);
  let flags = session.statusKind === 'running' ? CONTEXT.runningFlag : '';
  if (actions.has('liveView')) flags += CONTEXT.liveViewFlag;
  if (actions.has('pages')) flags += CONTEXT.pagesFlag;
  if (actions.has('recording')) flags += CONTEXT.recordingFlag;
  if (actions.has('logs')) flags += CONTEXT.logsFlag;
  return flags;
}

export function statusIcon(kind: StatusKind): IconView {
  switch (kind) {
    case 'running':
      return { id: 'play-circle', color: 'charts.blue' };
    case 'finished':
      return { id: 'pass', color: 'testing.iconPassed' };
    case 'failed':
      return { id: 'error', color: 'testing.iconFailed' };
    case 'other':
      return { id: 'circle-outline', color: 'descriptionForeground' };
  }
}

/**
 * The host people recognise a session by: Bright Data's target URL host, else Anchor's first domain.
 * WHATWG URL keeps hosts in punycode; people read "例え.jp", but a mixed-script lookalike stays punycode.
 */
export function sessionTarget(session: Session): string | undefined {
  // A target that is not a URL with a host is still what the session was about: shown as sent.
  return displayTarget(session) ?? session.targetUrl;
}

/** URLs that Open Target URL may open: Bright Data's http(s) target URL, or https://<domain> per plain Anchor domain. */
export function openableTargets(session: Session): string[] {
  if (session.targetUrl !== undefined) return webUrl(session.targetUrl) ? [session.targetUrl] : [];
  return session.domains.filter((domain) => domainUrl(domain) !== undefined).map((domain) => `https://${domain}`);
}

function tooltipLines(session: Session): TooltipLine[] {
  const lines: [string, string | undefined][] = [
    [l10n.t('Status'), session.status || undefined],
    [l10n.t('ID'), session.id],
    [l10n.t('Started'), formatAbsoluteTime(session.startedAt)],
    [l10n.t('Duration'), formatDuration(session.durationSeconds)],
    [l10n.t('Target URL'), session.targetUrl === undefined ? undefined : displayUrl(session.targetUrl)],
    [l10n.t('End URL'), session.endUrl === undefined ? undefined : displayUrl(session.endUrl)],
    [l10n.t('Domains'), session.domains.map(displayDomain).join(', ') || undefined],
    [l10n.t('Zone'), session.zone],
    [l10n.t('Tags'), session.tags.join(', ') || undefined],
    [DEFINITIONS[session.provider].fieldLabels.steps, formatNumber(session.steps)],
    [DEFINITIONS[session.provider].fieldLabels.bytes, formatBytes(session.bytes)],
    [l10n.t('Ended'), formatAbsoluteTime(session.endedAt)],
    [l10n.t('Region'), session.region],
    [l10n.t('Project'), session.projectId],
    [l10n.t('Captcha'), session.captcha],
    [l10n.t('Credits'), formatNumber(session.credits)],
    [l10n.t('Error'), [session.errorCode, session.errorMessage].filter(Boolean).join(': ') || undefined],
  ];
  return lines.filter((line): line is [string, string] => line[1] !== undefined).map(([label, value]) => ({ label, value }));
}

function capitalize(text: string): string {
  return text.length === 0 ? l10n.t('(no status)') : text[0].toUpperCase() + text.slice(1);
}

/** "50+" when the API gave no count and 50 are loaded: never a made-up number. */
function formatTotal(value: number, exact: boolean | undefined): string {
  return exact === false ? `${formatCount(value)}+` : formatCount(value);
}


