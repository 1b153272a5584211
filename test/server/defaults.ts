import { PROVIDER_IDS, type ProviderId } from './ids';
import { PROVIDERS } from './providers/registry';

/** Sessions generated per provider, hostile fixtures included (Bright Data and Anchor: the spec examples' totals). */
export const DEFAULT_COUNTS: Readonly<Record<ProviderId, number>> = perProvider((id) => PROVIDERS[id].defaultCount);

export const DEFAULT_KEYS: Readonly<Record<ProviderId, string>> = perProvider((id) => PROVIDERS[id].defaultKey);

/** The second Bright Data account `npm run demo-server` registers. */
export const DEMO_SECOND_ACCOUNT = { provider: 'brightData', key: 'demo-brightdata-2', seed: 2, count: 120 } as const;

function perProvider<T>(value: (id: ProviderId) => T): Record<ProviderId, T> {
  return Object.fromEntries(PROVIDER_IDS.map((id) => [id, value(id)])) as Record<ProviderId, T>;
}
