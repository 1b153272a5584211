// The sessions one account of one provider answers from: generated once at start, grown by
// addSession. Each record sits beside what filtering needs (see Entry).
import { hashString, mulberry32, type Random } from './prng';
import type { Memo } from './query';
import type { AnyDefinition, Entry, ListSettings } from './providers/definition';

/** What an API key opens: the sessions one account lists and finds. */
export interface AccountData {
  find(id: string): object | undefined;
  /** The record with the attributes only its detail endpoint shows (issue 9: get one). */
  findEntry(id: string): Entry<object, unknown> | undefined;
  /** After a record was changed in place (issue 9: a stopped session): cached listings are stale. */
  changed(): void;
  /** Throws BadRequest for a value the spec does not allow. */
  list(params: URLSearchParams, settings: ListSettings): unknown;
}

/** Selections kept per dataset; oldest dropped first. */
const CACHE_LIMIT = 64;

export interface DatasetOptions {
  readonly count: number;
  readonly seed: number;
  readonly now: number;
  /**
   * The default dataset carries the hostile fixtures; a second account's leaves them out so that
   * it shares no session id with the first.
   */
  readonly withHostile: boolean;
}

export class Dataset implements AccountData {
  readonly entries: Entry<object, unknown>[];
  private readonly random: Random;
  private readonly seed: number;
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly definition: AnyDefinition,
    options: DatasetOptions,
  ) {
    const { count, seed, now, withHostile } = options;
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
    this.seed = seed;
    // Each provider gets its own stream, so their ids do not start with the same digits.
    const random = mulberry32(seed ^ hashString(definition.id));
    const hostile = new Set(definition.hostileIds);
    const records = withHostile
      ? definition.generate(count, random, now)
      : definition
          .generate(count + hostile.size, random, now)
          .filter((record) => !hostile.has(definition.idOf(record)))
          .slice(0, count);
    this.entries = records.map((record) => this.entry(record, definition.hidden(record, seed)));
    // Ids of added sessions come from their own stream, so they too repeat from run to run.
    this.random = mulberry32(seed ^ hashString('added'));
  }

  /** Adds a session newer than every other one (unless the input says otherwise); returns its id. */
  add(input: object = {}): string {
    const merged = mergeKnown(this.definition.blank(this.random, this.newestTime()), input, this.definition.optionalKeys);
    const id = this.definition.idOf(merged);
    if (this.entries.some((entry) => this.definition.idOf(entry.record) === id)) {
      throw new Error(`A session with id ${id} already exists`);
    }
    const generated = this.definition.hidden(merged, this.seed);
    const hidden = typeof generated === 'object' && generated !== null ? mergeKnown(generated, input) : generated;
    this.entries.push(this.entry(merged, hidden));
    this.cache.clear();
    return id;
  }

  find(id: string): object | undefined {
    return this.findEntry(id)?.record;
  }

  findEntry(id: string): Entry<object, unknown> | undefined {
    return this.entries.find((entry) => this.definition.idOf(entry.record) === id);
  }

  /** After a record was changed in place (issue 9: a stopped session): cached listings are stale. */
  changed(): void {
    this.cache.clear();
  }

  list(params: URLSearchParams, settings: ListSettings): unknown {
    return this.definition.list(this.entries, params, this.memo, settings);
  }

  /** A cache for listings of these sessions, emptied whenever one is added. */
  readonly memo: Memo = <T>(key: string, compute: () => T): T => {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = compute();
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, value);
    return value;
  };

  /** Deep copies, in storage order (generated, then added). */
  records(): object[] {
    return structuredClone(this.entries.map((entry) => entry.record));
  }

  /** Now, or just after the newest stored session when the data was generated for a later `now`. */
  private newestTime(): number {
    return this.entries.reduce((newest, entry) => Math.max(newest, entry.time ?? 0), Date.now() - 1000);
  }

  private entry(record: object, hidden: unknown): Entry<object, unknown> {
    return { record, time: timeOf(this.definition.timeText(record)), hidden };
  }
}

function timeOf(iso: unknown): number | null {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
}

/** The defaults with the input's values for the defaults' own keys and the optional ones; other keys are dropped. */
function mergeKnown<T extends object>(defaults: T, input: object, optional: readonly string[] = []): T {
  const merged = { ...defaults };
  for (const key of [...Object.keys(defaults), ...optional] as (keyof T)[]) {
    if (Object.prototype.hasOwnProperty.call(input, key)) merged[key] = (input as T)[key];
  }
  return structuredClone(merged);
}
