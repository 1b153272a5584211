// What the Browser Sessions tree should show, computed from the contract server's own records
// (server.sessions()), independently of the extension's code.
import { domainToUnicode } from 'node:url';
import type { AnchorRecord, BrightDataRecord, ContractServer, ProviderId } from '../../server/index';
import { sortBy, type SortValue } from '../../server/sort';

export const PROVIDER_LABEL: Readonly<Record<ProviderId, string>> = {
  brightData: 'Bright Data',
  anchor: 'Anchor',
  browserbase: 'Browserbase',
  steel: 'Steel',
  hyperbrowser: 'Hyperbrowser',
};

/**
 * What the provider specs (/work/shared/specs) say about a session's `status`, nothing more: the
 * test's own reading of the contract, never the extension's tables.
 * - `enum`: the spec lists the values the `status` filter accepts; a status outside that list
 *   cannot be asked for by name, so the tree can only count it as a remainder ("Other statuses").
 * - `freeText`: the filter takes any string (Anchor: "Exact session status filter", no enum
 *   anywhere), so every status the data holds can be counted by name and gets its own group
 *   (issue 8 §4: "an Anchor session in status `idle` appears under 'Idle 3'").
 * `running` is the spelling the spec gives the running state; the tree lists that group first.
 */
export interface StatusSpec {
  readonly filter: 'enum' | 'freeText';
  /** For `enum`: the documented values, as the spec spells them. */
  readonly documented: readonly string[];
  readonly running: string;
  /**
   * For `freeText`: the statuses the README says the tree always asks by name. Any other status is
   * discovered from the first page of the listing, so one that is not on it may still be counted
   * under "Other statuses" (see countsAgree).
   */
  readonly alwaysNamed?: readonly string[];
}

export const STATUS_SPEC: Readonly<Record<ProviderId, StatusSpec>> = {
  // brightdata-session-extras.txt: "status string enum running | finished | failed" (the filter also takes "all").
  brightData: { filter: 'enum', documented: ['running', 'finished', 'failed'], running: 'running' },
  // anchor-session-extras.txt: "No status enum anywhere; treat status as free text (seen: running, completed)".
  anchor: { filter: 'freeText', documented: [], running: 'running', alwaysNamed: ['running', 'completed', 'failed'] },
  // browserbase-sessions.txt: "status string enum PENDING | RUNNING | ERROR | TIMED_OUT | COMPLETED".
  browserbase: { filter: 'enum', documented: ['PENDING', 'RUNNING', 'ERROR', 'TIMED_OUT', 'COMPLETED'], running: 'RUNNING' },
  // steel-sessions.txt: "status enum live | released | failed"; "live = active, accepts connections".
  steel: { filter: 'enum', documented: ['live', 'released', 'failed'], running: 'live' },
  // hyperbrowser-sessions.txt: "docs enum: active | closed | error. SDK types also allow close-error";
  // the safest reading is the docs' enum, so close-error is a status the API cannot be asked for by name.
  hyperbrowser: { filter: 'enum', documented: ['active', 'closed', 'error'], running: 'active' },
};

/** Every status the tree cannot count by name is gathered under this group. */
export const OTHER_GROUP = 'Other statuses';

/**
 * A group is named after its status in sentence case, as issue 8 writes it ("idle" → "Idle"): an
 * API that shouts ("TIMED_OUT") reads as words ("Timed out").
 */
export function groupLabel(status: string): string {
  const shouting = status === status.toUpperCase() && status !== status.toLowerCase();
  const words = shouting ? status.toLowerCase().replace(/_/g, ' ') : status;
  return words.length === 0 ? '(no status)' : words[0].toUpperCase() + words.slice(1);
}

/** One session as the test reads it, whichever provider it came from. */
export interface SessionFacts {
  readonly provider: ProviderId;
  readonly id: string;
  readonly status: string;
  /** Epoch ms of Bright Data `timestamp` / Anchor `created_at`. */
  readonly time: number;
  /** Bright Data `target_url`. */
  readonly targetUrl: string | null;
  readonly domains: readonly string[];
  readonly tags: readonly string[];
  readonly zone: string | null;
  readonly bandwidth: number | null;
  readonly credits: number | null;
  readonly record: BrightDataRecord | AnchorRecord;
}

export function sessionFacts(server: ContractServer, provider: ProviderId): SessionFacts[] {
  return provider === 'brightData'
    ? server.sessions('brightData').map(brightDataFacts)
    : server.sessions('anchor').map(anchorFacts);
}

function brightDataFacts(record: BrightDataRecord): SessionFacts {
  return {
    provider: 'brightData',
    id: record.session_id,
    status: record.status,
    time: Date.parse(record.timestamp),
    targetUrl: record.target_url,
    domains: [],
    tags: [],
    zone: record.api_name,
    bandwidth: record.bandwidth,
    credits: null,
    record,
  };
}

function anchorFacts(record: AnchorRecord): SessionFacts {
  return {
    provider: 'anchor',
    id: record.id,
    status: record.status,
    time: Date.parse(record.created_at),
    targetUrl: null,
    domains: record.domains,
    tags: record.tags,
    zone: null,
    bandwidth: null,
    credits: record.used_credits,
    record,
  };
}

