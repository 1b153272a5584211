// Issue 9: single-session sub-resources (live view, pages, recordings, logs) of each provider module,
// matched by a path pattern below the provider's prefix, e.g. "/v1/sessions/{id}/debug".
import type { Answer } from './http';

export interface InspectContext {
  /** A fresh time-limited link on the file host (another origin) serving `bytes`. */
  fileLink(name: string, bytes: Buffer): string;
  readonly params: URLSearchParams;
  /** An error in the provider's own error form. */
  error(status: number, message: string): Answer;
}

// A method, not a function-valued property: definitions for one record type live in lists typed `object`.
export interface InspectEndpoint<R extends object = object> {
  /** `{id}` is the session id; other `{name}` segments are handed to `answer`. */
  readonly pattern: string;
  answer(record: R, context: InspectContext, segments: Readonly<Record<string, string>>): Answer;
}

export interface InspectMatch {
  readonly id: string;
  readonly endpoint: InspectEndpoint;
  readonly segments: Readonly<Record<string, string>>;
}

export function matchInspect(endpoints: readonly InspectEndpoint[] | undefined, path: string): InspectMatch | undefined {
  const parts = path.split('/');
  for (const endpoint of endpoints ?? []) {
    const pattern = endpoint.pattern.split('/');
    if (pattern.length !== parts.length) continue;
    const segments: Record<string, string> = {};
    let matched = true;
    for (const [index, part] of pattern.entries()) {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      const actual = parts[index];
      if (name === undefined) {
        if (part !== actual) matched = false;
      } else {
        try {
          segments[name] = decodeURIComponent(actual);
        } catch {
          matched = false;
        }
        if (actual === '') matched = false;
      }
      if (!matched) break;
    }
    if (matched && segments['id'] !== undefined) return { id: segments['id'], endpoint, segments };
  }
  return undefined;
}

/** JSON 200. */
export function json(body: unknown): Answer {
  return { status: 200, body };
}
