import type { ProviderId } from '../../src/providers/types';

/** The spec examples' totals (hostile fixtures included). */
export const DEFAULT_COUNTS = { brightData: 257, anchor: 145 } as Readonly<Record<ProviderId, number>>;

export const DEFAULT_KEYS = {
  brightData: 'test-key-brightdata',
  anchor: 'test-key-anchor',
} as Readonly<Record<ProviderId, string>>;
