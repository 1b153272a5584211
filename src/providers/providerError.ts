// The one error type of the provider layer, in a module of its own: the provider definitions throw
// it while parsing, and they must not import the registry-derived tables (that would be a cycle).
import type { ProviderId } from './registry';

export type ProviderErrorKind =
  | 'auth' // 401/403: key missing, wrong or refused
  | 'notFound' // 404
  | 'badRequest' // other 4xx
  | 'rateLimited' // 429
  | 'server' // 5xx
  | 'network' // connection refused/reset, DNS, TLS, proxy
  | 'timeout'
  | 'badResponse' // body not JSON or not of the documented shape
  | 'config' // our settings for the connection are unusable (e.g. the base URL): nothing was sent
  | 'cancelled';

/**
 * One error type with a discriminant instead of a class per case. `message` is written for people
 * and never contains the API key (nor any header). It stays English: this layer imports no `vscode`
 * (nor @vscode/l10n), and its texts are tested and logged as they are.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly details: {
      readonly provider: ProviderId;
      /** Method and path without the query, e.g. "GET /browser_sessions". */
      readonly endpoint: string;
      readonly status?: number;
      readonly retryAfterSeconds?: number;
      /** Epoch ms before which this connection's gate sends nothing (kind 'rateLimited'). */
      readonly retryAt?: number;
    },
  ) {
    super(message);
  }
}
