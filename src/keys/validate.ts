// What an API key may look like before it is stored. Pure, so the rule is tested without VS Code.
// Neither spec states a key format; these bounds only catch paste accidents (a second line, a quote,
// a half-copied key) that would otherwise show up later as a confusing 401 or a broken header.
// Its messages go through @vscode/l10n, which activation gives VS Code's bundle.
import * as l10n from '@vscode/l10n';

export const KEY_MIN_LENGTH = 8;
export const KEY_MAX_LENGTH = 512;

/** Why `value` (as typed, surrounding whitespace allowed) is not a usable key; undefined when it is. */
export function keyProblem(value: string): string | undefined {
  const key = value.trim();
  if (key === '') return l10n.t('The key cannot be empty.');
  if (/\s/u.test(key)) return l10n.t('The key cannot contain spaces or line breaks: copy it again as one piece.');
  const stray = [...key].find((char) => !/^[\x21-\x7e]$/.test(char));
  if (stray !== undefined) {
    const code = stray.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return l10n.t('The key may only contain visible ASCII characters; it has U+{0}, perhaps copied along with it.', code);
  }
  if (key.length < KEY_MIN_LENGTH) return l10n.t('The key is too short: {0} characters, at least {1} expected.', key.length, KEY_MIN_LENGTH);
  if (key.length > KEY_MAX_LENGTH) return l10n.t('The key is too long: {0} characters, at most {1} accepted.', key.length, KEY_MAX_LENGTH);
  return undefined;
}
