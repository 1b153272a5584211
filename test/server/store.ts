// The sessions the server answers from: generated once at start, grown by addSession. Each record
// sits beside what filtering needs (its time parsed once; Anchor's unserialised attributes).
import type { ProviderId } from '../../src/providers/types';
import { anchorHiddenAttributes, generateSessions } from './generate';
import { hashString, hex, mulberry32, uuid, type Random } from './prng';
import type { AnchorHiddenAttributes, AnchorRecord, BrightDataRecord } from './records';
import type { Memo } from './query';
import { isoSeconds } from './time';

export interface BrightDataEntry {
  readonly record: BrightDataRecord;
  /** Epoch ms of `timestamp`; null when a test stored one that does not parse. */
  readonly time: number | null;
}

export interface AnchorEntry {
  readonly record: AnchorRecord;
  readonly time: number | null;
  readonly hidden: AnchorHiddenAttributes;
}

/** What addSession accepts for Anchor: record fields and, optionally, the hidden attributes. */
export type AnchorSessionInput = Partial<AnchorRecord> & Partial<AnchorHiddenAttributes>;

/** Selections kept; oldest dropped first. */
const CACHE_LIMIT = 64;
const HIDDEN_KEYS = ['batch_id', 'playground', 'extra_stealth', 'profile_name'] as const;

export class SessionStore {
  readonly brightData: BrightDataEntry[];
  readonly anchor: AnchorEntry[];
  private readonly random: Random;
  private readonly cache = new Map<string, unknown>();

  constructor(
    counts: Record<ProviderId, number>,
    private readonly seed: number,
    now: number,
  ) {
    this.brightData = generateSessions('brightData', counts.brightData, seed, now).map(brightDataEntry);
    this.anchor = generateSessions('anchor', counts.anchor, seed, now).map((record) =>
      anchorEntry(record, anchorHiddenAttributes(record, seed)),
    );
    // Ids of added sessions come from their own stream, so they too repeat from run to run.
    this.random = mulberry32(seed ^ hashString('added'));
  }

  /** Adds a session newer than every other one (unless the input says otherwise); returns its id. */
  addBrightData(input: Partial<BrightDataRecord> = {}): string {
    const record: BrightDataRecord = {
      session_id: uuid(this.random),
      api_name: 'scraping_browser1',
      status: 'running',
      target_url: 'https://www.example.com',
      end_url: null,
      navigations: 0,
      timestamp: isoSeconds(this.newestTime(this.brightData) + 1000),
      duration: null,
      captcha: 'none',
      bandwidth: 0,
      error: null,
    };
    const merged = mergeKnown(record, input);
    this.ensureNew(this.brightData.some((entry) => entry.record.session_id === merged.session_id), merged.session_id);
    this.brightData.push(brightDataEntry(merged));
    this.cache.clear();
    return merged.session_id;
  }

  addAnchor(input: AnchorSessionInput = {}): string {
    const record: AnchorRecord = {
      id: `sess_${hex(this.random, 20)}`,
      status: 'running',
      tags: [],
      headless: true,
      recording: false,
      used_credits: 0,
      proxy_bytes: 0,
      proxy_type: null,
      steps: 0,
      duration: 0,
      created_at: new Date(this.newestTime(this.anchor) + 1).toISOString(),
      user_configuration: {},
      task_initiated: false,
      task_executions_count: 0,
      api_key_name: 'automation-key',
      browser_ip: '192.0.2.10',
      domains: [],
    };
    const merged = mergeKnown(record, input);
    this.ensureNew(this.anchor.some((entry) => entry.record.id === merged.id), merged.id);
    const hidden = mergeKnown(anchorHiddenAttributes(merged, this.seed), pickHidden(input));
    this.anchor.push(anchorEntry(merged, hidden));
    this.cache.clear();
    return merged.id;
  }

  /** A cache for listings of this provider's sessions, emptied whenever sessions are added. */
  memo(provider: ProviderId): Memo {
    return <T>(key: string, compute: () => T): T => {
      const cacheKey = `${provider} ${key}`;
      if (this.cache.has(cacheKey)) return this.cache.get(cacheKey) as T;
      const value = compute();
      if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(cacheKey, value);
      return value;
    };
  }

  /** Deep copies, in storage order (generated, then added). */
  records(provider: 'brightData'): BrightDataRecord[];
  records(provider: 'anchor'): AnchorRecord[];
  records(provider: ProviderId): BrightDataRecord[] | AnchorRecord[];
  records(provider: ProviderId): BrightDataRecord[] | AnchorRecord[] {
    const entries: readonly { record: BrightDataRecord | AnchorRecord }[] = this[provider as 'brightData' | 'anchor'];
    return structuredClone(entries.map((entry) => entry.record)) as BrightDataRecord[] | AnchorRecord[];
  }

  anchorHidden(): Map<string, AnchorHiddenAttributes> {
    return new Map(this.anchor.map((entry) => [entry.record.id, { ...entry.hidden }]));
  }

  /** Now, or just after the newest stored session when the data was generated for a later `now`. */
  private newestTime(entries: readonly { time: number | null }[]): number {
    return entries.reduce((newest, entry) => Math.max(newest, entry.time ?? 0), Date.now() - 1000);
  }

  private ensureNew(exists: boolean, id: string): void {
    if (exists) throw new Error(`A session with id ${id} already exists`);
  }
}

function brightDataEntry(record: BrightDataRecord): BrightDataEntry {
  return { record, time: timeOf(record.timestamp) };
}

function anchorEntry(record: AnchorRecord, hidden: AnchorHiddenAttributes): AnchorEntry {
  return { record, time: timeOf(record.created_at), hidden };
}

function timeOf(iso: unknown): number | null {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
}

/** The defaults with the input's values for the defaults' own keys; other keys are dropped. */
function mergeKnown<T extends object>(defaults: T, input: object): T {
  const merged = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof T)[]) {
    if (Object.prototype.hasOwnProperty.call(input, key)) merged[key] = (input as T)[key];
  }
  return structuredClone(merged);
}

function pickHidden(input: AnchorSessionInput): Partial<AnchorHiddenAttributes> {
  return Object.fromEntries(HIDDEN_KEYS.filter((key) => key in input).map((key) => [key, input[key]]));
}
