import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keyProblem } from '../../src/keys/validate';

describe('API key check on entry', () => {
  test('real-looking keys pass, surrounding whitespace is forgiven', () => {
    for (const key of ['test-key-brightdata', 'not-the-anchor-key', 'sk-abc_DEF.123/+=', '  0123456789abcdef\n']) {
      assert.equal(keyProblem(key), undefined, key);
    }
  });

  test('each paste accident gets its own clear message', () => {
    assert.equal(keyProblem('   '), 'The key cannot be empty.');
    assert.match(keyProblem('abcd efgh ijkl')!, /spaces or line breaks/);
    assert.match(keyProblem('abcdefgh\nijklmnop')!, /spaces or line breaks/);
    assert.match(keyProblem('abcd\u00a0efghijkl')!, /spaces or line breaks/, 'a no-break space is whitespace too');
    assert.match(keyProblem('“abcdefghijkl”')!, /visible ASCII.*U\+201C/);
    assert.match(keyProblem('abcdefgh\u0000')!, /visible ASCII.*U\+0000/);
    assert.match(keyProblem('abc')!, /too short: 3 characters/);
    assert.match(keyProblem('k'.repeat(513))!, /too long: 513 characters/);
  });
});
