// Issue 9: the "other origin" behind the recording links (Anchor's 302, Browserbase's downloadUrl,
// Hyperbrowser's recordingUrl). A second listener on 127.0.0.1 with its own port, so a client that
// forwards the API key across origins is caught: any key header is answered 401 and counted.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashString, mulberry32 } from './prng';

/** Every header a provider's key travels in (see each provider module's `keyHeader`), plus Bearer. */
const KEY_HEADERS = ['authorization', 'anchor-api-key', 'x-bb-api-key', 'steel-api-key', 'x-api-key'] as const;

/** Signed links of the real hosts live minutes to hours; a minute is enough to show "fetched afresh". */
const DEFAULT_LINK_TTL_MS = 60_000;

export interface FileRequest {
  readonly path: string;
  /** Names of the key headers the request carried (never their values). */
  readonly keyHeaders: readonly string[];
  readonly status: number;
}

interface Link {
  readonly bytes: Buffer;
  readonly expiresAt: number;
}

/** Deterministic content, the same for the same name: a test can compare what it saved byte by byte. */
export function recordingBytes(name: string, size: number): Buffer {
  const random = mulberry32(hashString(name));
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

export class FileHost {
  readonly requests: FileRequest[] = [];
  /** Off: answers are chunked, without Content-Length, so a client must count what arrives. */
  sendLength = true;
  ttlMs = DEFAULT_LINK_TTL_MS;
  private readonly links = new Map<string, Link>();
  private counter = 0;
  private origin = '';

  private constructor(
    private readonly http: Server,
    private readonly now: () => number,
  ) {}

  static async start(now: () => number = Date.now): Promise<FileHost> {
    const http = createServer();
    const host = new FileHost(http, now);
    http.on('request', (req, res) => host.handle(req, res));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    host.origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    return host;
  }

  get url(): string {
    return this.origin;
  }

  /** How many requests arrived carrying an API key header: a correct client never sends one here. */
  get keyReceived(): number {
    return this.requests.filter((request) => request.keyHeaders.length > 0).length;
  }

  /** A fresh, time-limited link to `bytes`; each call mints a new token, as a pre-signed URL would. */
  link(name: string, bytes: Buffer): string {
    const token = `t${++this.counter}-${hashString(`${name}#${this.counter}`).toString(16)}`;
    this.links.set(token, { bytes, expiresAt: this.now() + this.ttlMs });
    return `${this.origin}/files/${token}/${encodeURIComponent(name)}?expires=${this.now() + this.ttlMs}`;
  }

  /** Makes every link minted so far expire, as if time had passed. */
  expireAll(): void {
    for (const [token, link] of this.links) this.links.set(token, { ...link, expiresAt: 0 });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://files.invalid');
    const keyHeaders = KEY_HEADERS.filter((name) => req.headers[name] !== undefined);
    const answer = (status: number, message: string): void => {
      this.requests.push({ path: url.pathname, keyHeaders, status });
      const body = Buffer.from(JSON.stringify({ error: message }));
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body);
    };
    if (keyHeaders.length > 0) return answer(401, 'This host takes signed links only; an API key must never be sent here');
    if (req.method !== 'GET') return answer(405, 'GET only');
    const token = /^\/files\/([^/]+)\//.exec(url.pathname)?.[1];
    const link = token === undefined ? undefined : this.links.get(token);
    if (!link) return answer(404, 'No such file');
    if (link.expiresAt <= this.now()) return answer(403, 'Request has expired');
    this.requests.push({ path: url.pathname, keyHeaders, status: 200 });
    const headers: Record<string, string | number> = { 'Content-Type': 'application/octet-stream' };
    if (this.sendLength) headers['Content-Length'] = link.bytes.length;
    res.writeHead(200, headers);
    res.end(link.bytes);
  }
}
