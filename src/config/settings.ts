import * as vscode from 'vscode';
import type { HttpSettings } from '../providers/http';
import { BASE_URL_SETTINGS, DEFAULT_BASE_URLS, PROVIDER_IDS } from '../providers';
import type { ProviderId } from '../providers/types';

export interface Settings {
  readonly baseUrls: Readonly<Record<ProviderId, string>>;
  readonly pageSize: number;
  readonly autoRefreshSeconds: number;
  /** `browserSessions.statusBar.enabled`: the running count in the status bar. */
  readonly statusBarEnabled: boolean;
  /** `browserSessions.notifyOnFailure`: a notification when a refresh finds newly failed sessions. */
  readonly notifyOnFailure: boolean;
  /** `browserSessions.overview.maxSessionsScanned`: the cap on the overview's listing. */
  readonly maxSessionsScanned: number;
  readonly http: Pick<HttpSettings, 'timeoutMs' | 'proxyUrl' | 'proxyStrictSSL' | 'noProxy'>;
}

const SECTION = 'browserSessions';

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const own = vscode.workspace.getConfiguration(SECTION);
  const http = vscode.workspace.getConfiguration('http');
  const proxyUrl =
    nonEmpty(http.get<string>('proxy')) ??
    nonEmpty(env.HTTPS_PROXY ?? env.https_proxy) ??
    nonEmpty(env.HTTP_PROXY ?? env.http_proxy);
  const noProxy = [nonEmpty(env.NO_PROXY ?? env.no_proxy), ...(http.get<string[]>('noProxy') ?? [])]
    .filter((entry): entry is string => entry !== undefined && entry.trim() !== '')
    .join(',');
  return {
    baseUrls: Object.fromEntries(
      PROVIDER_IDS.map((id) => [id, nonEmpty(own.get<string>(BASE_URL_SETTINGS[id])) ?? DEFAULT_BASE_URLS[id]]),
    ) as Record<ProviderId, string>,
    pageSize: clampInteger(own.get<number>('pageSize'), 1, 100, 50),
    autoRefreshSeconds: clampInteger(own.get<number>('autoRefreshSeconds'), 0, 24 * 3600, 30),
    statusBarEnabled: own.get<boolean>('statusBar.enabled') !== false,
    notifyOnFailure: own.get<boolean>('notifyOnFailure') !== false,
    // Bounded here too: a workspace's setting must not make one click cost a million requests.
    maxSessionsScanned: clampInteger(own.get<number>('overview.maxSessionsScanned'), 1000, 200_000, 20_000),
    http: {
      timeoutMs: clampInteger(own.get<number>('requestTimeoutSeconds'), 1, 600, 30) * 1000,
      ...(proxyUrl ? { proxyUrl } : {}),
      proxyStrictSSL: http.get<boolean>('proxyStrictSSL') ?? true,
      ...(noProxy ? { noProxy } : {}),
    },
  };
}

/** Settings whose change means new clients and a reload. */
export function affectsClients(event: vscode.ConfigurationChangeEvent): boolean {
  return (
    PROVIDER_IDS.some((id) => event.affectsConfiguration(`${SECTION}.${BASE_URL_SETTINGS[id]}`)) ||
    event.affectsConfiguration(`${SECTION}.pageSize`) ||
    event.affectsConfiguration(`${SECTION}.requestTimeoutSeconds`) ||
    event.affectsConfiguration('http.proxy') ||
    event.affectsConfiguration('http.proxyStrictSSL') ||
    event.affectsConfiguration('http.noProxy')
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function clampInteger(value: number | undefined, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** The current settings, re-read when one of ours (or the proxy's) changes. */
export class LiveSettings implements vscode.Disposable {
  private value = readSettings();
  private readonly changed = new vscode.EventEmitter<{ readonly clientsAffected: boolean }>();
  readonly onDidChange = this.changed.event;
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    const clientsAffected = affectsClients(event);
    if (!clientsAffected && !event.affectsConfiguration(SECTION)) return;
    this.value = readSettings();
    this.changed.fire({ clientsAffected });
  });

  get current(): Settings {
    return this.value;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
