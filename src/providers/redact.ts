// Every string that may reach a person (error messages, the output channel) passes through here.
// Keys travel only in headers, but servers echo them back in error bodies, and a body we quote
// must not leak what the user stored in SecretStorage.

export const REDACTED = '•••';

/** Replaces `Bearer <key>` and the bare key (also in its URL-encoded spelling) with "•••". */
export function redact(text: string, secret: string): string {
  const spellings = new Set([secret, secret.trim(), encodeURIComponent(secret.trim())]);
  let result = text;
  for (const spelling of spellings) {
    if (spelling === '') continue;
    result = result.split(`Bearer ${spelling}`).join(REDACTED).split(spelling).join(REDACTED);
  }
  return result;
}
