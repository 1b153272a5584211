// Messages between the details panel (extension host) and its webview (browser). This is the only
// module both sides import, so it holds types and guards only: no `vscode`, no Node, no DOM.
// Not `ProviderId`: that type comes from the provider registry, which is Node code the webview
// bundle must not reach. The host fills `provider` from a registered id.
import { hasOnlyKeys, isObject as isRecord, isOptionalString, isStringArray } from './guards';
import type { StatusKind } from './statusKind';

/** A URL as the panel shows it; `openable` is true only for http(s), the only schemes we open. */
export interface SnapshotUrl {
  readonly text: string;
  readonly openable: boolean;
  /** Why there is no Open button, e.g. "not openable: javascript: scheme". */
  readonly hint?: string;
}

/** An Anchor domain; `openable` when it is a plain host the open command can put behind https://. */
export interface SnapshotDomain {
  readonly name: string;
  readonly openable: boolean;
  readonly hint?: string;
}

/** One top-level field of the provider's record, rendered as text. */
export interface SnapshotField {
  readonly name: string;
  readonly value: string;
}

/**
 * Display-ready strings built on the host, so the webview needs no formatting library.
 * An optional field the API did not give is absent; the webview shows "—".
 */
export interface SessionSnapshot {
  /** A registered provider id (see PROVIDER_ID_PATTERN). */
  readonly provider: string;
  readonly providerLabel: string;
  /** The connection that listed the session: a provider id, or an extra connection's id (CONNECTION_ID_PATTERN). */
  readonly connection: string;
  /** "Bright Data", or "Bright Data · Second account". */
  readonly connectionLabel: string;
  readonly id: string;
  /** As the provider spells it ('' when the record has none). */
  readonly status: string;
  readonly statusKind: StatusKind;
  readonly startedIso?: string;
  readonly startedAbsolute?: string;
  readonly startedRelative?: string;
  readonly duration?: string;
  /** The provider's word for `steps`, from its definition (e.g. "Navigations"). */
  readonly stepsLabel: string;
  readonly steps?: string;
  /** The provider's word for `bytes`, from its definition (e.g. "Bandwidth"). */
  readonly bytesLabel: string;
  readonly bytes?: string;
  readonly captcha?: string;
  readonly credits?: string;
  readonly tags: readonly string[];
  readonly domains: readonly SnapshotDomain[];
  readonly proxyType?: string;
  readonly zone?: string;
  readonly endedIso?: string;
  readonly endedAbsolute?: string;
  readonly region?: string;
  readonly projectId?: string;
  readonly cpuUsage?: string;
  readonly memoryUsage?: string;
  readonly keepAlive?: string;
  /** "available" / "not available"; absent when the provider has no live view. */
  readonly liveView?: string;
  /** "enabled" / "not enabled"; absent when nothing says. */
  readonly recording?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly targetUrl?: SnapshotUrl;
  readonly endUrl?: SnapshotUrl;
  /** The record's top-level fields that no normalised field above already shows, in record order. */
  readonly otherFields: readonly SnapshotField[];
  /** The provider's record, pretty-printed. */
  readonly rawJson: string;
  /** Issue 9: running, and the provider's API can stop it: the panel offers Stop Session…. */
  readonly canStop?: boolean;
  /** issue 9: inspector actions the session offers now (never a live URL: those stay on the host). */
  readonly inspect?: readonly InspectActionName[];
}

/** issue 9: what the details panel's inspector buttons ask for; the host runs the same commands as the tree. */
export type InspectActionName = 'liveView' | 'pages' | 'recording' | 'logs';
export const INSPECT_ACTION_NAMES: readonly InspectActionName[] = ['liveView', 'pages', 'recording', 'logs'];

function isInspectAction(value: unknown): value is InspectActionName {
  return (INSPECT_ACTION_NAMES as readonly unknown[]).includes(value);
}

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'openUrl'; readonly requestId: number; readonly which: 'target' | 'end' }
  | { readonly type: 'openDomain'; readonly requestId: number; readonly domain: string }
  | { readonly type: 'copy'; readonly requestId: number; readonly what: 'id' | 'json' }
  // issue 9
  | { readonly type: 'inspect'; readonly requestId: number; readonly action: InspectActionName }
  // Issue 9: Open Session as JSON, Stop Session… (the host asks for confirmation).
  | { readonly type: 'openJson'; readonly requestId: number }
  | { readonly type: 'stop'; readonly requestId: number };

