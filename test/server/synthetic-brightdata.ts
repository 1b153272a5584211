// A Bright Data account of any size (1,000,000 for `npm run bench:overview`) that is never held in
// memory: session i is computed from (seed, i) when asked for. Session 0 is the newest; times fall
// evenly over `spanDays`, in whole seconds, so a date range is a range of indices found by binary
// search. Counting a status over a range adds per-block counts (one pass at start, a few KB) and
// walks only the two partial blocks at its edges; paging skips whole blocks the same way. So the
// overview's queries (status, dates, paging, total) cost microseconds whatever the size. Any other
// filter or sort builds the range's records and answers through the ordinary listBrightData: the
// same rules, at the cost of the range's size (fine for tests, not for a million).
import { ERRORS, SITES, ZONES } from './generate-brightdata';
import { mulberry32, pick, randomInt, logUniform, weighted, type Random } from './prng';
import { QueryReader } from './query';
import type { BrightDataRecord } from './records';
import { isoSeconds } from './time';
import { listBrightData, ORDERS, SORT_FIELDS, STATUS_FILTERS, type BrightDataListResponse } from './providers/brightData';
import type { Entry } from './providers/definition';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BLOCK = 1024;
/** Parameters the fast path answers; any other one takes the general path. */
const FAST_PARAMS = new Set(['limit', 'offset', 'status', 'start_date', 'end_date', 'sort', 'order']);

export const SYNTHETIC_STATUSES = ['running', 'queued', 'finished', 'failed', 'terminated'] as const;
type Status = (typeof SYNTHETIC_STATUSES)[number];

export interface SyntheticOptions {
  readonly count: number;
  readonly seed: number;
  /** Epoch ms the newest session is just before. */
  readonly now: number;
  /** Default 90: every period the overview offers. */
  readonly spanDays?: number;
}

export class SyntheticBrightData {
  readonly count: number;
  private readonly seed: number;
  private readonly now: number;
  private readonly spanMs: number;
  /** Per status: sessions of that status in each block of BLOCK indices. */
  private readonly blocks: ReadonlyMap<Status, Uint32Array>;

  constructor(options: SyntheticOptions) {
    if (!Number.isInteger(options.count) || options.count < 0 || options.count > 2 ** 32) {
      throw new RangeError(`count must be a whole number from 0 to 2^32, got ${options.count}`);
    }
    this.count = options.count;
    this.seed = options.seed >>> 0;
    this.now = options.now;
    this.spanMs = (options.spanDays ?? 90) * DAY;
    const blocks = new Map(SYNTHETIC_STATUSES.map((status) => [status, new Uint32Array(Math.ceil(this.count / BLOCK))]));
    for (let index = 0; index < this.count; index++) blocks.get(this.status(index))![Math.floor(index / BLOCK)]++;
    this.blocks = blocks;
  }

  /** Epoch ms in whole seconds, non-increasing in the index. */
  time(index: number): number {
    return Math.floor((this.now - (index + 1) * (this.spanMs / (this.count + 1))) / 1000) * 1000;
  }

  status(index: number): Status {
    const roll = unit(index, this.seed);
    // Only the last hour's sessions can still be running or queued.
    if (this.now - this.time(index) < HOUR) return roll < 0.6 ? 'running' : roll < 0.65 ? 'queued' : roll < 0.9 ? 'finished' : 'failed';
    return roll < 0.8 ? 'finished' : roll < 0.97 ? 'failed' : 'terminated';
  }

  record(index: number): BrightDataRecord {
    const random = mulberry32(Math.imul(index ^ 0x5bd1e995, 0x9e3779b1) ^ this.seed);
    const status = this.status(index);
    const startedAt = this.time(index);
    const ongoing = status === 'running' || status === 'queued';
    const site = pick(random, SITES);
    const navigations = status === 'queued' ? 0 : randomInt(random, status === 'failed' ? 0 : 1, 20);
    // 32 random bits at a time: a page of 100 records is built per request, so this is the hot path.
    const [a, b, c] = [word(random), word(random), word(random)];
    const variant = (8 + Math.floor(random() * 4)).toString(16);
    return {
      // The index in the first 8 hex digits: unique, and `find` reads it back.
      session_id: `${index.toString(16).padStart(8, '0')}-${a.slice(0, 4)}-4${a.slice(4, 7)}-${variant}${b.slice(0, 3)}-${b.slice(3)}${c.slice(0, 7)}`,
      api_name: weighted(random, ZONES),
      status,
      target_url: navigations > 0 ? site.target : null,
      end_url: navigations > 0 ? pick(random, site.ends) : null,
      navigations,
      timestamp: isoSeconds(startedAt),
      duration: ongoing ? null : Math.round(logUniform(random, 0.5, status === 'failed' ? 900 : 3600) * 1000) / 1000,
      captcha: navigations === 0 ? 'none' : weighted(random, [['none', 60], ['solved', 28], ['detected', 6], ['failed', 6]]),
      bandwidth: navigations === 0 ? 0 : Math.round(logUniform(random, 1_000, 500_000_000)),
      error: status === 'failed' ? { ...pick(random, ERRORS) } : null,
    };
  }

