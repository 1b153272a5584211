// Activation must not build Intl formatters: the first one of a process loads ICU data, 20–40 ms,
// most of what activation used to cost. They are built when something is first formatted.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type * as format from '../../src/shared/format';

const originals = { NumberFormat: Intl.NumberFormat, DateTimeFormat: Intl.DateTimeFormat };
let built = 0;

function countConstructions(): void {
  built = 0;
  const count = <T extends abstract new (...args: never[]) => object>(Original: T): T =>
    new Proxy(Original, {
      construct(target, args, newTarget) {
        built += 1;
        return Reflect.construct(target, args, newTarget) as object;
      },
    });
  Intl.NumberFormat = count(originals.NumberFormat);
  Intl.DateTimeFormat = count(originals.DateTimeFormat);
}

type FormatModule = typeof format;

/** Evaluates the modules again, so their top level runs under the counting constructors. */
function freshRequire<T>(specifier: string): T {
  for (const key of Object.keys(require.cache)) if (key.includes('/src/')) delete require.cache[key];
   
  return require(specifier) as T;
}

describe('activation cost', () => {
  afterEach(() => {
    Intl.NumberFormat = originals.NumberFormat;
    Intl.DateTimeFormat = originals.DateTimeFormat;
  });

  it('loading the formatting and tree modules builds no Intl formatter; formatting builds one once', () => {
    countConstructions();
    const fresh = freshRequire<FormatModule>('../../src/shared/format');
    freshRequire<unknown>('../../src/tree/model');
    assert.equal(built, 0);
    assert.equal(fresh.formatCount(12345), '12,345');
    assert.equal(fresh.formatCount(7), '7');
    assert.equal(built, 1);
    assert.equal(fresh.formatBytes(123_456_789), '123.5 MB');
    assert.equal(fresh.formatBytes(999), '999 byte');
    assert.equal(built, 1 + 5);
  });
});