export type HostToWebview =
  | { readonly type: 'snapshot'; readonly session: SessionSnapshot; readonly stale: boolean }
  | { readonly type: 'result'; readonly requestId: number; readonly ok: boolean; readonly message?: string };

function isRequestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Validates every field of a message from the webview; the host ignores anything else. */
export function isWebviewMessage(value: unknown): value is WebviewToHost {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return hasOnlyKeys(value, ['type']);
    case 'openUrl':
      return (
        hasOnlyKeys(value, ['type', 'requestId', 'which']) &&
        isRequestId(value.requestId) &&
        (value.which === 'target' || value.which === 'end')
      );
    case 'openDomain':
      return (
        hasOnlyKeys(value, ['type', 'requestId', 'domain']) &&
        isRequestId(value.requestId) &&
        typeof value.domain === 'string' &&
        value.domain.length > 0
      );
    case 'copy':
      return (
        hasOnlyKeys(value, ['type', 'requestId', 'what']) &&
        isRequestId(value.requestId) &&
        (value.what === 'id' || value.what === 'json')
      );
    // issue 9
    case 'inspect':
      return hasOnlyKeys(value, ['type', 'requestId', 'action']) && isRequestId(value.requestId) && isInspectAction(value.action);
    case 'openJson':
    case 'stop':
      return hasOnlyKeys(value, ['type', 'requestId']) && isRequestId(value.requestId);
    default:
      return false;
  }
}

const statusKinds: readonly unknown[] = ['running', 'finished', 'failed', 'other'] satisfies StatusKind[];
/**
 * The webview cannot import the provider registry (it is Node code), so it accepts any id of the
 * registry's shape; test/unit/registry.test.ts checks every registered id matches. The webview only
 * shows `providerLabel`; the id never selects behaviour there.
 */
export const PROVIDER_ID_PATTERN = /^[a-z][A-Za-z0-9]{0,31}$/;

/** Same rule as the ids of `browserSessions.connections` entries; provider ids match it too. */
export const CONNECTION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function isConnectionId(value: unknown): boolean {
  return typeof value === 'string' && CONNECTION_ID_PATTERN.test(value);
}

function isProviderId(value: unknown): boolean {
  return typeof value === 'string' && PROVIDER_ID_PATTERN.test(value);
}

function isLink(value: unknown, textKey: string): boolean {
  return (
    isRecord(value) &&
    typeof value[textKey] === 'string' &&
    typeof value.openable === 'boolean' &&
    isOptionalString(value.hint)
  );
}

const optionalStringKeys = [
  'startedIso',
  'startedAbsolute',
  'startedRelative',
  'duration',
  'steps',
  'bytes',
  'captcha',
  'credits',
  'proxyType',
  'zone',
  'endedIso',
  'endedAbsolute',
  'region',
  'projectId',
  'cpuUsage',
  'memoryUsage',
  'keepAlive',
  'liveView',
  'recording',
  'errorCode',
  'errorMessage',
] as const;

function isSnapshot(value: unknown): value is SessionSnapshot {
  if (!isRecord(value)) return false;
  const { targetUrl, endUrl, domains, otherFields } = value;
  return (
    isProviderId(value.provider) &&
    isConnectionId(value.connection) &&
    statusKinds.includes(value.statusKind) &&
    ['providerLabel', 'connectionLabel', 'id', 'status', 'stepsLabel', 'bytesLabel', 'rawJson'].every(
      (key) => typeof value[key] === 'string',
    ) &&
    optionalStringKeys.every((key) => isOptionalString(value[key])) &&
    isStringArray(value.tags) &&
    Array.isArray(domains) &&
    domains.every((domain) => isLink(domain, 'name')) &&
    (targetUrl === undefined || isLink(targetUrl, 'text')) &&
    (endUrl === undefined || isLink(endUrl, 'text')) &&
    (value.canStop === undefined || typeof value.canStop === 'boolean') &&
    Array.isArray(otherFields) &&
    otherFields.every((field) => isRecord(field) && typeof field.name === 'string' && typeof field.value === 'string') &&
    (value.inspect === undefined || (Array.isArray(value.inspect) && value.inspect.every(isInspectAction)))
  );
}

/** The webview's check on what reaches its `message` listener before it renders anything. */
export function isHostMessage(value: unknown): value is HostToWebview {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'snapshot':
      return typeof value.stale === 'boolean' && isSnapshot(value.session);
    case 'result':
      return isRequestId(value.requestId) && typeof value.ok === 'boolean' && isOptionalString(value.message);
    default:
      return false;
  }
}
