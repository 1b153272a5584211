// Every string that may reach a person (error messages, the output channel) passes through here.
// Keys travel only in headers, but servers echo them back in error bodies, and a body we quote
// must not leak what the user stored in SecretStorage.

export const REDACTED = '•••';

/**
 * Replaces `Bearer <key>` and the key with "•••", in any spelling a server may echo it in: as is,
 * URL-encoded, or JSON-escaped (`\"`, `\\`, `\/`, `\n`…, and `\uXXXX` for any character, in
 * either case, mixed freely). One pattern per key matches each character in all its spellings.
 */
export function redact(text: string, secret: string): string {
  let result = text;
  for (const spelling of new Set([secret, secret.trim(), encodeURIComponent(secret.trim())])) {
    if (spelling === '') continue;
    result = result.replace(secretPattern(spelling), REDACTED);
  }
  return result;
}

const JSON_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\\\"',
  '\\': '\\\\\\\\',
  '/': '\\\\/',
  '\b': '\\\\b',
  '\f': '\\\\f',
  '\n': '\\\\n',
  '\r': '\\\\r',
  '\t': '\\\\t',
};

function secretPattern(secret: string): RegExp {
  let pattern = '';
  // By code point, so that a surrogate pair stays one unit of the pattern.
  for (const unit of secret) {
    const alternatives = [escapeRegExp(unit)];
    const short = JSON_SHORT_ESCAPES[unit];
    if (short) alternatives.push(short);
    // \u escapes are per UTF-16 code unit: a character outside the BMP is a surrogate pair.
    let escaped = '';
    for (let i = 0; i < unit.length; i++) escaped += `\\\\u${hexDigits(unit.charCodeAt(i))}`;
    alternatives.push(escaped);
    pattern += `(?:${alternatives.join('|')})`;
  }
  return new RegExp(`(?:Bearer )?${pattern}`, 'g');
}

/** Four hex digits, each letter matching either case ("00e9" → "00[eE]9"). */
function hexDigits(code: number): string {
  return code
    .toString(16)
    .padStart(4, '0')
    .replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
