// Writing answers (whole, broken or not at all) and reading small JSON request bodies.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function errorAnswer(status: number, message: string, headers?: Record<string, string>): Answer {
  // Neither spec documents an error body; {"error": "..."} is the brief's choice for both providers.
  return headers ? { status, body: { error: message }, headers } : { status, body: { error: message } };
}

/** An answer serialised ahead of its sending time, so that only the write is left when it is due. */
export interface SerialisedAnswer {
  readonly status: number;
  readonly bytes: Buffer;
  readonly headers?: Record<string, string>;
}

export function serialiseAnswer(answer: Answer): SerialisedAnswer {
  return { status: answer.status, bytes: Buffer.from(JSON.stringify(answer.body), 'utf8'), headers: answer.headers };
}

export function sendAnswer(res: ServerResponse, answer: Answer | SerialisedAnswer): void {
  const { status, bytes, headers } = 'bytes' in answer ? answer : serialiseAnswer(answer);
  sendBytes(res, status, bytes, headers);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  sendBytes(res, status, Buffer.from(text, 'utf8'), headers);
}

function sendBytes(res: ServerResponse, status: number, body: Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': body.length, ...headers });
  res.end(body);
}

/** Announces the full length, sends half, then drops the connection. */
export function sendTruncated(res: ServerResponse, answer: Answer): void {
  const body = Buffer.from(JSON.stringify(answer.body), 'utf8');
  res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': body.length, ...answer.headers });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

export class BodyTooLarge extends Error {}

export async function readJsonBody(req: IncomingMessage, maxBytes = 1_000_000): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new BodyTooLarge(`Request body over ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
}
