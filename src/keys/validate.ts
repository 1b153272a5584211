// What an API key may look like before it is stored. Pure, so the rule is tested without VS Code.
// Neither spec states a key format; these bounds only catch paste accidents (a second line, a quote,
// a half-copied key) that would otherwise show up later as a confusing 401 or a broken header.

export const KEY_MIN_LENGTH = 8;
export const KEY_MAX_LENGTH = 512;

/** Why `value` (as typed, surrounding whitespace allowed) is not a usable key; undefined when it is. */
export function keyProblem(value: string): string | undefined {
  const key = value.trim();
  if (key === '') return 'The key cannot be empty.';
  if (/\s/u.test(key)) return 'The key cannot contain spaces or line breaks: copy it again as one piece.';
  const stray = [...key].find((char) => !/^[\x21-\x7e]$/.test(char));
  if (stray !== undefined) {
    const code = stray.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `The key may only contain visible ASCII characters; it has U+${code}, perhaps copied along with it.`;
  }
  if (key.length < KEY_MIN_LENGTH) return `The key is too short: ${key.length} characters, at least ${KEY_MIN_LENGTH} expected.`;
  if (key.length > KEY_MAX_LENGTH) return `The key is too long: ${key.length} characters, at most ${KEY_MAX_LENGTH} accepted.`;
  return undefined;
}
