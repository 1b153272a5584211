// Turns a Session into the display-ready snapshot the webview renders. Pure (no `vscode`), so the
// formatting rules are unit-tested and the webview bundle needs no date library.
import { canStop, DEFINITIONS, inspectActions } from '../providers';
import type { Session } from '../providers/types';
import type { SessionSnapshot, SnapshotDomain, SnapshotField, SnapshotUrl } from '../shared/protocol';
import {
  formatAbsoluteTime,
  formatBytes,
  formatDuration,
  formatNumber,
  formatRelativeTime,
} from '../shared/format';
import { displayDomain, displayTarget, displayUrl } from '../shared/hosts';
import { domainUrl, hasCredentials, webUrl } from '../shared/urls';

/** The connection that listed a session; absent: its provider's default connection. */
export interface SnapshotConnection {
  readonly id: string;
  readonly label: string;
}

export function buildSnapshot(session: Session, now: Date = new Date(), connection?: SnapshotConnection): SessionSnapshot {
  const providerLabel = DEFINITIONS[session.provider].label;
  return {
    provider: session.provider,
    providerLabel,
    connection: connection?.id ?? session.provider,
    connectionLabel: connection?.label ?? providerLabel,
    id: session.id,
    status: session.status,
    statusKind: session.statusKind,
    startedIso: nonEmpty(session.startedAt),
    startedAbsolute: formatAbsoluteTime(session.startedAt),
    startedRelative: formatRelativeTime(session.startedAt, now),
    duration: formatDuration(session.durationSeconds),
    stepsLabel: DEFINITIONS[session.provider].fieldLabels.steps,
    steps: formatNumber(session.steps),
    bytesLabel: DEFINITIONS[session.provider].fieldLabels.bytes,
    bytes: formatBytesExactly(session.bytes),
    captcha: nonEmpty(session.captcha),
    credits: formatNumber(session.credits),
    tags: [...session.tags],
    domains: session.domains.map(describeDomain),
    proxyType: nonEmpty(session.proxyType),
    zone: nonEmpty(session.zone),
    endedIso: nonEmpty(session.endedAt),
    endedAbsolute: formatAbsoluteTime(session.endedAt),
    region: nonEmpty(session.region),
    projectId: nonEmpty(session.projectId),
    // Units are never stated by the spec: the bare numbers, as sent.
    cpuUsage: formatNumber(session.cpuUsage),
    memoryUsage: formatNumber(session.memoryUsage),
    keepAlive: yesNo(session.keepAlive),
    liveView: yesNo(session.liveViewAvailable, 'available', 'not available'),
    recording: yesNo(session.recordingAvailable, 'enabled', 'not enabled'),
    errorCode: nonEmpty(session.errorCode),
    errorMessage: nonEmpty(session.errorMessage),
    targetUrl: describeUrl(session.targetUrl),
    endUrl: describeUrl(session.endUrl),
    otherFields: otherFields(session),
    rawJson: JSON.stringify(session.raw, null, 2) ?? '',
    // issue 9: which inspector buttons to show; the URLs they lead to are fetched by the host.
    inspect: [...inspectActions(session)],
    canStop: canStop(session),
  };
}

function yesNo(value: boolean | undefined, yes = 'yes', no = 'no'): string | undefined {
  return value === undefined ? undefined : value ? yes : no;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

/** "123.5 MB (123,456,789 bytes)": the rounded size to read, the exact count to compare. */
function formatBytesExactly(bytes: number | undefined): string | undefined {
  const rounded = formatBytes(bytes);
  if (rounded === undefined || bytes === undefined || bytes < 1000) return rounded;
  return `${rounded} (${formatNumber(bytes)} bytes)`;
}

/**
 * Only http(s) gets an Open button, decided by the same rule the open commands apply. The text is
 * the display form (punycode for a mixed-script lookalike host).
 */
export function describeUrl(raw: string | undefined): SnapshotUrl | undefined {
  if (raw === undefined || raw === '') return undefined;
  const text = displayUrl(raw);
  const url = webUrl(raw);
  if (url) {
    return hasCredentials(url)
      ? { text, openable: true, hint: `carries a user name or password: asks before opening ${url.host}` }
      : { text, openable: true };
  }
  const scheme = URL.canParse(raw) ? new URL(raw).protocol : undefined;
  return { text, openable: false, hint: scheme ? `not openable: ${scheme} scheme` : 'not openable: not a valid URL' };
}

/**
 * Anchor reports bare domains ("example.com") and the open command puts them behind https://.
 * Only a plain host (optionally with a port) gets a button, by the rule tree and commands share
 * (`domainUrl`). `name` is the display form; the panel's open request is mapped back by `rawDomain`.
 */
export function describeDomain(raw: string): SnapshotDomain {
  const name = displayDomain(raw);
  return domainUrl(raw) ? { name, openable: true } : { name, openable: false, hint: 'not openable: not a plain domain' };
}

/** The session's own domain behind a name the panel showed (its display form), if it has one. */
export function rawDomain(session: Session, shown: string): string | undefined {
  return session.domains.find((domain) => domain === shown || displayDomain(domain) === shown);
}

function otherFields(session: Session): SnapshotField[] {
  const raw = session.raw;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const normalised = DEFINITIONS[session.provider].shownKeys;
  const fields: SnapshotField[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const shownBy = Object.hasOwn(normalised, name) ? normalised[name] : undefined;
    const alreadyShown = shownBy !== undefined && (value === null || shownBy(session, value));
    if (!alreadyShown) fields.push({ name, value: fieldText(value) });
  }
  return fields;
}

/** Text for the All fields table: strings verbatim, other values as compact JSON, missing as "—". */
export function fieldText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  // Values come from parsed JSON, which always stringifies.
  return JSON.stringify(value) ?? '—';
}

/** "Session example.com · 1a2b3c4d": the host says what it was, the short id tells same-host tabs apart. */
export function panelTitle(session: Session): string {
  const shortId = session.id.length > 12 ? `${session.id.slice(0, 8)}…` : session.id;
  const host = displayTarget(session);
  return host ? `Session ${host} · ${shortId}` : `Session ${shortId}`;
}
