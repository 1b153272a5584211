// Seeded, reproducible session data: the same provider, count, seed and `now` give identical records.
// The hostile fixtures (./hostile) are part of `count`, so the defaults match the spec examples'
// totals (257 and 145).
import type { ProviderId } from '../../src/providers/types';
import { generateAnchor } from './generate-anchor';
import { generateBrightData } from './generate-brightdata';
import { hashString, mulberry32 } from './prng';
import type { AnchorRecord, BrightDataRecord } from './records';

export { anchorHiddenAttributes, ANCHOR_STATUSES } from './generate-anchor';
export { BRIGHT_DATA_STATUSES } from './generate-brightdata';
export type { AnchorHiddenAttributes, AnchorRecord, BrightDataRecord } from './records';

export function generateSessions(provider: 'brightData', count: number, seed: number, now: number): BrightDataRecord[];
export function generateSessions(provider: 'anchor', count: number, seed: number, now: number): AnchorRecord[];
export function generateSessions(
  provider: ProviderId,
  count: number,
  seed: number,
  now: number,
): BrightDataRecord[] | AnchorRecord[];
export function generateSessions(
  provider: ProviderId,
  count: number,
  seed: number,
  now: number,
): BrightDataRecord[] | AnchorRecord[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  // Each provider gets its own stream, so their ids do not start with the same digits.
  const random = mulberry32(seed ^ hashString(provider));
  return provider === 'brightData' ? generateBrightData(count, random, now) : generateAnchor(count, random, now);
}