export interface GroupCount {
  readonly label: string;
  readonly count: number;
}

export interface ProviderCounts {
  readonly total: number;
  readonly groups: readonly GroupCount[];
}

/**
 * The provider's total and its non-empty groups, counted from the server's records. Groups come
 * in a canonical order (canonicalGroups): which order the tree shows them in is the extension's
 * choice, beyond "Other statuses" last, and is checked apart from the counts.
 */
export function expectedCounts(provider: ProviderId, sessions: readonly { readonly status: string }[]): ProviderCounts {
  const spec = STATUS_SPEC[provider];
  const byStatus = new Map<string, number>();
  for (const { status } of sessions) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  const groups: GroupCount[] = [];
  let named = 0;
  for (const [status, count] of byStatus) {
    if (spec.filter === 'enum' && !spec.documented.includes(status)) continue;
    groups.push({ label: groupLabel(status), count });
    named += count;
  }
  if (sessions.length > named) groups.push({ label: OTHER_GROUP, count: sessions.length - named });
  return { total: sessions.length, groups: canonicalGroups(groups) };
}

/**
 * Whether the tree's counts are the expected ones. Exact for enum providers. For a free-text one a
 * status outside `alwaysNamed` may be shown as its own group (then with exactly its count) or, when
 * the first page did not reveal it, folded into "Other statuses" (which then holds exactly the
 * folded counts): every session has one home either way, and no count is made up.
 */
export function countsAgree(
  provider: ProviderId,
  shown: { readonly total: number | undefined; readonly groups: readonly GroupCount[] },
  expected: ProviderCounts,
): boolean {
  if (shown.total !== expected.total) return false;
  const spec = STATUS_SPEC[provider];
  const wanted = new Map(expected.groups.map((group) => [group.label, group.count]));
  const mayFold = (label: string): boolean =>
    spec.filter === 'freeText' && label !== OTHER_GROUP && !(spec.alwaysNamed ?? []).some((status) => groupLabel(status) === label);
  let other = 0;
  for (const group of shown.groups) {
    if (group.label === OTHER_GROUP) other = group.count;
    else if (wanted.get(group.label) !== group.count) return false;
  }
  const shownLabels = new Set(shown.groups.map((group) => group.label));
  let folded = wanted.get(OTHER_GROUP) ?? 0;
  for (const [label, count] of wanted) {
    if (label === OTHER_GROUP || shownLabels.has(label)) continue;
    if (!mayFold(label)) return false;
    folded += count;
  }
  return other === folded;
}

/** Groups by label, "Other statuses" last: the order both sides of a count comparison are put in. */
export function canonicalGroups(groups: readonly GroupCount[]): GroupCount[] {
  const rank = (group: GroupCount): number => (group.label === OTHER_GROUP ? 1 : 0);
  return [...groups].sort((a, b) => rank(a) - rank(b) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** The statuses of the server's records of one provider, of its default account or of the account with that key. */
export function serverStatuses(server: ContractServer, provider: ProviderId, account?: string): { status: string }[] {
  return server.sessions(provider, account).map((record) => ({ status: record.status }));
}

/** The sessions of one listed status, newest first as the view lists them by default. */
export function newestFirst(sessions: readonly SessionFacts[], status?: string): SessionFacts[] {
  return sortedBy(sessions, (session) => session.time, 'desc', status);
}

/** The contract server's order: by one value, missing values last, ties by id ascending. */
export function sortedBy(
  sessions: readonly SessionFacts[],
  key: (session: SessionFacts) => SortValue,
  order: 'asc' | 'desc',
  status?: string,
): SessionFacts[] {
  const selected = status === undefined ? sessions : sessions.filter((session) => session.status === status);
  return sortBy(selected, key, (session) => session.id, order);
}

/**
 * The label of a session row: the host of Bright Data's target URL (in Unicode, with its port),
 * the target as it is when it has no host, else Anchor's first domain, else the id.
 */
export function rowLabel(session: SessionFacts): string {
  if (session.targetUrl) {
    try {
      const url = new URL(session.targetUrl);
      if (url.hostname) return (domainToUnicode(url.hostname) || url.hostname) + (url.port ? `:${url.port}` : '');
    } catch {
      // Not a URL: shown as it is.
    }
    return session.targetUrl;
  }
  const domain = session.domains[0];
  return domain === undefined ? session.id : domainLabel(domain);
}

/**
 * A plain host, optionally with a port, reads as a URL's host does (lower case, Unicode), as the
 * README's one domain rule says; anything else is shown as the API sent it.
 */
function domainLabel(domain: string): string {
  if (!/^[^\s/?#@:]+(:\d+)?$/.test(domain)) return domain;
  try {
    const url = new URL(`https://${domain}`);
    return (domainToUnicode(url.hostname) || url.hostname) + (url.port ? `:${url.port}` : '');
  } catch {
    return domain;
  }
}
