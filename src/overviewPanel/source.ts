// The overview's numbers for the panel: every connection with a key, each through the client the
// store uses (its gate and concurrency limit), after the same origin check as the tree's listing.
import * as vscode from 'vscode';
import { describeFilters } from '../filters/describe';
import type { Filters } from '../filters/model';
import { createOverviewSource } from '../overview/source';
import { CAPABILITIES, PROVIDER_LABELS, type ProviderClient } from '../providers';
import type { OverviewSource } from '../shared/overview';
import type { SessionStore } from '../store/sessionStore';
import type { AccessBlock, ConnectionId } from '../store/state';

export interface OverviewSourceDeps {
  readonly store: SessionStore;
  client(connection: ConnectionId): ProviderClient | undefined;
  /** Resolves once the connection's origin may be used, or with why not (it may ask once). */
  access(connection: ConnectionId): Promise<AccessBlock | undefined>;
  filters(): Filters;
  maxSessionsScanned(): number;
}

export function overviewSource(deps: OverviewSourceDeps): OverviewSource {
  return {
    async compute(periodDays, progress, signal) {
      const keyed = deps.store.connections.filter((connection) => deps.store.state(connection).hasKey);
      // Asked before any request, as the tree does: an origin the owner refused is never called.
      const blocks = new Map(await Promise.all(keyed.map(async (connection) => [connection, await deps.access(connection)] as const)));
      return createOverviewSource({
        connections: () =>
          keyed.map((connection) => {
            const state = deps.store.state(connection);
            return { id: connection, label: state.label, provider: state.provider };
          }),
        client: ({ id }) => {
          const block = blocks.get(id);
          if (block) throw new Error(block.message);
          const client = deps.client(id);
          if (!client) throw new Error(vscode.l10n.t('Set an API key for this connection first.'));
          return client;
        },
        filters: () => deps.filters(),
        filterDescriptions: () => {
          const description = describeFilters(deps.filters(), CAPABILITIES, PROVIDER_LABELS);
          return description ? [description] : [];
        },
        maxSessionsScanned: () => deps.maxSessionsScanned(),
      }).compute(periodDays, progress, signal);
    },
  };
}
