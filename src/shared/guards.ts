// Checks on parsed JSON values (an API body, a webview message, stored state), for every layer:
// providers, both webview protocols and the filters all read untrusted data.

export type JsonObject = Readonly<Record<string, unknown>>;

/** A plain object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** No key but those listed (a message with extra fields is not one we sent). */
export function hasOnlyKeys(value: JsonObject, keys: readonly string[]): boolean {
  return Object.keys(value).every((key) => keys.includes(key));
}

export function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

export function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
