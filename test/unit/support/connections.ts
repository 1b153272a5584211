// Default connections for tests that build a store or a tree by hand: each provider's own, id = provider id.
import { DEFINITIONS } from '../../../src/providers';
import type { ProviderId } from '../../../src/providers/types';
import type { StoreConnection } from '../../../src/store/state';

export function defaultConnection(id: string): StoreConnection {
  const provider = id as ProviderId;
  return { id, provider, label: DEFINITIONS[provider]?.label ?? id };
}

export function storeConnections(ids: readonly ProviderId[]): () => readonly StoreConnection[] {
  const list = ids.map(defaultConnection);
  return () => list;
}
