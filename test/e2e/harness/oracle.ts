// What the Browser Sessions tree should show, computed from the contract server's own records
// (server.sessions()), independently of the extension's code.
import { domainToUnicode } from 'node:url';
import type { AnchorRecord, BrightDataRecord, ContractServer, ProviderId } from '../../server/index';
import { sortBy, type SortValue } from '../../server/sort';

export const PROVIDER_LABEL = { brightData: 'Bright Data', anchor: 'Anchor' } as Readonly<Record<ProviderId, string>>;

/**
 * The statuses each provider's listing is grouped by, in display order, with their group labels.
 * Bright Data's are the spec's status enum; Anchor's are the spellings its spec example shows.
 */
const LISTED_GROUPSListed: Readonly<Partial<Record<ProviderId, ReadonlyArray<readonly [status: string, label: string]>>>> = {
  brightData: [
    ['running', 'Running'],
    ['finished', 'Finished'],
    ['failed', 'Failed'],
  ],
  anchor: [
    ['running', 'Running'],
    ['completed', 'Completed'],
    ['failed', 'Failed'],
  ],
};
export const LISTED_GROUPS = LISTED_GROUPSListed as Readonly<Record<ProviderId, ReadonlyArray<readonly [status: string, label: string]>>>;

/** Every other status is gathered under this group. */
export const OTHER_GROUP = 'Other statuses';

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

/** The provider's total and its non-empty groups, in display order, "Other statuses" last. */
export function expectedCounts(provider: ProviderId, sessions: readonly SessionFacts[]): ProviderCounts {
  const groups: GroupCount[] = [];
  for (const [status, label] of LISTED_GROUPS[provider]) {
    const count = sessions.filter((session) => session.status === status).length;
    if (count > 0) groups.push({ label, count });
  }
  const listed = groups.reduce((sum, group) => sum + group.count, 0);
  if (sessions.length > listed) groups.push({ label: OTHER_GROUP, count: sessions.length - listed });
  return { total: sessions.length, groups };
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
  return session.domains[0] ?? session.id;
}