  find(id: string): BrightDataRecord | undefined {
    const index = /^[0-9a-f]{8}-/.test(id) ? Number.parseInt(id.slice(0, 8), 16) : Number.NaN;
    if (!(index >= 0 && index < this.count)) return undefined;
    const record = this.record(index);
    return record.session_id === id ? record : undefined;
  }

  /** Get one (issue 9): Bright Data's detail has no attributes beyond the record. */
  findEntry(id: string): { record: BrightDataRecord; time: number; hidden: undefined } | undefined {
    const record = this.find(id);
    return record && { record, time: Date.parse(record.timestamp), hidden: undefined };
  }

  /** Records are computed from their index, never stored or changed: nothing is cached to drop. */
  changed(): void {}

  /** Every record, newest first: for test oracles on small accounts only. */
  records(): BrightDataRecord[] {
    return Array.from({ length: this.count }, (_, index) => this.record(index));
  }

  list(params: URLSearchParams): BrightDataListResponse {
    const query = new QueryReader(params);
    // Read and check every parameter as the ordinary listing does, so a bad value is a 400 here too.
    const limit = query.integer('limit', 50, 1, 100);
    const offset = query.integer('offset', 0, 0);
    const status = query.oneOf('status', STATUS_FILTERS, 'all');
    const from = query.dateTime('start_date');
    const to = query.dateTime('end_date');
    const sort = query.oneOf('sort', SORT_FIELDS, 'timestamp');
    const order = query.oneOf('order', ORDERS, 'desc');
    // Both bounds inclusive, as the ordinary listing reads them.
    const lo = to === undefined ? 0 : this.firstAtOrBefore(to);
    const hi = from === undefined ? this.count : this.firstAtOrBefore(from - 1);
    if (sort !== 'timestamp' || [...params.keys()].some((name) => !FAST_PARAMS.has(name))) {
      return listBrightData(this.entries(lo, Math.max(lo, hi)), params);
    }
    const wanted = status === 'all' ? undefined : status;
    const total = hi <= lo ? 0 : this.countIn(lo, hi, wanted);
    const indices = hi <= lo ? [] : this.page(lo, hi, wanted, offset, limit, order === 'desc');
    const sessions = indices.map((index) => this.record(index));
    const hasMore = offset + sessions.length < total;
    return {
      sessions,
      count: sessions.length,
      total,
      pagination: { offset, limit, has_more: hasMore, next_offset: hasMore ? offset + sessions.length : null },
    };
  }

  /** The first index whose time is at or before `ms` (count when none is). */
  private firstAtOrBefore(ms: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.time(middle) <= ms) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private matches(index: number, status: Status | undefined): boolean {
    return status === undefined || this.status(index) === status;
  }

  /** Sessions of `status` (any when undefined) among indices [lo, hi). */
  countIn(lo: number, hi: number, status: Status | undefined): number {
    if (status === undefined) return hi - lo;
    const counts = this.blocks.get(status)!;
    let total = 0;
    let index = lo;
    while (index < hi) {
      if (index % BLOCK === 0 && index + BLOCK <= hi) {
        total += counts[index / BLOCK];
        index += BLOCK;
      } else {
        if (this.status(index) === status) total++;
        index++;
      }
    }
    return total;
  }

  /** Indices of the `offset`-th to (offset + limit)-th matching session of [lo, hi), newest first or oldest first. */
  private page(lo: number, hi: number, status: Status | undefined, offset: number, limit: number, newestFirst: boolean): number[] {
    const step = newestFirst ? 1 : -1;
    let index = newestFirst ? lo : hi - 1;
    const inside = (at: number): boolean => at >= lo && at < hi;
    let skip = offset;
    if (status === undefined) {
      index += step * skip;
      skip = 0;
    }
    const counts = status === undefined ? undefined : this.blocks.get(status)!;
    while (skip > 0 && inside(index)) {
      // A whole block inside the range is skipped by its count when all of it is to be skipped.
      const blockStart = newestFirst ? index : index - BLOCK + 1;
      if (counts && blockStart % BLOCK === 0 && inside(blockStart) && inside(blockStart + BLOCK - 1)) {
        const inBlock = counts[blockStart / BLOCK];
        if (inBlock <= skip) {
          skip -= inBlock;
          index += step * BLOCK;
          continue;
        }
      }
      if (this.matches(index, status)) skip--;
      index += step;
    }
    const found: number[] = [];
    for (; found.length < limit && inside(index); index += step) if (this.matches(index, status)) found.push(index);
    return found;
  }

  private entries(lo: number, hi: number): Entry<BrightDataRecord>[] {
    return Array.from({ length: hi - lo }, (_, offset) => {
      const record = this.record(lo + offset);
      return { record, time: this.time(lo + offset), hidden: undefined };
    });
  }
}

/** Eight hex digits from one draw. */
function word(random: Random): string {
  return Math.floor(random() * 4294967296)
    .toString(16)
    .padStart(8, '0');
}

/** A uniform number in [0, 1) from an index and a seed (murmur3's finaliser). */
function unit(index: number, seed: number): number {
  let hash = Math.imul(index ^ seed, 0x85ebca6b) ^ 0x27d4eb2f;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 4294967296;
}
