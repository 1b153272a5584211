// The user's word on sending a key to an origin other than the provider's own: asked once per
// provider and origin, remembered in global state (never in settings, which a repository can write).
import { PROVIDER_LABELS, type ProviderId } from '../providers/types';
import type { AccessBlock } from '../store/state';
import { DEFAULT_BASE_URLS } from '../providers';
import { classifyBaseUrl } from './originPolicy';

/** The part of vscode.Memento we use, so the rules are tested with a Map. */
export interface ConsentMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

type Answer = 'allowed' | 'refused';

/** Shows the question; true only when the user chose to allow. */
export type AskConsent = (provider: ProviderId, origin: string, setting: string) => PromiseLike<boolean>;

export function baseUrlSetting(provider: ProviderId): string {
  return `browserSessions.${provider}.baseUrl`;
}

export function consentKey(provider: ProviderId, origin: string): string {
  return `browserSessions.originConsent/${provider}/${origin}`;
}

export class OriginAccess {
  /** One question per provider and origin at a time: refreshes that arrive meanwhile share it. */
  private readonly pending = new Map<string, Promise<AccessBlock | undefined>>();

  constructor(
    private readonly baseUrls: () => Readonly<Record<ProviderId, string>>,
    private readonly memory: ConsentMemory,
    private readonly ask: AskConsent,
  ) {}

  /** undefined when the key may go to the provider's configured origin; else why not. */
  check(provider: ProviderId): Promise<AccessBlock | undefined> {
    const setting = baseUrlSetting(provider);
    const label = PROVIDER_LABELS[provider];
    const verdict = classifyBaseUrl(this.baseUrls()[provider], DEFAULT_BASE_URLS[provider]);
    switch (verdict.kind) {
      case 'default':
      case 'loopback':
        return Promise.resolve(undefined);
      case 'invalid':
        return Promise.resolve({
          reason: 'invalidUrl',
          message: `The ${label} base URL cannot be used: ${verdict.reason}. Fix ${setting}.`,
          setting,
        });
      case 'refusedHttp':
        return Promise.resolve({
          reason: 'insecureHttp',
          origin: verdict.origin,
          message: `Refused to send the ${label} key over plain http to ${verdict.origin}: ${verdict.reason}. Use https in ${setting}.`,
          setting,
        });
      case 'otherHttps':
        return this.consent(provider, verdict.origin, setting);
    }
  }

  /** Forgets a refusal for the provider's current origin, so the next check asks again. */
  async forget(provider: ProviderId): Promise<void> {
    const verdict = classifyBaseUrl(this.baseUrls()[provider], DEFAULT_BASE_URLS[provider]);
    if (verdict.kind === 'otherHttps') await this.memory.update(consentKey(provider, verdict.origin), undefined);
  }

  private consent(provider: ProviderId, origin: string, setting: string): Promise<AccessBlock | undefined> {
    const key = consentKey(provider, origin);
    const refused: AccessBlock = {
      reason: 'consentRefused',
      origin,
      message: `Not sending the ${PROVIDER_LABELS[provider]} key to ${origin}: not allowed.`,
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
          const allowed = await this.ask(provider, origin, setting);
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
