// The one reading of a comma list (Anchor's `domains` and `tags`, the filter inputs): split at
// commas, trim, drop the empty items. "a.com , b.com," is ["a.com", "b.com"].

export function splitCommaList(values: string | readonly string[]): string[] {
  const items = typeof values === 'string' ? [values] : values;
  return items.flatMap((value) => value.split(',')).map((item) => item.trim()).filter((item) => item !== '');
}

/** The same list joined back with bare commas; undefined when nothing is left, so it is not sent. */
export function joinCommaList(values: string | readonly string[]): string | undefined {
  const items = splitCommaList(values);
  return items.length > 0 ? items.join(',') : undefined;
}
