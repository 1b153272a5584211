// Sessions whose text fields carry markup and dangerous URLs. They are always part of the generated
// data, a few minutes before `now`, so they sit near the top of newest-first lists: any UI that renders
// data as HTML or opens non-http(s) URLs trips over them in ordinary use.
import type { AnchorHiddenAttributes, AnchorRecord, BrightDataRecord } from './records';
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
