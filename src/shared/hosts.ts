// How hosts are shown to people: Unicode when it reads as one writing system, punycode for a
// mixed-script lookalike. Host-side only (node:url decodes punycode), so the webview's type check
// leaves this file out; the script rule itself is in ./urls.ts.
import { domainToUnicode } from 'node:url';
import { domainUrl, isMixedScript, webUrl } from './urls';

/**
 * How a host is shown to people: Unicode ("例え.jp") when it reads as one writing system, else the
 * punycode WHATWG URL keeps ("xn--80ak6aa92e.com", which would read as a Cyrillic "apple.com").
 * `asciiHost` is URL.hostname, always ASCII.
 */
export function displayHost(asciiHost: string): string {
  const unicode = domainToUnicode(asciiHost);
  return unicode === '' || isMixedScript(unicode) ? asciiHost : unicode;
}

/**
 * A URL's text for labels, tooltips and the panel: as the API sent it, unless its host is a
 * mixed-script lookalike, in which case the serialised URL (punycode host) is shown instead.
 */
export function displayUrl(raw: string): string {
  const url = webUrl(raw);
  if (!url || url.hostname === '') return raw;
  return isMixedScript(domainToUnicode(url.hostname)) ? url.href : raw;
}

/** A URL's host and port as people read them ("例え.jp:8443"); undefined when it has no host. */
export function displayUrlHost(url: URL): string | undefined {
  return url.hostname ? displayHost(url.hostname) + (url.port ? `:${url.port}` : '') : undefined;
}

/**
 * An Anchor domain for display, by the same rule as a URL's host: Unicode unless it mixes scripts,
 * whichever form the API sent. A name that is not a plain host is shown as it is.
 */
export function displayDomain(name: string): string {
  const url = domainUrl(name);
  return (url && displayUrlHost(url)) ?? name;
}

/**
 * The host people recognise a session by, for the tree's label, the pickers and the panel's title:
 * the target URL's host, else the first domain. Structural, so this layer needs no provider types.
 */
export function displayTarget(session: { readonly targetUrl?: string; readonly domains: readonly string[] }): string | undefined {
  if (session.targetUrl) {
    try {
      const host = displayUrlHost(new URL(session.targetUrl));
      if (host) return host;
    } catch {
      // Not a URL (the API only promises a string): fall back to the domains.
    }
  }
  const first = session.domains[0];
  return first === undefined ? undefined : displayDomain(first);
}
