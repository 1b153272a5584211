// The provider layer's public face: the registry, derived tables, clients and page-size mapping.
import { createClient, type ClientOptions } from './client';
import type { ProviderDefinition } from './definition';
import { PROVIDERS, type ProviderId } from './registry';
import { singleSessionMethods } from './singleSession';
import type { ProviderCapabilities, ProviderClient, Session } from './types';

export * from './types';
export { PROVIDERS } from './registry';
export type { ProviderDefinition, ShownBy } from './definition';
export { HttpClient, type HttpSettings, type ActionRequest } from './http';
export type { ClientOptions } from './client';
export { listAllPages, type PageFetcher } from './listAll';
export { SYNTHETIC_ID_PREFIX } from './parse';
export { redact } from './redact';

function table<T>(pick: (definition: ProviderDefinition<ProviderId>) => T): Readonly<Record<ProviderId, T>> {
  return Object.fromEntries(PROVIDERS.map((definition) => [definition.id, pick(definition)])) as Record<ProviderId, T>;
}

export const PROVIDER_IDS: readonly ProviderId[] = PROVIDERS.map((definition) => definition.id);

export const DEFINITIONS: Readonly<Record<ProviderId, ProviderDefinition<ProviderId>>> = table((definition) => definition);

export const CAPABILITIES: Readonly<Record<ProviderId, ProviderCapabilities>> = table((definition) => definition.capabilities);

/** Setting keys under `browserSessions`, e.g. "steel.baseUrl" (SURFACE.md). */
export const BASE_URL_SETTINGS: Readonly<Record<ProviderId, string>> = table((definition) => `${definition.id}.baseUrl`);

export const DEFAULT_BASE_URLS: Readonly<Record<ProviderId, string>> = table((definition) => definition.defaultBaseUrl);

/** SecretStorage key of each provider's default connection (SURFACE.md). */
export const SECRET_KEYS: Readonly<Record<ProviderId, string>> = table((definition) => `browserSessions.apiKey.${definition.id}`);

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}

export function createProviderClient(id: ProviderId, options: ClientOptions): ProviderClient {
  // Issue 9: getSession / stopSession where the definition declares those endpoints.
  return { ...createClient(DEFINITIONS[id], options), ...singleSessionMethods(DEFINITIONS[id], options) };
}

/**
 * Issue 9: Stop Session… is offered only for a running session whose provider declares a stop
 * endpoint (never decided by the provider's id). Tree, palette and details panel all ask this.
 */
export function canStop(session: Session): boolean {
  return session.statusKind === 'running' && (CAPABILITIES[session.provider].endpoints?.stop ?? false);
}

/** Issue 9: whether the provider's record from get-one holds fields its list records lack. */
export function getOneIsRicher(id: ProviderId): boolean {
  return DEFINITIONS[id].getOne?.richerThanList ?? false;
}

/** The page size the provider's API will actually be sent for a wanted size. */
export function pageSizeFor(id: ProviderId, wanted: number): number {
  return DEFINITIONS[id].pageSize(wanted);
}

// issue 9 §2–3: live view, open pages, recordings (streamed download), logs.
export {
  createInspector,
  DEFAULT_LOG_BOUNDS,
  inspectActions,
  type InspectAction,
  DEFAULT_MAX_RECORDING_BYTES,
  SecretUrl,
  type DownloadOptions,
  type DownloadResult,
  type InspectorOptions,
  type LogBounds,
  type OpenPage,
  type Recording,
  type SessionInspector,
  type SessionLogs,
} from './inspect';
export type { DownloadSettings } from './download';
