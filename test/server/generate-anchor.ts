// Realistic Anchor sessions, and the filterable attributes the spec never shows in a record.
import { HOSTILE, HOSTILE_ANCHOR_HIDDEN, hostileAnchorRecords } from './hostile';
import { hashString, hex, logUniform, mulberry32, pick, randomInt, sample, weighted, type Random } from './prng';
import type { AnchorHiddenAttributes, AnchorRecord } from './records';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const TAGS = ['production', 'scraping', 'staging', 'nightly', 'données-été', 'checkout', '🚀launch', 'e2e'];
/** One mixed-case entry, because the domains filter is case-insensitive. */
const DOMAINS = ['example.com', 'amazon.com', 'linkedin.com', '例え.jp', 'shop.example.org', 'news.ycombinator.com', 'Docs.Example.org'];
const KEY_NAMES = ['automation-key', 'ci-runner', 'personal', 'clé-équipe', 'staging 🔑'];
const IP_PREFIXES = ['192.0.2.', '198.51.100.', '203.0.113.'];
const BATCHES = ['batch_nightly_01', 'batch_nightly_02', 'batch_backfill', 'batch_ünï_03'];
const PROFILES = ['default', 'Checkout Flow', 'shopper-eu', 'Profil Größe 🧪', 'LinkedIn Recruiter'];

/** running | completed | failed as in the spec example; idle and terminated are spellings it does not show. */
export const ANCHOR_STATUSES = ['running', 'completed', 'failed', 'idle', 'terminated'] as const;
type Status = (typeof ANCHOR_STATUSES)[number];

/**
 * The statuses the first slots take: each once, and idle twice more, so that even the smallest
 * default data shows a free-text status with a count above one (issue 8: "Idle 3").
 */
const FIRST_SLOTS: readonly Status[] = [...ANCHOR_STATUSES, 'idle', 'idle'];

const STATUS_WEIGHTS: readonly (readonly [Status, number])[] = [
  ['running', 5],
  ['completed', 78],
  ['failed', 15],
  ['idle', 1],
  ['terminated', 1],
];

export function generateAnchor(count: number, random: Random, now: number): AnchorRecord[] {
  const records = hostileAnchorRecords(now).slice(0, count);
  const ids = new Set(records.map((record) => record.id));
  for (let slot = 0; records.length < count; slot++) {
    const status = FIRST_SLOTS[slot] ?? weighted(random, STATUS_WEIGHTS);
    const record = anchorRecord(random, now, status);
    if (ids.has(record.id)) continue;
    ids.add(record.id);
    records.push(record);
  }
  return records;
}

function anchorRecord(random: Random, now: number, status: Status): AnchorRecord {
  const ongoing = status === 'running' || status === 'idle';
  const createdAt = Math.floor(ongoing ? now - 5_000 - random() * (HOUR - 5_000) : now - random() * 40 * DAY);
  const elapsedSeconds = Math.floor((now - createdAt) / 1000);
  const steps = status === 'failed' ? randomInt(random, 0, 20) : Math.round(logUniform(random, 1, 400)) - 1;
  const proxyType = weighted(random, [[null, 30], ['anchor_proxy', 50], ['custom', 20]] as const);
  const taskInitiated = random() < 0.35;
  return {
    id: `sess_${hex(random, 20)}`,
    status,
    tags: sample(random, TAGS, randomInt(random, 0, 3)),
    headless: random() < 0.7,
    recording: random() < 0.4,
    used_credits: Math.round(logUniform(random, 0.1, ongoing ? 20 : 250) * 10) / 10,
    proxy_bytes: proxyType === null || steps === 0 ? 0 : Math.round(logUniform(random, 1_000, 3_000_000_000)),
    proxy_type: proxyType,
    steps,
    duration: ongoing ? elapsedSeconds : Math.min(Math.round(logUniform(random, 1, 3 * 3600)), elapsedSeconds),
    created_at: new Date(createdAt).toISOString(),
    user_configuration: userConfiguration(random),
    task_initiated: taskInitiated,
    task_executions_count: taskInitiated ? randomInt(random, 1, 12) : 0,
    api_key_name: pick(random, KEY_NAMES),
    browser_ip: pick(random, IP_PREFIXES) + randomInt(random, 1, 254),
    domains: steps === 0 ? [] : sample(random, DOMAINS, randomInt(random, 1, 3)),
  };
}

function userConfiguration(random: Random): Record<string, unknown> {
  const roll = random();
  if (roll < 0.2) return {};
  const session = { idle_timeout: pick(random, [60, 300, 600, 1800]) };
  if (roll < 0.85) return { session };
  return { session, browser: { viewport: { width: 1440, height: 900 } } };
}

/**
 * The attributes behind the batch_id, playground, extra_stealth and profile_name filters. They are a
 * pure function of the id and seed, so records added at run time get some too.
 */
export function anchorHiddenAttributes(record: AnchorRecord, seed: number): AnchorHiddenAttributes {
  if (HOSTILE.ids.anchor.includes(record.id)) return { ...HOSTILE_ANCHOR_HIDDEN };
  const random = mulberry32(hashString(record.id) ^ seed);
  return {
    batch_id: record.task_initiated && random() < 0.6 ? pick(random, BATCHES) : null,
    playground: !record.task_initiated && random() < 0.15,
    extra_stealth: random() < 0.25,
    profile_name: random() < 0.55 ? null : pick(random, PROFILES),
  };
}
