// Sessions whose text fields carry markup and dangerous URLs. They are always part of the generated
// data, a few minutes before `now`, so they sit near the top of newest-first lists: any UI that renders
// data as HTML or opens non-http(s) URLs trips over them in ordinary use.
import type { AnchorHiddenAttributes, AnchorRecord, BrightDataRecord, BrowserbaseRecord, HyperbrowserRecord, SteelRecord } from './records';
import { isoSeconds } from './time';

const MARKER = 'window.__pwned';

const brightDataFinished = {
  session_id: 'bad0bad0-0000-4000-8000-00000000f1a1',
  status: 'finished',
  target_url: `javascript:${MARKER}=1`,
  end_url: 'file:///etc/passwd',
} as const;

const brightDataFailed = {
  session_id: 'bad0bad0-0000-4000-8000-00000000fa11',
  api_name: 'zone<script>',
  status: 'failed',
  target_url: `https://hostile.example/?q=<img src=x onerror="${MARKER}=1">`,
  error: {
    code: '<b>bold</b>',
    message: `<img src=x onerror="${MARKER}=1"><script>${MARKER}=1</script>`,
  },
} as const;

const anchorCompleted = {
  id: 'sess_hostile000001',
  status: 'completed',
  tags: [`<img src=x onerror=${MARKER}=1>`, 'prod'],
  domains: ['hostile.example', `<svg onload=${MARKER}=1>`],
  api_key_name: `key"><script>${MARKER}=1</script>`,
} as const;

export const HOSTILE = {
  /** Every payload sets this global; a test asserts it never becomes defined. */
  marker: MARKER,
  brightData: { finished: brightDataFinished, failed: brightDataFailed },
  anchor: { completed: anchorCompleted },
  ids: {
    brightData: [brightDataFinished.session_id, brightDataFailed.session_id] as readonly string[],
    anchor: [anchorCompleted.id] as readonly string[],
    browserbase: ['bad0bad0-0000-4000-8000-0000000bb0a1'] as readonly string[],
    steel: ['bad0bad0-0000-4000-8000-00000005e7a1'] as readonly string[],
    hyperbrowser: ['bad0bad0-0000-4000-8000-0000000b7ba1'] as readonly string[],
  },
} as const;

const MINUTE = 60_000;

export function hostileBrightDataRecords(now: number): BrightDataRecord[] {
  const at = (minutesAgo: number): string => isoSeconds(now - minutesAgo * MINUTE);
  return [
    {
      session_id: brightDataFinished.session_id,
      api_name: 'scraping_browser1',
      status: brightDataFinished.status,
      target_url: brightDataFinished.target_url,
      end_url: brightDataFinished.end_url,
      navigations: 2,
      timestamp: at(2),
      duration: 61.5,
      captcha: 'none',
      bandwidth: 48_213,
      error: null,
    },
    {
      session_id: brightDataFailed.session_id,
      api_name: brightDataFailed.api_name,
      status: brightDataFailed.status,
      target_url: brightDataFailed.target_url,
      end_url: null,
      navigations: 1,
      timestamp: at(4),
      duration: 12.25,
      captcha: 'failed',
      bandwidth: 9_876,
      error: { ...brightDataFailed.error },
    },
  ];
}

export function hostileAnchorRecords(now: number): AnchorRecord[] {
  return [
    {
      id: anchorCompleted.id,
      status: anchorCompleted.status,
      tags: [...anchorCompleted.tags],
      headless: true,
      recording: false,
      used_credits: 0.5,
      proxy_bytes: 20_480,
      proxy_type: 'anchor_proxy',
      steps: 3,
      duration: 95,
      created_at: new Date(now - 3 * MINUTE).toISOString(),
      user_configuration: { session: { idle_timeout: 300 } },
      task_initiated: false,
      task_executions_count: 0,
      api_key_name: anchorCompleted.api_key_name,
      browser_ip: '192.0.2.66',
      domains: [...anchorCompleted.domains],
    },
  ];
}

export const HOSTILE_ANCHOR_HIDDEN: AnchorHiddenAttributes = {
  batch_id: null,
  playground: false,
  extra_stealth: false,
  profile_name: `<i>${MARKER}</i>`,
};

const SCRIPT = `<script>${MARKER}=1</script>`;
const IMG = `<img src=x onerror="${MARKER}=1">`;

export function hostileBrowserbaseRecords(now: number): BrowserbaseRecord[] {
  const at = (minutesAgo: number): string => new Date(now - minutesAgo * MINUTE).toISOString();
  return [
    {
      id: HOSTILE.ids.browserbase[0],
      createdAt: at(3),
      updatedAt: at(1),
      projectId: `proj${SCRIPT}`,
      startedAt: at(3),
      endedAt: at(1),
      expiresAt: at(-57),
      status: 'ERROR',
      proxyBytes: 0,
      keepAlive: false,
      region: 'us-west-2',
      contextId: `javascript:${MARKER}=1`,
      userMetadata: { env: IMG, 'clé <b>': { nested: SCRIPT }, url: `javascript:${MARKER}=1` },
    },
  ];
}

export function hostileSteelRecords(now: number): SteelRecord[] {
  const id = HOSTILE.ids.steel[0];
  return [
    {
      id,
      createdAt: new Date(now - 3 * MINUTE).toISOString(),
      status: 'failed',
      duration: 61_500,
      timeout: 300_000,
      eventCount: 3,
      creditsUsed: 1,
      proxyBytesUsed: 20_480,
      proxySource: 'external',
      debugUrl: `javascript:${MARKER}=1`,
      sessionViewerUrl: 'file:///etc/passwd',
      websocketUrl: `wss://connect.steel.dev/?sessionId=${id}&x=${encodeURIComponent(SCRIPT)}`,
      dimensions: { width: 1280, height: 800 },
      optimizeBandwidth: { blockHosts: [IMG] },
      userAgent: `Mozilla/5.0 ${SCRIPT}`,
      region: `iad${IMG}`,
      profileId: `<i>${MARKER}</i>`,
    },
  ];
}

export function hostileHyperbrowserRecords(now: number): HyperbrowserRecord[] {
  const start = now - 3 * MINUTE;
  return [
    {
      id: HOSTILE.ids.hyperbrowser[0],
      teamId: `team${SCRIPT}`,
      status: 'error',
      startTime: String(start),
      endTime: start + 95_000,
      createdAt: new Date(start).toISOString(),
      updatedAt: new Date(start + 95_000).toISOString(),
      sessionUrl: `javascript:${MARKER}=1`,
      launchState: { useStealth: true, profile: { id: IMG, persistChanges: false } },
      creditsUsed: 0.5,
      creditBreakdown: { creditsUsed: 0.5, browserTimeCreditsUsed: 0.5, proxyDataCreditsUsed: null },
    },
  ];
}
