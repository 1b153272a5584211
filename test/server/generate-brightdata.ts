// Realistic Bright Data sessions: the spread of values a real account shows, plus the edges the spec
// allows (null URLs and durations, zero bandwidth) and a few statuses its filter does not list.
import { hostileBrightDataRecords } from './hostile';
import { logUniform, pick, randomInt, uuid, weighted, type Random } from './prng';
import type { BrightDataError, BrightDataRecord } from './records';
import { isoSeconds } from './time';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const ZONES = [
  ['scraping_browser1', 50],
  ['scraping_browser2', 25],
  ['serp_zone', 15],
  ['browser_zone_🚀', 5],
] as const;

const LONG_PATH = `/catalogue/${'категория/'.repeat(12)}item?${'utm_source=newsletter&'.repeat(6)}id=1`;

/** Target URLs with the end URLs a session on them may finish at. */
export const SITES: readonly { target: string; ends: readonly string[] }[] = [
  { target: 'https://www.example.com', ends: ['https://www.example.com/example/sub', 'https://www.example.com/'] },
  { target: 'https://www.another-site.com', ends: ['https://www.another-site.com/examplesubdomain'] },
  { target: 'https://www.amazon.com/s?k=usb+c+cable', ends: ['https://www.amazon.com/dp/B0C1K2L3M4', 'https://www.amazon.com/ap/signin'] },
  { target: 'https://www.linkedin.com/jobs/search?keywords=engineer', ends: ['https://www.linkedin.com/jobs/view/3791234567', 'https://www.linkedin.com/authwall'] },
  { target: 'https://例え.jp/検索', ends: ['https://例え.jp/検索?q=テスト&page=2'] },
  { target: 'https://shop.example.org/products?id=42&ref=email', ends: ['https://shop.example.org/cart', 'https://shop.example.org/checkout/done'] },
  { target: 'https://news.ycombinator.com/', ends: ['https://news.ycombinator.com/item?id=42424242'] },
  { target: 'http://legacy.example.net/index.php', ends: ['http://legacy.example.net/login.php?err=1'] },
  { target: `https://www.example.com${LONG_PATH}`, ends: [`https://www.example.com${LONG_PATH}&step=done`] },
];

export const ERRORS: readonly BrightDataError[] = [
  { code: 'timeout', message: 'Navigation timeout of 30000 ms exceeded' },
  { code: 'navigation_failed', message: 'net::ERR_NAME_NOT_RESOLVED' },
  { code: 'navigation_failed', message: 'Échec de la navigation : la page a renvoyé 403' },
  { code: 'proxy_error', message: 'Proxy responded with 502 Bad Gateway' },
  { code: 'unknown', message: 'Error' },
];

/** running | finished | failed are the spec's; queued and terminated are not, yet may appear. */
export const BRIGHT_DATA_STATUSES = ['running', 'finished', 'failed', 'queued', 'terminated'] as const;
type Status = (typeof BRIGHT_DATA_STATUSES)[number];

const STATUS_WEIGHTS: readonly (readonly [Status, number])[] = [
  ['running', 5],
  ['finished', 78],
  ['failed', 15],
  ['queued', 1],
  ['terminated', 1],
];

export function generateBrightData(count: number, random: Random, now: number): BrightDataRecord[] {
  const records = hostileBrightDataRecords(now).slice(0, count);
  const ids = new Set(records.map((record) => record.session_id));
  for (let slot = 0; records.length < count; slot++) {
    // The first slots take every status once, so even a small data set shows each of them.
    const status = BRIGHT_DATA_STATUSES[slot] ?? weighted(random, STATUS_WEIGHTS);
    const record = brightDataRecord(random, now, status);
    if (ids.has(record.session_id)) continue;
    ids.add(record.session_id);
    records.push(record);
  }
  return records;
}

function brightDataRecord(random: Random, now: number, status: Status): BrightDataRecord {
  const ongoing = status === 'running' || status === 'queued';
  const startedAt = ongoing ? now - 5_000 - random() * (HOUR - 5_000) : now - random() * 40 * DAY;
  const site = pick(random, SITES);
  const hasTarget = status === 'queued' ? random() < 0.5 : status === 'running' ? random() < 0.7 : random() > 0.04;
  const navigations = hasTarget ? navigationsFor(random, status) : 0;
  const hasEnd = hasTarget && navigations > 0 && random() > 0.05;
  return {
    session_id: uuid(random),
    api_name: weighted(random, ZONES),
    status,
    target_url: hasTarget ? site.target : null,
    end_url: hasEnd ? pick(random, site.ends) : null,
    navigations,
    timestamp: isoSeconds(startedAt),
    duration: ongoing ? null : durationFor(random, status, (now - startedAt) / 1000),
    captcha: captchaFor(random, status, navigations),
    bandwidth: navigations === 0 ? 0 : bandwidthFor(random, status),
    error: status === 'failed' ? { ...pick(random, ERRORS) } : null,
  };
}

function navigationsFor(random: Random, status: Status): number {
  if (status === 'queued') return 0;
  if (status === 'failed') return randomInt(random, 0, 5);
  if (status === 'running') return randomInt(random, 0, 12);
  return Math.round(logUniform(random, 1, 80));
}

/** Seconds with millisecond precision, never longer than the time since the session started. */
function durationFor(random: Random, status: Status, elapsedSeconds: number): number {
  const max = status === 'failed' ? 900 : 4 * 3600;
  const seconds = Math.min(logUniform(random, 0.2, max), Math.max(elapsedSeconds - 1, 0.1));
  return Math.round(seconds * 1000) / 1000;
}

function captchaFor(random: Random, status: Status, navigations: number): string {
  if (navigations === 0) return 'none';
  if (status === 'failed') return weighted(random, [['none', 5], ['failed', 4], ['detected', 2], ['solved', 1]]);
  return weighted(random, [['none', 60], ['solved', 28], ['detected', 6], ['failed', 6]]);
}

/** Bytes, log-uniform from about 1 KB to 5 GB. */
function bandwidthFor(random: Random, status: Status): number {
  if (status === 'failed' && random() < 0.2) return 0;
  return Math.round(logUniform(random, 1_000, status === 'running' ? 200_000_000 : 5_000_000_000));
}
