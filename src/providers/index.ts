// The provider layer's public face: capabilities, clients and page-size mapping per provider.
import { ANCHOR_DEFINITION, anchorPageSize } from './anchor';
import { BRIGHT_DATA_DEFINITION, brightDataPageSize } from './brightData';
import { createClient, type ClientOptions, type ProviderDefinition } from './client';
import type { ProviderCapabilities, ProviderClient, ProviderId } from './types';

export * from './types';
export { HttpClient, type HttpSettings } from './http';
export type { ClientOptions } from './client';
export { listAllPages, type PageFetcher } from './listAll';
export { SYNTHETIC_ID_PREFIX } from './parse';
export { redact } from './redact';

const DEFINITIONS: Readonly<Record<ProviderId, ProviderDefinition>> = {
  brightData: BRIGHT_DATA_DEFINITION,
  anchor: ANCHOR_DEFINITION,
};

export const CAPABILITIES: Readonly<Record<ProviderId, ProviderCapabilities>> = {
  brightData: BRIGHT_DATA_DEFINITION.capabilities,
  anchor: ANCHOR_DEFINITION.capabilities,
};

export function createProviderClient(id: ProviderId, options: ClientOptions): ProviderClient {
  return createClient(DEFINITIONS[id], options);
}

/** The page size the provider's API will actually be sent for a wanted size. */
export function pageSizeFor(id: ProviderId, wanted: number): number {
  return id === 'brightData' ? brightDataPageSize(wanted) : anchorPageSize(wanted);
}
