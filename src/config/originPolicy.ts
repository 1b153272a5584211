// Where an API key may be sent. Pure (no `vscode`), so the rules are tested in plain Node; the consent
// prompt and its memory live in ./consent.ts.

export type OriginClass =
  /** The provider's documented origin. */
  | { readonly kind: 'default'; readonly origin: string }
  /** This machine (127.0.0.0/8, ::1, localhost): a local test server or `npm start`, over http or https. */
  | { readonly kind: 'loopback'; readonly origin: string }
  /** Any other https origin (a proxy, a mirror): allowed once the user agrees. */
  | { readonly kind: 'otherHttps'; readonly origin: string }
  /** Plain http to another host: the key would cross the network readable by anyone on the path. */
  | { readonly kind: 'refusedHttp'; readonly origin: string; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string };

export function classifyBaseUrl(baseUrl: string, defaultBaseUrl: string): OriginClass {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return { kind: 'invalid', reason: 'it is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'invalid', reason: `its scheme “${url.protocol}” is not http or https` };
  }
  // undici would turn user:pass@ into an Authorization header of its own, next to the key.
  if (url.username !== '' || url.password !== '') {
    return { kind: 'invalid', reason: 'it carries a user name or password' };
  }
  const origin = url.origin;
  if (origin === originOf(defaultBaseUrl)) return { kind: 'default', origin };
  if (isLoopbackHost(url.hostname)) return { kind: 'loopback', origin };
  if (url.protocol === 'http:') {
    return { kind: 'refusedHttp', origin, reason: 'plain http is only accepted for this machine (localhost, 127.0.0.1, ::1)' };
  }
  return { kind: 'otherHttps', origin };
}

/**
 * `hostname` as WHATWG URL serialises it: IPv4 in dotted decimal whatever the input ("127.1",
 * "0x7f.1"), IPv6 in brackets, names lower-cased. "localhost." with a trailing dot is the same name.
 */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === 'localhost.' || hostname === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function originOf(raw: string): string | undefined {
  try {
    return new URL(raw).origin;
  } catch {
    return undefined;
  }
}
