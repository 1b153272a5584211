// issue 9: each provider's `capabilities.endpoints` flags (which the menus follow) agree with the
// inspect block its definition carries, so nothing is offered that the provider layer cannot do,
// and nothing it can do is hidden.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROVIDERS } from '../../src/providers/index';
import { SecretUrl } from '../../src/providers/inspect';

describe('inspect blocks and endpoint flags', () => {
  for (const definition of PROVIDERS) {
    it(`${definition.id}: liveView, pages, recording and logs match the inspect block`, () => {
      const endpoints = definition.capabilities.endpoints;
      assert.ok(endpoints);
      const inspect = definition.inspect ?? {};
      assert.deepEqual(
        {
          liveView: endpoints.liveView,
          pages: endpoints.pages,
          recording: endpoints.recording,
          logs: endpoints.logs,
        },
        {
          liveView: inspect.liveView !== undefined,
          pages: inspect.pages !== undefined,
          recording: inspect.recordings !== undefined,
          logs: inspect.logs !== undefined,
        },
      );
    });
  }

  it('the per-spec table: Bright Data none; Steel no recording and no logs; Hyperbrowser no pages; Anchor no logs', () => {
    const table = Object.fromEntries(
      PROVIDERS.map((definition) => {
        const e = definition.capabilities.endpoints!;
        return [definition.id, [e.liveView, e.pages, e.recording, e.logs]];
      }),
    );
    assert.deepEqual(table, {
      brightData: [false, false, false, false],
      anchor: [true, true, true, false],
      browserbase: [true, true, true, true],
      steel: [true, true, false, false],
      hyperbrowser: [true, false, true, true],
    });
  });
});

describe('SecretUrl', () => {
  it('prints as a placeholder in strings, JSON and String(); reveal() alone gives the URL', () => {
    const url = new SecretUrl('https://live.example/?token=SECRET');
    assert.equal(String(url), '[live URL hidden]');
    assert.equal(JSON.stringify({ url }), '{"url":"[live URL hidden]"}');
    assert.equal(url.reveal(), 'https://live.example/?token=SECRET');
  });
});
