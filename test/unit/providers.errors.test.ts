import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redirectError, statusError, timeoutError } from '../../src/providers/errors';
import { parseRetryAfter } from '../../src/providers/http';
import { redact } from '../../src/providers/redact';

const KEY = 'k3y-s3cr3t+/=';
const context = { provider: 'brightData' as const, endpoint: 'GET /browser_sessions', origin: 'https://api.example', secret: KEY };

describe('redact', () => {
  it('replaces the key, "Bearer <key>" and the URL-encoded key', () => {
    const text = `auth Bearer ${KEY}; raw ${KEY}; encoded ${encodeURIComponent(KEY)}`;
    const result = redact(text, KEY);
    assert.equal(result, 'auth •••; raw •••; encoded •••');
  });

  it('also catches a key stored with surrounding whitespace', () => {
    assert.equal(redact(`echo ${KEY}`, ` ${KEY}\n`), 'echo •••');
  });

  it('leaves text alone when there is no key', () => {
    assert.equal(redact('nothing to hide', ''), 'nothing to hide');
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    assert.equal(parseRetryAfter('7'), 7);
    assert.equal(parseRetryAfter(['3', '9']), 3);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now), 0);
  });

  it('ignores what it cannot read', () => {
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter('-3'), undefined);
  });
});

describe('statusError', () => {
  it('maps statuses to kinds', () => {
    const kinds = [401, 403, 404, 429, 500, 503, 400, 422].map((status) => statusError(context, status, '', undefined).kind);
    assert.deepEqual(kinds, ['auth', 'auth', 'notFound', 'rateLimited', 'server', 'server', 'badRequest', 'badRequest']);
  });

  it('names provider, endpoint and the way out on auth errors', () => {
    const error = statusError(context, 401, '', undefined);
    assert.equal(
      error.message,
      'Bright Data refused the API key (401 on GET /browser_sessions). Set a new key with “Set API Key…”.',
    );
    assert.deepEqual(error.details, { provider: 'brightData', endpoint: 'GET /browser_sessions', status: 401 });
  });

  it('quotes a short server error text for other 4xx, with the key redacted', () => {
    const error = statusError(context, 400, JSON.stringify({ error: `bad limit for key ${KEY}` }), undefined);
    assert.equal(error.message, 'Bright Data rejected the request (400 on GET /browser_sessions): bad limit for key •••');
  });

  it('quotes only a short excerpt of a long server text', () => {
    const error = statusError(context, 400, 'x'.repeat(500), undefined);
    assert.equal(error.message, `Bright Data rejected the request (400 on GET /browser_sessions): ${'x'.repeat(160)}…`);
  });

  it('redacts after parsing: a key spelled with JSON escapes in the body is gone from the message', () => {
    const key = 'k3y"with\\slash/é';
    // JSON.stringify escapes the quote and backslash; the \u spelling escapes every character.
    const unicode = [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join('');
    const bodies = [
      JSON.stringify({ error: `bad key ${key}` }),
      `{"error": "bad key ${unicode}"}`,
      `not json, but quotes ${JSON.stringify(key)} and ${unicode} and ${key.replace('/', '\\/')}`,
    ];
    for (const body of bodies) {
      const error = statusError({ ...context, secret: key }, 400, body, undefined);
      assert.match(error.message, /•••/, error.message);
      for (const part of ['k3y', '\\u006B', '\\u006b']) assert.ok(!error.message.includes(part), error.message);
    }
  });

  it('cleans markup and control characters out of the excerpt', () => {
    const error = statusError(context, 400, '<html><body><h1>Bad\u202e request</h1>\u0007</body></html>', undefined);
    assert.equal(error.message, 'Bright Data rejected the request (400 on GET /browser_sessions): Bad request');
  });

  it('a 3xx is an unexpected redirect naming only the target origin', () => {
    const error = redirectError(context, 302, 'https://elsewhere.example');
    assert.equal(error.message, 'Bright Data answered GET /browser_sessions with an unexpected redirect to https://elsewhere.example (302); it was not followed.');
  });

  it('carries Retry-After on a 429', () => {
    const error = statusError(context, 429, '', 12);
    assert.equal(error.details.retryAfterSeconds, 12);
    assert.match(error.message, /Try again in 12 s/);
  });
});

describe('timeoutError', () => {
  it('says how long we waited, in seconds when it is long', () => {
    assert.equal(timeoutError(context, 30_000).message, 'Bright Data did not answer GET /browser_sessions within 30 s.');
    assert.equal(timeoutError(context, 1500).message, 'Bright Data did not answer GET /browser_sessions within 1.5 s.');
    assert.equal(timeoutError(context, 250).message, 'Bright Data did not answer GET /browser_sessions within 250 ms.');
  });
});
