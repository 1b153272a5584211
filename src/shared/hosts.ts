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

/** An Anchor domain for display: punycode when its Unicode form mixes scripts. */
export function displayDomain(name: string): string {
  const url = domainUrl(name);
  if (!url) return name;
  return isMixedScript(domainToUnicode(url.hostname)) ? url.host : name;
}
