// The user's word on sending a key to an origin other than the provider's own: asked once per
// connection and origin (a default connection's id is its provider's, so earlier answers still hold), remembered in global state (never in settings, which a repository can write).
// Its messages (shown as tree items) go through @vscode/l10n, which activation gives VS Code's bundle;
// the origin policy's reasons inside them stay English, like every provider-layer message.
import * as l10n from '@vscode/l10n';
import { PROVIDER_LABELS, type ProviderId } from '../providers/types';
import type { AccessBlock } from '../store/state';
import { DEFAULT_BASE_URLS, isProviderId } from '../providers';
import type { ConnectionId } from '../connections/connections';
import { classifyBaseUrl } from './originPolicy';

/** The part of vscode.Memento we use, so the rules are tested with a Map. */
export interface ConsentMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

type Answer = 'allowed' | 'refused';

/** Shows the question; true only when the user chose to allow. */
export type AskConsent = (provider: ProviderId, origin: string, setting: string, label: string) => PromiseLike<boolean>;

/** Where a connection sends its key, and how to name it. */
export interface ConnectionTarget {
  readonly provider: ProviderId;
  readonly label: string;
  readonly baseUrl: string;
  /** The setting that holds `baseUrl`. */
  readonly setting: string;
}

export function baseUrlSetting(provider: ProviderId): string {
  return `browserSessions.${provider}.baseUrl`;
}

export function consentKey(connection: ConnectionId, origin: string): string {
  return `browserSessions.originConsent/${connection}/${origin}`;
}

export class OriginAccess {
  /** One question per provider and origin at a time: refreshes that arrive meanwhile share it. */
  private readonly pending = new Map<string, Promise<AccessBlock | undefined>>();

  constructor(
    private readonly baseUrls: () => Readonly<Record<ProviderId, string>>,
    private readonly memory: ConsentMemory,
    private readonly ask: AskConsent,
    /** Extra connections; without it every id is a provider's default connection. */
    private readonly targets?: (connection: ConnectionId) => ConnectionTarget | undefined,
  ) {}

  private target(connection: ConnectionId): ConnectionTarget | undefined {
    const own = this.targets?.(connection);
    if (own) return own;
    if (!isProviderId(connection)) return undefined;
    return { provider: connection, label: PROVIDER_LABELS[connection], baseUrl: this.baseUrls()[connection], setting: baseUrlSetting(connection) };
  }

  /** undefined when the key may go to the connection's configured origin; else why not. */
  check(connection: ConnectionId): Promise<AccessBlock | undefined> {
    const target = this.target(connection);
    if (!target) return Promise.resolve({ reason: 'invalidUrl', message: l10n.t('Unknown connection “{0}”.', connection) });
    const { setting, label, provider } = target;
    const verdict = classifyBaseUrl(target.baseUrl, DEFAULT_BASE_URLS[provider]);
    switch (verdict.kind) {
      case 'default':
      case 'loopback':
        return Promise.resolve(undefined);
      case 'invalid':
        return Promise.resolve({
          reason: 'invalidUrl',
          message: l10n.t('The {0} base URL cannot be used: {1}. Fix {2}.', label, verdict.reason, setting),
          setting,
        });
      case 'refusedHttp':
        return Promise.resolve({
          reason: 'insecureHttp',
          origin: verdict.origin,
          message: l10n.t('Refused to send the {0} key over plain http to {1}: {2}. Use https in {3}.', label, verdict.origin, verdict.reason, setting),
          setting,
        });
      case 'otherHttps':
        return this.consent(connection, target, verdict.origin);
    }
  }

  /** Forgets a refusal for the connection's current origin, so the next check asks again. */
  async forget(connection: ConnectionId): Promise<void> {
    const target = this.target(connection);
    if (!target) return;
    const verdict = classifyBaseUrl(target.baseUrl, DEFAULT_BASE_URLS[target.provider]);
    if (verdict.kind === 'otherHttps') await this.memory.update(consentKey(connection, verdict.origin), undefined);
  }

  private consent(connection: ConnectionId, target: ConnectionTarget, origin: string): Promise<AccessBlock | undefined> {
    const { provider, setting, label } = target;
    const key = consentKey(connection, origin);
    const refused: AccessBlock = {
      reason: 'consentRefused',
      origin,
      message: l10n.t('Not sending the {0} key to {1}: not allowed.', label, origin),
      setting,
    };
    const answer = this.memory.get<Answer>(key);
    if (answer === 'allowed') return Promise.resolve(undefined);
    if (answer === 'refused') return Promise.resolve(refused);
    let question = this.pending.get(key);
    if (!question) {
      question = (async () => {
        try {
          // Closing the dialog counts as a refusal: asking again on every auto-refresh would nag.
          const allowed = await this.ask(provider, origin, setting, label);
          await this.memory.update(key, allowed ? 'allowed' : 'refused');
          return allowed ? undefined : refused;
        } finally {
          this.pending.delete(key);
        }
      })();
      this.pending.set(key, question);
    }
    return question;
  }
}
