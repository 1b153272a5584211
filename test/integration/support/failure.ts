// The ProviderError a promise rejects with; any other outcome fails the test.
import assert from 'node:assert/strict';
import { ProviderError } from '../../../src/providers/index';

export async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderError, String(error));
    return error;
  }
  assert.fail('expected a ProviderError');
}
