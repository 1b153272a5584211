import { PROVIDER_LABELS, ProviderError, type ProviderId } from './types';

/**
 * The endpoint under a base URL that may carry a path prefix ("https://mirror/bd") with or without
 * a trailing slash. A query or fragment on the base is dropped: the client owns the query string.
 */
export function endpointUrl(provider: ProviderId, baseUrl: string, path: string): URL {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw invalidBaseUrl(provider, path);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw invalidBaseUrl(provider, path);
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL(path, base);
}

function invalidBaseUrl(provider: ProviderId, path: string): ProviderError {
  const label = PROVIDER_LABELS[provider];
  // A setting to fix, not a request the server refused: nothing was sent.
  return new ProviderError(
    'config',
    `The ${label} base URL (setting browserSessions.${provider}.baseUrl) is not a valid http(s) URL.`,
    { provider, endpoint: `GET /${path}` },
  );
}
