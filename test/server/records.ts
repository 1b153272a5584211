// Record shapes exactly as the providers' spec examples show them (key order included, since the
// server serialises them as they are built).

export interface BrightDataError {
  code: string;
  message: string;
}

/** One entry of `sessions` in GET /browser_sessions. */
export interface BrightDataRecord {
  session_id: string;
  api_name: string;
  /** The spec's filter lists running|finished|failed, but other spellings exist in the data. */
  status: string;
  target_url: string | null;
  end_url: string | null;
  navigations: number;
  /** ISO 8601 with "Z" and whole seconds, like the spec example. */
  timestamp: string;
  /** Seconds; null while the session has not ended. */
  duration: number | null;
  captcha: string;
  /** Bytes. */
  bandwidth: number;
  error: BrightDataError | null;
}

/** One entry of `data.sessions` in GET /v1/sessions. */
export interface AnchorRecord {
  id: string;
  status: string;
  tags: string[];
  headless: boolean;
  recording: boolean;
  used_credits: number;
  proxy_bytes: number;
  proxy_type: string | null;
  steps: number;
  /** Whole seconds. */
  duration: number;
  /** ISO 8601 with milliseconds. */
  created_at: string;
  user_configuration: Record<string, unknown>;
  task_initiated: boolean;
  task_executions_count: number;
  api_key_name: string;
  browser_ip: string;
  domains: string[];
}

/**
 * Attributes the Anchor spec lets clients filter on but never shows in a response record. The server
 * keeps them beside each record and never serialises them, so no client can come to rely on them.
 */
export interface AnchorHiddenAttributes {
  batch_id: string | null;
  playground: boolean;
  extra_stealth: boolean;
  profile_name: string | null;
}

/** One element of the bare array GET /v1/sessions returns (Browserbase). Optional fields are absent, not null. */
export interface BrowserbaseRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  projectId: string;
  startedAt: string;
  /** Absent while the session has not ended. */
  endedAt?: string;
  expiresAt: string;
  /** PENDING | RUNNING | ERROR | TIMED_OUT | COMPLETED */
  status: string;
  proxyBytes: number;
  keepAlive: boolean;
  region: string;
  contextId?: string;
  userMetadata?: Record<string, unknown>;
  /** Older docs only; units never stated. */
  avgCpuUsage?: number;
  memoryUsage?: number;
}

/** One entry of `sessions` in Steel's GET /v1/sessions. Durations in milliseconds. */
export interface SteelRecord {
  id: string;
  createdAt: string;
  /** live | released | failed */
  status: string;
  duration: number;
  timeout: number;
  eventCount: number;
  creditsUsed: number;
  proxyBytesUsed: number;
  proxySource: 'steel' | 'external' | null;
  debugUrl: string;
  sessionViewerUrl: string;
  websocketUrl: string;
  dimensions: { width: number; height: number };
  optimizeBandwidth: Record<string, unknown>;
  userAgent?: string;
  region?: string;
  headless?: boolean;
  isSelenium?: boolean;
  solveCaptcha?: boolean;
  profileId?: string;
  persistProfile?: boolean;
  projectId?: string;
}

/** One entry of `sessions` in Hyperbrowser's GET /api/sessions. */
export interface HyperbrowserRecord {
  id: string;
  teamId: string;
  /** active | closed | error (docs) | close-error (SDKs) */
  status: string;
  /** Epoch ms: a number (SDKs) or a numeric string (docs); null while unknown. */
  startTime: number | string | null;
  endTime: number | string | null;
  createdAt: string;
  updatedAt: string;
  sessionUrl: string;
  launchState: Record<string, unknown> | null;
  creditsUsed: number | null;
  creditBreakdown: { creditsUsed: number | null; browserTimeCreditsUsed: number | null; proxyDataCreditsUsed: number | null };
}

/** What addSession accepts for Anchor: record fields and, optionally, the hidden attributes. */
export type AnchorSessionInput = Partial<AnchorRecord> & Partial<AnchorHiddenAttributes>;

/** The record type each provider's list holds. */
export interface RecordOf {
  brightData: BrightDataRecord;
  anchor: AnchorRecord;
  browserbase: BrowserbaseRecord;
  steel: SteelRecord;
  hyperbrowser: HyperbrowserRecord;
}

/** What addSession accepts per provider: fields of its record (unknown fields are dropped). */
export interface SessionInputOf {
  brightData: Partial<BrightDataRecord>;
  anchor: AnchorSessionInput;
  browserbase: Partial<BrowserbaseRecord>;
  steel: Partial<SteelRecord>;
  hyperbrowser: Partial<HyperbrowserRecord>;
}
