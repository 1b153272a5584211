import { PROVIDER_LABELS, ProviderError, type ProviderId } from './types';

/**
 * The endpoint under a base URL that may carry a path prefix ("https://mirror/bd") with or without
 * a trailing slash. A query or fragment on the base is dropped: the client owns the query string.
 *
 * Paths are built from session and recording ids, which come from the API and from people. An id
 * of dots would be resolved away by URL ("v1/sessions/../debug" is "v1/debug"), even
 * percent-encoded, and an empty one leaves "v1/sessions//debug" or "v1/sessions/": either would
 * reach another endpoint with the key. Such a path is refused here, for every request, before
 * anything is sent.
 */
export function endpointUrl(provider: ProviderId, baseUrl: string, path: string): URL {
  if (hasUnusableSegment(path)) {
    throw new ProviderError('badRequest', `A ${PROVIDER_LABELS[provider]} session or recording ID that is empty or only dots cannot be used in a request.`, {
      provider,
      endpoint: `GET /${path}`,
    });
  }
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

/** A "." or ".." segment (also as %2e), or an empty one after the first (a leading "/" is the API's own choice). */
function hasUnusableSegment(path: string): boolean {
  const segments = path.split(/[?#]/, 1)[0].split('/');
  return segments.some((segment, index) => {
    if (segment === '') return index > 0 && path !== '';
    return /^(?:\.|%2e)+$/i.test(segment);
  });
}
