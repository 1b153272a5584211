// The one check that a parsed JSON value (an API body, a webview message, stored state) is an
// object with fields, for every layer: providers, the protocol and the filters all read untrusted data.

export type JsonObject = Readonly<Record<string, unknown>>;

/** A plain object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
