// Activation must not build Intl formatters: the first one of a process loads ICU data, 20–40 ms,
// most of what activation used to cost. They are built when something is first formatted.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';

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
    const format = freshRequire<typeof import('../../src/shared/format')>('../../src/shared/format');
    freshRequire<typeof import('../../src/tree/model')>('../../src/tree/model');
    assert.equal(built, 0);
    assert.equal(format.formatCount(12345), '12,345');
    assert.equal(format.formatCount(7), '7');
    assert.equal(built, 1);
    assert.equal(format.formatBytes(123_456_789), '123.5 MB');
    assert.equal(format.formatBytes(999), '999 byte');
    assert.equal(built, 1 + 5);
  });
});
