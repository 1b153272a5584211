// Faults switched on at run time, per provider, to see how clients cope with a bad network or API.
import type { ProviderId } from './ids';

export type FaultStatus = 429 | 500 | 502 | 503 | 401 | 403 | 404;
export const FAULT_STATUSES: readonly FaultStatus[] = [429, 500, 502, 503, 401, 403, 404];

export interface Fault {
  /** Delay before answering; combines with any other fault or with a normal answer. */
  latencyMs?: number;
  /** Answer with this status and a JSON error body. */
  status?: FaultStatus;
  /** With status 429: the Retry-After header. */
  retryAfterSeconds?: number;
  /** Reset the connection without answering. */
  reset?: boolean;
  /** Accept and never answer; close() still ends it. */
  hang?: boolean;
  /** 200 with a body that is not JSON. */
  malformedJson?: boolean;
  /** 200 whose Content-Length is that of the full body, of which only half is sent. */
  truncated?: boolean;
  /** 200 with valid JSON not of the documented shape. */
  wrongShape?: boolean;
  /** Apply to the next N requests to that provider only; omitted: until cleared. */
  times?: number;
}

export class FaultTable {
  private readonly faults = new Map<ProviderId, Fault>();

  set(provider: ProviderId, fault: Fault | undefined): void {
    if (fault === undefined || (fault.times !== undefined && fault.times <= 0)) this.faults.delete(provider);
    else this.faults.set(provider, { ...fault });
  }

  clear(): void {
    this.faults.clear();
  }

  /** The fault for this request, counting one use of it. Taken on arrival, so `times` is exact under concurrency. */
  take(provider: ProviderId): Fault | undefined {
    const fault = this.faults.get(provider);
    if (fault?.times !== undefined) {
      if (fault.times <= 1) this.faults.delete(provider);
      else this.faults.set(provider, { ...fault, times: fault.times - 1 });
    }
    return fault;
  }
}

const FLAGS = ['reset', 'hang', 'malformedJson', 'truncated', 'wrongShape'] as const;
const COUNTS = ['latencyMs', 'retryAfterSeconds', 'times'] as const;

/** A Fault from untrusted JSON (the control endpoint), or a reason why it is not one. */
export function parseFault(value: unknown): Fault | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'fault must be an object or null';
  const input = value as Record<string, unknown>;
  const known: readonly string[] = [...FLAGS, ...COUNTS, 'status'];
  const unknownKey = Object.keys(input).find((key) => !known.includes(key));
  if (unknownKey !== undefined) return `unknown fault field "${unknownKey}"`;
  for (const key of FLAGS) {
    if (input[key] !== undefined && typeof input[key] !== 'boolean') return `${key} must be a boolean`;
  }
  for (const key of COUNTS) {
    const count = input[key];
    if (count !== undefined && !(typeof count === 'number' && Number.isInteger(count) && count >= 0)) {
      return `${key} must be a whole number ≥ 0`;
    }
  }
  if (input['status'] !== undefined && !FAULT_STATUSES.includes(input['status'] as FaultStatus)) {
    return `status must be one of ${FAULT_STATUSES.join(', ')}`;
  }
  return input;
}
