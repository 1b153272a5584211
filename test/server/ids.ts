// The providers this server stands in for. Its own list, not the extension's: the server plays the
// outside world, so it must not change when the extension's code does.
export const PROVIDER_IDS = ['brightData', 'anchor', 'browserbase', 'steel', 'hyperbrowser'] as const;

export type ProviderId = (typeof PROVIDER_IDS)[number];

export function isProviderId(value: unknown): value is ProviderId {
  return (PROVIDER_IDS as readonly unknown[]).includes(value);
}
