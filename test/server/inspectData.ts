// issue 9: seeded, deterministic data behind the live-view, pages, recordings and logs endpoints.
// Everything derives from the session id, so two calls (and two runs) agree.
import { hashString, hex, mulberry32, randomInt, type Random } from './prng';
import { recordingBytes } from './fileHost';

export interface SeededPage {
  readonly id: string;
  readonly title: string;
  readonly url: string;
}

const SITES: readonly (readonly [string, string])[] = [
  ['Example Domain', 'https://example.com/'],
  ['Documentation - Anchor Browser Docs', 'https://docs.anchorbrowser.io/introduction'],
  ['Ünïcödé — 日本語のページ', 'https://例え.jp/パス?q=1'],
  ['<img src=x onerror=alert(1)>', 'https://hostile.example/"><script>alert(1)</script>'],
  ['Checkout', 'https://shop.example.org/cart?step=2#pay'],
];

export function randomFor(...parts: string[]): Random {
  return mulberry32(hashString(parts.join('/')));
}

/** One to three open tabs. */
export function seededPages(sessionId: string): SeededPage[] {
  const random = randomFor('pages', sessionId);
  const count = randomInt(random, 1, 3);
  return Array.from({ length: count }, (_, index) => {
    const [title, url] = SITES[(hashString(sessionId) + index) % SITES.length];
    return { id: hex(random, 32).toUpperCase(), title, url };
  });
}

/**
 * A live/debugger URL carrying a token, tagged SECRET so a test can prove it never reaches a log,
 * an error message or the webview.
 */
export function liveToken(provider: string, sessionId: string, what = 'live'): string {
  return `SECRET-${provider}-${what}-${hex(randomFor(provider, what, sessionId), 24)}`;
}

/** A few hundred KB, so a download takes several chunks. */
export function recordingSize(name: string): number {
  return 200_000 + (hashString(name) % 150_000);
}

export function recordingFile(name: string): Buffer {
  return recordingBytes(name, recordingSize(name));
}

/** Reads a whole number ≥ min from the query; undefined when absent, NaN when invalid. */
export function wholeParam(params: URLSearchParams, name: string, min: number): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  return value >= min ? value : Number.NaN;
}
