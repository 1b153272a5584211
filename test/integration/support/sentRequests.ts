// What a client put on the wire, from undici's own diagnostics channel. A test that checks that
// nothing more was sent counts here, not at an in-process server: the server reads a request a
// turn or more after it was written, so a request sent before the client gave up can show up at
// the server after the listing failed, or even after HttpClient.close() resolved.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';

const SENT_HEADERS = 'undici:client:sendHeaders';

export interface SentRequests {
  /** Path and query of every request whose headers were written to this origin, in order. */
  readonly paths: readonly string[];
  stop(): void;
}

export function watchSentRequests(origin: string): SentRequests {
  const paths: string[] = [];
  const onSent = (message: unknown): void => {
    const { request } = message as { request: { origin: string; path: string } };
    if (new URL(request.origin).origin === new URL(origin).origin) paths.push(request.path);
  };
  subscribe(SENT_HEADERS, onSent);
  return { paths, stop: () => unsubscribe(SENT_HEADERS, onSent) };
}
