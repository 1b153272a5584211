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
