import type { ProviderId } from '../../src/providers/types';

/** The spec examples' totals (hostile fixtures included). */
export const DEFAULT_COUNTS: Readonly<Record<ProviderId, number>> = { brightData: 257, anchor: 145 };

export const DEFAULT_KEYS: Readonly<Record<ProviderId, string>> = {
  brightData: 'test-key-brightdata',
  anchor: 'test-key-anchor',
};
