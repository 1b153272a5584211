// Which URLs may leave the editor: http and https only. Pure, shared by tree, commands and panel.

/** The parsed URL when `raw` is an absolute http(s) URL, else undefined. */
export function webUrl(raw: string | undefined): URL | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Why `raw` cannot be opened, in words for a notification; undefined when it can. */
export function refusalReason(raw: string | undefined): string | undefined {
  if (!raw) return 'The session has no URL.';
  if (webUrl(raw)) return undefined;
  let scheme: string | undefined;
  try {
    scheme = new URL(raw).protocol;
  } catch {
    scheme = undefined;
  }
  return scheme
    ? `Refused to open a “${scheme}” URL: only http and https links are opened.`
    : 'Refused to open the URL: it is not an absolute http or https address.';
}

/**
 * An Anchor domain as the URL Open Target URL opens: `https://<domain>`, only for a plain host with
 * an optional port. Tree, commands and panel all ask this one function, so "good.com:443@evil.com"
 * (credentials good.com:443 at host evil.com) is refused everywhere instead of opening evil.com.
 */
export function domainUrl(name: string): URL | undefined {
  if (name === '' || /[\s\\/?#@]/.test(name)) return undefined;
  const url = webUrl(`https://${name}`);
  if (!url || url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return undefined;
  }
  return url;
}

/** A URL whose user-info part would be handed to the site: opening it is confirmed first. */
export function hasCredentials(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}

// Scripts told apart when deciding whether a host mixes them; a letter of any other script counts
// as one more script, which errs towards showing punycode.
const SCRIPTS = [
  'Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Thai', 'Devanagari',
  'Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo', 'Cherokee', 'Ethiopic',
].map((name) => ({ name, pattern: new RegExp(`^\\p{Script=${name}}$`, 'u') }));
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
/** Writing systems that mix scripts by nature (with Latin for the TLD): Japanese, Chinese, Korean. */
const ALLOWED_MIXES: readonly ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

function scriptsOf(text: string): Set<string> {
  const scripts = new Set<string>();
  for (const char of text) {
    if (NEUTRAL.test(char)) continue;
    scripts.add(SCRIPTS.find((script) => script.pattern.test(char))?.name ?? 'Other');
  }
  return scripts;
}

/** A host in its Unicode form mixes scripts in a way no single writing system does ("аррӏе.com"). */
export function isMixedScript(unicodeHost: string): boolean {
  const scripts = scriptsOf(unicodeHost);
  if (scripts.size <= 1) return false;
  return !ALLOWED_MIXES.some((allowed) => [...scripts].every((script) => allowed.has(script)));
}
